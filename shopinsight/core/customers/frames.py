"""Model frames: features (plus BG/NBD columns) and labels for one or several cutoffs."""
from __future__ import annotations


import numpy as np
import pandas as pd

from .. import fmt
from ..i18n import _
from ..tasks import as_reporter
from .btyd import BetaGeoModel
from .data import History, day_text
from .features import customer_features
from .labels import future_spend, purchase_labels

__all__ = ["build_frame", "build_training_frame", "training_cutoffs", "NotEnoughData",
           "MIN_CUSTOMERS", "MIN_CLASS"]

MIN_CUSTOMERS = 30      # fewer customers at a cutoff: that cutoff is not used for training
MIN_CLASS = 10          # fewer buyers (or non-buyers) in all training data: no model


class NotEnoughData(Exception):
    """Too few customers or too little history to train a model (the caller falls back to segments)."""


def add_bgnbd(frame: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """BG/NBD fitted on this cutoff's customers (weeks); adds p_alive, expected purchases, p_buy."""
    x = frame["purchase_days"].to_numpy() - 1
    T = frame["tenure_days"].to_numpy() / 7.0
    tx = (frame["tenure_days"] - frame["recency_days"]).to_numpy() / 7.0
    out = frame.copy()
    try:
        m = BetaGeoModel().fit(x, tx, T)
        t = horizon / 7.0
        out["bgnbd_p_alive"] = m.p_alive(x, tx, T)
        out["bgnbd_expected"] = m.expected_purchases(t, x, tx, T)
        out["bgnbd_p_buy"] = m.p_purchase(t, x, tx, T)
        out.attrs["bgnbd_params"] = {k: float(v) for k, v in m.params_.items()}
    except (ValueError, FloatingPointError):
        out["bgnbd_p_alive"] = np.nan
        out["bgnbd_expected"] = np.nan
        out["bgnbd_p_buy"] = 0.5
    return out


def build_frame(history: History, cutoff: int, horizon: int, labels: bool = True) -> pd.DataFrame:
    """Features (and, when ``labels``, targets from the window after) of one cutoff."""
    f = add_bgnbd(customer_features(history, cutoff, horizon), horizon)
    f["cutoff"] = cutoff
    # the naive expected value: the same net sales as in the last `horizon` days
    o = history.orders
    last = o[(o["day"] > cutoff - horizon) & (o["day"] <= cutoff)]
    f["naive_value"] = last.groupby("customer_id")["value"].sum().reindex(f.index).fillna(0.0)
    if labels:
        f["label"] = purchase_labels(history, cutoff, horizon, f.index)
        f["future_spend"] = future_spend(history, cutoff, horizon, f.index)
    return f


def training_cutoffs(history: History, cutoff: int, horizon: int, n_cutoffs: int = 4,
                     step_days: int = 30, min_history_days: int = 90) -> list[int]:
    """Earlier cutoffs whose label windows end on or before ``cutoff`` (oldest first).

    The latest is ``cutoff − horizon``; the others step back ``step_days`` each, keeping only
    those with at least ``min_history_days`` of data before them.
    """
    out = []
    c = cutoff - horizon
    while len(out) < n_cutoffs and c - history.first_day >= min_history_days:
        out.append(c)
        c -= step_days
    return sorted(out)


def build_training_frame(history: History, cutoffs: list[int], horizon: int,
                         progress=None, should_stop=None) -> pd.DataFrame:
    """Stacked frames of several cutoffs (ordered oldest first), each cutoff with enough customers."""
    rep = as_reporter(progress, should_stop)
    frames = []
    for i, c in enumerate(cutoffs):
        rep(i / max(len(cutoffs), 1), _("features as of {day}").format(day=fmt.day(day_text(c))))
        f = build_frame(history, c, horizon)
        if len(f) >= MIN_CUSTOMERS:
            frames.append(f)
    rep(1.0, _("features ready"))
    if not frames:
        raise NotEnoughData(
            _("not enough history for a model: it needs a cutoff at least {days} days before the last "
              "day, with {n}+ customers who bought before it").format(days=horizon, n=MIN_CUSTOMERS))
    train = pd.concat(frames)
    pos = int(train["label"].sum())
    if pos < MIN_CLASS or len(train) - pos < MIN_CLASS:
        few = (_("too few repeat buyers to learn from ({n} in the training windows; at least {min} needed)")
               if pos < MIN_CLASS else
               _("too few customers who did not return to learn from ({n} in the training windows; "
                 "at least {min} needed)"))
        raise NotEnoughData(few.format(n=min(pos, len(train) - pos), min=MIN_CLASS))
    return train
