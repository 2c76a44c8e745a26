"""A read-only shop (no write permission on the file or its folder) is browsed in the Data tab's
lines table like any other.  As root the test runs the browsing as user 'nobody', so the kernel's
permission checks really apply."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from shopinsight.core.importer import import_files
from shopinsight.core.store import Shop
from shopinsight.gui.lines_model import LinesModel

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import"



def test_lines_of_a_read_only_shop_are_browsed(qtbot, unprivileged):
    folder = Path(tempfile.mkdtemp(prefix="shopinsight-ro-gui-"))
    try:
        path = folder / "ro.shop"
        with Shop(path) as shop:
            import_files(shop, [CORPUS / "export_jan.csv"])
        warm = LinesModel()
        warm.set_shop(path)         # load what browsing imports lazily, while all may be read
        assert warm.rowCount() == 4
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)     # no -wal/-shm can be created next to it
        with unprivileged():
            model = LinesModel()
            model.set_shop(path)
            assert model.rowCount() == 4
            assert model.index(0, model.COLUMNS.index("line_id")).data() == "1"
            with Shop(path) as shop:
                assert shop.readonly and shop.line_count() == 4
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)
