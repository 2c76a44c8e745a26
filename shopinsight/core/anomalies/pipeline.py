"""One anomaly run end to end, and the review states.

``AnomalyOptions`` (frozen, ``validate()`` raises InputError) → :func:`run_anomalies` (shop,
options, progress/should_stop) → :class:`AnomalyResult` → ``result.save(shop)`` (a run of kind
``anomalies``) / :meth:`AnomalyResult.load`.  The Anomalies tab and ``shopinsight anomalies``
both call these.  Reviews (:func:`set_review`) are stored at once in ``anomaly_reviews``:
dismissed items are left out of later runs, and reviewed items re-weight the detectors.
"""
from __future__ import annotations

import getpass
import json
import time
from dataclasses import asdict, dataclass, field
from typing import Iterable, Optional

import numpy as np
import pandas as pd

from .. import fmt
from ..errors import InputError, iso_day
from ..i18n import _, ngettext
from ..schema import upsert_anomaly_review
from ..store import now_iso
from ..tasks import as_reporter
from .detectors import DEFAULT_MODELS, MODELS, combine, detector_weights, iforest_scores, rule_scores
from .levels import (LEVEL_NAMES, LEVELS, customer_items, day_items, line_items, load_days, load_orders,
                     order_items, week_items)
from .reasons import reasons_text

__all__ = ["AnomalyOptions", "AnomalyResult", "run_anomalies", "load_anomalies", "set_review", "reviews",
           "KIND", "STATES", "ITEM_COLUMNS", "parse_key", "check_review", "filter_items"]

KIND = "anomalies"
STATES = ("new", "confirmed", "dismissed")
LEVEL_DAMPING, LEVEL_SPAN = 0.4, 10.0       # the 10th item of a level keeps 80 % of its score, the 100th 64 %
SAME_PROBLEM = 0.5          # a line of an order that already has a higher-scored line keeps half its score
ITEM_COLUMNS = ["rank", "level", "line_id", "order_id", "day", "customer_id", "product_id", "score", "reasons",
                "state"]
_STORED = ["rank", "key", "level", "when", "line_id", "order_id", "day", "customer_id", "product_id", "what",
           "score", "state", "reasons_json", "detectors_json"]




@dataclass(frozen=True)
class AnomalyOptions:
    """What to look at.  ``level`` one of lines/orders/days/customers/all; ``since``/``until``
    ISO days bounding the items (reference statistics use everything up to ``until``); ``top``
    items to show; ``models`` among ``rules``, ``iforest`` (the default pair) and ``autoencoder``
    (full edition); ``keep`` items stored per run."""

    level: str = "all"
    since: Optional[str] = None
    until: Optional[str] = None
    top: int = 100
    models: tuple[str, ...] = DEFAULT_MODELS
    seed: int = 0
    keep: int = 1000

    def validate(self) -> "AnomalyOptions":
        if self.level not in (*LEVELS, "all"):
            raise InputError(_("level must be lines, orders, days, customers or all"), column="level",
                             value=str(self.level))
        since, until = iso_day(self.since, "since"), iso_day(self.until, "until")
        if since and until and since > until:
            raise InputError(_("since is after until"), column="since", value=f"{since} > {until}")
        if int(self.top) < 1:
            raise InputError(_("top must be at least 1"), column="top", value=str(self.top))
        if not self.models:
            raise InputError(_("choose at least one model (rules, iforest, autoencoder)"), column="models", value="")
        for m in self.models:
            if m not in MODELS:
                raise InputError(_("unknown model; choose among {choices}").format(choices=fmt.names(MODELS)),
                                 column="models",
                                 value=str(m))
        if "autoencoder" in self.models:
            from ..deep_available import require_deep
            require_deep("the anomaly autoencoder")
        return self

    @property
    def levels(self) -> tuple[str, ...]:
        return LEVELS if self.level == "all" else (self.level,)


