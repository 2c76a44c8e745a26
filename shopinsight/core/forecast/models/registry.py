"""The forecasting models: the ``forecast`` family of the one model registry
(:mod:`shopinsight.core.registries`), plus the forecast-specific model-list rules.

Model classes are imported lazily (``ModelInfo.create``) so listing the models costs nothing
and TensorFlow is only imported when the deep model is actually trained.
"""
from __future__ import annotations

from typing import Optional

from ...registries import FORECAST
from ...registry import ModelInfo, Param

__all__ = ["Param", "ModelInfo", "MODELS", "REGISTRY", "BASELINES", "DEFAULT_MODELS", "get_model",
           "create_model", "parse_model_list"]

REGISTRY = MODELS = FORECAST
BASELINES = FORECAST.always
DEFAULT_MODELS = FORECAST.defaults


def get_model(name: str) -> ModelInfo:
    """The registered model called ``name`` (InputError if unknown)."""
    return MODELS[name]


def create_model(name: str, **params):
    """An unfitted estimator of a registered model."""
    return get_model(name).create(**params)


def parse_model_list(text: Optional[str]) -> list[str]:
    """'linear,gbm' → names, checked; baselines are always added (they are the yardstick)."""
    from ...deep_available import require_deep

    names = MODELS.parse_names(text)
    extra = []
    for n in names:
        info = get_model(n)
        if info.is_deep:             # fail before any work, not after the other models trained
            require_deep(f"model {n}")
        if info.is_combination:      # an ensemble needs its members (the deep one only if asked)
            extra += [m for m in info.members if m != "deep" or "deep" in names]
    ordered = list(dict.fromkeys([*BASELINES, *names, *extra]))
    # combinations last: they are computed from the others' forecasts
    return [n for n in ordered if not MODELS[n].is_combination] + \
        [n for n in ordered if MODELS[n].is_combination]
