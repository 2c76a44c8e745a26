"""The recommenders the GUI and the CLI offer: the ``recommend`` family of the one model registry
(:mod:`shopinsight.core.registries`: labels, descriptions, parameters, factories)."""
from __future__ import annotations

from ..i18n import Labels
from ..registries import RECOMMEND
from .base import Recommender

__all__ = ["MODELS", "REGISTRY", "make_model", "model_names", "model_label", "model_class", "DESCRIPTIONS"]

REGISTRY = MODELS = RECOMMEND

# id -> description; reading one gives it in the current language
DESCRIPTIONS = Labels({name: info.description_en for name, info in RECOMMEND.items()})


def model_names() -> list[str]:
    """Registered model names, in display order."""
    return list(MODELS)


def model_label(name: str) -> str:
    """The model's name to show, in the current language (``name`` is the id)."""
    return MODELS[name].label


def model_class(name: str) -> type[Recommender]:
    """The recommender class of ``name`` (its tuning grid, ``repeat_only``)."""
    return MODELS[name]._factory()


def make_model(name: str, **params) -> Recommender:
    """A new (unfitted) recommender by name; unknown names and out-of-range parameters are bad input."""
    return MODELS[name].create(params)
