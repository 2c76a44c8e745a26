"""Robust statistics on aggregated values: weighted median / MAD per group, robust z, score map.

The SQL stages aggregate lines into ``(group, value, count)`` rows (a product has a handful of
distinct prices, not thousands of lines), so these helpers take a weight column and memory
stays proportional to the distinct values, never to the number of lines.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

MAD_TO_SD = 1.4826


def weighted_quantile(df: pd.DataFrame, group: str, value: str, weight: str, q: float) -> pd.Series:
    """Per ``group``: the weighted ``q``-quantile of ``value`` (the lower one on ties)."""
    if df.empty:
        return pd.Series(dtype=float)
    d = df[[group, value, weight]].sort_values([group, value], kind="stable")
    cum = d.groupby(group, sort=False)[weight].cumsum()
    tot = d.groupby(group, sort=False)[weight].transform("sum")
    return d[cum >= tot * q].groupby(group, sort=False)[value].first()


def weighted_median(df: pd.DataFrame, group: str, value: str, weight: str) -> pd.Series:
    """Per ``group``: the weighted median of ``value`` (the lower one on ties)."""
    return weighted_quantile(df, group, value, weight, 0.5)


def robust_location_scale(df: pd.DataFrame, group: str, value: str, weight: str,
                          floor: float) -> pd.DataFrame:
    """Per group: ``median``, ``scale`` (1.4826 × weighted MAD, at least ``floor``) and ``n``."""
    med = weighted_median(df, group, value, weight)
    dev = df[[group, weight]].copy()
    dev["dev"] = (df[value] - df[group].map(med)).abs()
    mad = weighted_median(dev, group, "dev", weight)
    out = pd.DataFrame({"median": med, "mad": mad.reindex(med.index)})
    out["scale"] = np.maximum(MAD_TO_SD * out["mad"].fillna(0.0), floor)
    out["n"] = df.groupby(group)[weight].sum().reindex(out.index)
    return out


def robust_z(x: np.ndarray, ref: np.ndarray | None = None, floor: float = 1e-9) -> tuple[np.ndarray, float, float]:
    """``(z, median, scale)`` of ``x`` against the median/MAD of ``ref`` (``x`` itself by default)."""
    ref = x if ref is None else ref
    ref = ref[np.isfinite(ref)]
    if len(ref) == 0:
        return np.zeros(len(x)), np.nan, np.nan
    med = float(np.median(ref))
    scale = max(MAD_TO_SD * float(np.median(np.abs(ref - med))), floor)
    return (x - med) / scale, med, scale


def z_to_score(z, z0: float = 3.0, tau: float = 6.0):
    """Map a robust z (how many robust SDs out) onto 0–1: 0 up to ``z0``, then saturating."""
    z = np.asarray(z, dtype=float)
    return np.where(np.isfinite(z), 1.0 - np.exp(-np.clip(z - z0, 0, None) / tau), 0.0)
