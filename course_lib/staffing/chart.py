"""The planner's chart: service level (and occupancy) against the number of agents on the phones.

The function only draws: it takes the numbers, returns a matplotlib Figure, and touches no global plotting
state (no pyplot), so it can be tested and saved anywhere.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from course_lib.chart_text import literal_chart
from course_lib.staffing.planning import StaffingPlan, service_level_by_agents

#: Okabe-Ito blue and vermilion: distinguishable with colour blindness; lines also differ in style and marker.
LEVEL_COLOUR = "#0072B2"
OCCUPANCY_COLOUR = "#D55E00"


@literal_chart
def service_level_chart(calls, interval_seconds, aht_seconds, answer_within_seconds, target_service_level,
                        plan: StaffingPlan | None = None, max_occupancy: float | None = None) -> Figure:
    """Service level and occupancy for each number of agents, with the targets and the planned count marked.

    >>> figure = service_level_chart(100, 1800, 180, 20, 80)
    >>> axes = figure.axes[0]
    >>> axes.get_xlabel(), axes.get_ylabel()
    ('Agents on the phones', 'Percent')
    >>> [line.get_label() for line in axes.get_lines()][:3]
    ['Service level (% answered within 20 s)', 'Occupancy (%)', 'Target: 80%']
    """
    curve = service_level_by_agents(calls, interval_seconds, aht_seconds, answer_within_seconds)
    figure = Figure(figsize=(7.5, 3.8), dpi=100)
    # Fixed margins rather than a layout engine: the same picture, drawn in about two thirds of the time.
    figure.subplots_adjust(left=0.08, right=0.98, bottom=0.13, top=0.91)
    axes = figure.add_subplot()
    axes.plot(curve["agents"], curve["service_level"], color=LEVEL_COLOUR, marker="o", linestyle="-",
              label=f"Service level (% answered within {answer_within_seconds:g} s)")
    axes.plot(curve["agents"], curve["occupancy"], color=OCCUPANCY_COLOUR, marker="s", linestyle="--",
              label="Occupancy (%)")
    axes.axhline(target_service_level, color="black", linestyle=":", linewidth=1.2,
                 label=f"Target: {target_service_level:g}%")
    if max_occupancy is not None and max_occupancy < 100:
        axes.axhline(max_occupancy, color=OCCUPANCY_COLOUR, linestyle=(0, (1, 3)), linewidth=1.2,
                     label=f"Maximum occupancy: {max_occupancy:g}%")
    if plan is not None and plan.agents_on_phones > 0:
        axes.axvline(plan.agents_on_phones, color="grey", linestyle="-.", linewidth=1,
                     label=f"Plan: {plan.agents_on_phones} agents")
        axes.annotate(f"{plan.agents_on_phones} agents: {plan.service_level:.1f}%",
                      (plan.agents_on_phones, plan.service_level), textcoords="offset points", xytext=(8, -16))
    axes.set_ylim(0, 103)
    axes.set_xlabel("Agents on the phones")
    axes.set_ylabel("Percent")
    axes.set_title(f"{calls:g} calls per {interval_seconds / 60:g} minutes, average handle time {aht_seconds:g} s")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right", fontsize="small")
    return figure


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes without a timestamp or software tag, so the same figure gives the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
