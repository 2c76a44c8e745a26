"""Run history: every stored run of the shop — list, show, delete, compare.  No Qt.

A *run* is what an analysis stored with :meth:`Shop.save_run` (a forecast, a customers model, a
recommendation run, an anomaly run, …): its kind, time, parameters, data range, metrics, output
tables and the library versions it was made with.  The Runs tab and ``shopinsight runs`` call
these functions:

* :func:`list_runs` — the runs (newest first, optionally of one kind) as :class:`RunInfo`;
* :func:`show_run` — one run with the names and sizes of its tables;
* :func:`delete_runs` — runs and all their tables, in one transaction (all or none);
* :func:`compare_runs` — two runs of the same kind, parameters and metrics side by side.

Parameters and metrics are nested JSON; here they are flattened to dotted keys
(``models.linear.mase``) whose parts are shown with translated labels (:func:`key_label`);
ids (model names, series ids) are never translated.  A run made with other versions of the
libraries its results depend on is marked (``other_versions``), with one line per library.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Optional

import pandas as pd

from .errors import InputError
from . import fmt
from .jsonutil import dumps
from .i18n import N_, Labels, _
from .store import Run, library_versions, version_changes, version_warnings

__all__ = ["RunInfo", "RunComparison", "KIND_LABELS", "KEY_LABELS", "VALUE_LABELS", "value_label", "kind_label", "key_label", "known_kinds",
           "list_runs", "runs_table", "show_run", "delete_run", "delete_runs", "compare_runs", "flatten", "format_value"]

#: labels of the run kinds the analyses store (an unknown kind is shown as its id)
KIND_LABELS = Labels({
    "forecast": N_("Forecast"),
    "customers": N_("Customers"),
    "recommend": N_("Recommendations"),
    "rules": N_("Bought together"),
    "anomalies": N_("Anomalies"),
    "anomalies-selftest": N_("Anomaly self-test"),
    "overview": N_("Overview"),
    "explain": N_("What changed"),
})

#: labels of the parameter and metric names (one part of a dotted key each; others stay as they are)
KEY_LABELS = Labels({
    # parameters
    "spec": N_("data"), "options": N_("options"), "target": N_("target"), "level": N_("level"),
    "freq": N_("frequency"), "until": N_("until"), "since": N_("since"), "top": N_("top"),
    "products": N_("products"), "holiday_country": N_("holidays of"), "horizon": N_("horizon"),
    "models": N_("models"), "model": N_("model"), "params": N_("parameters"), "windows": N_("backtest windows"),
    "calibration": N_("calibration windows"), "step": N_("step"), "selection": N_("model choice"),
    "seed": N_("seed"), "keep": N_("items kept"), "k": N_("k"), "cutoff": N_("cutoff"),
    "evaluate": N_("evaluate"), "tune": N_("tune"), "tuned": N_("tuned parameters"),
    "tuned_from_run": N_("tuned in run"), "val_days": N_("validation days"),
    "exclude_purchased": N_("exclude purchased"), "model_params": N_("model parameters"),
    "threshold": N_("threshold"), "n_cutoffs": N_("cutoffs"), "step_days": N_("step (days)"),
    # metrics
    "mae": N_("MAE"), "rmse": N_("RMSE"), "wape": N_("WAPE"), "mase": N_("MASE"), "coverage": N_("coverage"),
    "skill": N_("skill"), "selected": N_("chosen model"), "model_seconds": N_("seconds per model"),
    "residual_sd": N_("residual SD"), "closed_weekdays": N_("closed weekdays"),
    "freq_source": N_("frequency from"), "interval_windows": N_("interval windows"),
    "counts": N_("items"), "suppressed": N_("dismissed left out"), "weights": N_("weights"),
    "currency": N_("currency"), "level_seconds": N_("seconds per level"),
    "precision": N_("precision"), "recall": N_("recall"), "ndcg": N_("NDCG"), "hit_rate": N_("hit rate"),
    "fit_seconds": N_("fit seconds"), "roc_auc": N_("ROC AUC"), "pr_auc": N_("PR AUC"), "f1": N_("F1"),
    "brier": N_("Brier score"), "customers": N_("customers"), "seconds": N_("seconds"),
    "chosen_model": N_("chosen model"), "validation": N_("validation"), "test": N_("test"),
    "messages": N_("messages"), "kmeans": N_("k-means"), "injected": N_("injected"), "found": N_("found"),
    "per_kind": N_("per kind"), "auto": N_("auto"), "lines": N_("lines"), "orders": N_("orders"),
    "days": N_("days"), "total": N_("total"), "accuracy": N_("accuracy"), "actual_total": N_("actual total"),
    "asof": N_("as of"), "base_rate": N_("base rate"), "brier_base_rate": N_("Brier score of the base rate"),
    "chosen_calibrated": N_("calibrated"), "mae_naive": N_("MAE of the naive guess"), "mae_skill": N_("MAE skill"),
    "mean_probability": N_("mean probability"), "n": N_("n"), "naive_total": N_("naive total"),
    "positives": N_("positives"), "predicted_total": N_("predicted total"), "silhouette": N_("silhouette"),
    "top_decile_lift": N_("top-decile lift"), "training_cutoffs": N_("training cutoffs"),
    "value_validation": N_("value validation"),
})

#: labels of the id-like values parameters take (model ids are labelled by the model registries)
VALUE_LABELS = Labels({
    "net_sales": N_("Net sales"), "units": N_("Units"), "total": N_("whole shop"), "product": N_("product"),
    "country": N_("country"), "auto": N_("auto"), "per_series": N_("per series"), "global": N_("one for all"),
    "D": N_("daily"), "W": N_("weekly"), "M": N_("monthly"), "all": N_("all"),
    "detected": N_("from the data"), "asked": N_("as chosen"),
})


def value_label(value: str) -> str:
    """An id-like text value in words: a model id by its registry label, a known id by
    :data:`VALUE_LABELS`; any other text (dates, names, paths) as it is."""
    from .anomalies.detectors import MODEL_LABELS
    from .registry import FAMILIES, registry

    for family in FAMILIES:
        label = registry(family).label(value)
        if label != value:
            return label
    for table in (MODEL_LABELS, VALUE_LABELS):
        if value in table:
            return table[value]
    return value


def kind_label(kind: str) -> str:
    """The translated label of a run kind (the kind itself when unknown)."""
    return KIND_LABELS[kind] if kind in KIND_LABELS else kind


def key_label(key: str) -> str:
    """A dotted parameter/metric key in words: each known part translated (model ids by their
    labels), joined with " · "."""
    return " · ".join(KEY_LABELS[p] if p in KEY_LABELS else value_label(p) for p in key.split("."))


def flatten(d: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts → ``{"a.b.c": value}``; lists of plain values stay lists, other lists become
    their JSON text; an empty dict gives no keys."""
    out: dict[str, Any] = {}
    if isinstance(d, dict):
        for k, v in d.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict):
                out.update(flatten(v, key))
            else:
                out[key] = _plain(v)
    elif prefix:
        out[prefix] = _plain(d)
    return out


