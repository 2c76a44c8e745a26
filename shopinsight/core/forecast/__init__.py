"""Sales forecasting: series from the store, models, honest backtests, reorder and price what-if.

Entry points: :func:`run_forecast` (GUI and CLI), :func:`load_panel` (the history),
:func:`reorder_table`, :func:`price_whatif`.  No Qt here, and TensorFlow only inside
``models/deep.py``.
"""
from .pipeline import ForecastOptions, ForecastResult, load_forecast, run_forecast, summarize_metrics
from .series import FREQS, LEVELS, TARGETS, Panel, SeriesSpec, load_panel

__all__ = ["ForecastOptions", "ForecastResult", "run_forecast", "load_forecast", "summarize_metrics",
           "SeriesSpec", "Panel", "load_panel", "TARGETS", "LEVELS", "FREQS"]
