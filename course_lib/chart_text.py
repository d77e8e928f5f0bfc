"""Text drawn from data is shown as it is written: never read as maths.

matplotlib reads ``$...$`` in any text as mathtext, so an agent or a topic named ``Top_up $5_$10`` would be drawn
as maths or stop the chart with a parse error. Every chart the course draws is built by a function wrapped in
:func:`literal_chart`: it builds the figure with ``text.parse_math`` off, then turns it off on every text object
the figure holds (titles, labels, legends, annotations, tick labels included), so the figure stays literal when it
is drawn later, outside this module.

>>> from matplotlib.figure import Figure
>>> @literal_chart
... def bars(names):
...     figure = Figure()
...     axes = figure.add_subplot()
...     axes.bar(range(len(names)), [1] * len(names), tick_label=names)
...     axes.set_title(names[0])
...     return figure
>>> figure = bars(["Top_up $5_$10", r"a^b \\{c}"])
>>> figure.axes[0].get_title(), [t.get_text() for t in figure.axes[0].get_xticklabels()]
('Top_up $5_$10', ['Top_up $5_$10', 'a^b \\\\{c}'])
>>> from io import BytesIO; figure.savefig(BytesIO(), format="png")
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, so that modules which also chart import fast
    from matplotlib.figure import Figure

F = TypeVar("F", bound=Callable[..., Any])


def _figures_in(result: Any) -> list[Figure]:
    """The figures a chart function returned: a Figure, an Axes, or a tuple holding them."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if isinstance(result, (Figure, SubFigure)):
        return [result]
    if isinstance(result, Axes):
        return [result.figure]
    if isinstance(result, (tuple, list)):
        return [figure for item in result for figure in _figures_in(item)]
    return []


def make_literal(figure: Figure) -> Figure:
    """Turn maths off on every text of ``figure`` (tick labels included) and return it.

    Tick labels are made by matplotlib when the figure is drawn; the ticks the axes will draw are created here
    first, so that their labels are literal too (a later tick copies its style from these, not its maths flag,
    which is why the chart is also built with maths off).
    """
    from matplotlib.text import Text

    for axes in figure.get_axes():
        for axis in (axes.xaxis, axes.yaxis):
            axis.get_major_ticks(len(axis.get_majorticklocs()))
            axis.get_minor_ticks(len(axis.get_minorticklocs()))
    for text in figure.findobj(Text):
        text.set_parse_math(False)
    return figure


def literal_chart(function: F) -> F:
    """Wrap a chart function so that every text it draws from data is literal (see the module's docstring)."""

    @functools.wraps(function)
    def chart(*args: Any, **kwargs: Any) -> Any:
        import matplotlib as mpl

        with mpl.rc_context({"text.parse_math": False}):
            result = function(*args, **kwargs)
            for figure in _figures_in(result):
                make_literal(figure)
        return result

    return chart  # type: ignore[return-value]
