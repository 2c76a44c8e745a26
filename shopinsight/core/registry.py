"""One model-registry shape for every model family (forecast, customers, recommend).

A family is a :class:`Registry` of :class:`ModelInfo` entries; each entry has an id (``name``), a
label and a description (English, ``N_``-marked, translated when read), typed parameters with
ranges (:class:`Param`), whether it needs the full edition (TensorFlow), and a factory.  From one
registry come the GUI's model form (``gui/widgets/model_form.py``), the CLI's ``--models`` and
``--param`` checks and ``--help`` text, and the README's models table (``tools/models_table.py``).

Factories are ``"package.module:attribute"`` strings imported when a model is built (listing the
models costs nothing; TensorFlow is imported only when a deep model is actually trained) or plain
callables.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Union

from . import fmt
from .errors import InputError
from .i18n import _

__all__ = ["Param", "ModelInfo", "Registry", "FAMILIES", "registry"]

_NONE_WORDS = ("none", "off", "")


def _num(v: Any) -> str:
    """A number as the user typed it (1.0 → 1, 1e4 → 10000; None → none)."""
    if v is None:
        return "none"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def _id(text: str) -> str:
    """A model id as typed, normalised: ids are lower case with underscores ('Buy-Again' → 'buy_again')."""
    return text.strip().lower().replace("-", "_")


@dataclass(frozen=True)
class Param:
    """One tunable parameter: enough to build a form field, a CLI check and a docs row.

    ``kind`` is ``"int"``, ``"float"``, ``"choice"`` or ``"bool"``; ``optional`` parameters also
    take ``None`` (typed ``none`` or ``off``; shown as "off" in forms)."""

    name: str
    kind: str
    default: Any
    label_en: str                   # English source (N_-marked); ``label`` is it in the UI's language
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    choices: tuple = ()
    help_en: str = ""
    optional: bool = False

    @property
    def label(self) -> str:
        """The parameter's label in the current language (looked up when shown)."""
        return _(self.label_en)

    @property
    def help(self) -> str:
        """The parameter's help text in the current language ('' when none)."""
        return _(self.help_en) if self.help_en else ""

    def range_text(self) -> str:
        """The allowed values in words: '10..2000', 'one of a, b', 'a number ≥ 0'."""
        if self.kind == "choice":
            text = _("one of {choices}").format(choices=fmt.names(self.choices))
        elif self.kind == "bool":
            text = _("yes or no")
        elif self.minimum is not None and self.maximum is not None:
            text = f"{_num(self.minimum)}..{_num(self.maximum)}"
        elif self.minimum is not None:
            text = f"≥ {_num(self.minimum)}"
        elif self.maximum is not None:
            text = f"≤ {_num(self.maximum)}"
        else:
            text = _("a whole number") if self.kind == "int" else _("a number")
        return text + (" " + _("or none") if self.optional else "")

    def _bad(self, value: Any, field_name: Optional[str]) -> InputError:
        return InputError(_("parameter {name} must be {range}").format(name=self.name, range=self.range_text()),
                          column=field_name or self.name, value=str(value))

    def parse(self, value: Any, field_name: Optional[str] = None) -> Any:
        """Convert and range-check a value from a form or the command line (text or a value);
        bad values raise :class:`InputError` naming the field (``field_name``, else the
        parameter's name), the value and the allowed range."""
        if value is None or isinstance(value, str) and value.strip().lower() in _NONE_WORDS:
            if self.optional:
                return None
            raise self._bad(value, field_name)
        try:
            if self.kind == "int":
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError(value)
                value = int(value.strip()) if isinstance(value, str) else int(value)
            elif self.kind == "float":
                value = float(value)
                if value != value:
                    raise ValueError(value)
            elif self.kind == "bool":
                if isinstance(value, str):
                    word = value.strip().lower()
                    if word not in ("1", "0", "true", "false", "yes", "no", "on"):
                        raise ValueError(value)
                    value = word in ("1", "true", "yes", "on")
                value = bool(value)
        except (TypeError, ValueError):
            raise self._bad(value, field_name) from None
        if self.kind == "choice":
            match = [c for c in self.choices if str(c) == str(value).strip()]
            if not match:
                raise self._bad(value, field_name)
            return match[0]
        if self.minimum is not None and value < self.minimum or \
                self.maximum is not None and value > self.maximum:
            raise self._bad(value, field_name)
        return value

    def coerce(self, value: Any) -> Any:
        """Same as :meth:`parse` (kept for callers of the forecast registry)."""
        return self.parse(value)


