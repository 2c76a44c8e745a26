"""Finding text that bypasses translation, under the pseudo-locale (:data:`i18n.PSEUDO`).  No Qt.

Under the pseudo-locale every string that went through a translation mechanism (core gettext
``_``/``ngettext``, Qt ``tr``) is wrapped in ``⟦…⟧``.  :func:`unmarked` takes one piece of visible
text (a label, a header, a chart title or tick label, …) and returns the natural-language words
left once everything that may legitimately stay untranslated is taken out.  Exactly these are
taken out, in this order:

1. marked text: every ``⟦…⟧`` (innermost first, so a translated template filled with translated
   words counts as translated);
2. data: the shop's own values — product names and codes, customer ids, countries, order numbers,
   the shop's name and file name, the names of the files imported (:func:`data_vocabulary`) — also when shortened with "…";
3. formatted values: numbers (with grouping, decimals, signs, %, ×, k/M/B; Matplotlib's mathtext
   powers such as ``$\\mathdefault{10^{2}}$``), dates and times as :mod:`.fmt` writes them in
   English, the shop's currency symbol and code, file paths and web addresses;
4. :data:`NAMES`: proper names and acronyms that are the same in every language (the app's name,
   library names, metric acronyms such as MAE, file formats, language names written in themselves).

What remains and holds a word of two or more letters is reported.  Single letters are units
("s", "h") or axis variables and are not reported.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from . import fmt
from .i18n import MARK_CLOSE, MARK_OPEN

__all__ = ["NAMES", "unmarked", "data_vocabulary", "strip_marks"]

# proper names and acronyms that stay as they are in every language
NAMES = frozenset({
    "ShopInsight", "UCI", "Online", "Retail", "DOI", "CC", "BY", "SQLite", "Excel", "CSV", "PNG", "SVG", "PDF",
    "JSON", "MAE", "RMSE", "WAPE", "MASE", "AUC", "PR", "ROC", "NDCG", "RFM", "BG", "NBD", "ID", "SKU", "GRU", "LSTM",
    "MLP", "Python", "Qt", "PySide6", "pandas", "numpy", "scikit", "learn", "matplotlib", "sqlite", "utils", "Babel",
    "TensorFlow", "tensorflow", "keras", "Keras", "implicit", "holidays", "pyarrow", "scipy", "statsmodels",
    "openpyxl", "xlrd", "Jinja2", "jinja2", "lifetimes", "Dua", "Graff", "Chen", "Daqing", "Irvine", "California",
    "Machine", "Learning", "Repository", "Dataset", "shopinsight", "python", "cpu", "PySide",
    # language names in a language chooser, each written in itself
    "English", "简体中文",
})

_MARKED = re.compile(re.escape(MARK_OPEN) + "[^" + MARK_OPEN + MARK_CLOSE + "]*" + re.escape(MARK_CLOSE))
_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER = re.compile(r"(?<![^\W\d_])[-+−]?\d[\d,]*(?:\.\d+)?(?:[kMB%×]|(?=\W|$))")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_URL = re.compile(r"\b(?:https?://|doi\.org/|www\.)\S+")
_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][\w.~-]+){2,}[/\\]?")
_MATH = re.compile(r"\$\\mathdefault\{([^$]*)\}\$")


def strip_marks(text: str) -> str:
    """``text`` with every marked (translated) part removed, innermost first."""
    prev = None
    while prev != text:
        prev, text = text, _MARKED.sub(" ", text)
    return text


def _date_pattern() -> re.Pattern:
    months = "|".join(sorted({*fmt.month_names(True, "en"), *fmt.month_names(False, "en")}, key=len, reverse=True))
    # "9 Dec 2011", "9–15 Dec 2011", "December 2011", "Dec 2011" (Babel dates, intervals, month-year);
    # a date axis's ticks: "9 Dec" and a month name alone ("Mar") as the whole text (Babel locale data)
    return re.compile(rf"\b(?:\d{{1,2}}(?:\s?[–-]\s?\d{{1,2}})?\s)?(?:{months})\s\d{{4}}\b"
                      rf"|\b\d{{1,2}}\s(?:{months})\b|^\s*(?:{months})\s*$", re.MULTILINE)


def unmarked(text: str, vocabulary: Iterable[str] = (), currency: Optional[str] = None) -> list[str]:
    """The natural-language words of ``text`` that carry no translation marker and are not
    data, formatted values or :data:`NAMES` (see the module docs); [] when the text is fine."""
    if not text or not text.strip():
        return []
    rest = strip_marks(str(text))
    rest = _date_pattern().sub(" ", rest)         # also a date broken over two lines ("November\n2011")
    vocab = sorted({v for v in vocabulary if v and len(v) >= 2}, key=len, reverse=True)
    out: list[str] = []
    for line in rest.splitlines():
        line = _URL.sub(" ", line)
        line = _PATH.sub(" ", line)
        line = _MATH.sub(lambda m: re.sub(r"[{}^]", " ", m.group(1)), line)
        for v in vocab:
            if v in line:
                line = line.replace(v, " ")
        # a shortened data value ("WHITE HANGING HEART T-LIG…"): the part before the ellipsis
        for m in re.finditer(r"([^\s(][^…()]*?)…", line):
            head = m.group(1).strip()
            if head and any(v.startswith(head) for v in vocab):
                line = line.replace(m.group(0), " ")
        line = _date_pattern().sub(" ", line)
        line = _TIME.sub(" ", line)
        if currency:
            line = line.replace(fmt.currency_symbol(currency, "en"), " ").replace(currency.upper(), " ")
        line = _NUMBER.sub(" ", line)
        out += [w for w in _WORD.findall(line) if w not in NAMES]
    return out


def data_vocabulary(shop) -> set[str]:
    """The shop's own values that may appear untranslated: product names and codes, customer ids,
    countries, order numbers, the shop's name and its file name."""
    vocab: set[str] = {shop.name, shop.path.name, shop.path.stem, str(shop.path)}
    vocab.update(str(r[0]) for r in shop.conn.execute("SELECT DISTINCT file_name FROM imports WHERE file_name IS NOT NULL"))
    for col in ("product_name", "product_id", "customer_id", "country", "order_id"):
        rows = shop.conn.execute(f"SELECT DISTINCT {col} FROM lines WHERE {col} IS NOT NULL").fetchall()
        vocab.update(str(r[0]) for r in rows)
    return {v for v in vocab if v}
