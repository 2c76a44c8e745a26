"""Recommend's memory on large catalogues is bounded (issue 16): item-kNN and content find each product's
nearest neighbours a block of product columns at a time (never a products × products matrix, dense or
sparse), EASE's Gram matrix is built in row blocks, and EASE works on at most ``MAX_PRODUCTS`` products —
the most bought — while the other components of the blend still rank the rest."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from shopinsight.cli import main
from shopinsight.core.recommend import ease, load_interactions, make_model, neighbours
from shopinsight.core.recommend.interactions import drop_returned
from shopinsight.core.recommend.pipeline import RecommendResult, run_recommend
from shopinsight.core.store import Shop

from test_recommend import _synthetic


def _dense_top_k(cols: np.ndarray, k: int, shrink: float) -> np.ndarray:
    """The similarity kept by item-kNN, the obvious way: the whole products × products cosine, then the
    k largest positive entries of each column."""
    co = cols.T @ cols
    n = np.diag(co).copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        sim = np.nan_to_num(co / (np.sqrt(np.outer(n, n)) + shrink))
    np.fill_diagonal(sim, 0.0)
    out = np.zeros_like(sim)
    for j in range(sim.shape[1]):
        top = np.argsort(-sim[:, j], kind="stable")[:k]
        top = top[sim[top, j] > 0]
        out[top, j] = sim[top, j]
    return out


@pytest.mark.parametrize("block", [1, 3, 7, 1000])
@pytest.mark.parametrize("shrink", [0.0, 10.0])
def test_top_k_cosine_in_blocks_is_the_whole_matrix_top_k(block, shrink):
    rng = np.random.default_rng(block)
    # distinct column weights: no ties among a column's neighbours, so the top k is unique
    cols = (rng.random((60, 23)) < 0.3) * rng.uniform(1.0, 2.0, size=(60, 1))
    got = neighbours.top_k_cosine(sp.csr_matrix(cols), k=4, shrink=shrink, block=block)
    assert got.shape == (23, 23) and got.dtype == np.float32
    assert (got.getnnz(axis=0) <= 4).all()
    np.testing.assert_allclose(got.toarray(), _dense_top_k(cols, 4, shrink), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("model", ["itemknn", "content"])
def test_neighbour_models_never_build_a_products_by_products_block(synth, monkeypatch, model):
    with Shop(synth) as shop:
        X = load_interactions(shop)
    words = ["RED", "HEART", "CAKE", "STAND", "WHITE", "LANTERN", "BAG"]
    X = dataclasses.replace(X, product_names=np.array(
        [" ".join(words[(i * j) % 7] for j in (1, 2, 3)) for i in range(X.n_products)], dtype=object))
    whole = make_model(model).fit(X).similarity_.toarray()
    assert whole.any()
    shapes = []
    real = neighbours._cosine

    def spy(*a, **kw):
        out = real(*a, **kw)
        shapes.append(out.shape)
        return out
    monkeypatch.setattr(neighbours, "_cosine", spy)
    monkeypatch.setattr(neighbours, "BLOCK", 5)
    blocked = make_model(model).fit(X).similarity_.toarray()
    assert X.n_products > 5 and shapes
    assert all(min(s) <= 5 for s in shapes), shapes        # at most BLOCK × products at a time
    np.testing.assert_allclose(blocked, whole, rtol=1e-6)


def test_gram_in_row_blocks():
    rng = np.random.default_rng(0)
    X = sp.csr_matrix((rng.random((50, 17)) < 0.3).astype(np.float32))
    for block in (1, 4, 100):
        G = ease.gram(X, block=block)
        assert G.dtype == np.float32 and G.shape == (17, 17)
        np.testing.assert_array_equal(G, (X.T @ X).toarray())


@pytest.fixture
def synth(lines_shop):
    return lines_shop(_synthetic())


def test_ease_works_on_the_most_bought_products_within_its_budget(synth, monkeypatch):
    with Shop(synth) as shop:
        X = load_interactions(shop)
    monkeypatch.setattr(ease, "MAX_PRODUCTS", 5)
    m = make_model("ease", min_buyers=1).fit(X)
    buyers = np.asarray(X.binary().sum(axis=0)).ravel()
    assert m.item_weights_.shape == (5, 5) and len(m.columns_) == 5 < X.n_products
    assert set(buyers[m.columns_]) and buyers[m.columns_].min() >= np.sort(buyers)[-5]
    assert m.bounds() == [{"model": "ease", "products": 5, "of": X.n_products}]
    scores = m.score_rows(np.arange(X.n_customers)) - m._tie
    outside = np.setdiff1d(np.arange(X.n_products), m.columns_)
    assert np.all(scores[:, outside] == 0)                  # no EASE score outside the budget
    assert make_model("ease", min_buyers=1, max_products=7).fit(X).item_weights_.shape == (7, 7)


def test_default_run_over_a_budget_recommends_products_outside_it(synth, monkeypatch, capsys):
    """The default hybrid with EASE over 3 products: every customer gets a full list, products EASE never
    saw are still recommended (new-product lists weigh EASE most), and the run says what was bounded."""
    monkeypatch.setattr(ease, "MAX_PRODUCTS", 3)
    with Shop(synth) as shop:
        res = run_recommend(shop, k=5, exclude_purchased=True)
        X = res.fitted["hybrid"].interactions_
        e = res.fitted["hybrid"].models_["ease"]
        assert e.item_weights_.shape == (3, 3)
        recs = res.recommendations
        assert recs.groupby("customer_id").size().eq(5).all() and recs.customer_id.nunique() == X.n_customers
        outside = set(X.product_ids[np.setdiff1d(np.arange(X.n_products), e.columns_)])
        assert outside & set(recs.product_id)
        bound = [{"model": "ease", "products": 3, "of": X.n_products}]
        assert res.bounded == bound and res.to_dict()["bounded"] == bound
        assert RecommendResult.load(shop, res.run_id, refit=False).bounded == bound
    assert main(["recommend", "--db", str(synth), "--k", "2"]) == 0
    assert "3 most bought of" in capsys.readouterr().out
    assert main(["recommend", "--db", str(synth), "--k", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bounded"] == bound
    monkeypatch.setattr(ease, "MAX_PRODUCTS", 10_000)
    with Shop(synth) as shop:
        assert run_recommend(shop, k=2).bounded == []


def _drop_returned_by_groups(purchases, returns):
    """drop_returned as it was: groups and an index over every line's (customer, product) strings."""
    ret = returns.groupby(["customer_id", "product_id"])["quantity"].sum().rename("returned")
    bought = (purchases[purchases["customer_id"].notna()]
              .groupby(["customer_id", "product_id"])["quantity"].sum().rename("bought"))
    net = pd.concat([ret, bought], axis=1, join="inner")
    gone = net.index[net["returned"] >= net["bought"]]
    key = pd.MultiIndex.from_frame(purchases[["customer_id", "product_id"]])
    return purchases[~key.isin(gone)].reset_index(drop=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_drop_returned_on_codes_equals_grouping_the_lines(seed):
    rng = np.random.default_rng(seed)
    n = 3000
    cust = np.array([f"c{i}" for i in rng.integers(0, 60, n)], dtype=object)
    cust[rng.random(n) < 0.1] = None                         # guests
    purchases = pd.DataFrame({"customer_id": cust, "product_id": [f"p{i}" for i in rng.integers(0, 40, n)],
                              "order_id": [f"o{i}" for i in rng.integers(0, 500, n)], "day": "2024-01-01",
                              "quantity": rng.integers(1, 5, n).astype(float)})
    purchases.loc[rng.random(n) < 0.02, "quantity"] = np.nan
    m = 400
    returns = pd.DataFrame({"customer_id": [f"c{i}" for i in rng.integers(0, 70, m)],
                            "product_id": [f"p{i}" for i in rng.integers(0, 45, m)], "day": "2024-01-02",
                            "quantity": rng.integers(1, 8, m).astype(float)})
    expect = _drop_returned_by_groups(purchases, returns)
    got = drop_returned(purchases, returns)
    assert 0 < len(got) < len(purchases)
    pd.testing.assert_frame_equal(got, expect)
