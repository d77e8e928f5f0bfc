"""Bring your own data: read a team's own CSV or Excel export into the course's contacts or surveys schema.

A phone system or survey tool rarely uses the course's column names. ``load_contacts`` reads the file, renames
its columns onto the schema (``columns={"Call Id": "contact_id", ...}``; common names are recognised without
help), converts units (``"00:02:23"`` or Excel time cells to seconds, ``"Y"``/``"N"`` to True/False, a separate
date and time to one ``arrived_at``), checks the result like the course's own data, and reports what it mapped,
what it converted and what it could not map. Every KPI function then works on the result.

The work is split so each part stays small: ``export_file`` finds what the file really is (its kind, text encoding
and separator) and reads its rows in blocks; ``export_values`` converts durations, times of day, flags and dates;
``export_convert`` applies those to each block; this module matches the columns, runs the whole-file checks (rows
loaded twice, dates after today) and writes the load report.

>>> import io
>>> export = io.StringIO("Call Id,Agent,Date,Time,Answered (Y/N),Speed of answer in seconds,AvgTalkDuration\\n"
...                      "ID1,Diane,2021-01-01,09:12:58,Y,109,00:02:23\\n"
...                      "ID2,Becky,2021-01-01,09:13:30,N,,\\n")
>>> contacts = load_contacts(export, show_report=False)
>>> contacts[["contact_id", "agent", "arrived_at", "answered", "wait_seconds", "talk_seconds"]]
  contact_id  agent          arrived_at  answered  wait_seconds  talk_seconds
0        ID1  Diane 2021-01-01 09:12:58      True         109.0         143.0
1        ID2  Becky 2021-01-01 09:13:30     False           NaN           NaN
>>> print(contacts.attrs["load_report"])  # doctest: +NORMALIZE_WHITESPACE
Read 2 rows from the export.
Columns separated by commas.
Mapped: 'Call Id' -> contact_id, 'Date' + 'Time' -> arrived_at, 'Agent' -> agent, 'Answered (Y/N)' -> answered,
'Speed of answer in seconds' -> wait_seconds, 'AvgTalkDuration' -> talk_seconds
Converted: combined 'Date' and 'Time' into arrived_at; answered from Y/N to True/False; talk_seconds from h:mm:ss
to seconds
Not found (KPIs that need them will say so): customer_id, channel, topic, hold_seconds, acw_seconds, resolved
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from course_lib.data import checks, export_convert, export_file, export_values
from course_lib.errors import DataError

CONTACT_COLUMNS = list(checks.SCHEMA["contacts"])
SURVEY_COLUMNS = list(checks.SCHEMA["surveys"])
DURATIONS = export_convert.DURATIONS
FLAGS = export_convert.FLAGS

# Names other tools use for the schema's columns, compared after lower-casing and dropping spaces and punctuation.
SYNONYMS = {
    "contact_id": ["contactid", "callid", "ticketid", "interactionid", "id", "caseid"],
    "customer_id": ["customerid", "customer", "callerid", "clientid", "accountid", "customernumber"],
    "arrived_at": ["arrivedat", "datetime", "timestamp", "starttime", "calltime", "created", "createdat",
                   "arrivaltime", "received"],
    "date": ["date", "calldate", "day"],
    "time": ["time", "calltime", "hour"],
    "ended_at": ["endedat", "ended", "endtime", "end", "enddatetime", "callend", "endtimestamp", "finishedat",
                 "closedat"],
    "channel": ["channel", "medium", "ticketchannel", "media"],
    "topic": ["topic", "category", "reason", "subject", "calltopic", "queue", "skill"],
    "agent": ["agent", "agentname", "server", "rep", "representative", "handledby", "employee", "advisor"],
    "answered": ["answered", "answeredyn", "isanswered", "served"],
    "wait_seconds": ["waitseconds", "wait", "waittime", "speedofanswerinseconds", "speedofanswer", "queuetime",
                     "qtime", "timetoanswer", "asa"],
    "talk_seconds": ["talkseconds", "talk", "talktime", "talkduration", "avgtalkduration", "sertime",
                     "servicetime", "callduration"],
    "hold_seconds": ["holdseconds", "hold", "holdtime", "holdduration"],
    "acw_seconds": ["acwseconds", "acw", "aftercallwork", "wrap", "wrapup", "wrapuptime", "aftercontactwork"],
    "resolved": ["resolved", "isresolved", "resolvedyn", "solved", "fcr"],
    "csat": ["csat", "satisfaction", "satisfactionrating", "customersatisfactionrating", "csatscore", "rating"],
    "nps": ["nps", "recommend", "likelihoodtorecommend", "ltr", "npsscore"],
    "ces": ["ces", "effort", "customereffortscore", "easescore"],
    "comment": ["comment", "comments", "feedback", "verbatim", "freetext", "remarks"],
}
def _norm(name: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


@dataclass
class LoadReport:
    """What ``load_contacts``/``load_surveys`` did: mapped columns, conversions, what it could not map."""

    source: str
    rows: int
    mapped: list[tuple[str, str]] = field(default_factory=list)  # (file column(s), schema column)
    converted: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)  # schema columns the file lacks
    unused: list[str] = field(default_factory=list)  # file columns nothing was mapped from
    notes: list[str] = field(default_factory=list)
    file_columns: dict[str, str] = field(default_factory=dict, repr=False)  # schema column -> file column
    encoding: str | None = None  # None: the export was passed as text already
    sep: str | None = None  # None: an Excel workbook

    def __str__(self) -> str:
        lines = [f"Read {self.rows} rows from {self.source}."]
        if self.sep is not None:
            separated = f"separated by {export_file.SEPARATOR_NAMES.get(self.sep, repr(self.sep))}s"
            encoding = export_file.ENCODING_NAMES.get(self.encoding)
            lines.append(f"Read as {encoding}, {separated}." if encoding else f"Columns {separated}.")
        lines.append("Mapped: " + ", ".join(f"{src} -> {dst}" for src, dst in self.mapped))
        if self.converted:
            lines.append("Converted: " + "; ".join(self.converted))
        if self.not_found:
            lines.append("Not found (KPIs that need them will say so): " + ", ".join(self.not_found))
        if self.unused:
            lines.append("Not used from the file: " + ", ".join(repr(c) for c in self.unused))
        lines.extend(self.notes)
        return "\n".join(lines)


def _match_columns(file_columns: list, columns: dict[str, str] | None, targets: list[str], source: str):
    """file column -> schema column: the explicit mapping first, then recognised names."""
    mapping: dict[str, str] = {}
    allowed = set(targets) | ({"date", "time", "ended_at"} if "arrived_at" in targets else set())
    for file_column, target in (columns or {}).items():
        if file_column not in file_columns:
            close = difflib.get_close_matches(str(file_column), [str(c) for c in file_columns], n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DataError(f"columns= names '{file_column}', which is not a column of {source}{hint}; "
                            f"its columns are: {', '.join(map(str, file_columns))}")
        if target not in allowed:
            close = difflib.get_close_matches(target, sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DataError(f"columns= maps '{file_column}' to '{target}', which is not a course column{hint}; "
                            f"the course's columns are: {', '.join(sorted(allowed))}")
        mapping[file_column] = target
    taken = set(mapping.values())
    for file_column in file_columns:
        if file_column in mapping:
            continue
        key = _norm(file_column)
        for target, names in SYNONYMS.items():
            if target in allowed and target not in taken and (key == _norm(target) or key in names):
                mapping[file_column] = target
                taken.add(target)
                break
    return mapping


#: Rows read and converted at a time: a big export's text is never all in memory at once.
BLOCK_ROWS = 200_000


def _read_mapped(path, columns, targets, sheet, sep, kind):
    """Open the export, match its header to the schema; the blocks of rows come next from the iterator."""
    export = export_file.open_export(path, sheet, sep)
    blocks = export_file.read_rows(export, chunk_rows=BLOCK_ROWS)
    first = next(blocks, None)
    if first is None:  # a header and no rows
        first = pd.DataFrame(columns=export.columns, dtype=str)
    header = list(first.columns)  # as pandas numbers repeated names (Agent, Agent.1)
    mapping = _match_columns(header, columns, targets, export.source)
    if not mapping:
        raise DataError(f"none of the columns of {export.source} could be matched to the course's {kind} columns; "
                        f"say which is which with columns={{'FILE COLUMN': 'course column', ...}}. The file has: "
                        f"{', '.join(map(str, header))}")
    return export, header, mapping, first, blocks


def _date_and_time(raw, by_target, explicit, source, line_of):
    """Which file columns make arrived_at: a date column and a time-of-day column are combined."""
    if "arrived_at" in by_target and by_target["arrived_at"] not in explicit:
        column = raw[by_target["arrived_at"]]
        if export_values.looks_like_times_of_day(column):
            if "date" in by_target and "time" not in by_target:
                by_target["time"] = by_target.pop("arrived_at")  # e.g. 'Date' + 'Start time'
            elif "date" not in by_target:
                raise DataError(f"column '{by_target['arrived_at']}' holds times of day with no date, so every "
                                "contact would be dated today; map the column with the date too, with "
                                "columns={'DATE COLUMN': 'date'}", table=source, column="arrived_at")
    if "time" in by_target and "date" not in by_target and "arrived_at" not in by_target:
        raise DataError(f"column '{by_target['time']}' holds the time of day but no column gives the date; map it "
                        "with columns={'DATE COLUMN': 'date'}", table=source, column="arrived_at")


def _concat_by_column(blocks: list[pd.DataFrame]) -> pd.DataFrame:
    """The blocks one under the other, a column at a time, freeing each block's column as it goes.

    Concatenating whole frames would hold every column twice at the peak; this holds one column twice.
    """
    columns = list(blocks[0].columns)
    whole = {}
    for column in columns:
        whole[column] = pd.concat([block.pop(column) for block in blocks], ignore_index=True)
    return pd.DataFrame(whole, columns=columns, copy=False)


def _check_arguments(path, columns, sep, date_format, values, today=None) -> None:
    """Say plainly which argument is of the wrong kind, instead of a TypeError from deep inside pandas."""
    if not (hasattr(path, "read") or isinstance(path, str | Path)):
        raise DataError(f"give the export as a file path (text such as 'my_export.csv'), not {type(path).__name__}")
    if columns is not None and not (isinstance(columns, dict) and all(isinstance(v, str) for v in columns.values())):
        raise DataError("columns= must map file column names to course column names, e.g. "
                        "columns={'Call Id': 'contact_id'}")
    if sep is not None and not (isinstance(sep, str) and len(sep) == 1):
        raise DataError(f"sep= must be one character, such as ',' ';' or '\\t'; not {sep!r}")
    if date_format is not None and not isinstance(date_format, str):
        raise DataError(f"date_format= must be text such as '%d/%m/%Y'; not {date_format!r}")
    if values is not None and not (isinstance(values, dict) and all(isinstance(v, dict) for v in values.values())):
        raise DataError("values= must say what each column's codes mean, e.g. "
                        "values={'answered': {'AGENT': True, 'HANG': False}}")
    if today is not None and not isinstance(today, dt.date):
        raise DataError(f"today= must be a date, e.g. datetime.date(2025, 3, 31); not {today!r}")


def _load(path, columns, targets, *, sheet, sep, date_format, values, kind):
    _check_arguments(path, columns, sep, date_format, values)
    export, header, mapping, first, blocks = _read_mapped(path, columns, targets, sheet, sep, kind)
    source = export.source

    def line_of(i):  # the file's line number of a row, for messages
        return i + 1 + export_convert.HEADER_LINES

    by_target = {target: file_column for file_column, target in mapping.items()}
    if "arrived_at" in targets:
        _date_and_time(first, by_target, set(columns or {}), source, line_of)
    conversion = export_convert.Conversion(source, targets, by_target, values, date_format)
    converted, rows = [conversion.block(first, 0)], len(first)
    del first
    for block in blocks:
        converted.append(conversion.block(block, rows))
        rows += len(block)
    out = converted[0] if len(converted) == 1 else _concat_by_column(converted)
    del converted
    report = LoadReport(source=source, rows=rows, encoding=export.encoding, sep=export.sep)
    out = conversion.finish(out, report)
    used = set(by_target.values())
    report.unused = [str(c) for c in header if c not in used]
    report.file_columns = by_target
    return out, report, line_of


def load_contacts(path, columns: dict[str, str] | None = None, *, sheet=0, sep: str | None = None,
                  date_format: str | None = None, values: dict[str, dict] | None = None,
                  show_report: bool = True, today: dt.date | None = None) -> pd.DataFrame:
    """Read a team's contact export (CSV, TSV or Excel) into the course's contacts schema.

    ``columns`` maps the file's column names onto the course's (``{"Call Id": "contact_id"}``); common names are
    recognised without it, and a date column beside a time-of-day column (``Date`` + ``Start time``) is combined
    into ``arrived_at`` (``"date"`` and ``"time"`` may also be mapped by hand). The encoding (UTF-8, UTF-16,
    Windows-1252) and the separator (``,`` ``;`` tab) are found from the file.
    Durations may be seconds or ``"00:02:23"``; flags Y/N, Yes/No, True/False or 1/0 (``values=`` says what other
    codes mean, e.g. ``{"answered": {"AGENT": True, "HANG": False}}``; an empty ``resolved`` counts as not
    resolved). The result is checked like the course's own data (no negative or infinite durations, no unreadable
    dates or impossible times, no contact id twice, no date after ``today``, which defaults to the real date),
    with errors naming the file's line numbers. A short report of what was read, mapped, converted and not
    found is printed (``show_report=False`` keeps it quiet) and kept in ``result.attrs["load_report"]``.
    """
    _check_arguments(path, columns, sep, date_format, values, today)
    df, report, line_of = _load(path, columns, CONTACT_COLUMNS, sheet=sheet, sep=sep, date_format=date_format,
                                values=values, kind="contacts")
    _check(df, "contacts", report, line_of)
    _check_contact_rows(df, report, line_of, today or dt.date.today())
    if "answered" in df.columns and "talk_seconds" in df.columns:
        missing_talk = df["answered"].to_numpy() & df["talk_seconds"].isna().to_numpy()
        if missing_talk.any():
            report.notes.append(f"Note: {int(missing_talk.sum())} answered contacts have no talk time; "
                                "AHT will refuse them until they are fixed or removed.")
    df.attrs["load_report"] = report
    if show_report:
        print(report)
    return df


def load_surveys(path, columns: dict[str, str] | None = None, *, sheet=0, sep: str | None = None,
                 show_report: bool = True, contacts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a team's survey export (CSV, TSV or Excel) into the course's surveys schema.

    Works like :func:`load_contacts`. Rows without any score (no CSAT, NPS or CES) are left out and counted in
    the report: in a call log that also holds survey answers, those are the calls nobody rated. Given the
    ``contacts`` they are about, the report also counts and names the survey ids that match no contact.
    """
    df, report, line_of = _load(path, columns, SURVEY_COLUMNS, sheet=sheet, sep=sep, date_format=None,
                                values=None, kind="surveys")
    scores = [c for c in ("csat", "nps", "ces") if c in df.columns]
    if not scores:
        raise DataError(f"no score column (csat, nps or ces) found in {report.source}; map one with "
                        "columns={'FILE COLUMN': 'csat'}")
    _check(df, "surveys", report, line_of)
    rated = df[scores].notna().any(axis=1).to_numpy()
    if not rated.all():
        report.notes.append(f"Left out {int((~rated).sum())} rows with no score.")
    df = df[rated].reset_index(drop=True)
    if contacts is not None and "contact_id" in df.columns:
        _note_unmatched(df, contacts, report, np.flatnonzero(rated), line_of)
    df.attrs["load_report"] = report
    if show_report:
        print(report)
    return df


