"""Core calls in a child process: results, progress and errors come back as from a thread."""
from __future__ import annotations

from pathlib import Path

import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.process import import_into, run_in_process
from shopinsight.core.store import Shop

ORDERS = Path(__file__).resolve().parents[1] / "data" / "gui_orders.csv"


def test_import_in_a_child_process(tmp_path):
    shop = tmp_path / "p.shop"
    seen = []
    [res] = run_in_process(import_into, shop, [ORDERS], None, progress=lambda f, m: seen.append(f))
    assert (res["imported"], res["rejected"]) == (40, 1)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with Shop(shop) as s:
        assert s.line_count() == 40
    bad = tmp_path / "empty.csv"
    bad.write_text("")
    with pytest.raises(InputError):
        run_in_process(import_into, shop, [bad], None)
    with Shop(shop) as s:
        assert s.line_count() == 40 and len(s.imports()) == 1
