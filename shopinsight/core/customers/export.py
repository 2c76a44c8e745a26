"""Exporting customer scores (CSV or Excel), optionally with pseudonymised customer ids."""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import pandas as pd

from ..export import write_table

__all__ = ["export_scores", "pseudonymise"]

# columns the CLI's --out promises first (the contract), then the rest
EXPORT_FIRST = ["customer_id", "purchase_probability", "expected_value", "segment", "recency",
                "frequency", "monetary", "churn_risk", "last_order", "top_reasons"]


def pseudonymise(ids: pd.Series, salt: str) -> pd.Series:
    """Salted SHA-256 pseudonyms ("c-" + 12 hex digits): stable within a shop, not reversible."""
    uniq = ids.dropna().unique()
    table = {v: "c-" + hashlib.sha256((salt + str(v)).encode()).hexdigest()[:12] for v in uniq}
    return ids.map(table)


def _export_salt(shop) -> str:
    # its own salt (not the importer's), so exported pseudonyms cannot be linked to other exports
    salt = shop.get_meta("export_salt")
    if not salt:
        salt = secrets.token_hex(16)
        shop.set_meta("export_salt", salt)
    return salt


def export_scores(scores: pd.DataFrame, path: str | os.PathLike, shop=None,
                  pseudonymise_ids: bool = False) -> Path:
    """Write the per-customer table to ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``."""
    path = Path(path)
    df = scores[[c for c in EXPORT_FIRST if c in scores] + [c for c in scores if c not in EXPORT_FIRST]].copy()
    if pseudonymise_ids:
        if shop is None:
            raise ValueError("pseudonymising needs the shop (its export salt)")
        df["customer_id"] = pseudonymise(df["customer_id"].astype(str), _export_salt(shop))
    write_table(df, path, "customers")
    return path