def _note_unmatched(surveys: pd.DataFrame, contacts: pd.DataFrame, report: LoadReport, positions, line_of) -> None:
    """Count and name the survey rows whose contact_id is in no contact: they drop out of every joined KPI."""
    if not isinstance(contacts, pd.DataFrame) or "contact_id" not in contacts.columns:
        raise DataError("contacts= must be the contacts table (with a contact_id column) the surveys are about",
                        table=report.source)
    known = set(contacts["contact_id"].astype(str))
    unmatched = np.flatnonzero(~surveys["contact_id"].astype(str).isin(known).to_numpy())
    if len(unmatched):
        ids = surveys["contact_id"].iloc[unmatched].tolist()
        shown = ", ".join(f"{v!r} (line {line_of(int(positions[i]))})"
                          for v, i in zip(ids[:checks.SHOW_ROWS], unmatched, strict=False))
        more = f" and {len(ids) - checks.SHOW_ROWS} more" if len(ids) > checks.SHOW_ROWS else ""
        report.notes.append(f"Unmatched: {len(ids)} of {len(surveys)} surveys name a contact id that is not in the "
                            f"contacts, so KPIs that join them leave those out: {shown}{more}")


def _repeats(ids: pd.Series, positions, first: dict, line_of) -> str:
    values = ids.iloc[positions[:checks.SHOW_ROWS]].tolist()
    shown = ", ".join(f"line {line_of(int(i))} ({v!r}, first on line {line_of(first[v])})"
                      for i, v in zip(positions, values, strict=False))
    return shown + (f" and {len(positions) - checks.SHOW_ROWS} more" if len(positions) > checks.SHOW_ROWS else "")