@dataclass
class AnomalyResult:
    """Ranked items of one run (also what :meth:`load` rebuilds from the store)."""

    options: AnomalyOptions
    items: pd.DataFrame            # _STORED columns, ranked
    seconds: float
    counts: dict                   # per level: candidates flagged
    suppressed: int                # dismissed items left out
    weights: dict                  # detector weights used
    currency: Optional[str] = None
    data_from: Optional[str] = None
    data_to: Optional[str] = None
    run_id: Optional[int] = None
    created_at: Optional[str] = None
    level_seconds: dict = field(default_factory=dict)

    def reasons(self, i: int) -> list[dict]:
        """The reason dicts of the item at row ``i``."""
        return json.loads(self.items["reasons_json"].iloc[i] or "[]")

    def table(self, top: Optional[int] = None, keys: Optional[Iterable[str]] = None) -> pd.DataFrame:
        """The per-item table of the CLI and exports: rank, level, ids, score, reasons in words, state;
        the first ``top`` items, or (with ``keys``) those items (the inbox as filtered)."""
        df = self.items.head(top) if top else self.items
        if keys is not None:
            df = df[df["key"].isin(set(keys))]
        out = df[["rank", "level", "line_id", "order_id", "day", "customer_id", "product_id", "score",
                  "state"]].copy()
        out["line_id"] = out["line_id"].astype("Int64")
        out["score"] = out["score"].round(4)
        out["reasons"] = [reasons_text(json.loads(r or "[]"), self.currency) for r in df["reasons_json"]]
        return out[ITEM_COLUMNS]

    def to_dict(self, top: Optional[int] = None) -> dict:
        top = top or self.options.top
        t = self.table(top)
        return {"run_id": self.run_id, "level": self.options.level, "since": self.options.since,
                "until": self.options.until, "models": list(self.options.models),
                "data_from": self.data_from, "data_to": self.data_to, "flagged": self.counts,
                "suppressed_dismissed": self.suppressed, "weights": self.weights,
                "seconds": round(self.seconds, 2),
                "items": [{k: (None if (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))) else
                               (int(v) if k in ("rank", "line_id") else v)) for k, v in row.items()}
                          for row in t.astype(object).to_dict("records")]}

    def save(self, shop, reporter=None) -> int:
        """Store the run (kind ``anomalies``); returns its run id (``reporter``: the job's, checked
        for cancel before the commit and marked committed after it)."""
        params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self.options).items()}
        self.run_id = shop.save_run(
            KIND, params=params,
            metrics={"counts": self.counts, "suppressed": self.suppressed, "weights": self.weights,
                     "currency": self.currency, "level_seconds": self.level_seconds},
            tables={"items": self.items[_STORED]}, data_from=self.data_from, data_to=self.data_to,
            seconds=self.seconds, summary=ngettext("{n} item", "{n} items", len(self.items)).format(n=fmt.integer(len(self.items))),
            reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop, run_id: Optional[int] = None) -> Optional["AnomalyResult"]:
        """A stored run (the newest when ``run_id`` is None), with review states as they are now."""
        from ..results import load_stored

        stored = load_stored(shop, KIND, run_id, AnomalyOptions, fallback=("models",))
        if stored is None:
            return None
        run = stored.run
        items = _apply_states(shop, stored.table("items", _STORED)[_STORED].copy(), drop_dismissed=False)
        return cls(options=stored.options, items=items, seconds=run.seconds or 0.0, counts=run.metrics.get("counts", {}),
                   suppressed=int(run.metrics.get("suppressed", 0)), weights=run.metrics.get("weights", {}),
                   currency=run.metrics.get("currency"), data_from=run.data_from, data_to=run.data_to,
                   run_id=run.run_id, created_at=run.created_at,
                   level_seconds=run.metrics.get("level_seconds", {}))


def filter_items(items: pd.DataFrame, level: Optional[str] = None, state: Optional[str] = None,
                 min_score: float = 0.0, day_from: Optional[str] = None, day_to: Optional[str] = None) -> pd.DataFrame:
    """The items of ``level`` and ``state`` (None: any) scoring at least ``min_score`` whose day is
    within ``day_from``..``day_to`` (ISO days, inclusive; None: open), renumbered from 0 — the
    Anomalies tab's inbox as filtered (and what it exports)."""
    keep = pd.Series(True, index=items.index)
    if level:
        keep &= items["level"] == level
    if state:
        keep &= items["state"] == state
    keep &= items["score"].astype(float) >= min_score
    day = items["when"].astype(str).str[:10]
    if day_from:
        keep &= day >= day_from
    if day_to:
        keep &= day <= day_to
    return items[keep].reset_index(drop=True)


def load_anomalies(shop, run_id: Optional[int] = None) -> Optional[AnomalyResult]:
    """Shorthand for :meth:`AnomalyResult.load`."""
    return AnomalyResult.load(shop, run_id)


