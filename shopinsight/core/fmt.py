"""One way to write numbers, money, percentages and dates for people.  No Qt.

Every face (GUI tables and cards, CLI text, chart ticks and labels, exports' human columns,
reasons and warnings) formats through these functions, so one language shows one style
everywhere.  The style comes from Babel's CLDR locale data for the language the core speaks now
(:func:`shopinsight.core.i18n.current_language`): English is written the British way (``en_GB``,
the app's default locale), Chinese as ``zh_Hans_CN``.  Machine-readable output (``--json``, CSV
values, stored runs) never goes through here: it keeps raw numbers and ISO dates.

* numbers: grouping and decimal signs of the locale (``1,234.50``);
* money: the shop's currency code → the locale's symbol from CLDR (``£1,234.50``, ``US$5.00``,
  ``CHF 12.00``); no symbol when the shop's currency is unknown;
* percentages: ``12.3%`` (``+12.3%`` when ``signed``);
* dates: one style per language, CLDR's medium date — ``9 Dec 2011`` / ``2011年12月9日``; a time
  of day adds the short time (``9 Dec 2011 10:14``);
* compact forms (cards, chart ticks, bar labels): English k / M / B; Chinese uses 万 (10⁴) and 亿
  (10⁸), as Chinese readers group digits, and never k/M/B.  Full numbers (tables, CLI) are never
  abbreviated, in either language.

A missing value (None, NaN) is written :data:`MISSING` ("—").
"""
from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache
from typing import Any, Optional

from babel import Locale
from babel import dates as _bdates
from babel import numbers as _bnum

from . import i18n

__all__ = ["MISSING", "babel_locale", "currency_symbol", "integer", "number", "money", "percent",
           "compact", "compact_money", "with_symbol", "compact_scales", "day", "date_pattern", "datetime",
           "weekday_names", "month_names", "ratio", "is_missing", "currency_for_symbol"]

MISSING = "—"
NBSP = "\u00a0"

# UI language → CLDR locale (any language without its own entry is written the English way)
_LOCALES = {"en": "en_GB", "zh_CN": "zh_Hans_CN"}
# compact units per language: (divisor, suffix), largest first
_COMPACT = {"en": ((1e9, "B"), (1e6, "M"), (1e3, "k")),
            "zh_CN": ((1e8, "亿"), (1e4, "万"))}


def _lang(lang: Optional[str]) -> str:
    return lang if lang is not None else i18n.current_language()


@lru_cache(maxsize=None)
def _locale(code: str) -> Locale:
    return Locale.parse(_LOCALES.get(code, _LOCALES["en"]))


def babel_locale(lang: Optional[str] = None) -> Locale:
    """The Babel locale numbers and dates are written with for ``lang`` (default: the current language)."""
    return _locale(_lang(lang))


def is_missing(x: Any) -> bool:
    """None, NaN, NaT and pandas' NA count as missing."""
    if x is None:
        return True
    try:
        return bool(x != x)            # NaN, NaT
    except (TypeError, ValueError):    # pd.NA: "boolean value of NA is ambiguous"
        return True


@lru_cache(maxsize=None)
def _symbol(code: str, lang: str) -> str:
    return _bnum.get_currency_symbol(code, locale=_locale(lang))


def currency_symbol(currency: Optional[str], lang: Optional[str] = None) -> str:
    """The symbol of a currency code in the current language ('£', 'US$', 'CHF'; '' when unknown)."""
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        return ""
    return _symbol(code, _lang(lang))


@lru_cache(maxsize=None)
def _pattern(decimals: int, sign: str = "") -> str:
    return sign + "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def number(x: Any, decimals: int = 2, lang: Optional[str] = None) -> str:
    """``x`` with the locale's grouping and exactly ``decimals`` decimals ("1,234.50")."""
    if is_missing(x):
        return MISSING
    v = float(x)
    if not math.isfinite(v):
        return MISSING
    if round(v, decimals) == 0:
        v = 0.0   # no "-0" or "-0.00"
    return _bnum.format_decimal(v, format=_pattern(decimals), locale=babel_locale(lang),
                                decimal_quantization=True, group_separator=True)


def integer(n: Any, lang: Optional[str] = None) -> str:
    """A whole number with the locale's grouping ("541,909")."""
    return number(n, 0, lang)


def count(x: Any, lang: Optional[str] = None) -> str:
    """A count that may be a median or mean of counts: whole ("8") when it is whole, else with one
    decimal ("34.5") — never rounded to a count it is not, never "8.0"."""
    if not is_missing(x) and math.isfinite(float(x)) and float(x).is_integer():
        return integer(x, lang)
    return number(x, 1, lang)


