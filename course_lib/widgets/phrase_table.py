"""The phrase table view: the coach's phrases of one kind, in full, as a table (HTML) or a list (plain text).

A pandas DataFrame would cut long cells to 50 characters with "..." in a notebook; this view shows every word and
has a plain-text form that reads well where HTML is not shown. The rows come from
:func:`course_lib.coaching.phrase_tables.phrases_of_kind`, that is from phrases.yaml.
"""

from __future__ import annotations

import pandas as pd

from course_lib.coaching.phrase_tables import phrases_of_kind
from course_lib.widgets.base import escape

_CAPTIONS = {
    "forbidden_phrase": "The forbidden phrases and what to say instead (from phrases.yaml)",
    "defensive": "Defensive phrases and what to say instead (from phrases.yaml)",
    "jargon": "Jargon and the plain words to use instead (from phrases.yaml)",
}


class PhraseTable:
    """A table of phrases to change; ``data`` is the same table as a pandas DataFrame."""

    def __init__(self, kind: str, data: pd.DataFrame):
        self.kind = kind
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        first, *others = self.data.columns
        lines = []
        for row in self.data.itertuples(index=False):
            lines.append(f"{first}: {row[0]}")
            lines += [f"  {name}: {value}" for name, value in zip(others, row[1:], strict=True)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        caption = _CAPTIONS.get(self.kind, f"Phrases of kind '{self.kind}' (from phrases.yaml)")
        head = "".join(f"<th style='text-align:left'>{escape(c)}</th>" for c in self.data.columns)
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left;vertical-align:top'>{escape(v)}</td>" for v in row) + "</tr>"
            for row in self.data.itertuples(index=False))
        return (f"<table class='phrase-table'><caption style='text-align:left'>{escape(caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def phrase_table(kind: str = "forbidden_phrase") -> PhraseTable:
    """The phrases of one kind from the coach's rule book, with what to say instead: ``phrase_table()`` in a cell.

    ``kind`` is ``forbidden_phrase`` (the default), ``defensive`` or ``jargon``. A trainer who adds their company's
    banned phrases or jargon to phrases.yaml sees them here too.

    >>> lines = repr(phrase_table()).splitlines()
    >>> print(lines[lines.index("Instead of: I don't know") + 1])
      Try: Let me find out for you, and I'll come back to you by [time].
    >>> phrase_table("jargon")
    Jargon: RMA
      Plain words: a returns number
    Jargon: SLA
    ...
    """
    return PhraseTable(kind, phrases_of_kind(kind))