# ------------------------------------------------------------------------------------------------
# reviews
# ------------------------------------------------------------------------------------------------
def parse_key(key: str) -> tuple[str, str]:
    """``'order:581483'`` → ``('orders', '581483')``; InputError for anything else."""
    prefix, sep, ident = str(key).partition(":")
    level = {"line": "lines", "order": "orders", "day": "days", "week": "days", "customer": "customers"}.get(prefix)
    if not sep or level is None or not ident:
        raise InputError(_("an item key is line:ID, order:ID, day:YYYY-MM-DD, week:YYYY-MM-DD (its Monday) or "
                           "customer:ID"), column="key",
                         value=str(key))
    return level, ident


def check_review(key: str, state: str) -> tuple[str, str]:
    """The one check of a verdict (``set_review`` makes it; the CLI makes it on every ``--review``
    before storing any): the item key's (level, id); InputError for a bad key or state."""
    level, ident = parse_key(key)
    if state not in STATES:
        raise InputError(_("a review state is new, confirmed or dismissed"), column="state", value=str(state))
    return level, ident


def reviews(shop) -> pd.DataFrame:
    """All stored reviews."""
    return shop.query_df("SELECT item_key, level, state, reviewed_by, reviewed_at, run_id, score, "
                         "detectors_json, reasons_json FROM anomaly_reviews ORDER BY reviewed_at")


def set_review(shop, key: str, state: str, who: Optional[str] = None,
               run_id: Optional[int] = None) -> dict:
    """Store the owner's verdict on one item at once (who and when).  The item's detector scores
    are taken from the newest run that flagged it, so the verdict can re-weight the detectors."""
    level, _id = check_review(key, state)
    who = who or _user()
    det = reasons = score = None
    q = ("SELECT run_id FROM runs WHERE kind = ? " + ("AND run_id = ? " if run_id else "")
         + "ORDER BY run_id DESC LIMIT 20")
    for (rid,) in shop.conn.execute(q, (KIND, run_id) if run_id else (KIND,)).fetchall():
        run = shop.load_run(rid)
        items = run.tables.get("items") if run else None
        if items is not None and len(items) and key in set(items["key"]):
            row = items[items["key"] == key].iloc[0]
            det, reasons, score, run_id = row["detectors_json"], row["reasons_json"], float(row["score"]), rid
            break
    with shop.transaction() as c:
        upsert_anomaly_review(c, {"item_key": key, "level": level, "state": state, "reviewed_by": who,
                                  "reviewed_at": now_iso(), "run_id": run_id, "score": score,
                                  "detectors_json": det, "reasons_json": reasons})
    return {"key": key, "level": level, "state": state, "reviewed_by": who, "known_item": det is not None}


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:       # no login name (some containers)
        return "owner"


def _apply_states(shop, items: pd.DataFrame, drop_dismissed: bool) -> pd.DataFrame:
    states = dict(shop.conn.execute("SELECT item_key, state FROM anomaly_reviews").fetchall())
    items["state"] = [states.get(k, "new") for k in items["key"]]
    if drop_dismissed:
        items = items[items["state"] != "dismissed"]
    return items.reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------------
def one_problem_one_place(items: pd.DataFrame, raw: np.ndarray) -> np.ndarray:
    """Per item a factor: 1, or ``SAME_PROBLEM`` for a line whose order already has a
    higher-scored line: four lines of one bulk deal are one thing to check, not four places in
    the inbox.  (Many lines of a product at one odd price are already damped as a price tier.)"""
    f = np.ones(len(items))
    if not len(items):
        return f
    seen: set = set()
    lv, oid = items["level"].to_numpy(), items["order_id"].to_numpy()
    for i in np.argsort(-raw, kind="stable"):
        if lv[i] == "lines":
            if oid[i] in seen:
                f[i] = SAME_PROBLEM
            seen.add(oid[i])
    return f


