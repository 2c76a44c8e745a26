"""The default recommendation run is fast and bounded (issues 15 and 16): the default hybrid fits
each component it blends once (fixed weights, no search), and customers are scored in chunks whose
dense blocks never exceed ``CHUNK_CELLS`` cells, with the same result as scoring them all at once."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.recommend import base, load_interactions, make_model
from shopinsight.core.recommend.evaluate import evaluate_model, make_test_set
from shopinsight.core.recommend.hybrid import DEFAULT_WEIGHTS, DEFAULT_WEIGHTS_NEW
from shopinsight.core.recommend.interactions import load_purchases, split_by_time
from shopinsight.core.recommend.pipeline import run_recommend
from shopinsight.core.store import Shop

from test_recommend import _synthetic


@pytest.fixture
def synth(lines_shop):
    return lines_shop(_synthetic())


@pytest.fixture
def fits(monkeypatch):
    """Counts every model fit by registry name."""
    counter = Counter()
    real = base.Recommender.fit

    def counting(self, *a, **kw):
        counter[self.name] += 1
        return real(self, *a, **kw)

    monkeypatch.setattr(base.Recommender, "fit", counting)
    return counter


def test_default_run_fits_each_blended_component_once(synth, fits):
    with Shop(synth) as shop:
        res = run_recommend(shop, k=5)
    assert res.model == "hybrid" and res.params == {}
    blended = {m for m, w in {**DEFAULT_WEIGHTS, **DEFAULT_WEIGHTS_NEW}.items() if w}
    # one hybrid fit, one fit per component with a weight, nothing fitted for a weight search
    assert fits == Counter({"hybrid": 1, **{m: 1 for m in blended}})
    h = res.fitted["hybrid"]
    assert h.weights_ == DEFAULT_WEIGHTS and h.weights_new_ == DEFAULT_WEIGHTS_NEW


def test_tuning_is_the_explicit_choice_that_searches_weights(synth, fits):
    with Shop(synth) as shop:
        res = run_recommend(shop, k=5, tune=True)
    assert fits["userknn"] > 1 and set(res.params["hybrid"]) >= {"weights", "weights_new"}


def _fitted_hybrid(synth):
    with Shop(synth) as shop:
        X = load_interactions(shop)
    return X, make_model("hybrid").fit(X)


@pytest.mark.parametrize("exclude", [False, True])
def test_chunked_scoring_equals_scoring_all_customers_at_once(synth, exclude):
    X, h = _fitted_hybrid(synth)
    ids = list(X.customer_ids) + ["unknown"]
    whole = h.recommend(ids, n=5, exclude_purchased=exclude, batch_size=10 ** 6)
    for size in (1, 3, 7):
        pd.testing.assert_frame_equal(h.recommend(ids, n=5, exclude_purchased=exclude, batch_size=size), whole)
    assert len(whole) == 5 * len(ids)


def test_evaluation_in_chunks_equals_one_block(synth, monkeypatch):
    with Shop(synth) as shop:
        train, test_p = split_by_time(load_purchases(shop, returned="keep"), "2024-03-31")
    from shopinsight.core.recommend.interactions import build_interactions
    X = build_interactions(train, as_of="2024-03-31")
    test = make_test_set(X, test_p)
    h = make_model("hybrid").fit(X)
    whole = evaluate_model(h, test, k=5)
    monkeypatch.setattr(base, "CHUNK_CELLS", 3 * max(X.n_products, X.n_customers))
    assert h.chunk_size() == 3 < test.n_customers
    chunked = evaluate_model(h, test, k=5)
    assert set(chunked) == set(whole) == {"include", "exclude"}
    for mode in whole:
        assert chunked[mode] == pytest.approx(whole[mode])


def test_dense_blocks_are_bounded_by_the_chunk(synth, monkeypatch):
    """Whatever the number of customers, no model builds a dense block larger than CHUNK_CELLS."""
    X, h = _fitted_hybrid(synth)
    cells = 4 * max(X.n_products, X.n_customers)
    monkeypatch.setattr(base, "CHUNK_CELLS", cells)
    blocks = []
    for model in h.models_.values():
        real = model._score_rows

        def spy(rows, real=real, model=model):
            out = real(rows)
            blocks.append((model.name, len(rows), model.score_width(), out.shape))
            return out
        monkeypatch.setattr(model, "_score_rows", spy)
    for exclude in (False, True):
        recs = h.recommend(X.customer_ids, n=3, exclude_purchased=exclude)
        assert recs["customer_id"].nunique() == X.n_customers
    assert blocks and {b[0] for b in blocks} == set(h.models_)
    for name, rows, width, shape in blocks:
        assert shape == (rows, X.n_products)
        assert rows * width <= cells, name
        assert rows < X.n_customers
    # the customer-to-customer model's width is the customer list, the others' the catalogue
    widths = {name: width for name, _, width, _ in blocks}
    if "userknn" in widths:
        assert widths["userknn"] == max(X.n_products, X.n_customers)


def test_chunk_rows_bounds():
    assert base.chunk_rows(4000, cells=4_000_000) == 1000
    assert base.chunk_rows(40_000, cells=4_000_000) == 100
    assert base.chunk_rows(10 ** 9, cells=4_000_000) == 1
    assert base.chunk_rows(10, cells=4_000_000) == base.MAX_CHUNK_ROWS


def test_purchases_read_in_chunks_equal_one_read(synth):
    from shopinsight.core.recommend.interactions import _PURCHASE_SQL
    sql = _PURCHASE_SQL.format(where="")
    with Shop(synth) as shop:
        plain = shop.query_df(sql)
        chunked = shop.query_compact(sql, [], chunk=50)
        whole = shop.query_compact(sql, [], chunk=10 ** 6)
    assert len(plain) > 150
    pd.testing.assert_frame_equal(chunked, plain)
    pd.testing.assert_frame_equal(whole, plain)


def test_weight_search_looks_at_a_bounded_sample_of_customers(synth, monkeypatch):
    """Tuning's weight search holds one customers × products block per component: it sees at most
    MAX_SEARCH_CUSTOMERS validation customers, a fixed sample."""
    from shopinsight.core.recommend import hybrid, pipeline
    from shopinsight.core.recommend.evaluate import test_set_from_matrix

    with Shop(synth) as shop:
        X = load_interactions(shop, until="2024-03-31")
    fit, held = X.holdout_last(30)
    full = test_set_from_matrix(fit, held)
    assert full.n_customers > 5
    small = full.sample(5)
    assert small.n_customers == 5 and set(small.rows) <= set(full.rows)
    assert np.array_equal(full.sample(5).rows, small.rows)                 # the same sample every time
    assert (small.relevant.toarray() == full.relevant[np.searchsorted(full.rows, small.rows)].toarray()).all()
    seen = []
    real = hybrid.search_weights

    def spy(mats, X_, test, k, exclude, rounds=2):
        seen.append((test.n_customers, {m.shape for m in mats.values()}))
        return real(mats, X_, test, k, exclude, rounds)
    monkeypatch.setattr(pipeline, "MAX_SEARCH_CUSTOMERS", 5)
    monkeypatch.setattr(pipeline, "search_weights", spy)
    params, _ = pipeline.tune_models(X, ["hybrid"], k=5, val_days=30)
    assert params["hybrid"]["weights"]
    assert seen and all(n == 5 and shapes == {(5, X.n_products)} for n, shapes in seen)