def _plain(v: Any) -> Any:
    if hasattr(v, "item") and not isinstance(v, (list, dict, str)):
        v = v.item()
    if isinstance(v, (list, tuple)):
        if all(x is None or isinstance(x, (str, int, float, bool)) for x in v):
            return list(v)
        return dumps(v)
    return v


def format_value(v: Any) -> str:
    """A parameter or metric value as short text for people (the CLI's human output and the GUI's
    cells), through :mod:`shopinsight.core.fmt`: whole numbers grouped, other numbers to four
    significant digits (whole below 1,000 and above), yes/no in the user's language."""
    if v is None:
        return fmt.MISSING
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, int):
        return fmt.integer(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            return fmt.MISSING
        a = abs(v)
        decimals = 0 if a >= 1000 or a == 0 else min(8, 3 - math.floor(math.log10(a)))
        text = fmt.number(v, decimals)
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(v, list):
        return ", ".join(format_value(x) for x in v) if v else fmt.MISSING
    return value_label(v) if isinstance(v, str) else str(v)


@dataclass
class RunInfo:
    """One stored run as the run history shows it (no output tables, only their sizes)."""

    run_id: int
    kind: str
    created_at: str
    seconds: Optional[float]
    data_from: Optional[str]
    data_to: Optional[str]
    summary: Optional[str]
    params: dict
    metrics: dict
    versions: dict
    #: {library: (version the run was made with, version now)} for every library that differs
    version_changes: dict[str, tuple[str, Optional[str]]] = field(default_factory=dict)
    #: {table name: rows}; filled by :func:`show_run`
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def other_versions(self) -> bool:
        """True when the run was made with other versions of the libraries results depend on."""
        return bool(self.version_changes)

    def version_warnings(self) -> list[str]:
        """One translated line per library whose version changed since the run."""
        now = {**self.versions, **{lib: v_now for lib, (_then, v_now) in self.version_changes.items()}}
        return version_warnings(self.versions, now)

    def to_dict(self) -> dict:
        return {"run_id": self.run_id, "kind": self.kind, "kind_label": self.kind_label,
                "created_at": self.created_at, "seconds": self.seconds, "data_from": self.data_from,
                "data_to": self.data_to, "summary": self.summary, "params": self.params, "metrics": self.metrics,
                "versions": self.versions, "other_versions": self.other_versions,
                "version_warnings": self.version_warnings(),
                **({"tables": self.tables} if self.tables else {})}


def _loads(text: Optional[str]) -> dict:
    try:
        v = json.loads(text or "{}")
    except ValueError:
        return {}
    return v if isinstance(v, dict) else {}


_COLUMNS = "run_id, kind, created_at, seconds, data_from, data_to, summary, params_json, metrics_json, versions_json"


def _info(row, now: dict) -> RunInfo:
    versions = _loads(row["versions_json"])
    return RunInfo(int(row["run_id"]), row["kind"], row["created_at"], _num(row["seconds"]), row["data_from"],
                   row["data_to"], row["summary"], _loads(row["params_json"]), _loads(row["metrics_json"]),
                   versions, version_changes(versions, now))


def _num(x: Any) -> Optional[float]:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def known_kinds(shop) -> list[str]:
    """The kinds the analyses store plus any other kind stored in this shop."""
    stored = [k for k in shop.query_df("SELECT DISTINCT kind FROM runs ORDER BY kind")["kind"]]
    return list(KIND_LABELS) + [k for k in stored if k not in KIND_LABELS]


def list_runs(shop, kind: Optional[str] = None) -> list[RunInfo]:
    """The stored runs, newest first, optionally only those of ``kind`` (InputError for a kind no
    analysis stores and the shop does not hold)."""
    if kind is not None and kind not in known_kinds(shop):
        raise InputError(_("no such kind of run; the kinds are: {kinds}").format(
            kinds=fmt.names(known_kinds(shop))), column="kind", value=kind)
    where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
    df = shop.query_df(f"SELECT {_COLUMNS} FROM runs {where} ORDER BY run_id DESC", params)
    df = df.astype(object).where(df.notna(), None)
    now = library_versions()
    return [_info(r, now) for r in df.to_dict("records")]


def _one(shop, run_id: Any) -> RunInfo:
    rid = _run_id(run_id)
    df = shop.query_df(f"SELECT {_COLUMNS} FROM runs WHERE run_id = ?", (rid,))
    if df.empty:
        raise InputError(_("there is no stored run with this id"), column="run_id", value=str(run_id))
    df = df.astype(object).where(df.notna(), None)
    return _info(df.to_dict("records")[0], library_versions())


def _run_id(run_id: Any) -> int:
    try:
        rid = int(str(run_id).strip().lstrip("#"))
    except (TypeError, ValueError):
        raise InputError(_("a run id is a whole number"), column="run_id", value=str(run_id)) from None
    return rid


def show_run(shop, run_id: Any) -> RunInfo:
    """One stored run with the names and row counts of its output tables."""
    info = _one(shop, run_id)
    run: Optional[Run] = shop.load_run(info.run_id)
    info.tables = {name: int(len(df)) for name, df in (run.tables.items() if run else ())}
    return info


def delete_runs(shop, run_ids, reporter=None) -> list[RunInfo]:
    """Delete stored runs and all their tables in one transaction: all or none (InputError for an
    unknown id, before anything is deleted; a cancel leaves every run in place).  Returns what was
    deleted."""
    infos = [_one(shop, rid) for rid in run_ids]
    shop.delete_runs([i.run_id for i in infos], reporter=reporter)     # checks again inside its transaction
    return infos


def delete_run(shop, run_id: Any, reporter=None) -> RunInfo:
    """Delete one stored run and all its tables (see :func:`delete_runs`)."""
    return delete_runs(shop, [run_id], reporter)[0]


@dataclass
class RunComparison:
    """Two runs of one kind side by side: ``rows`` has one row per run field, parameter and metric
    (columns ``section``, ``key``, ``label``, ``a``, ``b``, ``differs``; ``change`` = b − a for numbers)."""

    kind: str
    a: RunInfo
    b: RunInfo
    rows: pd.DataFrame

    @property
    def differences(self) -> int:
        return int(self.rows["differs"].sum()) if len(self.rows) else 0

    def to_dict(self) -> dict:
        rows = self.rows.astype(object).where(self.rows.notna(), None).to_dict("records")
        return {"kind": self.kind, "kind_label": kind_label(self.kind), "a": self.a.to_dict(),
                "b": self.b.to_dict(), "differences": self.differences, "rows": rows}


#: section ids of a comparison's rows, in order, with their labels
SECTIONS = Labels({"run": N_("Run"), "params": N_("Parameters"), "metrics": N_("Metrics"),
                   "versions": N_("Library versions")})

_RUN_FIELDS = Labels({"created_at": N_("made at"), "data_from": N_("data from"), "data_to": N_("data to"),
                      "seconds": N_("seconds"), "summary": N_("summary")})


def compare_runs(shop, run_a: Any, run_b: Any) -> RunComparison:
    """Two runs of the same kind side by side (InputError for an unknown id or different kinds)."""
    a, b = _one(shop, run_a), _one(shop, run_b)
    if a.kind != b.kind:
        raise InputError(_("only runs of the same kind can be compared: run {a} is {kind_a}, run {b} is {kind_b}")
                         .format(a=a.run_id, b=b.run_id, kind_a=a.kind_label, kind_b=b.kind_label),
                         column="run_id", value=str(run_b))
    rows = []

    def add(section: str, key: str, label: str, va: Any, vb: Any) -> None:
        rows.append({"section": section, "key": key, "label": label, "a": va, "b": vb,
                     "differs": not _same(va, vb), "change": _change(va, vb)})

    for key in _RUN_FIELDS:
        add("run", key, _RUN_FIELDS[key], getattr(a, key), getattr(b, key))
    for section, da, db in (("params", flatten(a.params), flatten(b.params)),
                            ("metrics", flatten(a.metrics), flatten(b.metrics)),
                            ("versions", a.versions, b.versions)):
        for key in list(da) + [k for k in db if k not in da]:
            label = key if section == "versions" else key_label(key)
            add(section, key, label, da.get(key), db.get(key))
    df = pd.DataFrame(rows, columns=["section", "key", "label", "a", "b", "differs", "change"])
    return RunComparison(a.kind, a, b, df)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return a == b


def _change(a: Any, b: Any) -> Optional[float]:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        d = float(b) - float(a)
        return d if math.isfinite(d) else None
    return None


def runs_table(runs: list[RunInfo]) -> pd.DataFrame:
    """The run history as one frame (one row per run) for tables and CSV: ids, kind label, time,
    data range, summary, parameters and metrics as short text, and the other-versions mark."""
    cols = ["run_id", "kind", "kind_label", "created_at", "data_from", "data_to", "seconds", "summary",
            "params", "metrics", "other_versions", "version_warnings"]
    return pd.DataFrame([{
        "run_id": r.run_id, "kind": r.kind, "kind_label": r.kind_label, "created_at": r.created_at,
        "data_from": r.data_from, "data_to": r.data_to, "seconds": r.seconds, "summary": r.summary or "",
        "params": _short(flatten(r.params)), "metrics": _short(flatten(r.metrics)),
        "other_versions": r.other_versions, "version_warnings": "; ".join(r.version_warnings())}
        for r in runs], columns=cols)


def _short(flat: dict, limit: int = 12) -> str:
    """``label = value`` pairs of the first ``limit`` keys (those with a value), for one table cell."""
    shown = [(k, v) for k, v in flat.items() if v not in (None, [], "")]
    parts = [f"{key_label(k)} = {format_value(v)}" for k, v in shown[:limit]]     # only these are formatted
    more = len(shown) - limit
    return "; ".join(parts) + (f"; … (+{more})" if more > 0 else "")
