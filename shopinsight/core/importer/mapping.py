"""Propose which source column feeds each canonical field, with a confidence per field.

Evidence comes from the header (synonyms in English and Chinese, presets) and from the values
(does the column parse as dates? as numbers? does it look like e-mails?).  The user can
override any field; the proposal is only the starting point.
"""
from __future__ import annotations

import re
from typing import Optional

import pandas as pd

from .fields import CANONICAL_FIELDS, FIELD_KINDS, SYNONYMS, normalise_header
from .parse import DateDecision, decide_date_format, parse_numbers
from .presets import Preset, resolve_columns

MIN_CONFIDENCE = 0.4
# two separators: '12.00' (a price) is not date-like, '12.1.2024' and '2024年3月5日' are
_DATEISH = re.compile(r"\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}|^\d{8}$|^[A-Za-z]{3,9} \d{1,2}, \d{4}"
                      r"|\d{1,2} [A-Za-z]{3,9} \d{4}")


def header_score(field: str, header: str) -> float:
    """1.0 for an exact synonym (earlier synonyms slightly stronger), 0.6 for a contained one."""
    h = normalise_header(header)
    syns = SYNONYMS[field]
    if h in syns:
        return 1.0 - 0.1 * min(syns.index(h), 30) / 30
    best = 0.0
    for s in syns:
        if len(s) >= 4 and (s in h or (len(h) >= 4 and h in s)):
            best = max(best, 0.6)
    return best


