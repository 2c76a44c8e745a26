"""The sample shop: the bundled UCI Online Retail log imported into a shop file.

Shared by the GUI's "Open the sample shop" and the CLI's ``demo`` verb.  The shop is built in
a temporary file next to the target and renamed into place at the end, so a cancelled or
failed build never leaves a half-imported sample shop behind.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from .i18n import _
from .. import SAMPLE_CREDIT
from ..resources import resource_path, user_data_dir
from .errors import InputError
from .tasks import as_reporter

__all__ = ["SAMPLE_FILE_NAME", "sample_data_file", "default_sample_path", "create_sample_shop",
           "SAMPLE_SHOP_NAME", "SAMPLE_CREDIT"]

SAMPLE_FILE_NAME = "online_retail.csv.gz"
SAMPLE_SHOP_NAME = "Sample shop (UCI Online Retail)"


def sample_data_file() -> Path:
    """The bundled sample data file (``resources/sample/online_retail.csv.gz``)."""
    return resource_path("sample", SAMPLE_FILE_NAME)


def default_sample_path() -> Path:
    """Where the sample shop lives: ``<user data dir>/sample.shop``."""
    return user_data_dir() / "sample.shop"


def create_sample_shop(path: Optional[str | os.PathLike] = None, progress=None, should_stop=None,
                       *, overwrite: bool = False) -> Path:
    """Import the bundled sample data into a new shop at ``path`` (default
    :func:`default_sample_path`); returns the path.

    An existing file is kept (and returned) unless ``overwrite``.  Raises ``Cancelled`` when
    stopped (nothing is left behind) and ``InputError`` when the sample data is missing.
    """
    from .importer import import_files
    from .store import Shop, remove_shop_files

    rep = as_reporter(progress, should_stop)
    target = Path(path) if path is not None else default_sample_path()
    if target.exists() and not overwrite:
        return target
    source = sample_data_file()
    if not source.is_file():
        raise InputError(_("the bundled sample data is missing (reinstall the app)"), file=str(source))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    remove_shop_files(tmp)
    try:
        rep(0.0, _("creating the sample shop"))
        with Shop(tmp) as shop:
            import_files(shop, [source], progress=rep.sub(0.0, 0.97))
            rep.check()
            with shop.transaction():
                shop.set_meta("name", SAMPLE_SHOP_NAME)
                if not shop.get_meta("currency"):
                    shop.set_meta("currency", "GBP")   # the UCI shop is a UK retailer
                shop.set_meta("source_credit", SAMPLE_CREDIT)
            shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shop.conn.execute("PRAGMA journal_mode = DELETE")   # one self-contained file to rename
        rep(0.99, _("finishing"))
        if overwrite:
            remove_shop_files(target)
        os.replace(tmp, target)
        rep(1.0, _("sample shop ready"))
    finally:
        remove_shop_files(tmp)
    return target


