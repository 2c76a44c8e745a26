"""The duplicate check of an import ("checking for lines already in the shop") scales with the
file: it works in ranges of lines, reports progress between them and honours cancel, leaving the
shop exactly as it was.  Run on a small file with a tiny range size."""
from __future__ import annotations

from collections import Counter

import pytest
from importer_helpers import baseline_shop, fingerprint

from shopinsight.core.importer import import_files
from shopinsight.core.importer import run as run_mod
from shopinsight.core.schema import LINE_INDEXES
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled

PHASE = "checking for lines already in the shop"


@pytest.fixture
def repeated_csv(tmp_path, monkeypatch):
    """300 lines written 4 times over (a file of copies: 900 in-file repeats), checked in ranges
    of 50 lines."""
    monkeypatch.setattr(run_mod, "DUP_CHUNK_ROWS", 50, raising=False)
    body = [f"{7000 + i // 3},2024-05-{1 + i % 28:02d},c{i % 41},S{i % 23},{1 + i % 4},{(i % 9) + 0.25:.2f}"
            for i in range(300)]
    path = tmp_path / "copies.csv"
    path.write_text("order_id,date,customer,sku,qty,unit_price\n" + "\n".join(body * 4) + "\n")
    return path


def _phase(calls):
    return [f for f, m in calls if m == PHASE]


@pytest.mark.parametrize("empty, share", [(True, 0.1), (True, 1.0), (False, 0.1)],
                         ids=["empty-shop", "empty-shop-index-kept", "shop-with-lines"])
def test_duplicate_check_numbers_repeats_with_advancing_progress(tmp_path, repeated_csv, monkeypatch, empty,
                                                                  share):
    # share: repeats above this share of the lines are numbered with the key index dropped and
    # rebuilt (a file of copies), below it in place
    monkeypatch.setattr(run_mod, "REBUILD_SHARE", share, raising=False)
    shop_path = baseline_shop(tmp_path, None if empty else "export_jan.csv")
    calls = []
    with Shop(shop_path) as shop:
        (res,) = import_files(shop, [repeated_csv], progress=lambda f, m: calls.append((f, m)))
        rows = shop.conn.execute("SELECT content_hash, occurrence FROM line_items WHERE import_id = ? "
                                 "ORDER BY line_id", (res.import_id,)).fetchall()
        indexes = {r[0] for r in shop.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        # the natural key finds each line (the index is there and consistent)
        assert shop.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert set(LINE_INDEXES) <= indexes
    assert (res.imported, res.duplicates_in_file) == (1200, 900)
    # every line's occurrence is its rank among the identical lines before it
    seen: Counter = Counter()
    expected = []
    for h, _occ in rows:
        expected.append(seen[h])
        seen[h] += 1
    assert [occ for _h, occ in rows] == expected and max(expected) == 3
    fractions = _phase(calls)
    assert len(set(fractions)) >= 5, fractions          # the bar moves during the check
    assert fractions == sorted(fractions)


@pytest.mark.parametrize("empty", [True, False], ids=["empty-shop", "shop-with-lines"])
def test_cancel_during_duplicate_check_leaves_shop_as_it_was(tmp_path, repeated_csv, empty):
    shop_path = baseline_shop(tmp_path, None if empty else "export_jan.csv")
    before = fingerprint(shop_path)
    calls = []

    def stop() -> bool:       # once the check has advanced three times
        return len(set(_phase(calls))) >= 3

    with Shop(shop_path) as shop, pytest.raises(Cancelled):
        import_files(shop, [repeated_csv], progress=lambda f, m: calls.append((f, m)), should_stop=stop)
    assert len(set(_phase(calls))) == 3
    assert fingerprint(shop_path) == before
