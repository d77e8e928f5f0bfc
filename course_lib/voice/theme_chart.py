"""The theme chart of module 08: one bar per theme, the share of commented surveys that mention it.

Apart from the tagger so that reading or checking the themes never imports matplotlib.
"""

from __future__ import annotations

import pandas as pd

from course_lib.chart_text import literal_chart
from course_lib.errors import DataError
from course_lib.voice.themes import SEGMENTS, theme_summary  # noqa: F401 - theme_summary is used by the doctest


@literal_chart
def theme_chart(summary: pd.DataFrame, *, title: str | None = None):
    """One horizontal bar per theme (the table from :func:`theme_summary` without ``by``): the share of commented
    surveys that mention it, most frequent at the top, each bar labelled with its share, its count and the mean
    CSAT of those comments. Themes whose comments average below 3 of 5 are hatched and named in the legend, so
    they stand out without relying on colour.

    >>> surveys = pd.DataFrame({"contact_id": [1, 2], "csat": [1, 5], "comment": ["On hold.", "Quick."]})
    >>> theme_chart(theme_summary(surveys)).axes[0].get_title()
    'What 2 commented surveys talk about'
    """
    from matplotlib.patches import Patch

    from course_lib.kpi.charts import BLUE, SKY, VERMILION, Chart

    needed = ["label", "comments", "share", "mean_csat"]
    missing = [c for c in needed if c not in summary.columns]
    if missing or any(c in summary.columns for c in SEGMENTS):
        raise DataError(f"theme_chart needs the table of theme_summary(surveys) without by= (columns {needed})")
    data = summary.sort_values(["share", "label"], ascending=[True, False])
    fig = Chart(figsize=(8, max(2.5, 0.42 * len(data) + 1.2)))
    ax = fig.subplots()
    low = data["mean_csat"].to_numpy(dtype=float) < 3
    bars = ax.barh(data["label"].tolist(), data["share"].to_numpy(dtype=float), color=[VERMILION if x else SKY
                                                                                      for x in low],
                   edgecolor=BLUE)
    for bar, is_low, share, n, score in zip(bars, low, data["share"], data["comments"], data["mean_csat"],
                                            strict=True):
        if is_low:
            bar.set_hatch("//")
        ax.annotate(f"{share:.1f} %  (n={n}, CSAT {score:.1f})", (share, bar.get_y() + 0.4), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.legend(handles=[Patch(facecolor=VERMILION, edgecolor=BLUE, hatch="//", label="mean CSAT below 3 of 5"),
                       Patch(facecolor=SKY, edgecolor=BLUE, label="mean CSAT 3 or more")],
              loc="lower right", frameon=False)
    base = int(round(data["comments"].iloc[-1] * 100 / data["share"].iloc[-1])) if len(data) else 0
    ax.set_title(title or f"What {base:,} commented surveys talk about")
    ax.set_xlabel("% of commented surveys that mention the theme\n(CSAT: the mean score, 1-5, of those comments)")
    ax.set_xlim(0, max(float(data["share"].max()) * 1.6, 10))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig
