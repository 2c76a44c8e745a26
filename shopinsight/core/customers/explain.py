"""Why a model scores customers as it does: global importance and per-customer reasons in words."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_, _
from .features import FEATURE_TEXT
from .. import fmt

__all__ = ["permutation_table", "coefficient_table", "customer_reasons", "feature_label"]

_EXTRA_TEXT = {
    "bgnbd_p_alive": N_("chance of still being an active customer (BG/NBD)"),
    "bgnbd_expected": N_("expected orders in the horizon (BG/NBD)"),
    "bgnbd_p_buy": N_("BG/NBD chance of an order in the horizon"),
}


def feature_label(name: str) -> str:
    """Plain-words name of a feature, in the current language (the id itself when unknown)."""
    text = FEATURE_TEXT.get(name, (_EXTRA_TEXT.get(name), ""))[0]
    return _(text) if text else name


def _fmt(name: str, v: float) -> str:
    if v is None or not np.isfinite(v):
        return _("unknown")
    unit = FEATURE_TEXT.get(name, ("", ""))[1]
    if name.startswith("bgnbd_p") or unit in ("share",):
        return fmt.percent(v, 0)
    if unit == "flag":
        return _("yes") if v >= 0.5 else _("no")
    if abs(v) >= 100 or unit in ("days", "orders", "products", "months", "lines", "units"):
        return fmt.number(v, 0)
    return fmt.number(v, 2)


def permutation_table(model, X: pd.DataFrame, y, n_repeats: int = 3, seed: int = 0) -> pd.DataFrame:
    """Drop in ROC AUC when each feature is shuffled (on a cutoff the model did not train on)."""
    from sklearn.inspection import permutation_importance

    cols = list(model.columns_)
    r = permutation_importance(model, X[cols], np.asarray(y), scoring="roc_auc", n_repeats=n_repeats,
                               random_state=seed)
    t = pd.DataFrame({"feature": cols, "importance": r.importances_mean, "std": r.importances_std})
    t["description"] = t["feature"].map(feature_label)
    return t.sort_values("importance", ascending=False, ignore_index=True)


def coefficient_table(model) -> pd.DataFrame:
    """Standardised logistic-regression coefficients (log-odds per SD of the log-feature)."""
    coef = model.coefficients() if hasattr(model, "coefficients") else None
    if coef is None:
        return pd.DataFrame(columns=["feature", "coefficient", "description"])
    t = coef.rename("coefficient").rename_axis("feature").reset_index()
    t["description"] = t["feature"].map(feature_label)
    t["direction"] = np.where(t["coefficient"] > 0, _("more likely to buy"), _("less likely to buy"))
    return t.reindex(t["coefficient"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def customer_reasons(model, X: pd.DataFrame, n_top: int = 3, transform=None) -> pd.Series:
    """Top factors behind each customer's score, in plain words.

    For every feature, the customer's value is replaced by the typical (median) customer's and the
    change in probability is measured; the features whose typical value would change the score most
    are the reasons ("12 orders so far vs typical 2 (raises the chance)").  Model-agnostic; costs
    one prediction per feature.
    """
    cols = list(getattr(model, "columns_", []))
    if not cols or X.empty:
        return pd.Series("", index=X.index)
    if cols == ["bgnbd_p_buy"]:        # the BG/NBD score explains itself through its inputs
        cols = ["recency_days", "purchase_days", "tenure_days"]
        text = _("BG/NBD estimate from the last order {recency} days ago and {orders} orders in {tenure} days")
        return pd.Series([text.format(recency=_fmt("recency_days", r), orders=_fmt("frequency", f),
                                      tenure=_fmt("tenure_days", t)) for r, f, t in
                          zip(X["recency_days"], X["frequency"], X["tenure_days"])], index=X.index)
    base = model.predict_proba(X)[:, 1]
    med = X[cols].median()
    n = len(X)
    # one prediction per feature on a copy of X with that feature typical: one copy at a time (all
    # copies stacked held features x customers rows, +440 MB at the peak of a 5 M-line shop's run)
    p_typ = np.empty((len(cols), n))
    for j, c in enumerate(cols):
        p_typ[j] = model.predict_proba(X.assign(**{c: med[c]}))[:, 1]
    effect = base[None, :] - p_typ          # > 0: the customer's own value raises the score
    order = np.argsort(-np.abs(effect), axis=0)[:n_top]
    vals = X[cols].to_numpy(dtype=float)
    raises = _("{feature} {value} vs typical {typical} (raises the chance)")
    lowers = _("{feature} {value} vs typical {typical} (lowers the chance)")
    out = []
    for i in range(n):
        parts = []
        for j in order[:, i]:
            e = effect[j, i]
            if abs(e) < 0.005:
                continue
            c = cols[j]
            parts.append((raises if e > 0 else lowers).format(feature=feature_label(c), value=_fmt(c, vals[i, j]),
                                                              typical=_fmt(c, med[c])))
        out.append(_("; ").join(parts) if parts else _("close to the typical customer"))
    return pd.Series(out, index=X.index, name="top_reasons")
