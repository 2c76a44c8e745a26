"""RFM scores, named segments and k-means clusters, each explained in words.

Recency = days from the customer's last purchase to the as-of day; frequency = number of purchases
(non-cancelled merchandise orders); monetary = net sales (cancellations included).

Scores 1–5 are quintiles of the percentile rank, ties taking the lowest rank of their group (so
customers with the same value get the same score, and the many one-order customers of a typical
shop all get F = 1 rather than a middling score); R = 5 for the most recent customers, F = 5 /
M = 5 for the most orders / most spend.

Named segments — the first rule that matches wins (:data:`SEGMENT_RULES`):

==============  ============================================================
Champions       R ≥ 4 and F ≥ 4 and M ≥ 4
New             R ≥ 4 and exactly one purchase
Loyal           R ≥ 3 and F ≥ 3 and M ≥ 3
Potential       R ≥ 3 (recent, not yet frequent or big)
Can't lose      R ≤ 2 and F ≥ 4 and M ≥ 4 (were among the best, gone quiet)
At risk         R ≤ 2 and (F ≥ 3 or M ≥ 3)
Hibernating     R = 2
Lost            R = 1
==============  ============================================================
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from ..i18n import N_, _, ngettext
from ..tasks import as_reporter
from .. import fmt

__all__ = ["rfm_scores", "assign_segments", "SEGMENTS", "SEGMENT_RULES", "segment_summary",
           "kmeans_segments", "quintile_score", "segment_label", "segment_rule", "localised_summary"]

SEGMENT_RULES: list[tuple[str, str]] = [
    ("Champions", N_("bought recently, buy often and spend the most (R ≥ 4, F ≥ 4, M ≥ 4)")),
    ("New", N_("first and only order was recent (R ≥ 4, one order)")),
    ("Loyal", N_("regular customers with good spend (R ≥ 3, F ≥ 3, M ≥ 3)")),
    ("Potential", N_("recent customers who could become loyal (R ≥ 3)")),
    ("Can't lose", N_("used to be among the best but have not ordered for a while (R ≤ 2, F ≥ 4, M ≥ 4)")),
    ("At risk", N_("bought often or spent well, but not recently (R ≤ 2, F ≥ 3 or M ≥ 3)")),
    ("Hibernating", N_("low activity and a while since the last order (R = 2)")),
    ("Lost", N_("lowest recency: the longest time since the last order (R = 1)")),
]
SEGMENTS = [name for name, _rule in SEGMENT_RULES]
"""The segment ids (English, stored in runs and exports, never translated)."""
_SEGMENT_LABELS = {
    "Champions": N_("Champions"), "New": N_("New"), "Loyal": N_("Loyal"), "Potential": N_("Potential"),
    "Can't lose": N_("Can't lose"), "At risk": N_("At risk"), "Hibernating": N_("Hibernating"),
    "Lost": N_("Lost"),
}


def segment_label(key: str) -> str:
    """The segment's name to show, in the current language (the id itself when unknown)."""
    return _(_SEGMENT_LABELS.get(key, key)) if isinstance(key, str) else key


def segment_rule(key: str) -> str:
    """The segment's rule in words, in the current language ('' when unknown)."""
    rule = dict(SEGMENT_RULES).get(key)
    return _(rule) if rule else ""


def localised_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """A copy of :func:`segment_summary`'s frame for display: segment labels and rules in the
    current language (the stored frame keeps the English ids)."""
    if summary is None or summary.empty or "segment" not in summary:
        return summary
    out = summary.copy()
    if "rule" in out:
        out["rule"] = [segment_rule(k) or r for k, r in zip(out["segment"], out["rule"])]
    out["segment"] = [segment_label(k) for k in out["segment"]]
    return out


def quintile_score(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """1–5 by percentile rank (ties take their group's lowest rank, so equal values score the same)."""
    v = values if higher_is_better else -values
    pct = v.rank(method="min", pct=True)
    return np.ceil(pct * 5).clip(1, 5).astype(int)


def assign_segments(r: pd.Series, f: pd.Series, m: pd.Series, orders: pd.Series) -> pd.Series:
    """Named segment of each customer from R/F/M scores and order counts (rules above)."""
    conditions = [
        (r >= 4) & (f >= 4) & (m >= 4),
        (r >= 4) & (orders == 1),
        (r >= 3) & (f >= 3) & (m >= 3),
        r >= 3,
        (r <= 2) & (f >= 4) & (m >= 4),
        (r <= 2) & ((f >= 3) | (m >= 3)),
        r == 2,
        r <= 1,
    ]
    return pd.Series(np.select(conditions, SEGMENTS, default="Lost"), index=r.index, name="segment")


def rfm_scores(features: pd.DataFrame) -> pd.DataFrame:
    """RFM values, 1–5 scores and named segment from a feature frame (``recency_days``,
    ``frequency``, ``monetary``)."""
    out = pd.DataFrame(index=features.index)
    out["recency"] = features["recency_days"].astype(float)
    out["frequency"] = features["frequency"].astype(float)
    out["monetary"] = features["monetary"].astype(float)
    out["r_score"] = quintile_score(out["recency"], higher_is_better=False)
    out["f_score"] = quintile_score(out["frequency"])
    out["m_score"] = quintile_score(out["monetary"])
    out["rfm_score"] = out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str)
    out["segment"] = assign_segments(out["r_score"], out["f_score"], out["m_score"], out["frequency"])
    return out


def segment_summary(rfm: pd.DataFrame) -> pd.DataFrame:
    """Customers, share, revenue share and median R/F/M per named segment (in rule order)."""
    total_rev = rfm["monetary"].clip(lower=0).sum()
    g = rfm.groupby("segment")
    out = pd.DataFrame({
        "customers": g.size(),
        "net_sales": g["monetary"].sum(),
        "median_recency": g["recency"].median(),
        "median_frequency": g["frequency"].median(),
        "median_monetary": g["monetary"].median(),
    }).reindex(SEGMENTS).dropna(subset=["customers"])
    out["customers"] = out["customers"].astype(int)
    out["customer_share"] = out["customers"] / max(len(rfm), 1)
    out["revenue_share"] = out["net_sales"].clip(lower=0) / total_rev if total_rev > 0 else 0.0
    out["rule"] = [dict(SEGMENT_RULES)[s] for s in out.index]
    return out.reset_index(names="segment")


def kmeans_segments(rfm: pd.DataFrame, k_range: range = range(2, 9), seed: int = 0,
                    max_silhouette_sample: int = 3000, progress=None, should_stop=None
                    ) -> tuple[pd.Series, pd.DataFrame, dict]:
    """K-means on standardised log R/F/M with k chosen by the best silhouette score.

    Returns (cluster label per customer, cluster profile with a description in words, info with the
    silhouette of every k tried).  Needs at least 10 customers.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    rep = as_reporter(progress, should_stop)
    if len(rfm) < 10:
        raise ValueError("k-means needs at least 10 customers")
    X = np.column_stack([np.log1p(rfm["recency"].clip(lower=0)), np.log1p(rfm["frequency"]),
                         np.log1p(rfm["monetary"].clip(lower=0))])
    X = StandardScaler().fit_transform(X)
    from threadpoolctl import threadpool_limits

    ks = [k for k in k_range if k < len(rfm)]
    scores, fits = {}, {}
    for i, k in enumerate(ks):
        rep(i / len(ks), _("k-means with k={k}").format(k=fmt.integer(k)))
        with threadpool_limits(limits=1, user_api="openmp"):   # see models._threads
            km = KMeans(n_clusters=k, n_init=4, random_state=seed).fit(X)
        if len(np.unique(km.labels_)) < 2:
            continue
        scores[k] = float(silhouette_score(X, km.labels_, sample_size=min(max_silhouette_sample, len(X)),
                                           random_state=seed))
        fits[k] = km
    best = max(scores, key=scores.get)
    labels = pd.Series(fits[best].labels_, index=rfm.index, name="cluster")
    # number clusters by value (0 = highest median spend) so names are stable between runs
    med = rfm.groupby(labels)["monetary"].median().sort_values(ascending=False)
    order = {old: new for new, old in enumerate(med.index)}
    labels = labels.map(order)
    profile = _profile(rfm, labels)
    rep(1.0, _("k = {k}").format(k=fmt.integer(best)))
    return labels, profile, {"k": best, "silhouette": scores}


def _profile(rfm: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    overall = rfm[["recency", "frequency", "monetary"]].median()
    g = rfm.groupby(labels)
    prof = pd.DataFrame({
        "customers": g.size(),
        "median_recency": g["recency"].median(),
        "median_frequency": g["frequency"].median(),
        "median_monetary": g["monetary"].median(),
        "net_sales": g["monetary"].sum(),
        "main_segment": g["segment"].agg(lambda s: s.value_counts().index[0]),
    })
    prof["description"] = [_describe(row, overall) for _, row in prof.iterrows()]
    return prof.reset_index(names="cluster")


def _describe(row: pd.Series, overall: pd.Series) -> str:
    """A cluster in words, in the current language (made when the segments are computed)."""
    def rel(value, ref, hi, lo, show):
        if ref == 0:
            return f"{show(value)}"
        ratio = value / ref
        word = hi if ratio >= 1.5 else lo if ratio <= 1 / 1.5 else _("typical")
        return _("{word}, {value} (all customers: {reference})").format(word=word, value=show(value),
                                                                         reference=show(ref))

    rec = rel(row["median_recency"], overall["recency"], _("not seen for a while"), _("recent"),
              lambda v: _("last order {days} days ago").format(days=fmt.number(v, 0)))
    freq = rel(row["median_frequency"], overall["frequency"], _("frequent"), _("infrequent"),
               lambda v: ngettext("{n} order", "{n} orders", int(round(v)) if v == v else 0).format(n=fmt.number(v, 0)))
    mon = rel(row["median_monetary"], overall["monetary"], _("high spend"), _("low spend"),
              lambda v: _("{amount} spent").format(amount=fmt.number(v, 0)))
    n = int(row["customers"])
    return ngettext("{n} customer, mostly '{segment}': {recency}; {frequency}; {spend} (medians)",
                    "{n} customers, mostly '{segment}': {recency}; {frequency}; {spend} (medians)", n).format(
        n=fmt.integer(n), segment=segment_label(row["main_segment"]), recency=rec, frequency=freq, spend=mon)
