"""``setup()``: the first call in every notebook, so that every run shows the same numbers and pictures."""

from __future__ import annotations

import random

#: The seed every notebook starts from; data sets and exercises that need randomness derive theirs from it.
SEED = 2024

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COLOURBLIND_SAFE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def _inside_ipython_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def setup(seed: int = SEED) -> None:
    """Fix random seeds, pandas display options and the plotting backend.

    Call it once at the top of a notebook. It prints nothing, so stored outputs stay the same from run to run.

    >>> setup()
    >>> import random; a = random.random(); setup(); a == random.random()
    True
    """
    # Imported here, not at the top: modules that only need SEED or the palette must not pay for matplotlib.
    import matplotlib
    import numpy as np
    import pandas as pd

    random.seed(seed)
    np.random.seed(seed)

    pd.set_option("display.max_rows", 30)
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.width", 110)
    pd.set_option("display.precision", 1)

    if _inside_ipython_kernel():
        # Inline pictures in the notebook; the SVG hash salt and fixed DPI keep re-runs identical.
        matplotlib.use("module://matplotlib_inline.backend_inline")
    else:
        matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "figure.figsize": (8, 4),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "svg.hashsalt": "course",
            "axes.prop_cycle": matplotlib.cycler(color=COLOURBLIND_SAFE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
        }
    )
