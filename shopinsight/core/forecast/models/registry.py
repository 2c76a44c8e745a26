"""The model registry: names, descriptions and parameter forms for the GUI and the CLI.

Model classes are imported lazily (``ModelInfo.create``) so listing the models costs nothing
and TensorFlow is only imported when the deep model is actually trained.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Optional

from ...i18n import N_, _

__all__ = ["Param", "ModelInfo", "MODELS", "BASELINES", "DEFAULT_MODELS", "get_model", "create_model",
           "parse_model_list"]


@dataclass(frozen=True)
class Param:
    """One tunable parameter, enough to build a form field or a CLI option."""

    name: str
    kind: str                       # "int" | "float" | "choice"
    default: Any
    label_en: str                   # English source (N_-marked); ``label`` is it in the UI's language
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    choices: tuple = ()
    help_en: str = ""

    @property
    def label(self) -> str:
        """The parameter's label in the current language (looked up when shown)."""
        return _(self.label_en)

    @property
    def help(self) -> str:
        """The parameter's help text in the current language ('' when none)."""
        return _(self.help_en) if self.help_en else ""

    def coerce(self, value: Any) -> Any:
        """Convert and range-check a value from a form or the command line."""
        from ...errors import InputError

        try:
            if self.kind == "int":
                value = int(value)
            elif self.kind == "float":
                value = float(value)
        except (TypeError, ValueError):
            raise InputError(f"parameter {self.name} must be a number", value=str(value)) from None
        if self.kind == "choice" and value not in self.choices:
            raise InputError(f"parameter {self.name} must be one of {list(self.choices)}", value=str(value))
        if self.minimum is not None and value < self.minimum or \
                self.maximum is not None and value > self.maximum:
            raise InputError(f"parameter {self.name} must be within {self.minimum}..{self.maximum}",
                             value=str(value))
        return value


@dataclass(frozen=True)
class ModelInfo:
    """A registered model."""

    name: str
    label_en: str                   # English source (N_-marked); ``label`` is it in the UI's language
    family: str                     # "baseline" | "linear" | "gbm" | "intermittent" | "deep"
    target: str                     # "module:Class" under shopinsight.core.forecast.models
    description_en: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    fixed: tuple = ()               # constructor arguments that define this entry (e.g. method)
    members: tuple = ()             # for family "combination": the models averaged

    @property
    def label(self) -> str:
        """The model's name to show, in the current language (the id is ``name``)."""
        return _(self.label_en)

    @property
    def description(self) -> str:
        """The model's description in the current language."""
        return _(self.description_en)

    @property
    def is_deep(self) -> bool:
        return self.family == "deep"

    @property
    def is_combination(self) -> bool:
        """Computed from other models' forecasts (no estimator of its own)."""
        return self.family == "combination"

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def create(self, **params):
        """A fresh, unfitted estimator with defaults overridden by ``params``."""
        known = {p.name: p for p in self.params}
        from ...errors import InputError
        for k in params:
            if k not in known:
                raise InputError(f"model {self.name} has no parameter {k!r}; it has {sorted(known)}")
        kwargs = {**dict(self.fixed), **self.defaults(),
                  **{k: known[k].coerce(v) for k, v in params.items()}}
        if self.is_combination:
            raise ValueError(f"{self.name} combines other models' forecasts; it has no estimator")
        module, cls = self.target.split(":")
        klass = getattr(importlib.import_module(f"{__package__}.{module}"), cls)
        return klass(**kwargs)


_CROSTON_ALPHA = Param("alpha", "float", 0.1, N_("Smoothing α"), 0.01, 1.0, help_en=N_("smoothing of demand size"))

