"""One translation mechanism for every string the core (and the CLI) shows to people.  No Qt.

Strings are marked with :func:`_` (translate now) or :func:`N_` (mark only, for tables built at
import time whose entries are translated when shown, e.g. ``_(SEGMENT_RULES[key])``).  The
catalogs are GNU gettext files managed with Babel:

* source: ``resources/locale/<lang>/LC_MESSAGES/shopinsight.po`` (edited by translators),
* compiled: ``shopinsight.mo`` next to it (committed; loaded at run time),
* refreshed by ``tools/update_core_catalog.py`` (extracts from shopinsight/core and
  shopinsight/cli, merges into the .po, compiles the .mo).

The GUI's language switch (``AppContext.set_language``) and the CLI's ``--lang`` (or the LANG /
LC_ALL / LC_MESSAGES / LANGUAGE environment) call :func:`set_language`.  The language is
process-wide: a worker thread formats in the language the UI shows.  English is the default, so
code and tests that never call :func:`set_language` see the English source strings.

Ids (segment keys, model names, column names) are never translated: only their labels, looked up
when shown.
"""
from __future__ import annotations

import gettext as _gettext
import os
import threading
from collections.abc import Mapping

from ..resources import resource_path

__all__ = ["_", "N_", "ngettext", "set_language", "current_language", "language_from_env",
           "LANGUAGES", "DOMAIN", "Labels", "PSEUDO", "MARK_OPEN", "MARK_CLOSE", "pseudo"]

DOMAIN = "shopinsight"
LANGUAGES = ("en", "zh_CN")
# A test language, never offered in menus: every translated string comes out wrapped in markers
# (⟦…⟧), so text that bypasses translation stands out (tests/gui/test_pseudo_locale.py).  Numbers
# and dates are written the English way.
PSEUDO = "xx_PSEUDO"
MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"     # ⟦ ⟧


def pseudo(message: str) -> str:
    """``message`` as the pseudo-locale shows it: ``⟦message⟧``."""
    return f"{MARK_OPEN}{message}{MARK_CLOSE}"


class _PseudoTranslations(_gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)

    def ngettext(self, msgid1, msgid2, n):
        return pseudo(msgid1 if n == 1 else msgid2)

_lock = threading.Lock()
_current = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def locale_dir():
    """Where the compiled catalogs live (``resources/locale``)."""
    return resource_path("locale")


def normalise(code: str | None) -> str:
    """"zh_CN.UTF-8", "zh-Hans", "zh" → "zh_CN"; "xx_PSEUDO" stays; anything else (or nothing) → "en"."""
    c = (code or "").strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if c == PSEUDO.lower():
        return PSEUDO
    return "zh_CN" if c.startswith("zh") else "en"


def language_from_env(environ=None) -> str:
    """The language the locale environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext)."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        v = env.get(var)
        if v:
            return normalise(v.split(":")[0])
    return "en"


def set_language(code: str | None) -> str:
    """Translate core strings into ``code`` from now on ("en", "zh_CN", or a locale name such as
    "zh_CN.UTF-8"); returns the normalised code.  An unknown language means English."""
    global _current, _translations
    lang = normalise(code)
    if lang == "en":
        t: _gettext.NullTranslations = _gettext.NullTranslations()
    elif lang == PSEUDO:
        t = _PseudoTranslations()
    else:
        t = _gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[lang], fallback=True)
    with _lock:
        _current, _translations = lang, t
    return lang


def current_language() -> str:
    """The language core strings are translated into now ("en", "zh_CN", or the test language PSEUDO)."""
    return _current


def _(message: str) -> str:
    """``message`` in the current language (the English source when there is no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate with ``_()`` when shown)."""
    return message


class Labels(Mapping):
    """A read-only ``{id: label}`` table whose labels come out translated when read (``table[id]``,
    ``.get``, ``.items()``, ``.values()``): build it at import time from ``N_()``-marked English
    texts; iterating gives the ids, which are never translated.  ``source(id)`` is the English text."""

    def __init__(self, table: dict[str, str]):
        self._table = dict(table)

    def __getitem__(self, key: str) -> str:
        return _(self._table[key])

    def __iter__(self):
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def source(self, key: str) -> str:
        return self._table[key]

    def __repr__(self) -> str:
        return f"Labels({self._table!r})"
