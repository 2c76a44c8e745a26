"""Helpers shared by the importer tests: run an import into a fresh shop, read lines back,
fingerprint a shop file so a failed import can be shown to leave it byte-for-byte unchanged."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from shopinsight.core.importer import ImportOptions, import_files
from shopinsight.core.store import Shop

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import"


def do_import(shop_path: Path, *names: str, **options):
    """Import corpus files into the shop at ``shop_path``; returns the list of results."""
    with Shop(shop_path) as shop:
        return import_files(shop, [CORPUS / n for n in names], ImportOptions(**options) if options else None)


def read_lines(shop_path: Path, cols: str, where: str = "") -> list[tuple]:
    """Selected columns of the public `lines` view, in line order."""
    with Shop(shop_path) as shop:
        return [tuple(r) for r in shop.conn.execute(
            f"SELECT {cols} FROM lines {where} ORDER BY line_id").fetchall()]


def fingerprint(shop_path: Path) -> tuple[str, int]:
    """sha256 of the closed shop file's bytes (WAL checkpointed on close) and its line count."""
    with Shop(shop_path) as shop:
        n = shop.line_count()
    for suffix in ("-wal", "-shm"):
        assert not Path(str(shop_path) + suffix).exists(), "shop not closed cleanly"
    return hashlib.sha256(Path(shop_path).read_bytes()).hexdigest(), n


def baseline_shop(tmp_path: Path, name: Optional[str] = "export_jan.csv") -> Path:
    """A shop holding one small import (4 lines), closed."""
    path = tmp_path / "base.shop"
    if name:
        do_import(path, name)
    else:
        Shop(path).close()
    return path
