"""The trainer's command line: ``course check``, ``course play``, ``course coach``, ``course report``,
``course nav``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course_lib import __version__
from course_lib.errors import CourseError
from course_lib.terminal_text import printable


def say(text: object = "", *, error: bool = False) -> None:
    """Print one piece of text from data (a report, a problem, a path, a scenario line), control characters
    replaced: every command prints through here, so a hostile file cannot drive the trainer's terminal."""
    print(printable(text), file=sys.stderr if error else sys.stdout)


def _check(args: argparse.Namespace) -> int:
    from course_lib.contentfile.check import check_paths

    result = check_paths(args.paths or None)
    for problem in result.problems:
        say(problem)
    if result.unrecognised:
        say(f"did not recognise {len(result.unrecognised)} YAML file(s) as course content (add a 'kind:' line "
            "to check one; see course_lib/content/README.md):")
        for path in result.unrecognised:
            say(f"  {path}")
    say(f"checked {len(result.checked)} file(s): {result.errors} error(s), {result.warnings} warning(s)")
    return 1 if result.errors else 0


def _play(args: argparse.Namespace) -> int:
    from course_lib.roleplays.engine import RolePlay
    from course_lib.roleplays.terminal import play_in_terminal

    play = RolePlay(args.scenario)  # a CourseError (no such scenario, a broken file) is one line, exit 2: main()
    return play_in_terminal(play, read=lambda prompt: input(printable(prompt)), write=say)


def _nav(args: argparse.Namespace) -> int:
    from course_lib.authoring import rebuild_navigation

    folder = Path(args.folder)
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:  # a mistyped folder is not "up to date"
        raise CourseError(f"{folder}: no notebooks there (give the course's notebooks folder)")
    changed = rebuild_navigation(folder)
    for path in changed:
        say(f"updated {path}")
    say(f"navigation up to date ({len(changed)} notebook(s) changed, {len(notebooks)} checked)")
    return 0


def _coach(args: argparse.Namespace) -> int:
    from course_lib.coaching.reply import coach

    say(coach(args.reply, args.message))
    return 0


def _report(args: argparse.Namespace) -> int:
    """The class debrief as text. Inputs are only read (a record is opened read-only); a file that cannot be read
    at all stops the report in one line (exit 2), rows of a CSV export with bad values are skipped and named."""
    from course_lib.record.export import read_events
    from course_lib.reports.debrief import class_summary, report_text

    read = read_events(args.records)
    # The count comes first, so the trainer sees at once whether the report covers what they meant to give it.
    skipped = f"; skipped {read.skipped} row(s) that could not be read (named below)" if read.skipped else ""
    say(f"read {read.files} file(s): {len(read.events)} event(s){skipped}")
    for note in read.notes:
        say(f"course report: skipped rows: {note}", error=True)
    say(report_text(class_summary(read.events), top=args.top))
    return 0


def whole_number(text: str) -> int:
    """A whole number of 0 or more (argparse turns the ValueError into one usage line)."""
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="course", description="Tools for trainers who adapt the course.")
    parser.add_argument("--version", action="version", version=f"course_lib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check content files (YAML) and report every problem")
    check.add_argument("paths", nargs="*", help="files or folders to check (default: all shipped content)")
    check.set_defaults(run=_check)

    play = commands.add_parser("play", help="play a role-play scenario in the terminal (choices are read from input)")
    play.add_argument("scenario", help="a shipped scenario id such as sofa_delivery, or the path of a .yaml file")
    play.set_defaults(run=_play)

    nav = commands.add_parser("nav", help="rebuild the navigation and module map of the notebooks")
    nav.add_argument("folder", nargs="?", default="notebooks", help="the notebooks folder (default: notebooks)")
    nav.set_defaults(run=_nav)

    try_reply = commands.add_parser("coach", help="try the reply coach on a reply (to test phrases.yaml rules)")
    try_reply.add_argument("reply", help="the reply to check, in quotes")
    try_reply.add_argument("--message", help="the customer's message it answers (to look for a paraphrase)")
    try_reply.set_defaults(run=_coach)

    report = commands.add_parser("report", help="summarise a classroom record for the class debrief (no names)")
    report.add_argument("records", nargs="+", metavar="RECORD",
                        help="a classroom record (.sqlite) or CSV files learners exported")
    report.add_argument("--top", type=whole_number, default=5, help="how many quiz items and coach findings to list")
    report.set_defaults(run=_report)
    return parser


#: Exit codes: 2 for bad input (as argparse uses for a bad command line), 130 for Ctrl-C (128 + SIGINT), 70 for a
#: fault in the course itself (EX_SOFTWARE).
BAD_INPUT, INTERRUPTED, INTERNAL_ERROR = 2, 130, 70


def main(argv: list[str] | None = None) -> int:
    """Run one command. Whatever the input, the trainer sees one clear line, never a traceback: the course's own
    error (what is wrong and what to do) exits 2, Ctrl-C exits 130, and a fault in the course exits 70 and asks to
    be reported."""
    command = "course"
    try:
        args = build_parser().parse_args(argv)
        command = f"course {args.command}"
        return args.run(args)
    except CourseError as err:
        say(f"{command}: {err}", error=True)
        return BAD_INPUT
    except KeyboardInterrupt:
        say("Stopped.", error=True)
        return INTERRUPTED
    except BrokenPipeError:  # the reader went away (``course report ... | head``): nothing left to tell anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - the last guard: one line instead of a traceback
        say(f"{command}: the course failed with {type(err).__name__}: {' '.join(str(err).split())[:200]} "
            "(please report this, with the command you ran)", error=True)
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
