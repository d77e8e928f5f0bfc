"""Did the training work? One agent's weekly KPI before and after a date, next to the rest of the team and the trend.

The sources say to measure a training programme's effect through KPIs (CSAT, NPS, resolution times). The trap is
the simplest comparison: "his handle time was 600 s before the workshop and 480 s after, so the workshop saved
120 s". A new hire improves week by week anyway (a learning curve), and a busy week changes everyone's numbers.
:func:`training_effect` puts the before/after comparison next to two others, so the learner can see which story
the numbers support:

* **the rest of the team, the same weeks**: did everyone's number move (a recall, a new product, the season)?
* **the trend before the date**: a straight line through the agent's weekly values before the training, carried
  on into the weeks after. If the agent lands where the line pointed anyway, the training added little that can
  be seen in the numbers.

None of this proves an effect or its absence: a few weeks of one person's numbers are noisy, and a straight line
is only a rough guess at a learning curve (which flattens out). The usual safeguards are to compare with people
who did not take the training and to wait several weeks (Kirkpatrick's four-level model of training evaluation,
for example, suggests a comparison group where practical); the course's sources give no method beyond "track
KPIs" and "observe changes in employee behaviour and customer feedback".

>>> import pandas as pd
>>> weeks = pd.date_range("2025-01-06", periods=6, freq="7D")
>>> contacts = pd.DataFrame({
...     "arrived_at": list(weeks) * 2,
...     "agent": ["Jo"] * 6 + ["Team"] * 6,
...     "answered": [True] * 12,
...     "talk_seconds": [600, 550, 500, 450, 400, 350] + [300] * 6,
...     "hold_seconds": [0] * 12, "acw_seconds": [0] * 12})
>>> result = training_effect(contacts, None, "Jo", since="2025-01-27")
>>> result.summary
                             comparison  baseline  after  change
0            Jo before and after, alone     550.0  400.0  -150.0
1  the rest of the team, the same weeks     300.0  300.0     0.0
2           Jo against the trend before     400.0  400.0     0.0
>>> print(result.reading().splitlines()[3][:69])  # Jo got 50 s quicker every week, training or not
The trend Jo was already on pointed to at least this much improvement
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from course_lib import kpi
from course_lib.chart_text import literal_chart
from course_lib.errors import DataError
from course_lib.kpi.labels import LABELS, SMALL_GROUP
from course_lib.text import escape

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.figure import Figure

#: KPIs measured from the contacts table, and from the surveys table (linked to contacts by contact_id).
CONTACT_KPIS = ("aht", "fcr", "resolution_rate")
SURVEY_KPIS = ("csat", "csat_mean", "nps", "ces")
#: The trend needs at least this many weeks before the date.
MIN_WEEKS_BEFORE = 3
_LOWER_IS_BETTER = {"aht"}
#: Each KPI's scale: a straight line carried on for long enough leaves it, so the trend is kept inside.
_SCALE = {"aht": (0, np.inf), "fcr": (0, 100), "resolution_rate": (0, 100), "csat": (0, 100),
          "csat_mean": (1, 5), "nps": (-100, 100), "ces": (1, 7)}


@dataclass(frozen=True)
class TrainingEffect:
    """What :func:`training_effect` found: the weekly table, the three comparisons, and a plain-language reading."""

    agent: str
    kpi: str
    since: pd.Timestamp
    weeks: pd.DataFrame  # week, period, the agent's value, trend, rest_of_team, count
    summary: pd.DataFrame  # comparison, baseline, after, change
    wobble: float  # the usual week-to-week ups and downs before the date: standard deviation around the trend

    @property
    def name(self) -> str:
        """The KPI's name in a sentence: "average handle time", "CSAT"."""
        name = LABELS.get(self.kpi, (self.kpi.replace("_", " "), ""))[0]
        return name if name[:2].isupper() else name[0].lower() + name[1:]

    @property
    def unit(self) -> str:
        return "s" if self.kpi == "aht" else ("points" if self.kpi in ("csat", "fcr", "resolution_rate", "nps")
                                              else "")

    def reading(self) -> str:
        """The three comparisons in words (changes in the KPI's unit: seconds, or percentage points)."""
        alone, team, beyond = (float(self.summary.loc[i, "change"]) for i in range(3))
        unit = f" {self.unit}" if self.unit else ""
        level = f" {self.unit}" if self.unit == "s" else (" %" if self.unit == "points" and self.kpi != "nps" else "")
        lines = [
            f"Before and after alone: {self.agent}'s {self.name} changed by {alone:+.1f}{unit}.",
            f"The rest of the team: {team:+.1f}{unit} over the same weeks.",
            f"The trend before {self.since:%d %B %Y} pointed to {self.summary.loc[2, 'baseline']:.1f}{level} for the "
            f"weeks after; {self.agent} was {beyond:+.1f}{unit} away from it.",
        ]
        better = -1 if self.kpi in _LOWER_IS_BETTER else 1  # which way is an improvement
        improved, team_improved, beyond_trend = better * alone, better * team, better * beyond
        if improved <= 0:
            lines.append("The number did not improve after the date. Before concluding anything, check whether the "
                         "team had a hard few weeks too, and how many contacts each week rests on.")
        elif beyond_trend <= 0:
            lines.append(f"The trend {self.agent} was already on pointed to at least this much improvement: the "
                         "before/after comparison alone would credit the training with what was happening anyway.")
        elif beyond_trend <= improved / 2:
            lines.append("Most of the improvement was already under way before the date: the before/after "
                         "comparison alone would credit the training with it.")
        elif team_improved >= improved / 2:
            lines.append("The rest of the team improved too: look for something that touched everyone before "
                         "crediting the training.")
        elif beyond_trend <= 2 * self.wobble:
            lines.append(f"The gain beyond the trend is within {self.agent}'s usual ups and downs from week to week "
                         f"(about {self.wobble:.1f}{unit} around the trend before the date): these numbers cannot "
                         "tell a training effect from chance.")
        else:
            lines.append("The improvement goes beyond the trend before the date and beyond the team's: worth a "
                         "closer look, though a few weeks of one person's numbers remain noisy.")
        counts = self.weeks.iloc[:, -1]
        if counts.min() < SMALL_GROUP:
            noun = self.weeks.columns[-1] if counts.min() != 1 else self.weeks.columns[-1].rstrip("s")
            lines.append(f"Some weeks rest on only {counts.min()} {noun}: one or two of them move that week's "
                         "number a lot.")
        return "\n".join(lines)

    def chart(self) -> Figure:
        """The agent's weeks, the rest of the team's, the trend line carried on, and the date marked."""
        return training_effect_chart(self)

    def _title(self) -> str:
        unit = {"s": " (seconds)", "points": " (%)"}.get(self.unit, "") if self.kpi != "nps" else ""
        return f"{self.agent}'s {self.name}{unit} by week, training on {self.since:%Y-%m-%d}"

    def __repr__(self) -> str:
        with pd.option_context("display.width", 120):
            return (f"{self._title()}\n{self.weeks}\n\n{self.summary}\n\n{self.reading()}")

    def _repr_html_(self) -> str:
        reading = "".join(f"<li>{escape(line)}</li>" for line in self.reading().splitlines())
        return (f"<p><b>{escape(self._title())}</b></p>"
                f"{self.weeks.to_html(index=False)}<p><b>Three comparisons</b></p>"
                f"{self.summary.to_html(index=False)}<ul>{reading}</ul>")


