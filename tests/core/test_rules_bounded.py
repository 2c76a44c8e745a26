"""Association rules on a big shop: memory bounded, same rules (issue 16: `rules` peaked at 2.8 GB
on a ten-times shop).

* the baskets are read in chunks into integer codes, not into a frame of every line's strings;
* the automatic support counts pairs among the frequent products only, not every pair of the
  catalogue.
"""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
import scipy.sparse as sp

from shopinsight.core.recommend import rules as R
from shopinsight.core.recommend.interactions import load_product_names, load_purchases
from shopinsight.core.store import Shop


def _random_lines(n_orders=4000, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_orders):
        cust = None if rng.random() < 0.15 else f"c{rng.integers(0, 800)}"
        day = f"2024-{1 + o * 12 // n_orders:02d}-{1 + o % 28:02d}"
        order = None if (cust is None and rng.random() < 0.1) else str(100000 + o)  # some lines without order
        prods = np.unique(rng.zipf(1.6, rng.integers(1, 20)) % 700)
        for p in prods:
            qty = int(rng.integers(1, 12))
            rows.append({"order_id": order, "ordered_at": f"{day} 10:00:00", "customer_id": cust,
                         "product_id": f"P{p:04d}", "product_name": f"THING {p}", "quantity": qty,
                         "unit_price": 1.5, "is_cancellation": 0, "is_merchandise": 1})
            if cust is not None and rng.random() < 0.03:       # returned in full or in part
                rows.append({"order_id": f"C{100000 + o}", "ordered_at": f"{day} 12:00:00",
                             "customer_id": cust, "product_id": f"P{p:04d}", "product_name": f"THING {p}",
                             "quantity": -qty if rng.random() < 0.5 else -1, "unit_price": 1.5,
                             "is_cancellation": 1, "is_merchandise": 1})
    rows.append({"order_id": "9", "ordered_at": "2024-03-01 10:00:00", "customer_id": "c1",
                 "product_id": "POST", "product_name": "POSTAGE", "quantity": 1, "unit_price": 5,
                 "is_cancellation": 0, "is_merchandise": 0})
    return rows


@pytest.fixture(scope="module")
def big_shop(tmp_path_factory):
    from tests.conftest import make_lines_shop
    return make_lines_shop(tmp_path_factory.mktemp("rules") / "big.shop", _random_lines())


def _frame_path(shop, **kw):
    return R.baskets_from_purchases(load_purchases(shop, **kw), load_product_names(shop))


def _row_sets(m: sp.csr_matrix) -> list[tuple]:
    return sorted(tuple(m.indices[m.indptr[i]:m.indptr[i + 1]]) for i in range(m.shape[0]))


@pytest.mark.parametrize("period", [{}, {"since": "2024-03-01", "until": "2024-08-31"}])
def test_chunked_baskets_equal_the_frame_path(big_shop, period):
    with Shop(big_shop, readonly=True) as shop:
        old = _frame_path(shop, **period)
        new = R.load_baskets(shop, chunk=997, **period)
    assert list(new.product_ids) == list(old.product_ids)
    assert list(new.product_names) == list(old.product_names)
    assert (new.data_from, new.data_to) == (old.data_from, old.data_to)
    assert new.matrix.shape == old.matrix.shape and new.matrix.nnz == old.matrix.nnz
    assert _row_sets(new.matrix) == _row_sets(old.matrix)


def _peak(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_baskets_memory_is_a_fraction_of_the_frame_path(big_shop):
    with Shop(big_shop, readonly=True) as shop:
        n = shop.line_count()
        _, old = _peak(lambda: _frame_path(shop))
        _, new = _peak(lambda: R.load_baskets(shop, chunk=5_000))
    assert new < 0.5 * old, (new, old)
    assert new / n < 400, f"{new / n:.0f} bytes a line"


def _brute_min_count(B, target_rules):
    co = sp.triu(B.T @ B, k=1).tocoo()
    if co.nnz == 0:
        return 1
    counts = np.sort(co.data)[::-1]
    return max(int(counts[min(len(counts) - 1, max(target_rules // 2 - 1, 0))]), 2)


def _baskets(n_orders, n_products, per_order, seed):
    rng = np.random.default_rng(seed)
    rows = np.repeat(np.arange(n_orders), per_order)
    cols = (rng.zipf(1.3, len(rows)) - 1) % n_products
    m = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n_orders, n_products))
    m.data[:] = 1.0
    return m


@pytest.mark.parametrize("seed,target", [(0, 200), (1, 20), (2, 2000), (3, 200)])
def test_auto_support_equals_counting_every_pair(seed, target):
    B = _baskets(3000, 5000, 12, seed)
    assert R._auto_min_count(B, target) == _brute_min_count(B, target)


def test_auto_support_with_few_pairs():
    B = sp.csr_matrix(np.array([[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], np.float32))
    assert R._auto_min_count(B, 200) == _brute_min_count(B, 200) == 2
    assert R._auto_min_count(sp.csr_matrix(np.eye(3, dtype=np.float32)), 200) == 1


def test_auto_support_does_not_count_every_pair_of_a_big_catalogue():
    # wide baskets over a big catalogue: every pair of the catalogue is millions of cells
    B = _baskets(4000, 40_000, 60, 7)
    _, brute = _peak(lambda: _brute_min_count(B, 200))
    got, bounded = _peak(lambda: R._auto_min_count(B, 200))
    assert got == _brute_min_count(B, 200)
    assert bounded < brute / 5, (bounded, brute)