def _with_symbol(body: str, negative: bool, symbol: str) -> str:
    if symbol and symbol[-1].isalpha():     # CLDR currency spacing: "CHF 12.00", "£12.00"
        symbol += NBSP
    return f"{'-' if negative else ''}{symbol}{body}"


def with_symbol(body: str, symbol: str) -> str:
    """A formatted amount ``body`` ("-1.25M") with a currency ``symbol`` put in front the way
    :func:`money` does ("-£1.25M", "CHF 3k")."""
    neg = body.startswith("-")
    return _with_symbol(body[1:] if neg else body, neg, symbol)


def money(x: Any, currency: Optional[str] = None, decimals: int = 2, lang: Optional[str] = None) -> str:
    """An amount in the shop's currency: ``-£1,234.50`` (no symbol when the currency is unknown)."""
    if is_missing(x) or not math.isfinite(float(x)):
        return MISSING
    v = float(x)
    body = number(abs(v), decimals, lang)
    return _with_symbol(body, v < 0 and body.strip("0.,") != "", currency_symbol(currency, lang))


def percent(x: Any, decimals: int = 1, signed: bool = False, lang: Optional[str] = None) -> str:
    """A fraction as a percentage: 0.123 → "12.3%" ("+12.3%" when ``signed`` and positive)."""
    if is_missing(x) or not math.isfinite(float(x)):
        return MISSING
    v = float(x)
    s = _bnum.format_percent(v if v != 0 else 0.0, format=_pattern(decimals) + "%",
                             locale=babel_locale(lang), decimal_quantization=True)
    return "+" + s if signed and v > 0 and s.strip("0.,%") else s


def ratio(r: Any, decimals: int = 1, lang: Optional[str] = None) -> str:
    """A multiple: "100×", "2.5×" (one decimal below 10)."""
    if is_missing(r) or not math.isfinite(float(r)):
        return MISSING
    r = float(r)
    return number(r, 0 if abs(r) >= 10 else decimals, lang) + "×"


def compact_scales(lang: Optional[str] = None) -> tuple[tuple[float, str], ...]:
    """The compact units of the current language, largest first: English k/M/B, Chinese 万/亿."""
    return _COMPACT.get(_lang(lang), _COMPACT["en"])


def _trim(s: str) -> str:
    return s.rstrip("0").rstrip(".") if "." in s else s


def compact(x: Any, sig: int = 3, compact_from: float = 1e3, lang: Optional[str] = None) -> str:
    """One value in compact form with ``sig`` significant digits: "1.23M", "350k", "45";
    Chinese "123万", "1.23亿".  Values below ``compact_from`` (or the smallest unit) are written in full."""
    if is_missing(x) or not math.isfinite(float(x)):
        return MISSING
    v = float(x)
    a = abs(v)
    if a >= compact_from:
        for div, suffix in compact_scales(lang):
            if a >= div:
                digits = len(str(int(a / div))) if a / div >= 1 else 1
                return _trim(number(v / div, max(0, sig - digits), lang)) + suffix
    return number(v, 0 if a >= 10 or v == int(v) else 2, lang)


def compact_money(x: Any, currency: Optional[str] = None, lang: Optional[str] = None) -> str:
    """A large amount in short form for cards: "£1.23M", "£350.2k"; Chinese "£123.46万"."""
    if is_missing(x) or not math.isfinite(float(x)):
        return MISSING
    v = float(x)
    a = abs(v)
    for div, suffix in compact_scales(lang):
        if a >= max(div, 1e4):
            d = 1 if suffix == "k" else 2
            return _with_symbol(number(a / div, d, lang) + suffix, v < 0, currency_symbol(currency, lang))
    return money(v, currency, 2, lang)


def _to_date(d: Any):
    if isinstance(d, _dt.datetime):
        return d
    if isinstance(d, _dt.date):
        return d
    if hasattr(d, "to_pydatetime"):      # pandas Timestamp
        return d.to_pydatetime()
    s = str(d).strip().replace("T", " ")
    try:
        return _dt.datetime.fromisoformat(s[:19]) if len(s) > 10 else _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


#: CLDR width of the one date style (``day``, and the GUI's date pickers through ``date_pattern``)
DATE_WIDTH = "medium"