def _weekly(contacts: pd.DataFrame, surveys: pd.DataFrame | None, kpi_name: str) -> tuple[pd.DataFrame, str]:
    """The KPI per week and agent, with the count it rests on (contacts or responses)."""
    compute = getattr(kpi, kpi_name)
    if kpi_name in SURVEY_KPIS:
        if surveys is None:
            raise DataError(f"{kpi_name} comes from the surveys: pass the surveys table as the second argument")
        table = compute(surveys, by=["week", "agent"], contacts=contacts)
        return table, "responses"
    return compute(contacts, by=["week", "agent"]), "contacts"


def training_effect(contacts: pd.DataFrame, surveys: pd.DataFrame | None, agent: str, since: str,
                    kpi: str = "aht", *, weeks_after: int | None = 4) -> TrainingEffect:
    """One agent's weekly KPI before and after ``since`` (the training date), next to the rest of the team, with
    the straight-line trend of the agent's weeks before the date carried on into the weeks after.

    ``kpi`` is one of ``"aht"`` (seconds), ``"fcr"``, ``"resolution_rate"`` (from the contacts) or ``"csat"``,
    ``"csat_mean"``, ``"nps"``, ``"ces"`` (from the surveys; pass ``surveys``, else it may be None). Weeks start
    on Monday; a week that *contains* the date (when it is not a Monday) is left out, since it is partly before
    and partly after. ``weeks_after`` keeps the first N weeks after the date (None: all), because a straight
    trend carried on for months says little. Every week the agent has data for before the date is used; the
    trend needs at least three. The trend is kept within the KPI's scale (a CSAT between 0 and 100 %, a handle
    time of at least 0 s).

    The result has ``weeks`` (week, period, the agent's value, trend, rest_of_team, and the count the agent's
    value rests on), ``summary`` (the three comparisons, each as the mean of the weekly values: the ``baseline``
    is the mean before the date for the agent and the team, and what the trend pointed to for the weeks after;
    ``after`` the mean of the weeks after; ``change`` the difference) and ``reading()``; ``chart()`` draws it.
    Values are rounded to one decimal.

    >>> import pandas as pd
    >>> contacts = pd.DataFrame({"arrived_at": pd.to_datetime(["2025-01-06", "2025-01-13"]),
    ...                          "agent": ["Jo", "Al"], "answered": [True, True], "talk_seconds": [300, 200],
    ...                          "hold_seconds": [0, 0], "acw_seconds": [0, 0]})
    >>> training_effect(contacts, None, "Jo", since="2025-01-13")
    Traceback (most recent call last):
    ...
    course_lib.errors.DataError: Jo has 1 week(s) of aht before 2025-01-13; the trend needs at least 3
    """
    if kpi not in CONTACT_KPIS + SURVEY_KPIS:
        raise DataError(f"training_effect measures one of {', '.join(CONTACT_KPIS + SURVEY_KPIS)}, not {kpi!r}")
    if not isinstance(contacts, pd.DataFrame) or "agent" not in contacts.columns:
        raise DataError("training_effect needs the contacts table with a column 'agent' (who handled each contact)")
    known = sorted(str(a) for a in contacts["agent"].dropna().unique())
    if agent not in known:
        close = difflib.get_close_matches(str(agent), known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(f"no contacts handled by an agent called {agent!r}.{hint} Agents: {', '.join(known)}")
    try:
        date = pd.Timestamp(since).normalize()
    except ValueError as err:
        raise DataError(f"since={since!r} is not a date; write it as YYYY-MM-DD, e.g. '2025-02-17'") from err
    weekly, count = _weekly(contacts, surveys, kpi)
    weekly = weekly[weekly["agent"].notna()]
    theirs = weekly[weekly["agent"] == agent].set_index("week")
    others = weekly[weekly["agent"] != agent]
    weighted = (others[kpi] * others[count]).groupby(others["week"]).sum()
    rest = (weighted / others.groupby("week")[count].sum()).rename("rest_of_team")

    week_start = theirs.index
    before = week_start + pd.Timedelta(days=7) <= date
    after = week_start >= date
    n_before = int(before.sum())
    if n_before < MIN_WEEKS_BEFORE:
        raise DataError(f"{agent} has {n_before} week(s) of {kpi} before {date:%Y-%m-%d}; the trend needs at least "
                        f"{MIN_WEEKS_BEFORE}")
    after_weeks = week_start[after]
    if weeks_after is not None:
        after_weeks = after_weeks[:weeks_after]
    if len(after_weeks) == 0:
        raise DataError(f"{agent} has no weeks of {kpi} from {date:%Y-%m-%d} on: nothing to compare yet")
    keep = week_start[before].append(after_weeks)
    table = pd.DataFrame({"week": keep,
                          "period": ["before"] * n_before + ["after"] * len(after_weeks),
                          agent: theirs.loc[keep, kpi].to_numpy(dtype=float)})
    x = ((keep - keep[0]).days / 7).to_numpy(dtype=float)
    slope, intercept = np.polyfit(x[:n_before], table[agent].to_numpy()[:n_before], 1)
    table["trend"] = np.clip(intercept + slope * x, *_SCALE[kpi])
    table["rest_of_team"] = rest.reindex(keep).to_numpy(dtype=float)
    table[count] = theirs.loc[keep, count].to_numpy()
    residuals = table[agent].to_numpy()[:n_before] - table["trend"].to_numpy()[:n_before]
    wobble = round(float(np.std(residuals, ddof=1)), 1)
    table = table.round({agent: 1, "trend": 1, "rest_of_team": 1})

    is_before = table["period"] == "before"
    mean = {part: table.loc[mask].mean(numeric_only=True) for part, mask in (("before", is_before),
                                                                              ("after", ~is_before))}
    rows = [
        (f"{agent} before and after, alone", mean["before"][agent], mean["after"][agent]),
        ("the rest of the team, the same weeks", mean["before"]["rest_of_team"], mean["after"]["rest_of_team"]),
        (f"{agent} against the trend before", mean["after"]["trend"], mean["after"][agent]),
    ]
    summary = pd.DataFrame(rows, columns=["comparison", "baseline", "after"])
    summary["change"] = summary["after"] - summary["baseline"]
    summary = summary.round({"baseline": 1, "after": 1, "change": 1})
    return TrainingEffect(agent, kpi, date, table.reset_index(drop=True), summary, wobble)


@literal_chart
def training_effect_chart(result: TrainingEffect) -> Figure:
    """Draw a :class:`TrainingEffect`: the agent (solid, dots), the rest of the team (dashed, squares), the trend
    before the date carried on (dotted), and a vertical line at the date, each named in the legend.
    """
    from course_lib.kpi.charts import BLACK, BLUE, ORANGE, Chart

    weeks, agent = result.weeks, result.agent
    name, unit = LABELS.get(result.kpi, (result.kpi, ""))
    fig = Chart(figsize=(8, 4.4))
    ax = fig.subplots()
    ax.plot(weeks["week"], weeks["rest_of_team"], color=BLACK, linestyle="--", marker="s", markersize=5,
            linewidth=1.5, label="rest of the team")
    ax.plot(weeks["week"], weeks[agent], color=BLUE, marker="o", linewidth=2.2, label=agent)
    ax.plot(weeks["week"], weeks["trend"], color=ORANGE, linestyle=":", linewidth=2.2,
            label=f"{agent}'s trend before the date, carried on")
    # The line sits between the last week before the date and the first week after it.
    last_before = weeks.loc[weeks["period"] == "before", "week"].max()
    first_after = weeks.loc[weeks["period"] == "after", "week"].min()
    boundary = last_before + (first_after - last_before) / 2
    ax.axvline(boundary, color=BLACK, linewidth=1)
    ax.annotate(f"training on {result.since:%d %b}", (boundary, 1), xycoords=("data", "axes fraction"),
                xytext=(4, -12), textcoords="offset points", fontsize=9)
    ax.set_xticks(weeks["week"], [f"{week:%d %b}" for week in weeks["week"]])
    if result.kpi in ("csat", "fcr", "resolution_rate"):
        ax.set_ylim(0, 105)
    ax.set_title(f"{agent}'s {result.name} by week, before and after {result.since:%d %B %Y}")
    ax.set_xlabel("Week starting")
    ax.set_ylabel(f"{name} ({unit})" if unit else name)
    fig.legend(loc="lower center", ncol=3, frameon=False)  # below the chart, where it hides no line
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig
