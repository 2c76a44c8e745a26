"""The sample shop builder and the lines export: all or nothing."""
from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from shopinsight.core.export import export_lines
from shopinsight.core.sample import create_sample_shop, default_sample_path
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_sample(tmp_path, monkeypatch):
    """Point the resources at a 200-line cut of the real sample file."""
    res = tmp_path / "res"
    (res / "sample").mkdir(parents=True)
    with gzip.open(REPO / "resources" / "sample" / "online_retail.csv.gz", "rt", encoding="utf-8",
                   errors="replace") as fh:
        head = [next(fh) for _ in range(201)]
    with gzip.open(res / "sample" / "online_retail.csv.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(head)
    monkeypatch.setenv("SHOPINSIGHT_RESOURCES", str(res))
    monkeypatch.setenv("SHOPINSIGHT_DATA_DIR", str(tmp_path / "data"))


def test_sample_shop_is_built_once_with_name_and_currency(small_sample, tmp_path):
    seen = []
    path = create_sample_shop(progress=lambda f, m: seen.append(f))
    assert path == default_sample_path() and path.parent == tmp_path / "data"
    with Shop(path) as shop:
        assert shop.line_count() == 200
        assert shop.name == "Sample shop (UCI Online Retail)" and shop.get_meta("currency") == "GBP"
        assert "UCI" in shop.get_meta("source_credit")
    assert seen[-1] == 1.0
    mtime = path.stat().st_mtime_ns
    assert create_sample_shop() == path and path.stat().st_mtime_ns == mtime    # kept, not rebuilt
    assert sorted(p.name for p in path.parent.iterdir()) == ["sample.shop"]      # no temp files left


def test_cancelled_sample_shop_leaves_nothing(small_sample, tmp_path):
    with pytest.raises(Cancelled):
        create_sample_shop(should_stop=lambda: True)
    folder = tmp_path / "data"
    assert not default_sample_path().exists()
    assert not folder.exists() or list(folder.iterdir()) == []


def test_export_lines_writes_every_line_or_nothing(lines_shop, tmp_path):
    rows = [dict(order_id=f"O{i}", ordered_at="2024-01-01 10:00:00", product_id="P", product_name="茶壶",
                 quantity=1, unit_price=2.0, is_cancellation=0, is_merchandise=1) for i in range(7)]
    with Shop(lines_shop(rows)) as shop:
        out = tmp_path / "lines.csv"
        assert export_lines(shop, out, chunk=3) == 7
        df = pd.read_csv(out, encoding="utf-8-sig")
        assert len(df) == 7 and df["product_name"].eq("茶壶").all() and "is_merchandise" in df
        with pytest.raises(Cancelled):
            export_lines(shop, tmp_path / "x.csv", should_stop=lambda: True, chunk=3)
        assert not (tmp_path / "x.csv").exists() and not (tmp_path / ".x.csv.partial").exists()