def run_anomalies(shop, options: AnomalyOptions = AnomalyOptions(), *, save: bool = True, progress=None,
                  should_stop=None, use_reviews: bool = True) -> AnomalyResult:
    """Score every level asked for, combine, rank, leave dismissed items out, and store the run.

    Raises :class:`~shopinsight.core.tasks.Cancelled` (nothing stored) when asked to stop.
    """
    t0 = time.perf_counter()
    rep = as_reporter(progress, should_stop)
    options.validate()
    since, until = iso_day(options.since, "since"), iso_day(options.until, "until")
    first, last = shop.date_range()
    if first is None:
        raise InputError(_("the shop has no lines yet; import a sales export first"))
    levels = options.levels
    frames, level_seconds, counts = [], {}, {}
    need_orders = any(lv in levels for lv in ("orders", "customers", "days"))
    orders = load_orders(shop, until, rep.sub(0.0, 0.1)) if need_orders else None
    use_if = "iforest" in options.models
    for i, lv in enumerate(levels):
        sub = rep.sub(0.1 + 0.8 * i / len(levels), 0.1 + 0.8 * (i + 1) / len(levels))
        sub(0.0, _("looking at {level}").format(level=LEVEL_NAMES[lv]))
        t = time.perf_counter()
        if lv == "lines":
            items, ref = line_items(shop, since, until, sub.sub(0, 0.8))
        elif lv == "orders":
            items, ref = order_items(shop, since, until, sub.sub(0, 0.8), orders=orders)
        elif lv == "days":
            days = load_days(shop, until, sub)
            items, ref = day_items(shop, since, until, sub.sub(0, 0.6), days=days, orders=orders)
            # whole weeks belong to the days level (rules only: too few weeks for a forest)
            weeks = week_items(shop, since, until, sub.sub(0.6, 0.8), days=days)
        else:
            items, ref = customer_items(shop, since, until, sub.sub(0, 0.8), orders=orders)
        sub(0.85, _("scoring {level}").format(level=LEVEL_NAMES[lv]))
        dets = [rule_scores(r) for r in items["reasons"]]
        if use_if and len(items):
            iso = iforest_scores(items, ref, seed=options.seed)
            for d, s in zip(dets, iso):
                d["iforest"] = float(s)
        if "autoencoder" in options.models and len(items):
            from .autoencoder import autoencoder_scores       # imports TensorFlow: only when asked for
            ae = autoencoder_scores(items, ref, seed=options.seed, progress=sub.sub(0.86, 0.99))
            for d, s in zip(dets, ae):
                d["autoencoder"] = float(s)
        items = items.drop(columns=[c for c in items.columns if c.startswith("f_")])
        items["detectors"] = dets
        if lv == "days" and len(weeks):
            weeks["detectors"] = [rule_scores(r) for r in weeks["reasons"]]
            items = pd.concat([items, weeks], ignore_index=True) if len(items) else weeks
        counts[lv] = int(len(items))
        level_seconds[lv] = round(time.perf_counter() - t, 2)
        frames.append(items)
    rep(0.92, _("ranking"))
    rv = shop.query_df("SELECT state, detectors_json FROM anomaly_reviews") if use_reviews else None
    weights = detector_weights(rv)
    items = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) else \
        pd.DataFrame(columns=["key", "level", "when", "line_id", "order_id", "day", "customer_id", "product_id",
                              "what", "reasons", "detectors"])
    raw = combine(list(items["detectors"]), weights, options.models)
    raw = raw * one_problem_one_place(items, raw)
    # one inbox for all levels: an item's score is damped by its rank within its level, so that
    # thousands of unusual lines in a wholesale shop do not crowd out the unusual days and customers
    level_rank = pd.Series(raw).groupby(items["level"].to_numpy()).rank(ascending=False, method="first").to_numpy()
    items["score"] = raw * (1 - LEVEL_DAMPING + LEVEL_DAMPING / (1 + (level_rank - 1) / LEVEL_SPAN)) \
        if len(options.levels) > 1 else raw
    items["reasons_json"] = [json.dumps(r[:3], ensure_ascii=False) for r in items["reasons"]]
    items["detectors_json"] = [json.dumps({k: round(v, 4) for k, v in d.items()}) for d in items["detectors"]]
    items["customer_id"] = np.where(items["level"].isin(["lines", "orders", "customers"]), items["customer_id"], None)
    items.loc[items["level"] == "customers", "day"] = None
    items = items.sort_values(["score", "key"], ascending=[False, True], kind="stable", ignore_index=True)
    items["state"] = "new"
    if use_reviews:
        n_before = len(items)
        items = _apply_states(shop, items, drop_dismissed=True)
        suppressed = n_before - len(items)
    else:
        suppressed = 0
    items = items[items["score"] > 0].head(max(options.keep, options.top)).reset_index(drop=True)
    items["rank"] = np.arange(1, len(items) + 1)
    result = AnomalyResult(options=options, items=items[_STORED].copy(), seconds=time.perf_counter() - t0,
                           counts=counts, suppressed=suppressed, weights=weights, currency=shop.get_meta("currency"),
                           data_from=since or first, data_to=until or last, level_seconds=level_seconds)
    rep.check()         # the last moment a cancel is honoured: after this the run is stored
    if save:
        result.save(shop, reporter=rep)
    rep(1.0, _("done"))
    return result
