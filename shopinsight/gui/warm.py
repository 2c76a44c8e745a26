"""Warm the modules the GUI needs at first use, on a worker, once the window is shown.

A module's first import runs its code (Matplotlib, the chart modules, Matplotlib's font search for a
CJK font): done on the GUI thread the first time a tab shows a chart, it froze the window for up to
seconds.  :func:`warm_up` imports them on the task runner (a quiet task: not shown in the status bar)
right after the window appears, so they are ready before the user asks; a tab that needs one earlier
just waits for that import on the import lock, as it would have spent the time importing it anyway.

Never TensorFlow (4.5 s, and it swaps the process's SQLite library); scikit-learn only because the
customers' chart module imports the customers package (last, on the worker).  Not in the headless
modes (``--smoke``, ``--screenshots``): nobody waits on the window there, and it closes while an import
that cannot be interrupted may still run.
"""
from __future__ import annotations

import importlib

__all__ = ["WARM_MODULES", "warm_up"]

#: imported in this order; the first ones are what the Overview's charts need
WARM_MODULES: tuple[str, ...] = (
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "shopinsight.core.charts",
    "shopinsight.core.sales_charts",
    "shopinsight.core.analytics",
    "shopinsight.core.explain",
    "matplotlib.backends.backend_qtagg",
    "shopinsight.core.forecast.charts",
    "shopinsight.core.recommend.charts",
    "shopinsight.core.anomalies.charts",
    "shopinsight.core.customers.charts",
)


def _warm(state) -> list[str]:
    done = []
    for name in WARM_MODULES:
        if state.is_interruption_requested():
            break
        importlib.import_module(name)
        done.append(name)
        if name == "shopinsight.core.charts":
            from ..core.charts import setup
            setup()                    # the house style and the CJK font search (a font file read)
    return done


def warm_up(runner):
    """Start importing :data:`WARM_MODULES` on ``runner`` (a quiet task of kind ``warm-up``), and
    start the child process the next analysis job will run in (its interpreter and modules load
    while the user looks at the window: :class:`~shopinsight.core.process.ChildPool`)."""
    runner.child_pool.prepare()
    return runner.start("warm-up", _warm, quiet=True, title="warm-up")