def value_profile(values: pd.Series, decimal: str) -> dict:
    """Cheap facts about a column's sample values used to score it against fields."""
    v = values.dropna().astype(str).str.strip()
    v = v[v != ""]
    n = len(v)
    if n == 0:
        return {"n": 0}
    prof: dict = {"n": n, "distinct": v.nunique() / n}
    num = parse_numbers(v, decimal)
    prof["numeric"] = float(num.notna().mean())
    ok = num.dropna()
    prof["integer"] = float((ok == ok.round()).mean()) if len(ok) else 0.0
    prof["negative"] = float((ok < 0).mean()) if len(ok) else 0.0
    dateish = float(v.str.contains(_DATEISH).mean())
    prof["date"] = decide_date_format(v.head(2000)).success if dateish > 0.5 else 0.0
    # per distinct value (pandas runs this pattern element by element in Python), then per row
    codes, uniq = pd.factorize(v)
    prof["email"] = float(pd.Series(uniq, dtype="string").str.contains(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
                          .to_numpy(dtype=bool, na_value=False)[codes].mean())
    prof["alpha"] = float(v.str.contains(r"[^\W\d_]").mean())
    prof["avg_len"] = float(v.str.len().mean())
    prof["currency_code"] = float(v.str.fullmatch(r"[A-Z]{3}").mean())
    return prof


def value_score(field: str, p: dict) -> float:
    """How well a column's values fit a field (0–1)."""
    if not p.get("n"):
        return 0.0
    kind = FIELD_KINDS[field]
    if kind == "date":
        return p["date"]
    if kind == "number":
        if p["date"] > 0.5:
            return 0.0
        s = p["numeric"]
        if field == "quantity":
            return s * (0.5 + 0.5 * p["integer"])
        return s * (1.0 - 0.3 * p["integer"]) if field == "unit_price" else s
    if kind == "email":
        return p["email"]
    if kind == "currency":
        return p["currency_code"]
    if kind == "code":
        return 0.0 if p["date"] > 0.5 or p["email"] > 0.5 else 0.8
    # free text
    if p["date"] > 0.5 or p["numeric"] > 0.8:
        return 0.1
    return 0.8 if p["alpha"] > 0.5 else 0.3


WIDE_COLUMNS = 200      # beyond this many columns, only columns with a telling header are profiled


class _Profiles(dict):
    """Value profiles computed on first use: a 5,000-column file profiles only the columns a
    field's header points to (and the first columns for unnamed dates), not all 5,000."""

    def __init__(self, sample: pd.DataFrame, decimal: str):
        super().__init__()
        self.sample, self.decimal = sample, decimal

    def get(self, h, default=None):
        if h not in self:
            if h not in self.sample:
                return default
            self[h] = value_profile(self.sample[h], self.decimal)
        return dict.get(self, h, default)


def auto_map(headers: list[str], sample: pd.DataFrame, decimal: str = ".",
             preset: Optional[Preset] = None) -> tuple[dict[str, Optional[str]], dict[str, float]]:
    """Propose ``{field: column or None}`` and ``{field: confidence}``.

    Preset columns come first (confidence 1.0 when their values fit, less when they do not);
    the remaining fields are matched greedily by combined header and value evidence, each
    column feeding at most one field.
    """
    profiles = _Profiles(sample, decimal)
    mapping: dict[str, Optional[str]] = {f: None for f in CANONICAL_FIELDS}
    confidence: dict[str, float] = {f: 0.0 for f in CANONICAL_FIELDS}
    used: set[str] = set()
    if preset is not None:
        for fld, col in resolve_columns(preset, headers).items():
            mapping[fld] = col
            vs = value_score(fld, profiles.get(col, {}))
            confidence[fld] = round(0.7 + 0.3 * vs, 2) if profiles.get(col, {}).get("n") else 0.7
            used.add(col)
    # a preset describes its format whole: a field it leaves out is absent from that format
    # (Shopify's order-level 'Total' is no line amount, Amazon's 'shipping-price' no unit price,
    # a 'Ship State' no order status), so only fields whose preset column is missing are guessed
    not_in_format = set(CANONICAL_FIELDS) - set(preset.mapping) if preset is not None else set()
    candidates = []
    for fld in CANONICAL_FIELDS:
        if mapping[fld] is not None or fld in not_in_format:
            continue
        for k, h in enumerate(headers):
            if h in used:
                continue
            hs = header_score(fld, h)
            if hs <= 0 and (FIELD_KINDS[fld] != "date" or k >= WIDE_COLUMNS):
                continue    # no header evidence: only the first columns are profiled for unnamed dates
            vs = value_score(fld, profiles.get(h, {}))
            if hs > 0:
                score = 0.65 * hs + 0.35 * vs
                if vs < 0.3 and FIELD_KINDS[fld] in ("date", "number"):
                    score *= 0.5     # a 'Date' header whose values are not dates is suspicious
            elif FIELD_KINDS[fld] == "date" and vs > 0.9:
                score = 0.55 * vs    # an unnamed column full of dates
            else:
                continue
            candidates.append((score, fld, h))
    for score, fld, h in sorted(candidates, key=lambda t: (-t[0], CANONICAL_FIELDS.index(t[1]))):
        if mapping[fld] is not None or h in used or score < MIN_CONFIDENCE:
            continue
        mapping[fld] = h
        confidence[fld] = round(min(score, 1.0), 2)
        used.add(h)
    return mapping, confidence


# a month alone ('2024-01', 'Jan 2024', '2024年1月'): date-like only for a series' date column
_MONTHISH = re.compile(r"^\d{4}[-/.]\d{1,2}$|^\d{1,2}/\d{4}$|^\d{4}年\d{1,2}月$|^[A-Za-z]{3,9}[ -]\d{2,4}$")


def detect_series(headers: list[str], sample: pd.DataFrame, decimal: str = ".") \
        -> Optional[tuple[str, str, DateDecision]]:
    """A file with a date and one number (``ds,y``, ``date,value``, ``Month,Sales``, ``日期,销售额``)
    is a series: the shop's total per period.  Returns ``(date column, value column, date
    decision)`` when the file has exactly two columns, one of dates (or months) and one of
    numbers, whatever their headers say; else None."""
    cols = []
    for h in headers:       # stop at the third non-empty column: a 5,000-column file is no series
        if h in sample and sample[h].dropna().astype(str).str.strip().ne("").any():
            cols.append(h)
            if len(cols) > 2:
                return None
    if len(cols) != 2:
        return None
    for d, v in (cols, cols[::-1]):
        dv = sample[d].dropna().astype(str).str.strip()
        dv = dv[dv != ""]
        if not (dv.str.contains(_DATEISH) | dv.str.contains(_MONTHISH)).mean() > 0.9:
            continue
        decision = decide_date_format(dv.head(5000))
        if decision.format is None or decision.success < 0.9:
            continue
        vv = sample[v].dropna().astype(str).str.strip()
        vv = vv[vv != ""]
        if len(vv) and parse_numbers(vv, decimal).notna().mean() >= 0.9:
            return d, v, decision
    return None
