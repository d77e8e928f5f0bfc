"""Bring your own data: read a team's own CSV or Excel export into the course's contacts or surveys schema.

A phone system or survey tool rarely uses the course's column names. ``load_contacts`` reads the file, renames
its columns onto the schema (``columns={"Call Id": "contact_id", ...}``; common names are recognised without
help), converts units (``"00:02:23"`` or Excel time cells to seconds, ``"Y"``/``"N"`` to True/False, a separate
date and time to one ``arrived_at``), checks the result like the course's own data, and reports what it mapped,
what it converted and what it could not map. Every KPI function then works on the result.

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
Mapped: 'Call Id' -> contact_id, 'Date' + 'Time' -> arrived_at, 'Agent' -> agent, 'Answered (Y/N)' -> answered,
'Speed of answer in seconds' -> wait_seconds, 'AvgTalkDuration' -> talk_seconds
Converted: answered from Y/N to True/False; talk_seconds from h:mm:ss to seconds
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

from course_lib.data import checks
from course_lib.errors import DataError

CONTACT_COLUMNS = list(checks.SCHEMA["contacts"])
SURVEY_COLUMNS = list(checks.SCHEMA["surveys"])
DURATIONS = ("wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds")
FLAGS = ("answered", "resolved")

# Names other tools use for the schema's columns, compared after lower-casing and dropping spaces and punctuation.
SYNONYMS = {
    "contact_id": ["contactid", "callid", "ticketid", "interactionid", "id", "caseid"],
    "customer_id": ["customerid", "customer", "callerid", "clientid", "accountid", "customernumber"],
    "arrived_at": ["arrivedat", "datetime", "timestamp", "starttime", "calltime", "created", "createdat",
                   "arrivaltime", "received"],
    "date": ["date", "calldate", "day"],
    "time": ["time", "calltime", "hour"],
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
TRUE_WORDS = {"y", "yes", "true", "t", "1", "1.0"}
FALSE_WORDS = {"n", "no", "false", "f", "0", "0.0"}
CLOCK = re.compile(r"^\s*(-)?(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$")


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

    def __str__(self) -> str:
        lines = [f"Read {self.rows} rows from {self.source}."]
        lines.append("Mapped: " + ", ".join(f"{src} -> {dst}" for src, dst in self.mapped))
        if self.converted:
            lines.append("Converted: " + "; ".join(self.converted))
        if self.not_found:
            lines.append("Not found (KPIs that need them will say so): " + ", ".join(self.not_found))
        if self.unused:
            lines.append("Not used from the file: " + ", ".join(repr(c) for c in self.unused))
        lines.extend(self.notes)
        return "\n".join(lines)


def _read(path, sheet, sep) -> tuple[pd.DataFrame, str]:
    if hasattr(path, "read"):
        return pd.read_csv(path, sep=sep or ",", dtype=str, keep_default_na=True), "the export"
    path = Path(path)
    if not path.exists():
        raise DataError(f"there is no file at {path}")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(f"{path.name} is an old-style Excel file (.xls), which the course cannot read; open it in "
                        "Excel or LibreOffice and save it as .xlsx or .csv")
    try:
        if suffix in (".xlsx", ".xlsm"):
            return pd.read_excel(path, sheet_name=sheet, engine="openpyxl"), path.name
        if sep is None:
            sep = "\t" if suffix in (".tsv", ".tab") else None
        return pd.read_csv(path, sep=sep, engine="python" if sep is None else "c", dtype=str,
                           encoding_errors="replace"), path.name
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise DataError(f"could not read {path.name}: {err}") from None


def _match_columns(df: pd.DataFrame, columns: dict[str, str] | None, targets: list[str], source: str):
    """file column -> schema column: the explicit mapping first, then recognised names."""
    mapping: dict[str, str] = {}
    allowed = set(targets) | ({"date", "time"} if "arrived_at" in targets else set())
    for file_column, target in (columns or {}).items():
        if file_column not in df.columns:
            close = difflib.get_close_matches(str(file_column), [str(c) for c in df.columns], n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DataError(f"columns= names '{file_column}', which is not a column of {source}{hint}; "
                            f"its columns are: {', '.join(map(str, df.columns))}")
        if target not in allowed:
            close = difflib.get_close_matches(target, sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DataError(f"columns= maps '{file_column}' to '{target}', which is not a course column{hint}; "
                            f"the course's columns are: {', '.join(sorted(allowed))}")
        mapping[file_column] = target
    taken = set(mapping.values())
    for file_column in df.columns:
        if file_column in mapping:
            continue
        key = _norm(file_column)
        for target, names in SYNONYMS.items():
            if target in allowed and target not in taken and (key == _norm(target) or key in names):
                mapping[file_column] = target
                taken.add(target)
                break
    return mapping


def _seconds(values: pd.Series, label: str, source: str, line_of) -> tuple[np.ndarray, str | None]:
    """Durations in seconds from numbers, 'h:mm:ss' / 'm:ss' text, or Excel time and timedelta cells."""
    out = np.full(len(values), np.nan)
    how = set()
    bad = []
    for i, value in enumerate(values.to_numpy(dtype=object)):
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
            continue
        if isinstance(value, dt.time):
            out[i] = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
            how.add("time")
        elif isinstance(value, dt.timedelta | pd.Timedelta):
            out[i] = pd.Timedelta(value).total_seconds()
            how.add("time")
        elif isinstance(value, int | float | np.integer | np.floating):
            out[i] = float(value)
        else:
            text = str(value).strip()
            if text == "":
                continue
            clock = CLOCK.match(text)
            if clock:
                sign, hours, minutes, secs = clock.groups()
                out[i] = (-1 if sign else 1) * (int(hours or 0) * 3600 + int(minutes) * 60 + float(secs))
                how.add("time")
                continue
            try:
                out[i] = float(text)
            except ValueError:
                bad.append(i)
    if bad:
        shown = ", ".join(f"line {line_of(i)} ({values.iloc[i]!r})" for i in bad[:checks.SHOW_ROWS])
        more = f" and {len(bad) - checks.SHOW_ROWS} more" if len(bad) > checks.SHOW_ROWS else ""
        raise DataError(f"{label} must hold durations, as seconds or like 00:02:23; not {shown}{more}", table=source)
    return out, ("from h:mm:ss to seconds" if how else None)


def _flags(values: pd.Series, label: str, source: str, line_of, table_values: dict | None, empty_is: bool | None):
    out = np.zeros(len(values), dtype=bool)
    bad = []
    recode = {str(k).strip().lower(): v for k, v in (table_values or {}).items()}
    for i, value in enumerate(values.to_numpy(dtype=object)):
        if isinstance(value, bool | np.bool_):
            out[i] = bool(value)
            continue
        text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value).strip().lower()
        if text in recode:
            out[i] = bool(recode[text])
        elif text in TRUE_WORDS:
            out[i] = True
        elif text in FALSE_WORDS:
            out[i] = False
        elif text == "" and empty_is is not None:
            out[i] = empty_is
        else:
            bad.append(i)
    if bad:
        shown = ", ".join(f"line {line_of(i)} ({values.iloc[i]!r})" for i in bad[:checks.SHOW_ROWS])
        more = f" and {len(bad) - checks.SHOW_ROWS} more" if len(bad) > checks.SHOW_ROWS else ""
        raise DataError(f"{label} must hold yes/no flags (Y/N, Yes/No, True/False, 1/0); not {shown}{more}. "
                        "Say what other values mean with values={'COLUMN': {'VALUE': True, ...}}", table=source)
    return out


def _dates(values: pd.Series, label: str, source: str, line_of, date_format: str | None) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values
    objects = values.map(lambda v: v.isoformat() if isinstance(v, dt.time) else v)
    converted = pd.to_datetime(objects, errors="coerce", format=date_format or "mixed")
    bad = np.flatnonzero((converted.isna() & values.notna() & (values.astype(str).str.strip() != "")).to_numpy())
    if len(bad):
        shown = ", ".join(f"line {line_of(i)} ({values.iloc[i]!r})" for i in bad[:checks.SHOW_ROWS])
        hint = "" if date_format else " (pass date_format=, e.g. '%y%m%d' for 990201)"
        raise DataError(f"{label} must hold dates/times; not {shown}{hint}", table=source)
    return converted


def _load(path, columns, targets, *, sheet, sep, date_format, values, show_report, kind):
    raw, source = _read(path, sheet, sep)
    header_lines = 1
    line_of = (lambda i: i + 1 + header_lines)  # noqa: E731 - the file's line number, for messages
    mapping = _match_columns(raw, columns, targets, source)
    if not mapping:
        raise DataError(f"none of the columns of {source} could be matched to the course's {kind} columns; say "
                        f"which is which with columns={{'FILE COLUMN': 'course column', ...}}. The file has: "
                        f"{', '.join(map(str, raw.columns))}")
    by_target = {target: file_column for file_column, target in mapping.items()}
    report = LoadReport(source=source, rows=len(raw))
    out = pd.DataFrame(index=raw.index)

    def label(target):
        return f"column '{by_target[target]}' ({target})"

    for target in targets:
        if target == "arrived_at" and target not in by_target and "date" in by_target:
            date = _dates(raw[by_target["date"]], label("date"), source, line_of, date_format)
            if "time" in by_target:
                seconds, _ = _seconds(raw[by_target["time"]], label("time"), source, line_of)
                out["arrived_at"] = date.dt.normalize() + pd.to_timedelta(seconds, unit="s")
                report.mapped.append((f"'{by_target['date']}' + '{by_target['time']}'", "arrived_at"))
            else:
                out["arrived_at"] = date
                report.mapped.append((f"'{by_target['date']}'", "arrived_at"))
            continue
        if target not in by_target:
            report.not_found.append(target)
            continue
        column = raw[by_target[target]]
        report.mapped.append((f"'{by_target[target]}'", target))
        if target in DURATIONS:
            out[target], how = _seconds(column, label(target), source, line_of)
            if how:
                report.converted.append(f"{target} {how}")
        elif target in FLAGS:
            recode = (values or {}).get(target) or (values or {}).get(by_target[target])
            texts = {str(v).strip().upper() for v in column.dropna().unique()}
            out[target] = _flags(column, label(target), source, line_of, recode,
                                 empty_is=False if target == "resolved" else None)
            if recode:
                report.converted.append(f"{target} from {', '.join(map(str, recode))} as you said")
            elif texts and texts <= {"Y", "N"}:
                report.converted.append(f"{target} from Y/N to True/False")
            elif texts and not texts <= {"TRUE", "FALSE"}:
                report.converted.append(f"{target} from {'/'.join(sorted(texts))} to True/False")
        elif target == "arrived_at":
            out[target] = _dates(column, label(target), source, line_of, date_format)
        elif target in ("csat", "nps", "ces"):
            numbers = pd.to_numeric(column, errors="coerce")
            bad = np.flatnonzero((numbers.isna() & column.notna() & (column.astype(str).str.strip() != ""))
                                 .to_numpy())
            if len(bad):
                shown = ", ".join(f"line {line_of(i)} ({column.iloc[i]!r})" for i in bad[:checks.SHOW_ROWS])
                raise DataError(f"{label(target)} must hold numbers; not {shown}", table=source)
            out[target] = numbers.astype("Float64").astype("float64")
        else:
            out[target] = column if (values or {}).get(target) is None else column.replace(values[target])
            if target in ("contact_id", "customer_id"):
                as_number = pd.to_numeric(out[target], errors="coerce")
                if as_number.notna().all() and (as_number == as_number.round()).all():
                    out[target] = as_number.astype("int64")
    report.unused = [str(c) for c in raw.columns if c not in mapping]
    report.file_columns = by_target
    return out.reset_index(drop=True), report, line_of


def load_contacts(path, columns: dict[str, str] | None = None, *, sheet=0, sep: str | None = None,
                  date_format: str | None = None, values: dict[str, dict] | None = None,
                  show_report: bool = True) -> pd.DataFrame:
    """Read a team's contact export (CSV, TSV or Excel) into the course's contacts schema.

    ``columns`` maps the file's column names onto the course's (``{"Call Id": "contact_id"}``); common names are
    recognised without it, and ``"date"`` and ``"time"`` may be mapped separately to build ``arrived_at``.
    Durations may be seconds or ``"00:02:23"``; flags Y/N, Yes/No, True/False or 1/0 (``values=`` says what other
    codes mean, e.g. ``{"answered": {"AGENT": True, "HANG": False}}``; an empty ``resolved`` counts as not
    resolved). The result is checked like the course's own data (no negative durations, no unreadable dates,
    an answered contact has a talk time), with errors naming the file's line numbers. A short report of what was
    mapped, converted and not found is printed (``show_report=False`` keeps it quiet) and kept in
    ``result.attrs["load_report"]``.
    """
    df, report, line_of = _load(path, columns, CONTACT_COLUMNS, sheet=sheet, sep=sep, date_format=date_format,
                                values=values, show_report=show_report, kind="contacts")
    _check(df, "contacts", report, line_of)
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
                 show_report: bool = True) -> pd.DataFrame:
    """Read a team's survey export (CSV, TSV or Excel) into the course's surveys schema.

    Works like :func:`load_contacts`. Rows without any score (no CSAT, NPS or CES) are left out and counted in
    the report: in a call log that also holds survey answers, those are the calls nobody rated.
    """
    df, report, line_of = _load(path, columns, SURVEY_COLUMNS, sheet=sheet, sep=sep, date_format=None,
                                values=None, show_report=show_report, kind="surveys")
    scores = [c for c in ("csat", "nps", "ces") if c in df.columns]
    if not scores:
        raise DataError(f"no score column (csat, nps or ces) found in {report.source}; map one with "
                        "columns={'FILE COLUMN': 'csat'}")
    _check(df, "surveys", report, line_of)
    rated = df[scores].notna().any(axis=1).to_numpy()
    if not rated.all():
        report.notes.append(f"Left out {int((~rated).sum())} rows with no score.")
    df = df[rated].reset_index(drop=True)
    df.attrs["load_report"] = report
    if show_report:
        print(report)
    return df


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
