"""Where the default recommendation run's time went (issue 15: ≤ 15 s on the UCI shop), each cut
checked for giving the same numbers as before."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
import scipy.linalg
import scipy.sparse as sp

from shopinsight.core.recommend import load_interactions, make_model
from shopinsight.core.recommend.ease import _ease_weights
from shopinsight.core.store import Shop

from test_recommend import _synthetic


@pytest.fixture
def synth(lines_shop):
    return lines_shop(_synthetic())


@pytest.mark.parametrize("n", [1, 7, 600])
def test_ease_weights_are_the_closed_form_in_row_major_order(n):
    """B = −P / diag(P), diag 0, P = G⁻¹ — from the Cholesky factor's inverse (potri) — and B is
    row-major: a column-major B was copied whole (n² floats) by every chunk's sparse product."""
    rng = np.random.default_rng(n)
    A = (rng.random((3 * n + 5, n)) < 0.2).astype(np.float32)
    G = A.T @ A + np.float32(20.0) * np.eye(n, dtype=np.float32)
    P = np.linalg.inv(G.astype(np.float64))
    expect = P / -np.diag(P)
    np.fill_diagonal(expect, 0.0)
    B = _ease_weights(G.copy())
    assert B.dtype == np.float32 and B.flags.c_contiguous
    np.testing.assert_allclose(B, expect, atol=1e-5)


def test_ease_scores_need_no_copy_of_the_weights(synth, monkeypatch):
    """Scoring multiplies the sparse history by the weights as they are (no per-chunk conversion)."""
    with Shop(synth) as shop:
        X = load_interactions(shop)
    m = make_model("ease").fit(X)
    assert m.item_weights_.flags.c_contiguous and m.history_.dtype == m.item_weights_.dtype
    expect = m.history_.toarray().astype(np.float64) @ m.item_weights_.astype(np.float64)
    got = m._score_rows(np.arange(X.n_customers))[:, m.columns_]
    np.testing.assert_allclose(got, expect, atol=1e-5)


def test_tfidf_equals_scikit_learns():
    """The content model's TF-IDF is scikit-learn's TfidfVectorizer(ngram_range=(1, 2),
    sublinear_tf=True, words of 2+ letters) — same similarities — without importing it."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from shopinsight.core.recommend.content import tfidf

    names = ["WHITE HANGING HEART T-LIGHT HOLDER", "RED HANGING HEART T-LIGHT HOLDER", "", "123 45",
             "Café crème mug mug MUG", "SET OF 3 CAKE TINS PANTRY DESIGN", "PANTRY design cake tins",
             "红色 马克杯", "a b c"]
    ref = TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True,
                          token_pattern=r"(?u)\b[^\W\d_]{2,}\b").fit_transform(names)
    T = tfidf(names)
    assert T.shape == ref.shape
    np.testing.assert_allclose((T @ T.T).toarray(), (ref @ ref.T).toarray(), atol=1e-12)
    assert tfidf(["", "1 2", "x"]) is None


def test_user_profiles_equal_scikit_learns_normalize(synth):
    from sklearn.preprocessing import normalize

    with Shop(synth) as shop:
        X = load_interactions(shop)
    m = make_model("userknn").fit(X)
    W = X.weighted(m.half_life_days, "count").tocsr()
    assert m.profiles_.dtype == np.float32 and sp.isspmatrix_csr(m.profiles_)
    np.testing.assert_allclose(m.profiles_.toarray(), normalize(W, norm="l2").toarray(), atol=1e-6)
    np.testing.assert_allclose(m.shares_.toarray(), normalize(W, norm="l1").toarray(), atol=1e-6)


def test_default_run_does_not_import_scikit_learn(synth):
    """Importing scikit-learn cost about 2 s of CPU of the default run; nothing in it needs it."""
    code = textwrap.dedent(f"""
        import sys
        from shopinsight.core.store import Shop
        from shopinsight.core.recommend.pipeline import run_recommend
        with Shop({str(synth)!r}) as shop:
            run_recommend(shop, k=5)
            run_recommend(shop, k=5, exclude_purchased=True)
        print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_reasons_format_each_number_once(synth, monkeypatch):
    """Babel formatting per reason was a third of the reasons' time: each distinct count is
    formatted once per call, and the reasons are the same."""
    from shopinsight.core import fmt
    from shopinsight.core.recommend import explain

    with Shop(synth) as shop:
        X = load_interactions(shop)
    m = make_model("buy_again").fit(X)
    recs = m.recommend(X.customer_ids, n=5)
    calls = []
    real = fmt.integer

    def counting(n, *a, **kw):
        calls.append(n)
        return real(n, *a, **kw)

    monkeypatch.setattr(fmt, "integer", counting)
    reasons = explain.explain_recommendations(m, recs)
    assert len(calls) == len(set(calls)) and 0 < len(calls) < len(recs)
    assert reasons.str.startswith("Bought it before").sum() > 0
    one = recs.iloc[[3]]
    assert explain.explain_recommendations(m, one).iloc[0] == reasons.iloc[3]


