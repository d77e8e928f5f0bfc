"""The trainer's tools on bad input: they never write their inputs, never print control characters from data,
stop on Ctrl-C and end of input with one line, name what they could not read, and count what they checked."""

import csv
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course_lib import cli
from course_lib.cli import main
from course_lib.record import store
from course_lib.record.export import read_csv_export, read_csv_rows, read_events
from course_lib.reports.demo_class import synthetic_classroom
from course_lib.roleplays.engine import RolePlay
from course_lib.roleplays.terminal import play_in_terminal
from course_lib.terminal_text import printable

ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\r\x08\x00"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_clean(out: str, err: str):
    """No traceback, and no control character but tab and newline, in what a command printed."""
    assert "Traceback" not in out + err
    assert printable(out + err) == out + err, repr((out + err)[:300])


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture()
def classroom(tmp_path):
    path = synthetic_classroom(tmp_path / "class.sqlite", learners=3)
    store.close_record()
    return path


def exported(classroom: Path, target: Path) -> list[list[str]]:
    frame = store.events(everyone=True, path=classroom)
    frame["response"] = frame["response"].map(store.to_json)
    store.close_record()
    frame.to_csv(target, index=False)
    with target.open(newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


# --- course report never writes its inputs ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"hello, not a record", b"SQLite format 3\x00" + b"\x00" * 100])
def test_report_leaves_an_unusable_sqlite_file_and_its_folder_untouched(tmp_path, capsys, content):
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "class.sqlite"
    path.write_bytes(content)
    os.utime(path, ns=(10**18, 10**18))
    before = snapshot(folder)
    status, out, err = run(capsys, "report", str(path))
    assert status == 2 and snapshot(folder) == before
    assert len(err.splitlines()) == 1 and f"course report: {path}: " in err
    assert_clean(out, err)


def test_report_leaves_a_foreign_sqlite_database_untouched(tmp_path, capsys):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = snapshot(tmp_path)
    status, _, err = run(capsys, "report", str(path))
    assert status == 2 and "is some other SQLite database" in err and snapshot(tmp_path) == before


def test_report_reads_a_record_without_changing_a_byte_and_counts_what_it_read(classroom, capsys):
    folder = classroom.parent
    expected = len(store.events(everyone=True, path=classroom))
    store.close_record()
    os.utime(classroom, ns=(10**18, 10**18))
    before = snapshot(folder)
    status, out, err = run(capsys, "report", str(classroom))
    assert status == 0 and snapshot(folder) == before  # no -wal or -shm file left beside it either
    assert out.splitlines()[0] == f"read 1 file(s): {expected} event(s)"
    assert_clean(out, err)


def test_a_record_in_use_is_read_with_what_its_writer_committed(classroom):
    conn = store.open_record(classroom)  # a learner's kernel holds it open: -wal and -shm exist
    store.write_events([{"event_id": "extra-1", "timestamp": "2026-02-01T09:00:00+00:00", "learner": "Owl",
                         "activity": "quiz:extra", "verb": "completed"}], path=classroom)
    try:
        read = read_events([classroom])
        assert "quiz:extra" in set(read.events["activity"]) and read.files == 1
    finally:
        assert conn is not None
        store.close_record()


# --- CSV exports with bad values ---------------------------------------------------------------------------------


def test_an_empty_csv_is_refused_in_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    status, out, err = run(capsys, "report", str(empty))
    assert status == 2 and err.count("\n") == 1 and f"{empty}: the file is empty" in err
    assert_clean(out, err)


def test_a_csv_missing_columns_is_refused_naming_them(tmp_path, capsys):
    other = write_rows(tmp_path / "other.csv", [["event_id", "score"], ["e1", "50"]])
    status, _, err = run(capsys, "report", str(other))
    assert status == 2 and "missing columns: timestamp, learner, activity" in err


def test_hand_edited_rows_are_skipped_counted_and_named_by_column_and_line(classroom, tmp_path, capsys):
    rows = exported(classroom, tmp_path / "good.csv")
    header = rows[0]
    col = {name: header.index(name) for name in header}
    chose = [n for n, row in enumerate(rows) if row[col["verb"]] == "chose"][:2]
    for n in chose:
        rows[n][col["response"]] = '{"choice": "two", "node": "opening", "text": "x"}'
    scored = [n for n, row in enumerate(rows) if n and row[col["score"]]][:3]
    for n in scored:
        rows[n][col["score"]] = "abc"
    bad = write_rows(tmp_path / "bad.csv", rows)
    status, out, err = run(capsys, "report", str(bad))
    assert status == 0
    lines = err.splitlines()
    # csv line numbers: the header is line 1, list index n is line n + 1
    assert f"{bad}: column 'score' is not a number from 0 to 100 on line(s) " \
           f"{', '.join(str(n + 1) for n in scored)}" in lines[0] + lines[1]
    assert any(f"column 'response' holds a role-play decision without a whole-number 'choice' on line(s) "
               f"{chose[0] + 1}, {chose[1] + 1}" in line for line in lines)
    total = len(rows) - 1
    assert out.splitlines()[0] == f"read 1 file(s): {total - 5} event(s); skipped 5 row(s) that could not be read " \
                                  "(named below)"
    assert_clean(out, err)
    with pytest.raises(store.RecordError, match=r"column '(score|response)' .* \(and 1 more problem\(s\)\)"):
        read_csv_export(bad)  # the strict reader refuses the same file, naming the first problem


@pytest.mark.parametrize(("column", "value", "why"), [
    ("score", "150", "not a number from 0 to 100"), ("score", "inf", "not a number from 0 to 100"),
    ("success", "maybe", "not True, False or empty"), ("verb", "deleted", "not one of the verbs"),
    ("timestamp", "yesterday", "not a date and time"), ("response", "{not json", "not JSON text"),
    ("event_id", "", "is empty"), ("activity", "Quiz X", "not an activity id"),
])
def test_each_kind_of_bad_value_is_named(classroom, tmp_path, column, value, why):
    rows = exported(classroom, tmp_path / "good.csv")
    rows[2][rows[0].index(column)] = value
    read = read_csv_rows(write_rows(tmp_path / "bad.csv", rows))
    assert read.skipped == 1 and len(read.events) == len(rows) - 2
    assert read.notes == (f"{tmp_path / 'bad.csv'}: column '{column}' {read.notes[0].split(f'{column}', 1)[1][2:]}",)
    assert why in read.notes[0] and read.notes[0].endswith("on line(s) 3")


def test_control_characters_from_a_csv_never_reach_the_terminal(classroom, tmp_path, capsys):
    rows = exported(classroom, tmp_path / "good.csv")
    col = rows[0].index("response")
    for row in rows[1:]:
        if row[rows[0].index("verb")] == "responded" or row[rows[0].index("activity")].startswith("plan"):
            row[col] = row[col].replace('"', f'"{ESCAPES}', 1) if row[col].startswith("{") else row[col]
    rows[1][rows[0].index("activity")] = f"roleplay:sofa{ESCAPES}"  # also an unreadable row, named in the notes
    status, out, err = run(capsys, "report", str(write_rows(tmp_path / "hostile.csv", rows)))
    assert status == 0 and "\x1b" not in out + err and "\r" not in out + err
    assert_clean(out, err)


def test_printable_keeps_text_and_layout_and_replaces_every_control_character():
    assert printable("Ana\tBo\nCy – é ✓") == "Ana\tBo\nCy – é ✓"
    for code in [*range(0x00, 0x09), *range(0x0B, 0x1B), *range(0x1C, 0x20), *range(0x7F, 0xA0)]:  # ESC: above
        assert printable(f"a{chr(code)}b") == "a\ufffdb", hex(code)


# --- course play stops cleanly -----------------------------------------------------------------------------------


def _raise(error):
    def read(prompt):
        raise error
    return read


def test_ctrl_c_in_the_terminal_player_stops_with_one_line_and_130():
    lines = []
    assert play_in_terminal(RolePlay("sofa_delivery"), read=_raise(KeyboardInterrupt()), write=lines.append) == 130
    assert lines[-1] == "Stopped."


def test_end_of_input_in_the_terminal_player_stops_with_one_line_and_0():
    lines = []
    assert play_in_terminal(RolePlay("sofa_delivery"), read=_raise(EOFError()), write=lines.append) == 0
    assert lines[-1] == "Stopped."


def test_sigint_to_course_play_exits_130_without_a_traceback():
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "course_lib.cli", "play", "sofa_delivery"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    seen, deadline = b"", time.monotonic() + 60
    while b"Your choice" not in seen and time.monotonic() < deadline:  # wait until it waits for an answer
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            seen += os.read(proc.stdout.fileno(), 65536)
    assert b"Your choice" in seen
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert (seen + out).decode().rstrip().endswith("Stopped.") and b"Traceback" not in err


# --- every command: one line, never a traceback ------------------------------------------------------------------


def test_an_unexpected_fault_is_one_line_naming_the_command_and_exits_70(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(cli, "_coach", broken)
    status, out, err = run(capsys, "coach", "hello")
    assert status == 70 and out == ""
    assert err == ("course coach: the course failed with ZeroDivisionError: division by zero (please report this, "
                   "with the command you ran)\n")


def test_ctrl_c_in_any_command_exits_130_with_one_line(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_check", interrupted)
    assert run(capsys, "check") == (130, "", "Stopped.\n")


@pytest.fixture()
def hostile_files(tmp_path):
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01\xff\xfe binary")
    (tmp_path / "escape.yaml").write_bytes(b'id: "\x1b[31mred"\nkind: scenario\n')
    (tmp_path / "latin1.csv").write_bytes("event_id,learner\n1,Jos\xe9\n".encode("latin-1"))
    (tmp_path / "nul.csv").write_bytes(b"event_id,\x00\x00\n\x00")
    (tmp_path / "xlsx.csv").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "folder").mkdir()
    return tmp_path


HOSTILE_COMMANDS = [
    ["report", "{t}/missing.csv"], ["report", "{t}/folder"], ["report", "{t}/binary.yaml"], ["report", "{t}/nul.csv"],
    ["report", "{t}/latin1.csv"], ["report", "{t}/xlsx.csv"], ["report", "--top", "-1", "{t}/nul.csv"],
    ["play", "{t}/missing.yaml"], ["play", "{t}/binary.yaml"], ["play", "{t}/escape.yaml"], ["play", "{t}/folder"],
    ["play", f"no_such{ESCAPES}"],
    ["coach", f"I am sorry{ESCAPES}"], ["coach", ""], ["coach", "x" * 20000, "--message", ESCAPES],
    ["check", "{t}/missing.yaml"], ["check", "{t}/binary.yaml"], ["check", "{t}/escape.yaml"], ["check", "{t}/folder"],
    ["nav", "{t}/missing"], ["nav", "{t}/binary.yaml"], ["nav", "{t}/folder"],
]


@pytest.mark.parametrize("argv", HOSTILE_COMMANDS, ids=lambda argv: " ".join(argv)[:40].replace("{t}/", ""))
def test_hostile_input_gets_clear_lines_never_a_traceback(hostile_files, capsys, argv):
    argv = [part.replace("{t}", str(hostile_files)) for part in argv]
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse: a usage line and one error line
        status = stop.code
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), (status, err)
    assert_clean(out, err)
    if status == 2:
        assert len(err.splitlines()) <= 2 and err.strip()


# --- course check counts what it checked ---------------------------------------------------------------------------


def test_check_counts_every_file_in_a_folder_of_500(tmp_path, capsys):
    for number in range(500):
        (tmp_path / f"note_{number:03}.yaml").write_text(f"kind: checkin\nquestion: Question {number}?\n")
    status, out, _ = run(capsys, "check", str(tmp_path))
    assert "checked 500 file(s)" in out.splitlines()[-1], out.splitlines()[-1]
    assert status in (0, 1)