MODELS: dict[str, ModelInfo] = {m.name: m for m in [
    ModelInfo("naive", N_("Naive"), "baseline", "baselines:Naive",
              N_("Last observed value, repeated.")),
    ModelInfo("seasonal_naive", N_("Seasonal naive"), "baseline", "baselines:SeasonalNaive",
              N_("Value one season earlier (same weekday last week for daily data).")),
    ModelInfo("moving_average", N_("Moving average"), "baseline", "baselines:MovingAverage",
              N_("Mean of the last N open periods."),
              (Param("window", "int", 28, N_("Window (periods)"), 1, 400),)),
    ModelInfo("linear", N_("Linear regression"), "linear", "linear:LinearForecaster",
              N_("Ridge regression on lags, rolling means, calendar, holidays/events and price."),
              (Param("alpha", "float", 1.0, N_("Ridge α"), 0.0, 1e4, help_en=N_("L2 penalty")),)),
    ModelInfo("gbm", N_("Gradient boosting"), "gbm", "gbm:GBMForecaster",
              N_("Histogram gradient boosting, one global model over all series."),
              (Param("max_iter", "int", 100, N_("Boosting rounds"), 10, 2000),
               Param("learning_rate", "float", 0.1, N_("Learning rate"), 0.001, 1.0),
               Param("max_leaf_nodes", "int", 15, N_("Leaves per tree"), 2, 255),
               Param("min_samples_leaf", "int", 20, N_("Min rows per leaf"), 1, 1000),
               Param("loss", "choice", "squared_error", N_("Loss"), choices=(
                   "squared_error", "absolute_error", "poisson")))),
    ModelInfo("croston", N_("Croston"), "intermittent", "intermittent:Croston",
              N_("Croston's method for intermittent demand."), (_CROSTON_ALPHA,), (("method", "croston"),)),
    ModelInfo("sba", N_("Croston SBA"), "intermittent", "intermittent:Croston",
              N_("Syntetos–Boylan bias-corrected Croston."), (_CROSTON_ALPHA,), (("method", "sba"),)),
    ModelInfo("tsb", N_("TSB"), "intermittent", "intermittent:Croston",
              N_("Teunter–Syntetos–Babai: demand probability decays when a product stops selling."),
              (_CROSTON_ALPHA, Param("beta", "float", 0.1, N_("Smoothing β"), 0.01, 1.0,
                                     help_en=N_("smoothing of demand probability"))), (("method", "tsb"),)),
    ModelInfo("deep", N_("Neural network (Keras MLP)"), "deep", "deep:DeepForecaster",
              N_("Keras multi-layer perceptron over windows of history (TensorFlow; slower)."),
              (Param("hidden", "int", 64, N_("Hidden units"), 4, 1024),
               Param("epochs", "int", 15, N_("Epochs"), 1, 1000),
               Param("batch_size", "int", 128, N_("Batch size"), 8, 8192),
               Param("learning_rate", "float", 0.003, N_("Learning rate"), 1e-5, 1.0),
               Param("dropout", "float", 0.1, N_("Dropout"), 0.0, 0.9),
               Param("patience", "int", 0, N_("Early-stopping patience"), 0, 100,
                     help_en=N_("epochs without improvement on the most recent rows before stopping (0 = off)")),
               Param("validation", "float", 0.1, N_("Validation share"), 0.0, 0.5,
                     help_en=N_("share of the most recent target periods held out for early stopping")),
               Param("seed", "int", 0, N_("Random seed"), 0, 2**31 - 1))),
    ModelInfo("ensemble", N_("Ensemble (linear + GBM)"), "combination", "",
              N_("Mean of the linear and gradient-boosting forecasts (and the neural network's when "
                 "it is trained): averaging models with different errors usually beats each."),
              members=("linear", "gbm", "deep")),
]}

BASELINES = ("naive", "seasonal_naive", "moving_average")
DEFAULT_MODELS = (*BASELINES, "linear", "gbm", "ensemble", "sba", "tsb")


def get_model(name: str) -> ModelInfo:
    """The registered model called ``name`` (InputError if unknown)."""
    from ...errors import InputError

    try:
        return MODELS[name]
    except KeyError:
        raise InputError(f"unknown model; expected some of {sorted(MODELS)}", value=name) from None


def create_model(name: str, **params):
    """An unfitted estimator of a registered model."""
    return get_model(name).create(**params)


def parse_model_list(text: Optional[str]) -> list[str]:
    """'linear,gbm' → names, checked; baselines are always added (they are the yardstick)."""
    names = [n.strip() for n in (text or "").split(",") if n.strip()] or list(DEFAULT_MODELS)
    from ...deep_available import deep_available, require_deep

    if names == ["all"]:             # every model this edition can train (lite: no neural network)
        names = [n for n in MODELS if deep_available() or not MODELS[n].is_deep]
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
