"""Where the app's bundled resources (sample data, translations, icons, fonts) live, and the
per-user data directory.  No Qt here: the CLI and the core use it too.

Resources are found, in order, under ``$SHOPINSIGHT_RESOURCES``, a frozen app's bundle
directory (PyInstaller's ``sys._MEIPASS``), ``shopinsight/resources`` inside an installed
package, and the source tree's top-level ``resources/``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["resources_dir", "resource_path", "user_data_dir"]

_PKG = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    out = []
    env = os.environ.get("SHOPINSIGHT_RESOURCES")
    if env:
        out.append(Path(env))
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        out.append(Path(meipass) / "resources")
    out += [_PKG / "resources", _PKG.parent / "resources"]
    return out


def resources_dir() -> Path:
    """The first resources directory that exists (the source tree's ``resources/`` by default)."""
    for c in _candidates():
        if c.is_dir():
            return c
    return _PKG.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside the resources directory (may not exist)."""
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user data directory (sample shop, logs); ``$SHOPINSIGHT_DATA_DIR`` overrides.

    Matches Qt's ``QStandardPaths.AppDataLocation`` for an app named "ShopInsight" with no
    organisation, so the GUI and the CLI agree without the CLI importing Qt.
    """
    env = os.environ.get("SHOPINSIGHT_DATA_DIR")
    if env:
        return Path(env)
    home = Path.home()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "ShopInsight"
