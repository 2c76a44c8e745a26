"""The app's log file: where it is and how the ``shopinsight`` loggers write to it."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QStandardPaths

__all__ = ["log_path", "setup_logging"]


def log_path() -> Path:
    """The app's log file, in QStandardPaths' AppDataLocation (``.../ShopInsight/logs``)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:  # no writable location (very unusual): fall back to the temp dir
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return Path(base) / "logs" / "shopinsight.log"


_log_handler: Optional[logging.Handler] = None


def setup_logging() -> Path:
    """Send the ``shopinsight`` loggers to a rotating log file (idempotent); returns its path."""
    global _log_handler
    path = log_path()
    if _log_handler is not None and Path(getattr(_log_handler, "baseFilename", "")) == path:
        return path
    root = logging.getLogger("shopinsight")
    if _log_handler is not None:
        root.removeHandler(_log_handler)
        _log_handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
    except OSError:  # read-only home: keep going without a file
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _log_handler = handler
    return path