def _check_contact_rows(df: pd.DataFrame, report: LoadReport, line_of, today: dt.date) -> None:
    """What the schema's column checks cannot see: one id twice, a contact dated after today."""
    source, names = report.source, report.file_columns
    if "contact_id" in df.columns:
        ids = df["contact_id"]
        again = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
        copies = np.array([], dtype=int)
        if again.any():  # compare whole rows only among the rows whose id repeats: cheap on a big export
            candidates = np.flatnonzero(ids.duplicated(keep=False).to_numpy())
            repeated_row = df.iloc[candidates].duplicated(keep="first").to_numpy()
            copies = candidates[repeated_row]
        first = {v: i for i, v in reversed(list(enumerate(ids.tolist())))} if again.any() else {}
        column = names.get("contact_id", "contact_id")
        if len(copies):  # the same contacts loaded twice would halve FCR without a word
            raise DataError(f"column '{column}' (contact_id): {len(copies)} rows repeat an earlier row exactly: "
                            f"{_repeats(ids, copies, first, line_of)}; remove the repeated rows (was the export "
                            "loaded or pasted twice?)", table=source, column="contact_id",
                            rows=[line_of(int(i)) for i in copies[:checks.SHOW_ROWS]])
        if again.any():  # e.g. ids unique per phone line only: the KPIs still work, joins by id may not
            report.notes.append(f"Note: {int(again.sum())} rows reuse a contact id of an earlier, different row "
                                f"in column '{column}': {_repeats(ids, np.flatnonzero(again), first, line_of)}; "
                                "surveys joined by contact_id cannot tell those contacts apart.")
    if "arrived_at" in df.columns:
        tomorrow = pd.Timestamp(today).normalize() + pd.Timedelta(days=1)
        zone = getattr(df["arrived_at"].dt, "tz", None) if hasattr(df["arrived_at"], "dt") else None
        if zone is not None:
            tomorrow = tomorrow.tz_localize(zone)
        future = np.flatnonzero((df["arrived_at"] >= tomorrow).to_numpy())
        if len(future):
            column = names.get("arrived_at") or f"{names.get('date')}' + '{names.get('time')}"
            raise DataError(f"column '{column}' (arrived_at) holds dates after today ({today:%Y-%m-%d}): "
                            f"{export_values.lines_text(df['arrived_at'].astype(str), future, line_of)}; check the "
                            "date format (day and month swapped?) or pass date_format=", table=source,
                            column="arrived_at", rows=[line_of(int(i)) for i in future[:checks.SHOW_ROWS]])


def _check(df: pd.DataFrame, table: str, report: LoadReport, line_of) -> None:
    """The course's checks, with rows turned into the file's line numbers and columns into the file's names."""
    source = report.source
    numbered = df.set_axis([line_of(i) for i in range(len(df))])
    try:
        if table == "contacts":
            for column in DURATIONS:
                if column in numbered.columns:
                    checks.seconds(numbered, source, column)
        else:
            for column, (low, high) in {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7)}.items():
                if column in numbered.columns:
                    checks.whole_numbers(numbered, source, column, low=low, high=high)
    except DataError as err:
        detail = err.detail.replace("row ", "line ").replace("rows ", "lines ")
        file_column = report.file_columns.get(err.column, err.column)
        detail = detail.replace(f"column '{err.column}'", f"column '{file_column}' ({err.column})", 1)
        raise DataError(detail, table=source, column=err.column, rows=err.rows) from None