def date_pattern(lang: Optional[str] = None) -> str:
    """The CLDR pattern :func:`day` writes dates with ("d MMM y", "y年M月d日"): date pickers show
    dates in the same style (``gui/widgets/date_edit.py`` turns it into a Qt display format)."""
    return _bdates.get_date_format(DATE_WIDTH, locale=babel_locale(lang)).pattern


def day(d: Any, lang: Optional[str] = None) -> str:
    """A date (``date``, ``datetime`` or an ISO string) in the language's one date style:
    "9 Dec 2011", "2011年12月9日".  Text that is not a date comes back unchanged."""
    if is_missing(d):
        return MISSING
    v = _to_date(d)
    if v is None:
        return str(d)
    if isinstance(v, _dt.datetime):
        v = v.date()
    return _bdates.format_date(v, DATE_WIDTH, locale=babel_locale(lang))


def names(items: Any, lang: Optional[str] = None) -> str:
    """Names listed for display in the language's style: "a, b, c"; Chinese "a、b、c"."""
    sep = "、" if _lang(lang).startswith("zh") else ", "
    return sep.join(str(x) for x in items)


def datetime(ts: Any, lang: Optional[str] = None) -> str:
    """A moment: the date as :func:`day` plus the short time ("9 Dec 2011 10:14"); a bare date
    (ISO ``YYYY-MM-DD``) gives the date only."""
    if is_missing(ts):
        return MISSING
    v = _to_date(ts)
    if v is None:
        return str(ts)
    if not isinstance(v, _dt.datetime):
        return day(v, lang)
    return f"{day(v, lang)} {_bdates.format_time(v.time(), 'short', locale=babel_locale(lang))}"


def weekday_names(short: bool = True, lang: Optional[str] = None) -> list[str]:
    """Monday … Sunday in the current language ("Mon"/"周一" when ``short``)."""
    names = _bdates.get_day_names("abbreviated" if short else "wide", locale=babel_locale(lang))
    return [names[i] for i in range(7)]


def month_names(short: bool = True, lang: Optional[str] = None) -> list[str]:
    """January … December in the current language ("Jan"/"1月" when ``short``)."""
    names = _bdates.get_month_names("abbreviated" if short else "wide", locale=babel_locale(lang))
    return [names[i] for i in range(1, 13)]


# the yuan written as a word (not a CLDR symbol); every other sign is looked up in CLDR
_CURRENCY_WORDS = {"元": "CNY", "RMB": "CNY"}


@lru_cache(maxsize=None)
def currency_for_symbol(sign: str, lang: Optional[str] = None) -> Optional[str]:
    """The ISO code a currency sign in an imported file stands for, from Babel's CLDR data (the one
    currency table): an ISO code as itself; else the currency whose symbol is ``sign`` in the
    language's locale, then in English ('¥' is CNY in Chinese, JPY in English; '$' is USD in
    English); full-width signs as their narrow forms; None when nothing matches."""
    import unicodedata

    text = unicodedata.normalize("NFKC", (sign or "").strip())
    if text.upper() in _CURRENCY_WORDS or text in _CURRENCY_WORDS:
        return _CURRENCY_WORDS.get(text.upper(), _CURRENCY_WORDS.get(text))
    codes = _bnum.list_currencies()
    if len(text) == 3 and text.isalpha() and text.upper() in codes:
        return text.upper()
    for code_lang in dict.fromkeys((_lang(lang), "en")):
        loc = Locale.parse(code_lang)                       # the language itself ('$' is US$ in en_GB)
        found = [c for c in codes if _bnum.get_currency_symbol(c, locale=loc) == text]
        if len(found) == 1:
            return found[0]
    # else the currency whose symbol it is at home (₽ in ru_RU, zł in pl_PL); several (kr): unknown
    home = _home_symbols().get(text, ())
    return home[0] if len(home) == 1 else None


@lru_cache(maxsize=1)
def _home_symbols() -> dict[str, tuple[str, ...]]:
    """{symbol: currency codes} of each current currency in its own countries' official languages
    (built once, on the first sign that is not a currency of the app's languages: a few seconds)."""
    from babel.core import UnknownLocaleError, get_global

    index: dict[str, set] = {}
    for territory, languages in get_global("territory_languages").items():
        currencies = _bnum.get_territory_currencies(territory)
        for language, info in languages.items():
            if not currencies or not info.get("official_status"):
                continue
            try:
                symbols = Locale.parse(f"{language}_{territory}").currency_symbols
            except (UnknownLocaleError, ValueError):
                continue
            for code in currencies:
                index.setdefault(symbols.get(code, code), set()).add(code)
    return {k: tuple(sorted(v)) for k, v in index.items()}