@dataclass(frozen=True)
class ModelInfo:
    """A registered model of one family."""

    name: str
    label_en: str                   # English source (N_-marked); ``label`` is it in the UI's language
    description_en: str
    params: tuple[Param, ...] = ()
    needs_full: bool = False        # needs the full edition (TensorFlow)
    factory: Union[str, Callable, None] = None   # "package.module:attribute" or a callable
    family: str = ""                # a grouping within the registry (forecast: baseline, gbm, deep…)
    fixed: tuple = ()               # constructor arguments that define this entry (e.g. method)
    members: tuple = ()             # for family "combination": the models combined
    open_params: bool = False       # the factory also takes unlisted keyword arguments (programmatic use)

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
        return self.needs_full

    @property
    def is_combination(self) -> bool:
        """Computed from other models' output (no estimator of its own)."""
        return self.family == "combination"

    @property
    def available(self) -> bool:
        """False when the model needs the full edition and this is the lite one."""
        if not self.needs_full:
            return True
        from .deep_available import deep_available
        return deep_available()

    def param(self, name: str, field_name: str = "param") -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = fmt.names(p.name for p in self.params) or _("none")
        raise InputError(_("model {model} has no parameter {name}; it has: {known}")
                         .format(model=self.name, name=name, known=known), column=field_name, value=name)

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def check_params(self, params: Optional[dict], field_name: Optional[str] = None) -> dict:
        """``params`` converted and range-checked; unknown names are bad input unless the
        factory takes further keyword arguments (``open_params``), which pass unchecked."""
        out = {}
        known = {p.name for p in self.params}
        for k, v in (params or {}).items():
            if k in known:
                out[k] = self.param(k).parse(v, field_name and f"{field_name} {self.name}.{k}")
            elif self.open_params:
                out[k] = v
            else:
                self.param(k, field_name or "param")   # raises, naming the parameters it has
        return out

    def _factory(self) -> Callable:
        if callable(self.factory):
            return self.factory
        if not self.factory:
            raise ValueError(f"{self.name} combines other models' output; it has no estimator of its own")
        module, attr = self.factory.split(":")
        return getattr(importlib.import_module(module), attr)

    def create(self, params: Optional[dict] = None, /, **kwargs):
        """A fresh, unfitted model with defaults overridden by ``params`` (and ``kwargs``);
        a model that needs the full edition says so (InputError) in the lite one."""
        if self.needs_full:
            from .deep_available import require_deep
            require_deep(f"model {self.name}")
        checked = self.check_params({**(params or {}), **kwargs})
        return self._factory()(**{**dict(self.fixed), **self.defaults(), **checked})

    def build(self, params: Optional[dict] = None, **context):
        """Like :meth:`create`, with ``context`` arguments the factory takes besides the
        parameters (e.g. ``seed``), passed unchecked."""
        if self.needs_full:
            from .deep_available import require_deep
            require_deep(f"model {self.name}")
        checked = self.check_params(params)
        return self._factory()(**{**dict(self.fixed), **self.defaults(), **checked, **context})


