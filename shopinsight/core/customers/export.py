"""Exporting customer scores (CSV or Excel), optionally with pseudonymised customer ids."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import pandas as pd

from ..export import write_table
from ..privacy import PseudonymKey, is_pseudonymised, resolve_key

__all__ = ["export_scores", "pseudonymise", "filter_scores"]

# columns the CLI's --out promises first (the contract), then the rest
EXPORT_FIRST = ["customer_id", "purchase_probability", "expected_value", "segment", "recency",
                "frequency", "monetary", "churn_risk", "last_order", "top_reasons"]


def filter_scores(scores: pd.DataFrame, segment: Optional[str] = None, text: str = "") -> pd.DataFrame:
    """The customers of ``segment`` (None or "": all) whose id, country, segment or reasons contain
    ``text`` (case-insensitive; "" keeps all): the Customers tab's table and what it exports."""
    df = scores
    if df.empty:
        return df
    if segment:
        df = df[df["segment"] == segment]
    text = text.strip().lower()
    if text:
        cols = [c for c in ("customer_id", "country", "segment", "top_reasons") if c in df]
        hay = df[cols].astype(str).agg(" ".join, axis=1).str.lower()
        df = df[hay.str.contains(text, regex=False)]
    return df


def pseudonymise(ids: pd.Series, key: PseudonymKey) -> pd.Series:
    """Keyed pseudonyms ("c-" + 12 hex digits, HMAC-SHA256 under the shop's key, which is kept
    outside the shop): stable within a shop, not linkable to the shop's own ids, not reversible."""
    return key.export_pseudonyms(ids)


def export_scores(scores: pd.DataFrame, path: str | os.PathLike, shop=None,
                  pseudonymise_ids: bool = False, key_file: Optional[str | os.PathLike] = None) -> Path:
    """Write the per-customer table to ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``.

    With ``pseudonymise_ids`` the ids are replaced by keyed pseudonyms (the shop's key: from
    ``key_file``, else the user's config folder, created there for a shop without one)."""
    path = Path(path)
    df = scores[[c for c in EXPORT_FIRST if c in scores] + [c for c in scores if c not in EXPORT_FIRST]].copy()
    if pseudonymise_ids:
        if shop is None:
            raise ValueError("pseudonymising needs the shop (its key)")
        df["customer_id"] = pseudonymise(df["customer_id"].astype(str), resolve_key(shop, key_file))
    write_table(df, path, "customers", scrub=shop is not None and is_pseudonymised(shop))
    return path
