"""Convert an export's rows, block by block, from the file's columns into the course's schema.

``load_contacts`` and ``load_surveys`` read a big export in blocks of rows (so its text is never all in memory at
once) and pass each block to :meth:`Conversion.block`, which converts every matched column with
``export_values`` and remembers what it did for the load report. Errors name the file's line numbers, counted
from the first line of the file whatever block they are in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from course_lib.data import export_values
from course_lib.errors import DataError

DURATIONS = ("wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds")
FLAGS = ("answered", "resolved")
SCORES = ("csat", "nps", "ces")
IDS = ("contact_id", "customer_id")
HEADER_LINES = 1


@dataclass
class Conversion:
    """How each schema column is made from the file (``by_target``: schema column -> file column)."""

    source: str
    targets: list[str]
    by_target: dict[str, str]
    values: dict | None = None
    date_format: str | None = None
    clock: set[str] = field(default_factory=set)  # durations written as h:mm:ss somewhere in the file
    flag_texts: dict[str, set[str]] = field(default_factory=dict)
    whole_ids: dict[str, bool] = field(default_factory=dict)  # id column -> every block held whole numbers

    def label(self, target: str) -> str:
        return f"column '{self.by_target[target]}' ({target})"

    def block(self, raw: pd.DataFrame, first_row: int) -> pd.DataFrame:
        """The block's rows in the schema; ``first_row`` is the position in the file of the block's first row."""
        def line_of(i):
            return first_row + i + 1 + HEADER_LINES

        raw = raw.reset_index(drop=True)
        out = pd.DataFrame(index=raw.index)
        by_target, source, values = self.by_target, self.source, self.values or {}
        for target in self.targets:
            if target == "arrived_at" and target not in by_target and "date" in by_target:
                date = export_values.dates(raw[by_target["date"]], self.label("date"), source, line_of,
                                           self.date_format)
                if "time" in by_target:
                    seconds = export_values.time_of_day(raw[by_target["time"]], self.label("time"), source, line_of)
                    out["arrived_at"] = date.dt.normalize().to_numpy() + pd.to_timedelta(seconds, unit="s")
                else:
                    out["arrived_at"] = date.to_numpy()
                self._check_end(raw, out, line_of)
                continue
            if target not in by_target:
                continue
            column = raw[by_target[target]]
            if target in DURATIONS:
                out[target], how = export_values.seconds(column, self.label(target), source, line_of)
                if how:
                    self.clock.add(target)
            elif target in FLAGS:
                recode = values.get(target) or values.get(by_target[target])
                self.flag_texts.setdefault(target, set()).update(
                    str(v).strip().upper() for v in column.dropna().unique())
                out[target] = export_values.flags(column, self.label(target), source, line_of, recode,
                                                  empty_is=False if target == "resolved" else None)
            elif target == "arrived_at":
                out[target] = export_values.dates(column, self.label(target), source, line_of,
                                                  self.date_format).to_numpy()
                self._check_end(raw, out, line_of)
            elif target in SCORES:
                numbers = pd.to_numeric(column, errors="coerce")
                bad = np.flatnonzero((numbers.isna() & column.notna() & (column.astype(str).str.strip() != ""))
                                     .to_numpy())
                if len(bad):
                    raise DataError(f"{self.label(target)} must hold numbers; not "
                                    f"{export_values.lines_text(column, bad, line_of)}", table=source)
                out[target] = numbers.astype("Float64").astype("float64")
            else:
                out[target] = column if values.get(target) is None else column.replace(values[target])
                if target in IDS:
                    out[target] = self._id_block(target, out[target])
        return out

    def _id_block(self, target: str, column: pd.Series) -> pd.Series:
        """Ids that are whole numbers become int64 block by block (text ids of 2 million rows take 120 MB).

        A block is turned into numbers only when writing them back gives the same text, so that if a later
        block holds text ids, :meth:`finish` can turn the whole column back into exactly what the file said.
        """
        as_number = pd.to_numeric(column, errors="coerce")
        whole = bool(as_number.notna().all() and np.isfinite(as_number).all()
                     and (as_number == as_number.round()).all())
        self.whole_ids[target] = self.whole_ids.get(target, True) and whole
        if whole and len(column) and (as_number.astype("int64").astype(str) == column.astype(str)).all():
            return as_number.astype("int64")
        return column

    def _check_end(self, raw: pd.DataFrame, out: pd.DataFrame, line_of) -> None:
        """An end column is not kept, but a contact that ends before it starts is refused.

        An end given as a bare time of day is on the start's date, or on the next day when it is more than 12
        hours earlier than the start (a call from 23:58 to 00:03); anything else earlier than the start is an error.
        """
        if "ended_at" not in self.by_target:
            return
        column = raw[self.by_target["ended_at"]]
        start = pd.Series(out["arrived_at"].to_numpy())
        if export_values.looks_like_times_of_day(column):
            seconds = export_values.time_of_day(column, self.label("ended_at"), self.source, line_of)
            end = start.dt.normalize() + pd.to_timedelta(seconds, unit="s")
            end = end.where(start - end <= pd.Timedelta(hours=12), end + pd.Timedelta(days=1))
        else:
            end = pd.Series(export_values.dates(column, self.label("ended_at"), self.source, line_of,
                                                self.date_format).to_numpy())
        before = np.flatnonzero((end < start).to_numpy())
        if len(before):
            shown = export_values.lines_text(column, before, line_of)
            raise DataError(f"{self.label('ended_at')} is before the start (arrived_at) on {shown}; check the "
                            "columns' order or the date format", table=self.source, column="arrived_at")

    def finish(self, out: pd.DataFrame, report) -> pd.DataFrame:
        """Whole-file steps (ids that are all whole numbers become numbers) and the report's lists."""
        for target in IDS:
            if target not in out.columns or not len(out) or pd.api.types.is_integer_dtype(out[target].dtype):
                continue
            if self.whole_ids.get(target):
                out[target] = pd.to_numeric(out[target]).astype("int64")
            elif out[target].dtype == object:  # number blocks and text blocks: back to the file's text
                out[target] = out[target].map(lambda v: v if isinstance(v, str) or v != v else str(v)).astype(
                    "str")
        by_target, values = self.by_target, self.values or {}
        for target in self.targets:
            if target == "arrived_at" and target not in by_target and "date" in by_target:
                if "time" in by_target:
                    report.mapped.append((f"'{by_target['date']}' + '{by_target['time']}'", "arrived_at"))
                    report.converted.append(f"combined '{by_target['date']}' and '{by_target['time']}' into "
                                            "arrived_at")
                else:
                    report.mapped.append((f"'{by_target['date']}'", "arrived_at"))
                if "ended_at" in by_target:
                    report.converted.append(f"used '{by_target['ended_at']}' only to check that no contact ends "
                                            "before it starts")
                continue
            if target == "arrived_at" and "ended_at" in by_target:
                report.converted.append(f"used '{by_target['ended_at']}' only to check that no contact ends before "
                                        "it starts")
            if target not in by_target:
                report.not_found.append(target)
                continue
            report.mapped.append((f"'{by_target[target]}'", target))
            if target in self.clock:
                report.converted.append(f"{target} from h:mm:ss to seconds")
            if target in FLAGS:
                texts = self.flag_texts.get(target, set())
                if values.get(target) or values.get(by_target[target]):
                    recode = values.get(target) or values.get(by_target[target])
                    report.converted.append(f"{target} from {', '.join(map(str, recode))} as you said")
                elif texts and texts <= {"Y", "N"}:
                    report.converted.append(f"{target} from Y/N to True/False")
                elif texts and not texts <= {"TRUE", "FALSE"}:
                    report.converted.append(f"{target} from {'/'.join(sorted(texts))} to True/False")
        return out