def test_blend_gives_als_its_cheaper_parameters_unless_told_otherwise(synth):
    """ALS was the default run's largest fit: in the blend it has 64 factors and 10 iterations
    (a third of the CPU, same accuracy within noise — README); parameters given for it still win."""
    from shopinsight.core.recommend.hybrid import DEFAULT_COMPONENT_PARAMS, component_params

    with Shop(synth) as shop:
        X = load_interactions(shop)
    h = make_model("hybrid").fit(X)
    als = h.models_["als"]
    assert (als.factors, als.iterations) == (64, 10) == tuple(DEFAULT_COMPONENT_PARAMS["als"].values())
    assert als.user_factors_.shape[1] == 64
    h2 = make_model("hybrid", components={"als": {"factors": 16}}).fit(X)
    assert (h2.models_["als"].factors, h2.models_["als"].iterations) == (16, 10)
    assert component_params("ease") == {} and component_params("als", {"iterations": 3})["iterations"] == 3


def _userknn_reference(m, rows):
    """User-kNN's scores comparing each customer with every other (what it did before candidates)."""
    sim = (m.profiles_[rows] @ m.profiles_.T).toarray()
    sim[np.arange(len(rows)), rows] = 0.0
    k = min(m.neighbours, sim.shape[1] - 1)
    idx = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    nb = sp.csr_matrix((np.take_along_axis(sim, idx, axis=1).ravel(),
                        (np.repeat(np.arange(len(rows)), k), idx.ravel())), shape=sim.shape)
    return (nb @ m.shares_).toarray()


def test_user_knn_compares_customers_with_a_bounded_list_of_recent_ones(synth):
    """Issue 16: user-kNN's scoring was customers × customers; neighbours now come from at most
    ``max_candidates`` customers (the most recently active), so a chunk's block and the work per
    customer stay bounded however many customers the shop has.  A shop with fewer customers than
    that gets exactly the scores of comparing everyone with everyone."""
    with Shop(synth) as shop:
        X = load_interactions(shop)
    rows = np.arange(X.n_customers)
    full = make_model("userknn").fit(X)
    assert len(full.candidates_) == X.n_customers
    np.testing.assert_allclose(full._score_rows(rows), _userknn_reference(full, rows), atol=1e-6)

    few = make_model("userknn", max_candidates=10, neighbours=5).fit(X)
    assert len(few.candidates_) == 10 and few.score_width() == max(X.n_products, 10)
    last = X.events.groupby("user")["age"].min()
    assert last.loc[few.candidates_].max() <= last.drop(few.candidates_).min()   # the most recent ones
    s = few._score_rows(rows)
    assert s.shape == (X.n_customers, X.n_products) and np.isfinite(s).all()
    # a customer's neighbours are candidates only: products no candidate bought score 0
    bought_by_candidates = np.asarray(X.counts[few.candidates_].sum(axis=0)).ravel() > 0
    assert (s[:, ~bought_by_candidates] == 0).all() and (s.sum(axis=1) > 0).all()


def test_time_split_at_the_last_day_does_not_copy_the_lines(synth):
    """The default run trains on every line: the split hands them back as they are (a copy of five
    million lines beside the originals was a gigabyte of a 10x shop's peak); a real cutoff still cuts."""
    from shopinsight.core.recommend.interactions import load_purchases, split_by_time

    with Shop(synth) as shop:
        p = load_purchases(shop, returned="keep")
    train, test = split_by_time(p, str(p["day"].max()))
    assert train is p and test.empty
    cut, after = split_by_time(p, "2024-03-31")
    assert cut is not p and len(cut) + len(after) == len(p) and cut["day"].max() <= "2024-03-31"
