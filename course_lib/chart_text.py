"""Text in the course's charts is always literal.

Chart labels come from data: agent names, topics, themes, a team's own export. matplotlib reads text between two
``$`` signs as mathematics, so a topic named ``Top_up $5_$10`` would be drawn as a formula, or stop the chart
with a parse error. Every figure the course draws is a :class:`LiteralFigure`: before it measures or draws its
text, it turns maths parsing off for every piece of text it holds, including the tick labels matplotlib makes
while drawing.

>>> figure = LiteralFigure()
>>> axes = figure.subplots()
>>> _ = axes.set_title("Top_up $5_$10")
>>> import io; figure.savefig(io.BytesIO(), format="png")
>>> axes.title.get_text(), axes.title.get_parse_math()
('Top_up $5_$10', False)
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text


@contextmanager
def literal_text():
    """Within the block, new text objects (tick labels among them) are not parsed as maths."""
    with matplotlib.rc_context({"text.parse_math": False}):
        yield


class LiteralFigure(Figure):
    """A matplotlib Figure whose text is never read as maths, however it is shown (notebook, PNG, layout)."""

    def _literal(self) -> None:
        for text in self.findobj(Text):
            text.set_parse_math(False)

    def draw(self, renderer):
        with literal_text():
            self._literal()
            super().draw(renderer)

    def tight_layout(self, *args, **kwargs):
        with literal_text():
            self._literal()
            super().tight_layout(*args, **kwargs)

    def get_tightbbox(self, *args, **kwargs):
        with literal_text():
            self._literal()
            return super().get_tightbbox(*args, **kwargs)
