"""Charts for reading KPIs: a trend against a target, agents compared, the NPS distribution, service level by hour.

Each function takes a table from :mod:`course_lib.kpi` (or the surveys) and returns a matplotlib ``Figure``; it
draws nothing on screen by itself and changes no global state, so a notebook shows it by leaving it as the last
line of a cell. Colours come from the Okabe-Ito palette (safe for the common forms of colour blindness), and
colour is never the only signal: points below target get a different marker, small groups are hatched, NPS
groups are hatched differently and labelled in words.

>>> import pandas as pd
>>> weekly = pd.DataFrame({"week": pd.date_range("2025-01-06", periods=3, freq="W-MON"),
...                        "csat": [78.0, 74.0, 69.0], "responses": [120, 130, 110]})
>>> fig = trend_vs_target(weekly, "csat", target=75)
>>> fig.axes[0].get_title()
'CSAT by week, against a target of 75'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course_lib.chart_text import literal_chart
from course_lib.errors import DataError
from course_lib.kpi.labels import LABELS, LOWER_IS_BETTER, SMALL_GROUP
from course_lib.notebook_setup import COLOURBLIND_SAFE

BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK = COLOURBLIND_SAFE


class Chart(Figure):
    """A matplotlib Figure that shows itself as a picture when it is the last line of a notebook cell."""

    def _repr_png_(self) -> bytes:
        return figure_to_png(self, dpi=100)


def _label(kpi: str) -> tuple[str, str]:
    return LABELS.get(kpi, (kpi.replace("_", " "), ""))


def _count_column(table: pd.DataFrame, kpi: str | None = None) -> str | None:
    """The column holding the count a KPI value rests on (a scorecard has both contacts and responses)."""
    preferred = {"csat": "responses", "csat_mean": "responses", "nps": "responses", "ces": "responses",
                 "resolution_time": "cases", "churn_rate": "customers", "retention_rate": "customers"}
    wanted = preferred.get(kpi or "", "contacts")
    if wanted in table.columns:
        return wanted
    return next((c for c in ("responses", "contacts", "cases", "customers") if c in table.columns), None)


def _num(value: float) -> str:
    """A target for a label: 80 stays 80, 70.6299 becomes 70.6."""
    return f"{value:g}" if round(value, 1) == value else f"{value:.1f}"


def _need(table: pd.DataFrame, columns: list[str], chart: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise DataError(f"{chart} needs a table from a KPI function with by=..., got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(f"{chart} needs the column(s) {', '.join(map(repr, missing))}; the table has: "
                        f"{', '.join(map(str, table.columns))}. Make it with e.g. csat(surveys, by='week', "
                        "contacts=contacts)")
    if table.empty:
        raise DataError(f"{chart}: the table is empty")


def _missed(values: np.ndarray, target: float, kpi: str) -> np.ndarray:
    return values > target if kpi in LOWER_IS_BETTER else values < target


@literal_chart
def trend_vs_target(table: pd.DataFrame, kpi: str, target: float | None = None, *, x: str | None = None,
                    title: str | None = None) -> Figure:
    """A KPI over time (the table from ``by="week"``, ``"date"`` or ``"month"``), with a dashed target line.

    Points that miss the target are drawn as open triangles and listed in the legend, so they stand out without
    relying on colour.
    """
    _need(table, [kpi], "trend_vs_target")
    x = x or next((c for c in ("week", "date", "month", "hour") if c in table.columns), table.columns[0])
    _need(table, [x], "trend_vs_target")
    name, unit = _label(kpi)
    values = table[kpi].to_numpy(dtype=float)
    xs = table[x].dt.to_timestamp() if isinstance(table[x].dtype, pd.PeriodDtype) else table[x]
    fig = Chart(figsize=(8, 4))
    ax = fig.subplots()
    ax.plot(xs, values, color=BLUE, marker="o", linewidth=2, label=name)
    if target is not None:
        ax.axhline(target, color=BLACK, linestyle="--", linewidth=1.2, label=f"target {_num(target)}")
        missed = _missed(values, target, kpi)
        if missed.any():
            ax.plot(np.asarray(xs)[missed], values[missed], linestyle="none", marker="v", markersize=11,
                    markerfacecolor="white", markeredgecolor=VERMILION, markeredgewidth=2,
                    label=f"missed target ({int(missed.sum())})")
    ax.set_title(title or f"{name} by {x}" + (f", against a target of {_num(target)}" if target is not None else ""))
    ax.set_xlabel(x.capitalize())
    ax.set_ylabel(f"{name} ({unit})" if unit else name)
    ax.legend(loc="best", frameon=False)
    if x in ("week", "date"):
        fig.autofmt_xdate()
    fig.tight_layout()
    return fig


@literal_chart
def agent_comparison(table: pd.DataFrame, kpi: str, *, group: str | None = None, team_value: float | None = None,
                     title: str | None = None) -> Figure:
    """One horizontal bar per agent (or any group), best at the top, with the team value as a dashed line.

    Each bar is labelled with its value and the count it is based on; groups with fewer than 30 are hatched (read
    them with care). A table from :func:`~course_lib.kpi.nps_interval` gets its intervals drawn as whiskers.
    """
    _need(table, [kpi], "agent_comparison")
    group = group or table.columns[0]
    _need(table, [group], "agent_comparison")
    name, unit = _label(kpi)
    count = _count_column(table, kpi)
    # The best group at the top (matplotlib draws the first bar at the bottom); groups without a value left out.
    data = table.dropna(subset=[kpi]).sort_values(kpi, ascending=kpi not in LOWER_IS_BETTER)
    labels = data[group].astype(str).where(data[group].notna(), "(none)").tolist()
    values = data[kpi].to_numpy(dtype=float)
    counts = data[count].to_numpy() if count else np.full(len(data), SMALL_GROUP)
    fig = Chart(figsize=(8, max(2.5, 0.42 * len(data) + 1.2)))
    ax = fig.subplots()
    bars = ax.barh(labels, values, color=SKY, edgecolor=BLUE)
    handles = []
    for bar, n in zip(bars, counts, strict=True):
        if n < SMALL_GROUP:
            bar.set_hatch("//")
    if {"low", "high"} <= set(data.columns):
        handles.append(ax.errorbar(values, labels, xerr=[values - data["low"].to_numpy(),
                                                         data["high"].to_numpy() - values],
                                   fmt="none", ecolor=BLACK, capsize=3, label="95 % interval"))
    for bar, value, n in zip(bars, values, counts, strict=True):
        if np.isfinite(value):
            ax.annotate(f"{value:.1f}" + (f"  (n={n})" if count else ""), (max(value, 0), bar.get_y() + 0.4),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    if team_value is not None:
        handles.append(ax.axvline(team_value, color=BLACK, linestyle="--", linewidth=1.2,
                                  label=f"team {team_value:.1f}"))
    if count and (counts < SMALL_GROUP).any():
        handles.append(Patch(facecolor=SKY, edgecolor=BLUE, hatch="//", label=f"fewer than {SMALL_GROUP} {count}"))
    if handles:
        ax.legend(handles=handles, loc="lower right", frameon=False)
    ax.set_title(title or f"{name} by {group}")
    ax.set_xlabel(f"{name} ({unit})" if unit else name)
    ax.set_ylabel(group.capitalize())
    ax.grid(axis="y", visible=False)
    finite = values[np.isfinite(values)]
    if finite.size:
        ax.set_xlim(min(0, finite.min() * 1.15), max(finite.max() * 1.2, 1))
    fig.tight_layout()
    return fig


@literal_chart
def nps_distribution(surveys: pd.DataFrame, *, title: str | None = None) -> Figure:
    """How many customers gave each score from 0 to 10, grouped into detractors, passives and promoters.

    Each group has its own colour *and* hatch, and the legend gives its share in words.
    """
    from course_lib.kpi.surveys import nps

    _need(surveys, ["nps"], "nps_distribution")
    value = nps(surveys)
    scores = surveys["nps"].dropna().astype(int)
    counts = scores.value_counts().reindex(range(11), fill_value=0)
    total = int(counts.sum())
    groups = [("detractors (0-6)", range(0, 7), VERMILION, "xx"), ("passives (7-8)", range(7, 9), YELLOW, ".."),
              ("promoters (9-10)", range(9, 11), GREEN, "")]
    fig = Chart(figsize=(8, 4))
    ax = fig.subplots()
    for label, scores_in, colour, hatch in groups:
        share = 100 * counts.loc[list(scores_in)].sum() / total
        ax.bar(list(scores_in), counts.loc[list(scores_in)], color=colour, edgecolor=BLACK, hatch=hatch,
               label=f"{label}: {share:.0f} %")
    ax.set_xticks(range(11))
    ax.set_xlabel("Answer to 'How likely are you to recommend us?' (0-10)")
    ax.set_ylabel("Responses")
    ax.set_title(title or f"NPS {value:+.0f} from {total} responses")
    ax.legend(loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


@literal_chart
def service_level_by_hour(table: pd.DataFrame, target: float = 80, *, title: str | None = None) -> Figure:
    """Service level for each hour of the day (the table from ``service_level(contacts, by="hour")``).

    Hours below target are hatched and labelled, so the gaps in staffing stand out without colour.
    """
    _need(table, ["hour", "service_level"], "service_level_by_hour")
    values = table["service_level"].to_numpy(dtype=float)
    hours = table["hour"].to_numpy()
    below = values < target
    fig = Chart(figsize=(8, 4))
    ax = fig.subplots()
    bars = ax.bar(hours, values, color=np.where(below, ORANGE, BLUE), edgecolor=BLACK)
    for bar, missed, value in zip(bars, below, values, strict=True):
        if missed:
            bar.set_hatch("//")
        ax.annotate(f"{value:.0f}", (bar.get_x() + bar.get_width() / 2, value), xytext=(0, 3),
                    textcoords="offset points", ha="center", fontsize=8)
    line = ax.axhline(target, color=BLACK, linestyle="--", linewidth=1.2, label=f"target {_num(target)} %")
    ax.legend(handles=[Patch(facecolor=BLUE, edgecolor=BLACK, label="at or above target"),
                       Patch(facecolor=ORANGE, edgecolor=BLACK, hatch="//", label="below target"), line],
              loc="upper center", ncol=3, frameon=False)
    ax.set_xticks(hours)
    ax.set_xticklabels([f"{h}:00" for h in hours], rotation=45)
    ax.set_ylim(0, 122)
    ax.set_yticks(range(0, 101, 20))
    ax.set_xlabel("Hour the contact arrived")
    ax.set_ylabel("Service level (% answered in time)")
    ax.set_title(title or f"Service level by hour ({int(below.sum())} of {len(hours)} hours below target)")
    fig.tight_layout()
    return fig


def figure_to_png(fig: Figure, dpi: int = 90) -> bytes:
    """The figure as PNG bytes (the dashboard embeds them in its HTML; notebooks show them)."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
