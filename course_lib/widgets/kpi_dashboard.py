"""The KPI dashboard view: choose a KPI, a grouping and a period; read a sentence, a table and a chart.

The view only wires widgets: the numbers come from :func:`course_lib.kpi.dashboard.dashboard_table`, the sentence from
:func:`course_lib.kpi.describe`, the chart from :mod:`course_lib.kpi.charts`. Everything it shows is set as widget
values (``HTML.value``), so it can be tested without a kernel.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets
import pandas as pd

from course_lib.errors import DataError
from course_lib.kpi import charts, dashboard
from course_lib.widgets.base import Activity, escape


def render_table(table: pd.DataFrame) -> str:
    """The table as escaped HTML with one decimal place, weeks and dates as dates."""
    shown = table.copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%d %b %Y")
        elif pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
    shown = shown.fillna("(none)")
    return shown.to_html(index=False, escape=True, border=0, classes="course-kpi-table")


def render_chart(table: pd.DataFrame, kpi_name: str, by: str | None, label: str) -> str:
    """An <img> with the chart for this choice (none for the whole team), with alternative text."""
    if by is None or len(table) < 2:
        return ""
    if by in ("week", "hour", "date"):
        fig = charts.trend_vs_target(table, kpi_name, x=by)
    else:
        fig = charts.agent_comparison(table, kpi_name, group=by)
    data = base64.b64encode(charts.figure_to_png(fig)).decode("ascii")
    alt = escape(f"Chart of {label} by {by}")
    return f"<img src='data:image/png;base64,{data}' alt='{alt}' style='max-width:100%'>"


class KpiDashboard(Activity):
    """Pick a KPI, a grouping and a range of weeks; the sentence, table and chart follow."""

    def __init__(self, contacts: pd.DataFrame, surveys: pd.DataFrame | None):
        self.contacts = contacts
        self.surveys = surveys
        self.weeks = dashboard.week_starts(contacts)
        style = {"description_width": "initial"}
        self.kpi = widgets.Dropdown(options=list(dashboard.DASHBOARD_KPIS), description="KPI", style=style)
        self.group = widgets.Dropdown(options=list(dashboard.DASHBOARD_GROUPS), value="Agent", description="Group by",
                                      style=style)
        channels = sorted(contacts["channel"].dropna().unique()) if "channel" in contacts.columns else []
        self.channel = widgets.Dropdown(options=[("All channels", None)] + [(c, c) for c in channels],
                                        description="Channel", style=style)
        week_options = [(f"week {i + 1} ({w.strftime('%d %b')})", i) for i, w in enumerate(self.weeks)]
        self.period = widgets.SelectionRangeSlider(options=week_options, index=(0, len(self.weeks) - 1),
                                                   description="Weeks", style=style,
                                                   layout=widgets.Layout(width="600px"))
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.HTML()
        for control in (self.kpi, self.group, self.channel, self.period):
            control.observe(self._refresh, names="value")
        self._refresh()
        controls = widgets.HBox([self.kpi, self.group, self.channel])
        super().__init__([controls, self.period, self.summary, self.chart, self.table], name="KPI dashboard")

    def choice(self) -> tuple[str, str | None, pd.Timestamp, pd.Timestamp]:
        first, last = self.period.value
        return (dashboard.DASHBOARD_KPIS[self.kpi.value][0], dashboard.DASHBOARD_GROUPS[self.group.value],
                self.weeks[first], self.weeks[last] + pd.Timedelta(days=7))

    def _refresh(self, _change=None) -> None:
        name, by, start, end = self.choice()
        first, last = self.period.value
        period = f"weeks {first + 1}-{last + 1}" if first != last else f"week {first + 1}"
        channel = self.channel.value
        heading = (f"<b>{escape(self.kpi.value)}</b>, {escape(self.group.value.lower())}, "
                   f"{escape(channel) if channel else 'all channels'}, {period} "
                   f"({start.strftime('%d %b')} to {(end - pd.Timedelta(days=1)).strftime('%d %b %Y')})")
        try:
            table = dashboard.dashboard_table(self.contacts, self.surveys, name, by=by, start=start, end=end,
                                        channel=channel)
        except DataError as err:
            self.summary.value = f"<div role='status'><p>{heading}</p><p>{escape(err.detail)}</p></div>"
            self.table.value = self.chart.value = ""
            return
        self.summary.value = (f"<div role='status'><p>{heading}</p><p>{escape(dashboard.describe(table, name))}</p>"
                              "</div>")
        self.table.value = render_table(table)
        self.chart.value = render_chart(table, name, by, self.kpi.value)


def kpi_dashboard(contacts: pd.DataFrame | None = None, surveys: pd.DataFrame | None = None) -> KpiDashboard:
    """An interactive dashboard over contacts and surveys (the course's data sets when none are given)."""
    if contacts is None:
        from course_lib.data.datasets import load_dataset

        contacts = load_dataset("contacts")
        surveys = load_dataset("surveys") if surveys is None else surveys
    return KpiDashboard(contacts, surveys)
