"""The before/after view: two replies side by side, each highlighted with what the coach found, and what changed.

It is a display, not a control: a notebook cell ending in ``before_and_after(before, after)`` shows an HTML table
in the Lab and the same content as plain text anywhere else (and in the stored output nbval compares). The
comparison itself is :func:`course_lib.coaching.phrase_tables.compare_replies`.
"""

from __future__ import annotations

from course_lib.coaching.phrase_tables import Comparison, compare_replies
from course_lib.coaching.reply import CoachReport, Finding
from course_lib.widgets.base import escape
from course_lib.widgets.coach import _labels, highlight


def _findings_text(report: CoachReport) -> list[str]:
    lines = []
    for heading, group in (("To change", report.changes), ("Works", report.strengths)):
        if group:
            items = "; ".join(f'"{f.text}" ({f.title})' for f in group)
            lines.append(f"  {heading}: {items}")
        else:
            lines.append(f"  {heading}: nothing found")
    return lines


def _findings_html(findings: list[Finding]) -> str:
    labels = _labels(findings)
    items = []
    for category, heading in (("change", "To change"), ("strength", "Works")):
        group = [(labels[i], f) for i, f in enumerate(findings) if f.category == category]
        if not group:
            items.append(f"<p><b>{heading}:</b> nothing found</p>")
            continue
        items.append(f"<p><b>{heading}:</b></p><ul>")
        for label, f in group:
            better = f" <i>Try:</i> {escape(f.suggestion)}" if f.suggestion and category == "change" else ""
            items.append(f"<li>[{escape(label)}] &ldquo;{escape(f.text)}&rdquo; ({escape(f.title)}){better}</li>")
        items.append("</ul>")
    return "".join(items)


class BeforeAndAfter:
    """Two replies and what the coach finds in each, shown side by side."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison

    def __repr__(self) -> str:
        c = self.comparison
        lines = [f'Before: "{c.before.reply}"', *_findings_text(c.before),
                 f'After: "{c.after.reply}"', *_findings_text(c.after), c.verdict()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        c = self.comparison
        cells = []
        for report in (c.before, c.after):
            findings = [f for f in report.findings if f.category in ("change", "strength")]
            cells.append(f"<td style='vertical-align:top;text-align:left;width:50%'>"
                         f"<blockquote>{highlight(report.reply, findings)}</blockquote>"
                         f"{_findings_html(findings)}</td>")
        return ("<div class='before-after'><table style='width:100%'>"
                "<caption style='text-align:left'>What the reply coach finds in each version "
                "(highlighted parts are labelled)</caption>"
                "<thead><tr><th style='text-align:left'>Before</th><th style='text-align:left'>After</th></tr>"
                f"</thead><tbody><tr>{''.join(cells)}</tr></tbody></table>"
                f"<p role='status'><b>{escape(c.verdict())}</b></p></div>")


def before_and_after(before: str, after: str, message: str | None = None) -> BeforeAndAfter:
    """Show what the reply coach finds in a first reply and in a rewrite of it, side by side.

    >>> before_and_after("No, you'll have to call the courier.", "Let me call the courier for you now.")
    Before: "No, you'll have to call the courier."
      To change: "No" ("No" opening a sentence); "you'll have to" (You'll have to...)
      Works: nothing found
    After: "Let me call the courier for you now."
      To change: nothing found
      Works: "Let me" (Takes ownership); "Let me call the courier for you now" (A clear next step with a time frame)
    The rewrite drops 2 phrases to change ("No" opening a sentence; You'll have to...) and adds 2 strengths \
(Takes ownership; A clear next step with a time frame).
    """
    for name, value in (("before", before), ("after", after)):
        if not isinstance(value, str):
            raise TypeError(f"'{name}' must be the text of a reply, not {type(value).__name__}")
    return BeforeAndAfter(compare_replies(before, after, message))
