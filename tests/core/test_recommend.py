"""Recommenders, rules, evaluation and the time split on tiny hand-made shops with known answers."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.errors import InputError
from shopinsight.core.recommend import load_interactions, make_model
from shopinsight.core.recommend.evaluate import make_test_set, ranking_metrics
from shopinsight.core.recommend.interactions import build_interactions, load_purchases
from shopinsight.core.recommend.pipeline import evaluate_models, run_recommend, tune_models
from shopinsight.core.recommend.rules import association_rules, bought_together, load_baskets
from shopinsight.core.store import Shop

NAMES = {"A": "RED HEART MUG", "B": "BLUE HEART MUG", "C": "GARDEN SPADE", "D": "GARDEN RAKE",
         "E": "PINK HEART MUG", "P": "POSTAGE"}


def line(order, day, cust, prod, qty=1, **kw):
    return {"order_id": order, "ordered_at": f"{day} 10:00:00", "customer_id": cust,
            "product_id": prod, "product_name": NAMES.get(prod, prod), "quantity": qty,
            "unit_price": 2.0, "is_cancellation": 0, "is_merchandise": 1, **kw}


# c1 bought A twice (orders 1 and 4) and B; c2 A and B; c3 A and C; c4 C and D; a guest bought E.
BASE = [
    line("1", "2024-01-01", "c1", "A"), line("1", "2024-01-01", "c1", "B"),
    line("1", "2024-01-01", "c1", "A", qty=3),            # same product twice in one order
    line("2", "2024-01-02", "c2", "A"), line("2", "2024-01-02", "c2", "B"),
    line("3", "2024-01-03", "c3", "A"), line("3", "2024-01-03", "c3", "C"),
    line("4", "2024-01-10", "c1", "A"),
    line("5", "2024-01-11", "c4", "C"), line("5", "2024-01-11", "c4", "D"),
    line("6", "2024-01-12", None, "E"),                  # guest
    line("7", "2024-01-12", "c4", "P", is_merchandise=0),  # postage is not a purchase
    line("C8", "2024-01-13", "c3", "D", qty=-1, is_cancellation=1),
]


@pytest.fixture
def base_shop(lines_shop):
    return lines_shop(BASE)


@pytest.fixture
def X(base_shop):
    with Shop(base_shop) as shop:
        return load_interactions(shop)


def test_interactions_count_distinct_orders_and_skip_non_purchases(X):
    assert list(X.customer_ids) == ["c1", "c2", "c3", "c4"]
    assert list(X.product_ids) == ["A", "B", "C", "D", "E"]          # guest-only E is in the catalogue
    dense = pd.DataFrame(X.counts.toarray(), index=X.customer_ids, columns=X.product_ids)
    assert dense.loc["c1", "A"] == 2                                 # orders 1 and 4, not 3 lines
    assert dense.loc["c3", "D"] == 0                                 # cancellation ignored
    assert dense["E"].sum() == 0
    assert X.baskets.shape == (6, 5)                                 # 6 orders with merchandise
    assert X.data_to == "2024-01-12"
    hist = X.history("c1")
    assert hist.iloc[0].to_dict() == {"product_id": "A", "product_name": "RED HEART MUG",
                                      "orders": 2, "last_day": "2024-01-10"}


def test_popularity_ranks_by_buyers_and_unknown_customers_get_it(X):
    m = make_model("popularity").fit(X)
    recs = m.recommend(["c4", "nobody"], n=3)
    assert recs[recs.customer_id == "nobody"].product_id.tolist() == ["A", "B", "C"]
    assert recs[recs.customer_id == "c4"].product_id.tolist() == ["A", "B", "C"]
    new = m.recommend(["c4"], n=3, exclude_purchased=True)
    assert new.product_id.tolist() == ["A", "B", "E"]   # C, D bought; E has no buyer → last


def test_buy_again_ranks_own_history_by_frequency_then_recency(X):
    m = make_model("buy_again", half_life_days=None).fit(X)
    assert m.recommend(["c1"], n=2).product_id.tolist() == ["A", "B"]
    # each order decays with its age (last purchase day 2024-01-12): A at 2 and 11 days, B at 11
    m2 = make_model("buy_again", half_life_days=1).fit(X)
    s = m2.score_rows(X.customer_rows(["c1"]))[0] - m2._tie
    assert s[:2] == pytest.approx([0.5 ** 2 + 0.5 ** 11, 0.5 ** 11], rel=1e-4)


def test_item_knn_cosine_with_shrinkage(X):
    m = make_model("itemknn", shrink=0.0, half_life_days=None).fit(X)
    sim = m.similar_products("A", n=4)
    # buyers: A {c1,c2,c3}, B {c1,c2}, C {c3,c4}: cos(A,B) = 2/sqrt(6), cos(A,C) = 1/sqrt(6)
    assert sim.product_id.tolist() == ["B", "C"]
    assert sim.score.tolist() == pytest.approx([2 / math.sqrt(6), 1 / math.sqrt(6)], rel=1e-5)
    shrunk = make_model("itemknn", shrink=10.0).fit(X).similar_products("A", n=1)
    assert shrunk.score.iloc[0] == pytest.approx(2 / (math.sqrt(6) + 10), rel=1e-5)
    # c3 (bought A, C) gets B from A and D from C
    assert set(m.recommend(["c3"], n=2, exclude_purchased=True).product_id) == {"B", "D"}


def test_ease_matches_closed_form(X):
    m = make_model("ease", l2=1.0, min_buyers=1).fit(X)
    B = X.binary().toarray().astype(float)
    bought = B.sum(axis=0) >= 1
    Xk = B[:, bought]
    P = np.linalg.inv(Xk.T @ Xk + np.eye(Xk.shape[1]))
    W = -P / np.diag(P)
    np.fill_diagonal(W, 0)
    assert np.allclose(m.item_weights_, W, atol=1e-4)
    assert m.bounded_ is None and m.bounds() == []
    small = make_model("ease", l2=1.0, min_buyers=1, max_products=2).fit(X)
    assert small.bounded_ and len(small.columns_) == 2
    assert small.bounds() == [{"model": "ease", "products": 2, "of": X.n_products}]


def _blocks(n_cust=12):
    """Two taste groups: even customers buy A-C, odd ones D-F; customer 0 has not bought C."""
    rows, order = [], 0
    for c in range(n_cust):
        items = ["A", "B", "C"] if c % 2 == 0 else ["D", "E", "F"]
        if c == 0:
            items = ["A", "B"]
        for it in items:
            order += 1
            rows.append(line(str(order), "2024-02-01", f"u{c:02d}", it))
    return rows


def test_als_userknn_and_content_on_known_structure(lines_shop):
    with Shop(lines_shop(_blocks())) as shop:
        X = load_interactions(shop)
    for name, kw in [("als", {"factors": 4, "iterations": 20}), ("userknn", {}),
                     ("itemknn", {}), ("ease", {"l2": 1.0, "min_buyers": 1})]:
        m = make_model(name, **kw).fit(X)
        first = m.recommend(["u00"], n=1, exclude_purchased=True).product_id.iloc[0]
        assert first == "C", name
    c = make_model("content").fit(X)
    # names: A RED HEART MUG, B BLUE HEART MUG, E PINK HEART MUG share "HEART MUG"
    assert set(c.similar_products("A", n=2).product_id) == {"B", "E"}


def test_hybrid_blends_normalised_scores(X):
    from shopinsight.core.recommend.hybrid import normalise_rows
    h = make_model("hybrid", weights={"buy_again": 1.0, "popularity": 0.5},
                   weights_new={"popularity": 1.0}).fit(X)
    rows = X.customer_rows(["c3"])
    ba = make_model("buy_again").fit(X).score_rows(rows) - h._tie
    pop = make_model("popularity").fit(X).score_rows(rows) - h._tie
    expect = normalise_rows(ba) + 0.5 * normalise_rows(pop)
    assert np.allclose(h.score_rows(rows) - h._tie, expect)
    assert set(h.models_) == {"buy_again", "popularity"}           # weight-0 components not fitted
    new = h.recommend(["c3"], n=2, exclude_purchased=True)
    assert new.product_id.tolist() == ["B", "D"]                  # popularity among unbought


def test_explanations_in_plain_words(X):
    from shopinsight.core.recommend.explain import explain_recommendations
    m = make_model("itemknn", shrink=0.0).fit(X)
    recs = pd.DataFrame({"customer_id": ["c1", "c3", "zz"], "product_id": ["A", "B", "A"]})
    reasons = explain_recommendations(m, recs).tolist()
    assert reasons[0] == "Bought it before: 2 orders, last on 10 Jan 2024."       # the date through core.fmt.day
    assert reasons[1] == "Because they bought RED HEART MUG."
    assert reasons[2] == "Popular: bought by 3 customers."


def test_rules_match_hand_counted_support_confidence_lift(lines_shop):
    baskets = {"o1": "ABC", "o2": "AB", "o3": "AC", "o4": "BC", "o5": "ABD"}
    rows = [line(o, "2024-03-01", None, p) for o, items in baskets.items() for p in items]
    with Shop(lines_shop(rows)) as shop:
        b = load_baskets(shop)
    rules, info = association_rules(b, min_support=0.2, min_lift=0.0)
    assert info["orders"] == 5 and info["min_orders"] == 1
    ab = rules[(rules.antecedent == "A") & (rules.consequent == "B")].iloc[0]
    assert ab.orders == 3 and ab.support == pytest.approx(0.6)
    assert ab.confidence == pytest.approx(3 / 4) and ab.lift == pytest.approx((3 / 4) / (4 / 5))
    abc = rules[(rules.antecedent == "A + B") & (rules.consequent == "C")].iloc[0]
    assert abc.orders == 1 and abc.confidence == pytest.approx(1 / 3)
    assert abc.lift == pytest.approx((1 / 3) / (3 / 5))
    assert abc.reason == "Bought together with RED HEART MUG + BLUE HEART MUG in 1 orders (lift 0.6)."
    # support 0.5 keeps only items in ≥ 3 orders and pairs in ≥ 3 orders: A-B only
    strict, info2 = association_rules(b, min_support=0.5, min_lift=0.0)
    assert sorted(zip(strict.antecedent, strict.consequent)) == [("A", "B"), ("B", "A")]
    assert info2["frequent_triples"] == 0
    # lift filter: A→B has lift < 1
    assert association_rules(b, min_support=0.5, min_lift=1.0)[0].empty
    tog = bought_together(b, "a", n=5, min_orders=1)              # lower-case id accepted
    assert tog.product_id.tolist() == ["D"]                       # only D has lift > 1 with A


def test_ranking_metrics_known_values_and_sklearn_ndcg():
    import scipy.sparse as sp
    from sklearn.metrics import ndcg_score
    top = np.array([[0, 1, 2]])
    rel = sp.csr_matrix(np.array([[0, 1, 0, 0, 0, 1]], dtype=float))
    m = ranking_metrics(top, rel, np.array([2]), k=3)
    assert m["precision"][0] == pytest.approx(1 / 3)
    assert m["recall"][0] == pytest.approx(1 / 2) and m["recall_raw"][0] == pytest.approx(1 / 2)
    assert m["ndcg"][0] == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)))
    assert m["hit_rate"][0] == 1.0
    rng = np.random.default_rng(0)
    scores = rng.random((5, 20))
    truth = (rng.random((5, 20)) < 0.2).astype(float)
    truth[:, 0] = 1
    from shopinsight.core.recommend.base import top_n
    ours = ranking_metrics(top_n(scores, 5), sp.csr_matrix(truth), truth.sum(1), k=5)["ndcg"]
    assert ours.mean() == pytest.approx(ndcg_score(truth, scores, k=5), rel=1e-9)


LEAK = BASE + [
    line("9", "2024-02-01", "c1", "C"),          # test period: c1 buys C (new) and A (repurchase)
    line("9", "2024-02-01", "c1", "A"),
    line("10", "2024-02-02", "c2", "NEW"),       # product first sold after the cutoff
    line("11", "2024-02-03", "c9", "A"),         # customer not seen in training
]


def test_time_split_has_no_leakage(lines_shop):
    with Shop(lines_shop(LEAK)) as shop:
        purchases = load_purchases(shop)
        ev = evaluate_models(purchases, ["itemknn"], cutoff="2024-01-31", tune=False)
        res = run_recommend(shop, models=["popularity"], until="2024-01-31", tune=False, k=10)
        run = shop.load_run(kind="recommend")
    X = ev.interactions
    assert X.data_to == "2024-01-31" and (X.events["age"] >= 19).all()   # last train day 01-12
    assert "NEW" not in set(X.product_ids)
    assert X.counts.sum() == build_interactions(purchases[purchases.day <= "2024-01-31"]).counts.sum()
    test = ev.test
    assert [X.customer_ids[r] for r in test.rows] == ["c1", "c2"]        # c9 unseen: left out
    assert test.relevant.toarray()[0].tolist() == [1, 0, 1, 0, 0]         # c1: A and C
    assert test.n_relevant.tolist() == [2, 1]                            # c2's NEW counts, unscorable
    assert test.rebought.toarray()[0].tolist() == [1, 0, 0, 0, 0]
    assert set(ev.table.model) == {"popularity", "buy_again", "itemknn"}
    exc = ev.table[(ev.table.model == "buy_again") & (ev.table["mode"] == "exclude")].iloc[0]
    assert exc.customers == 2                                            # c1 (C new) and c2 (NEW)
    assert "NEW" not in set(res.recommendations.product_id)
    assert res.data_to == "2024-01-31"
    assert run.params["until"] == "2024-01-31" and run.data_to == "2024-01-31"
    assert list(run.tables["recommendations"].columns[:5]) == ["customer_id", "rank", "product_id",
                                                               "product_name", "score"]


def _synthetic(n_cust=40, n_days=120, seed=1):
    """Customers in two taste groups buying repeatedly over ~4 months."""
    rng = np.random.default_rng(seed)
    rows, order = [], 0
    start = pd.Timestamp("2024-01-01")
    for c in range(n_cust):
        pool = [f"G{c % 2}_{i}" for i in range(12)]
        fav = rng.choice(pool, 4, replace=False)
        for _ in range(6):
            order += 1
            day = (start + pd.Timedelta(days=int(rng.integers(0, n_days)))).date().isoformat()
            items = set(rng.choice(fav, 2, replace=False)) | set(rng.choice(pool, 2, replace=False))
            rows += [line(str(order), day, f"s{c:03d}", it) for it in items]
    return rows


def test_tuning_uses_only_training_data_and_picks_hybrid_weights(lines_shop):
    with Shop(lines_shop(_synthetic())) as shop:
        X = load_interactions(shop, until="2024-03-31")
    params, table = tune_models(X, ["buy_again", "hybrid"], k=5, val_days=30)
    assert set(params) == {"buy_again", "hybrid"}
    assert params["hybrid"]["weights"] and "buy_again" not in params["hybrid"]["weights_new"]
    assert set(table.model) >= {"buy_again", "userknn", "ease", "als", "hybrid"}
    h = make_model("hybrid", **params["hybrid"]).fit(X)
    recs = h.recommend(X.customer_ids[:3], n=5, exclude_purchased=True)
    bought = X.binary().toarray()
    for cid, g in recs.groupby("customer_id"):
        row = X.customer_rows([cid])[0]
        assert not bought[row, [X.product_col(p) for p in g.product_id]].any()


def test_bad_input(X):
    with pytest.raises(InputError):
        make_model("nope")
    with pytest.raises(InputError):
        make_model("itemknn").fit(X).similar_products("ZZZ")
    with pytest.raises(InputError):
        make_model("buy_again").fit(X).similar_products("A")


def test_cancel_leaves_no_run(base_shop):
    from shopinsight.core.tasks import Cancelled
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 3            # let it start, then ask it to stop

    with Shop(base_shop) as shop:
        with pytest.raises(Cancelled):
            run_recommend(shop, models=["itemknn"], tune=False, should_stop=stop)
        assert shop.list_runs("recommend").empty


def test_fully_returned_purchases_are_not_interactions(lines_shop):
    rows = [line("1", "2024-01-01", "c1", "A", qty=5), line("1", "2024-01-01", "c1", "B", qty=2),
            line("2", "2024-01-02", "c2", "A", qty=1),
            line("C3", "2024-01-03", "c1", "A", qty=-5, is_cancellation=1),    # all of A returned
            line("C4", "2024-01-03", "c1", "B", qty=-1, is_cancellation=1),    # half of B returned
            line("C5", "2024-02-01", "c2", "A", qty=-1, is_cancellation=1)]    # after the cutoff
    with Shop(lines_shop(rows)) as shop:
        p = load_purchases(shop, until="2024-01-31")
        assert sorted(zip(p.customer_id, p.product_id)) == [("c1", "B"), ("c2", "A")]
        # the later return of c2 must not leak into a model trained up to 2024-01-31 ...
        assert ("c2", "A") in set(zip(p.customer_id, p.product_id))
        # ... but counts when training on everything
        assert set(load_purchases(shop).customer_id) == {"c1"}
        assert len(load_purchases(shop, returned="keep")) == 3
        # the time split drops returns per period: c2's February return stays out of training
        from shopinsight.core.recommend.interactions import load_returns, split_by_time
        train, test = split_by_time(load_purchases(shop, returned="keep"), "2024-01-31",
                                    returns=load_returns(shop))
        assert sorted(zip(train.customer_id, train.product_id)) == [("c1", "B"), ("c2", "A")]


def test_default_run_reuses_stored_tuning_and_tuning_is_explicit(lines_shop, capsys):
    """The default run does not tune (fast, the same in the app and the CLI) but reuses what an
    explicit tuning run on nearly the same data found; with nothing stored it uses the defaults."""
    from shopinsight.cli import main

    path = lines_shop(_synthetic())
    with Shop(path) as shop:
        plain = run_recommend(shop, models=["ease"], k=5)
        assert plain.params == {} and shop.load_run(plain.run_id).params["tuned_from_run"] is None
        tuned = run_recommend(shop, models=["ease"], k=5, tune=True)
        assert tuned.params["ease"]["l2"] in (50.0, 150.0, 400.0, 1000.0)
        again = run_recommend(shop, models=["ease"], k=5)          # default: no tuning, reuse
        run = shop.load_run(again.run_id)
    assert run.params["tuned_from_run"] == tuned.run_id and run.params["tune"] is False
    assert again.params["ease"] == tuned.params["ease"]
    pd.testing.assert_frame_equal(again.recommendations.reset_index(drop=True),
                                  tuned.recommendations.reset_index(drop=True))
    # the CLI's default is the same call: same scores for the same customer
    assert main(["recommend", "--db", str(path), "--models", "ease", "--k", "5", "--json"]) == 0
    import json
    cli = pd.DataFrame(json.loads(capsys.readouterr().out)["recommendations"])
    c = again.recommendations[again.recommendations.customer_id == "s003"]
    assert cli[cli.customer_id == "s003"]["product_id"].tolist() == c["product_id"].tolist()


def test_tuning_when_no_new_products_are_bought_in_validation(lines_shop):
    """Validation days where customers only re-buy what they bought before: every model's
    new-product recall is undefined (NaN); tuning still picks parameters (it crashed with
    TypeError when every candidate's score was NaN)."""
    rows, order = [], 0
    start = pd.Timestamp("2024-01-01")
    for c in range(20):
        favs = [f"P{c % 5}", f"P{(c + 1) % 5}"]
        for d in range(0, 120, 10):
            order += 1
            day = (start + pd.Timedelta(days=d)).date().isoformat()
            rows += [line(str(order), day, f"s{c:03d}", p) for p in favs]
    with Shop(lines_shop(rows)) as shop:
        X = load_interactions(shop)
    params, table = tune_models(X, ["itemknn", "buy_again"], k=5, val_days=30)
    assert set(params) == {"itemknn", "buy_again"}
    assert isinstance(params["itemknn"], dict)
    assert table.val_recall_new[table.model == "itemknn"].isna().all()


def test_stored_reasons_are_written_in_the_language_they_are_shown_in(base_shop):
    """A stored run keeps its reasons as codes and values: loaded under English or Chinese, a
    "bought it before" reason gives the date in that language's date style, never an ISO date."""
    from shopinsight.core import i18n
    from shopinsight.core.recommend.pipeline import RecommendResult

    try:
        i18n.set_language("zh_CN")
        with Shop(base_shop) as shop:
            run = run_recommend(shop, models=["itemknn"], k=3)
        fresh = run.recommendations
        assert fresh["reason"].str.contains("2024年1月10日").any()
        i18n.set_language("en")
        with Shop(base_shop) as shop:
            en = RecommendResult.load(shop, run.run_id, refit=False).recommendations
        c1 = en[(en.customer_id == "c1") & (en.product_id == "A")]["reason"].iloc[0]
        assert c1 == "Bought it before: 2 orders, last on 10 Jan 2024."
        assert not en["reason"].str.contains(r"\d{4}-\d\d-\d\d|年").any()
        i18n.set_language("zh_CN")
        with Shop(base_shop) as shop:
            zh = RecommendResult.load(shop, run.run_id, refit=False).recommendations
        assert zh.set_index(["customer_id", "product_id"]).loc[("c1", "A"), "reason"] == \
            "以前买过：2 个订单，最近一次在 2024年1月10日。"
        assert not zh["reason"].str.contains(r"\d{4}-\d\d-\d\d|Bought|Popular").any()
    finally:
        i18n.set_language("en")
