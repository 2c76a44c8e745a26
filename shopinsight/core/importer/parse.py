"""Typed parsing of text columns: numbers (decimal comma, thousands, currency, parentheses) and dates.

Formats are decided once per column from a large sample (never row by row), then every value is
parsed with that one format; values that fail are returned as missing so the caller can reject
the row with its reason.  Fast paths use pyarrow compute kernels; pandas handles the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# -- numbers -------------------------------------------------------------------------------

# currency signs that may stand next to a number (stripped when parsing; the first one seen names the
# shop's currency through fmt.currency_for_symbol, i.e. Babel's CLDR data — no table of our own)
CURRENCY_SIGNS = ("£", "$", "€", "¥", "￥", "₹", "₩", "₽", "₺", "₫", "₪", "฿", "元", "zł", "kr")
_CURRENCY = "|".join(re.escape(s) for s in CURRENCY_SIGNS) + \
    "|RMB|CNY|USD|EUR|GBP|JPY|AUD|CAD|CHF|HKD|SGD|NZD|SEK|NOK|DKK|PLN"
_STRIP_RE = re.compile(rf"(?:{_CURRENCY})|[\s\u00a0\u202f']", re.IGNORECASE)
_DEC_COMMA = re.compile(r"^[-+(]?\d{1,3}(?:\.\d{3})*,\d+\)?$|^[-+(]?\d+,\d{1,2}\)?$|^[-+(]?\d+,\d{4,}\)?$")
_AMBIGUOUS = re.compile(r"^[-+(]?\d{1,3}[.,]\d{3}\)?$")
_DEC_POINT = re.compile(r"^[-+(]?\d{1,3}(?:,\d{3})*\.\d+\)?$|^[-+(]?\d+\.\d{1,2}\)?$|^[-+(]?\d+\.\d{4,}\)?$")


def _clean_number_text(s: pd.Series) -> pd.Series:
    return s.str.replace(_STRIP_RE, "", regex=True)


def decide_decimal(samples: Iterable[pd.Series], delimiter: str = ",") -> tuple[str, dict]:
    """Decide the file's decimal separator ('.' or ',') from the numeric columns' sample values.

    Evidence is counted over all values: ``1.234,50`` / ``3,5`` say comma, ``1,234.50`` / ``3.50``
    say point.  ``1,234`` alone is ambiguous (thousands or decimal); ties go to the point unless
    the file is semicolon-separated, the usual companion of decimal commas.
    """
    # all columns' distinct values in one series: the regexes run once, not once per column
    # (a 5,000-column file spent over a minute here)
    parts = [pd.Series(s.dropna().unique()[:3000], dtype=object) for s in samples]
    parts = [p for p in parts if len(p)]
    u = pd.concat(parts, ignore_index=True).astype(str) if parts else pd.Series([], dtype=object)
    u = u[u.str.contains(r"\d", regex=True)] if len(u) else u     # only values with a digit can be evidence
    v = _clean_number_text(u) if len(u) else u
    v = v[v != ""]
    # '1,234' and '12.500' read either way (thousands or decimals): no evidence for either
    clear = ~v.str.match(_AMBIGUOUS)
    comma = int((v.str.match(_DEC_COMMA) & clear).sum())
    point = int((v.str.match(_DEC_POINT) & clear).sum())
    if comma > point or (comma == point == 0 and delimiter == ";"):
        return ",", {"comma_evidence": comma, "point_evidence": point}
    return ".", {"comma_evidence": comma, "point_evidence": point}


def parse_numbers(values: pd.Series, decimal: str = ".") -> pd.Series:
    """Parse a text column to float64; unparseable non-empty values become NaN.

    Handles thousands separators, currency symbols/codes, spaces, ``(12.50)`` negatives and
    trailing minus signs (``12.50-``).
    """
    arr = pa.array(values, type=pa.string(), from_pandas=True)
    try:  # fast path: plain numbers
        if decimal == ".":
            return pd.Series(pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False), index=values.index)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    codes, uniq = pd.factorize(values.astype(object))
    parsed = _parse_number_text(pd.Series(uniq, dtype=object).astype(str), decimal).to_numpy()
    out = np.where(codes >= 0, parsed[np.maximum(codes, 0)], np.nan)
    return pd.Series(out.astype("float64"), index=values.index)


def _parse_number_text(s: pd.Series, decimal: str) -> pd.Series:
    s = _clean_number_text(s)
    neg = s.str.match(r"^\(.*\)$") | s.str.endswith("-")
    s = s.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.replace(r"(?<=\d)-$", "", regex=True)
    if decimal == ",":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        s = s.str.replace(",", "", regex=False)
    out = pd.to_numeric(s.replace("", pd.NA), errors="coerce").astype("float64")
    return out.where(~neg.fillna(False).astype(bool), -out)


# -- dates ---------------------------------------------------------------------------------

DATE_FORMATS: list[str] = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S.%f",
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y",
    "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y",
    "%m/%d/%y %H:%M", "%m/%d/%y", "%d/%m/%y %H:%M", "%d/%m/%y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d.%m.%y",
    "%d-%m-%Y %H:%M", "%d-%m-%Y", "%m-%d-%Y",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d",
    "%Y%m%d", "%Y%m%d%H%M%S",
    "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日",
    "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y %H:%M",
    # months (monthly series: '2024-01', 'Jan 2024', '2024年1月'), stored as the month's first day
    "%Y-%m", "%Y/%m", "%Y.%m", "%m/%Y", "%Y年%m月", "%b %Y", "%B %Y", "%b-%y", "%b-%Y",
]
# month-first/day-first twins: when both parse everything, the column is ambiguous
_TWINS = {"%m/%d": "%d/%m", "%d/%m": "%m/%d", "%m-%d": "%d-%m", "%d-%m": "%m-%d"}

# pattern texts, not compiled patterns: pandas runs text patterns on Arrow strings with Arrow's
# regex engine (RE2: no look-behind), compiled ones element by element in Python (6x slower)
_TZ_RE = r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$"
_FRACTION_RE, _FRACTION_KEEP = r"(:\d{2})[.,]\d{1,9}$", r"\1"


@dataclass
class DateDecision:
    """The format chosen for a date column and how sure we are."""

    format: Optional[str]
    success: float               # share of non-empty sample values the format parses
    ambiguous_with: Optional[str] = None   # twin format that parsed as well (e.g. day-first)
    has_timezone: bool = False
    has_time: bool = True

    def to_dict(self) -> dict:
        return {"format": self.format, "success": round(self.success, 4),
                "ambiguous_with": self.ambiguous_with, "timezone_offsets_dropped": self.has_timezone}


def strip_timezone(values: pd.Series) -> tuple[pd.Series, bool]:
    """Drop trailing UTC offsets (``+0200``, ``Z``): shops think in local wall-clock time.
    Fractions of a second (``12:00:00.250``, which JSON-made exports add to some values only)
    are dropped too: the store keeps whole seconds."""
    # worked on the distinct values (pandas runs these patterns element by element in Python to keep
    # Python's regex meaning; a date column repeats its values: 25,000 UCI rows hold 1,500 times)
    codes, uniq = pd.factorize(values)
    s = pd.Series(uniq, dtype="string").str.strip()
    has = bool(s.str.contains(_TZ_RE, regex=True).fillna(False).any())
    if has:
        s = s.str.replace(_TZ_RE, "", regex=True)
    s = s.str.replace(_FRACTION_RE, _FRACTION_KEEP, regex=True)
    out = pd.array(s.array.take(codes, allow_fill=True), dtype="string")
    return pd.Series(out, index=values.index, name=values.name, dtype="string"), has


def _try_format(values: pd.Series, fmt: str) -> pd.Series:
    return pd.to_datetime(values, format=fmt, errors="coerce")


def decide_date_format(values: pd.Series, prefer: Optional[str] = None,
                       candidates: Optional[list[str]] = None) -> DateDecision:
    """Pick the single format that parses the most of a column's sample values.

    Month-first vs day-first is settled by the whole sample: a value such as ``13/1/2011`` rules
    out month-first for the column.  When both parse every value the decision is reported as
    ambiguous; ``prefer`` (a preset's or the user's format) breaks the tie.
    """
    s, has_tz = strip_timezone(values.dropna())
    s = s[s != ""]
    uniq = pd.Series(s.unique())
    if len(uniq) > 20000:
        uniq = uniq.sample(20000, random_state=0)
    if uniq.empty:
        return DateDecision(None, 0.0, has_timezone=has_tz)
    cands = list(candidates or DATE_FORMATS)
    if prefer and prefer not in cands:
        cands.insert(0, prefer)
    scores: dict[str, float] = {}
    probe = uniq.head(200)
    for fmt in cands:
        if fmt != prefer and len(uniq) > len(probe) and _try_format(probe, fmt).notna().mean() < 0.5:
            continue    # cheap screen on a few values before the whole sample
        ok = _try_format(uniq, fmt).notna().mean()
        if ok > 0:
            scores[fmt] = float(ok)
        if ok == 1.0 and not any(k in fmt for k in _TWINS):
            break   # an unambiguous format that parses everything: done
    if not scores:
        return DateDecision(None, 0.0, has_timezone=has_tz)
    best = max(scores.values())
    tied = [f for f in cands if scores.get(f) == best]
    chosen = prefer if prefer in tied else tied[0]
    twin = None
    for a, b in _TWINS.items():
        if a in chosen:
            other = chosen.replace(a, b)
            if scores.get(other) == best and other != chosen:
                twin = other
            break
    has_time = "%H" in chosen or "%I" in chosen
    return DateDecision(chosen, best, twin, has_tz, has_time)


def parse_dates(values: pd.Series, fmt: str) -> pd.Series:
    """Parse a text column with one format; failures become NaT.  Offsets are dropped first."""
    arr = pa.array(values, type=pa.string(), from_pandas=True)
    if not any(x in fmt for x in ("%p", "%b", "%B", "%y", "%f", "年")) and fmt != "%Y%m%d":
        try:  # pyarrow's strptime is several times faster than pandas on large columns
            ts = pc.strptime(pc.utf8_trim_whitespace(arr), format=fmt, unit="s", error_is_null=True)
            if ts.null_count == arr.null_count and _strict_ok(arr, fmt):
                # everything parsed: no offsets or oddities to handle
                return pd.Series(ts.to_numpy(zero_copy_only=False), index=values.index)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    s, _ = strip_timezone(values)
    return pd.to_datetime(s, format=fmt, errors="coerce")


def _strict_ok(arr: pa.Array, fmt: str) -> bool:
    """pyarrow's strptime rolls impossible days over (2024-02-30 becomes 2024-03-01): check the
    distinct values with pandas' strict parser before trusting it."""
    uniq = pc.unique(pc.utf8_trim_whitespace(arr)).drop_null().to_pandas()
    return bool(pd.to_datetime(uniq, format=fmt, errors="coerce").notna().all())


def format_datetimes(ts: pd.Series, with_time: bool) -> tuple[list, list]:
    """ISO text for the store, as (ordered_at, day) lists: 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD'
    when the file has no time) and 'YYYY-MM-DD'.  Formats each distinct timestamp once."""
    codes, uniq = pd.factorize(ts)
    arr = pa.array(pd.Series(uniq, dtype="datetime64[s]"), type=pa.timestamp("s"), from_pandas=True)
    text = np.asarray(pc.strftime(arr, format="%Y-%m-%d %H:%M:%S" if with_time else "%Y-%m-%d")
                      .to_numpy(zero_copy_only=False), dtype=object)
    day = np.asarray([t[:10] for t in text], dtype=object)
    ok = codes >= 0
    idx = np.maximum(codes, 0)
    full = np.where(ok, text[idx] if len(text) else None, None)
    days = np.where(ok, day[idx] if len(day) else None, None)
    return full.tolist(), days.tolist()
