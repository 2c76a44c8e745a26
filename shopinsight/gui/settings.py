"""Persistent user settings (QSettings, INI format, versioned) and the UI translators.

Keys: ``window/geometry``, ``window/state``, ``window/tab``, ``recent/files``,
``paths/last_shop_dir``, ``paths/last_import_dir``, ``paths/last_export_dir``,
``ui/language``, ``overview/period``, ``overview/freq``.  ``settings_version`` records the
layout; :data:`MIGRATIONS` upgrade older layouts when the app starts.

``$SHOPINSIGHT_SETTINGS`` points at an INI file to use instead (tests, screenshots).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from ..core import i18n

from ..resources import resource_path

__all__ = ["SETTINGS_VERSION", "make_settings", "current", "set_current", "recent_files", "add_recent",
           "LANGUAGES", "system_language", "install_translators", "MAX_RECENT"]

SETTINGS_VERSION = 1
MAX_RECENT = 8


def _v0_to_v1(s: QSettings) -> None:
    # version 0 = no version key: nothing to convert yet, just drop unknown leftovers
    pass


MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _v0_to_v1}

_current: Optional[QSettings] = None


def make_settings(path: Optional[str | os.PathLike] = None) -> QSettings:
    """The app's settings (``path`` or ``$SHOPINSIGHT_SETTINGS`` → that INI file), migrated."""
    target = path or os.environ.get("SHOPINSIGHT_SETTINGS")
    if target:
        s = QSettings(str(target), QSettings.Format.IniFormat)
    else:
        s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ShopInsight", "ShopInsight")
    version = _int(s.value("settings_version", 0))
    if version > SETTINGS_VERSION:   # written by a newer app: keep it, just don't upgrade
        return s
    while version < SETTINGS_VERSION:
        MIGRATIONS.get(version, lambda _s: None)(s)
        version += 1
    s.setValue("settings_version", SETTINGS_VERSION)
    return s


def current() -> QSettings:
    """The settings object of the running app (made on first use)."""
    global _current
    if _current is None:
        _current = make_settings()
    return _current


def set_current(s: QSettings) -> None:
    """Make ``s`` the settings :func:`current` returns."""
    global _current
    _current = s


def _int(v, default: int = 0) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _list(v) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def recent_files(s: QSettings, existing_only: bool = True) -> list[str]:
    """Recently opened shops, newest first."""
    files = _list(s.value("recent/files", []))
    return [f for f in files if not existing_only or Path(f).exists()]


def add_recent(s: QSettings, path: str | os.PathLike) -> list[str]:
    """Put ``path`` first in the recent list (at most :data:`MAX_RECENT`)."""
    p = str(Path(path).resolve())
    files = [f for f in recent_files(s, existing_only=False) if f != p]
    files = [p, *files][:MAX_RECENT]
    s.setValue("recent/files", files)
    return files


# -- languages -----------------------------------------------------------------------------
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def system_language() -> str:
    """The UI language matching the system locale ("zh_CN" for any Chinese locale, else "en")."""
    name = QLocale.system().name()
    langs = QLocale.system().uiLanguages()
    if name.startswith("zh") or any(str(x).lower().startswith("zh") for x in langs[:1]):
        return "zh_CN"
    return "en"


_translators: list[QTranslator] = []
PSEUDO = i18n.PSEUDO
"""The pseudo-locale (a test language, not in :data:`LANGUAGES`): every tr() text wrapped in ⟦…⟧."""


class PseudoTranslator(QTranslator):
    """Wraps every string Qt translates (the app's tr() and Qt's own dialog buttons) in the
    pseudo-locale's markers, as :func:`shopinsight.core.i18n.pseudo` does for core strings."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return i18n.pseudo(source_text) if source_text else source_text

    def isEmpty(self) -> bool:
        return False


def install_translators(code: str) -> bool:
    """Install the app's and Qt's translators for ``code`` (removing the previous ones).

    Returns False when the app's translation file could not be loaded (English is shown).
    """
    app = QCoreApplication.instance()
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if code == "en":
        return True
    if code == PSEUDO:
        t = PseudoTranslator(app)
        app.installTranslator(t)
        _translators.append(t)
        return True
    ok = True
    ours = QTranslator(app)
    qm = resource_path("translations", f"shopinsight_{code}.qm")
    if ours.load(str(qm)):
        app.installTranslator(ours)
        _translators.append(ours)
    else:
        ok = False
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for base in ("qtbase",):   # standard dialogs and buttons (OK, Cancel, file dialog)
        t = QTranslator(app)
        if t.load(f"{base}_{code}", qt_dir):
            app.installTranslator(t)
            _translators.append(t)
    return ok