class Registry(Mapping):
    """The models of one family, in display order: ``registry[name]`` is the :class:`ModelInfo`
    (unknown → InputError naming the model ids), iterating gives the ids."""

    def __init__(self, family: str, title_en: str, models: Iterable[ModelInfo], defaults: Iterable[str],
                 always: Iterable[str] = (), single: bool = False, option: str = "--models",
                 other_labels: Optional[dict[str, str]] = None):
        self.family = family            # "forecast" | "customers" | "recommend"
        self.title_en = title_en        # N_-marked heading (docs table, form)
        self._models = {m.name: m for m in models}
        self.defaults = tuple(defaults)  # chosen when the user chooses nothing
        self.always = tuple(always)      # always run (the yardsticks)
        self.single = single             # the GUI picks one model (else several)
        self.option = option
        self.other_labels = dict(other_labels or {})   # ids a result shows that are no model ("auto")

    # -- Mapping ------------------------------------------------------------------------------
    def __getitem__(self, name: str) -> ModelInfo:
        try:
            return self._models[name]
        except (KeyError, TypeError):
            raise InputError(_("unknown model; choose from {names}").format(names=fmt.names(self._models)),
                             column=self.option.lstrip("-") or "models", value=str(name)) from None

    def __iter__(self):
        return iter(self._models)

    def __len__(self) -> int:
        return len(self._models)

    def __contains__(self, name) -> bool:
        return name in self._models

    @property
    def title(self) -> str:
        return _(self.title_en)

    def label(self, name: str) -> str:
        """The label of ``name`` in the current language (``name`` itself when unknown)."""
        if name in self._models:
            return self._models[name].label
        return _(self.other_labels[name]) if name in self.other_labels else str(name)

    def available(self) -> list[str]:
        """The ids this edition can train."""
        return [n for n, m in self._models.items() if m.available]

    def create(self, name: str, params: Optional[dict] = None, **kwargs):
        return self[name].create(params, **kwargs)

    # -- the CLI ------------------------------------------------------------------------------
    def parse_names(self, text: Optional[str], option: Optional[str] = None) -> list[str]:
        """'a,b' → checked ids (the defaults when empty; 'all' = every model this edition can
        train); an unknown id is InputError naming the option and listing the ids."""
        option = option or self.option
        names = [_id(n) for n in (text or "").split(",") if n.strip()]
        if not names:
            return list(self.defaults)
        if names == ["all"]:
            return self.available()
        for n in names:
            if n not in self._models:
                raise InputError(_("{option}: unknown model {name!r}; choose from {names}")
                                 .format(option=option, name=n, names=fmt.names(self._models)),
                                 column=option, value=n)
        return list(dict.fromkeys(names))

    def parse_params(self, items: Iterable[str], option: str = "--param") -> dict[str, dict]:
        """``["gbm.max_iter=200", ...]`` → ``{"gbm": {"max_iter": 200}}``, each value converted and
        range-checked; errors name the option, the model.parameter and the allowed range."""
        out: dict[str, dict] = {}
        for item in items:
            key, eq, value = item.partition("=")
            model, dot, name = key.strip().partition(".")
            model = _id(model)
            if not (eq and dot and model and name):
                raise InputError(_("{option}: expected MODEL.NAME=VALUE, e.g. {example}")
                                 .format(option=option, example=self.example()), column=option, value=item)
            if model not in self._models:
                raise InputError(_("{option}: unknown model {name!r}; choose from {names}")
                                 .format(option=option, name=model, names=fmt.names(self._models)),
                                 column=option, value=item)
            info = self._models[model]
            p = info.param(name.strip(), option)
            out.setdefault(model, {})[p.name] = p.parse(value.strip(), f"{option} {model}.{p.name}")
        return out

    def example(self) -> str:
        for m in self._models.values():
            for p in m.params:
                if p.kind in ("int", "float") and p.default is not None:
                    return f"{m.name}.{p.name}={_num(p.default)}"
        return "MODEL.NAME=VALUE"

    def models_help(self, default: Optional[str] = None, several: bool = True) -> str:
        """``--models`` help text: the ids with their labels, the default, what needs the full edition."""
        parts = [f"{n} ({m.label})" + (" [" + _("full edition") + "]" if m.needs_full else "")
                 for n, m in self._models.items()]
        text = (_("comma-separated, from: {models}") if several else _("one of: {models}")) \
            .format(models="; ".join(parts))
        return text + ". " + _("Default: {names}.").format(names=default or ",".join(self.defaults))

    def params_help(self) -> str:
        """``--param`` help text: every MODEL.NAME with its range and default."""
        rows = [f"{m.name}.{p.name} (" + _("{range}, default {value}").format(range=p.range_text(),
                                                                             value=_num(p.default)) + ")"
                for m in self._models.values() for p in m.params]
        return _("model parameter MODEL.NAME=VALUE (repeatable), e.g. {example}; one of: {params}") \
            .format(example=self.example(), params="; ".join(rows) or _("none"))

    def describe(self) -> dict:
        """The registry as plain data (``--json`` listings, the docs table)."""
        return {"family": self.family, "defaults": list(self.defaults), "models": [
            {"name": m.name, "label": m.label, "description": m.description, "needs_full": m.needs_full,
             "available": m.available, "default": m.name in self.defaults,
             "params": [{"name": p.name, "label": p.label, "type": p.kind, "default": p.default,
                         "min": p.minimum, "max": p.maximum, "choices": list(p.choices) or None,
                         "optional": p.optional, "help": p.help} for p in m.params]}
            for m in self._models.values()]}


FAMILIES = ("forecast", "customers", "recommend")


def registry(family: str) -> Registry:
    """The registry of ``family`` ("forecast", "customers" or "recommend"; see core/registries.py)."""
    from . import registries
    return {"forecast": registries.FORECAST, "customers": registries.CUSTOMERS,
            "recommend": registries.RECOMMEND}[family]
