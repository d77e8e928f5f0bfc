"""Text helpers that logic and views share, so that no logic module needs to import a widget module.

>>> escape("<b>Tom & Jerry</b>")
'&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;'
"""

from __future__ import annotations

import html


def escape(text: object) -> str:
    """Make any text safe to place inside HTML (learner input, content a trainer wrote, a reading of the data).

    >>> escape('He said "no" & left')
    'He said &quot;no&quot; &amp; left'
    """
    return html.escape(str(text), quote=True)
