"""Shared by the accuracy benchmarks: the UCI file and a shop holding it."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "online_retail.csv.gz"
if not DATA.exists():   # the bundled copy of the same file
    DATA = REPO / "resources" / "sample" / "online_retail.csv.gz"


def open_bench_shop(db: Optional[str], prefix: str = "bench_"):
    """``(shop, tmp)``: the shop at ``db`` opened read-only, or the UCI file imported into a
    temporary shop (``tmp`` is its TemporaryDirectory, to clean up; None for ``db``)."""
    from shopinsight.core.store import Shop

    if db:
        return Shop(db, readonly=True), None
    from shopinsight.core.importer import import_files
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    shop = Shop(Path(tmp.name) / "uci.shop")
    import_files(shop, [DATA])
    return shop, tmp
