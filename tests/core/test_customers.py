"""Customers: features against hand-counted customers, no look-ahead, segment rules, cohorts,
BG/NBD on simulated data, the pipeline (model and small-shop fallback) and the CLI verbs."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from shopinsight.core.customers import (cohort_matrix, cohort_table, customer_features, day_number,
                                        load_history, score_customers)
from shopinsight.core.customers.btyd import BetaGeoModel
from shopinsight.core.customers.labels import future_spend, purchase_labels
from shopinsight.core.customers.rfm import assign_segments, quintile_score, rfm_scores
from shopinsight.core.store import Shop


def line(order, when, cust, prod, qty, price, **kw):
    row = {"order_id": order, "ordered_at": when, "customer_id": cust, "product_id": prod,
           "quantity": qty, "unit_price": price, "country": "United Kingdom",
           "is_cancellation": 0, "is_merchandise": 1, "line_kind": "sale"}
    row.update(kw)
    return row


# Hand-made history (cutoff 2011-02-28):
#  A: A1 2011-01-01 (P1 2×5, P2 1×20 = 30), A2 01-11 (P1 1×10), CA1 01-12 cancels P1 −1×10,
#     A3 02-10 (P3 3×10 = 30); after the cutoff A4 03-05 (P1 2×10 = 20)
#  B: B1 02-01 (P2 5×4 = 20) plus a postage line (not merchandise); nothing after
#  C: first order after the cutoff (03-01);  D: only a cancellation before the cutoff
#  plus a guest line (no customer)
BEFORE = [
    line("A1", "2011-01-01 10:00:00", "A", "P1", 2, 5.0),
    line("A1", "2011-01-01 10:00:00", "A", "P2", 1, 20.0),
    line("A2", "2011-01-11 09:00:00", "A", "P1", 1, 10.0),
    line("CA1", "2011-01-12 09:00:00", "A", "P1", -1, 10.0, is_cancellation=1, line_kind="cancellation"),
    line("A3", "2011-02-10 12:00:00", "A", "P3", 3, 10.0),
    line("B1", "2011-02-01 08:00:00", "B", "P2", 5, 4.0, country="France"),
    line("B1", "2011-02-01 08:00:00", "B", "POST", 1, 5.0, country="France", is_merchandise=0, line_kind="fee"),
    line("CD1", "2011-02-03 08:00:00", "D", "P1", -2, 5.0, is_cancellation=1, line_kind="cancellation"),
    line("G1", "2011-02-04 08:00:00", None, "P1", 1, 5.0),
]
AFTER = [
    line("A4", "2011-03-05 10:00:00", "A", "P1", 2, 10.0),
    line("C1", "2011-03-01 10:00:00", "C", "P2", 1, 20.0),
]
CUTOFF = "2011-02-28"


def test_features_match_hand_counts(lines_shop):
    with Shop(lines_shop(BEFORE + AFTER)) as shop:
        h = load_history(shop)
    f = customer_features(h, day_number(CUTOFF))
    assert list(f.index) == ["A", "B"]             # C buys only later; D never bought
    a, b = f.loc["A"], f.loc["B"]
    assert a["recency_days"] == 18 and a["frequency"] == 3 and a["tenure_days"] == 58
    assert a["monetary"] == pytest.approx(60.0)     # 30 + 10 − 10 + 30
    assert a["purchase_days"] == 3
    assert a["mean_gap_days"] == pytest.approx(20.0) and a["std_gap_days"] == pytest.approx(10.0)
    assert a["overdue_ratio"] == pytest.approx(0.9)
    assert a["avg_order_value"] == pytest.approx(70 / 3) and a["max_order_value"] == pytest.approx(30)
    assert a["lines_per_order"] == pytest.approx(4 / 3) and a["units_per_order"] == pytest.approx(7 / 3)
    assert a["distinct_products"] == 3
    assert a["cancel_order_rate"] == pytest.approx(1 / 3)
    assert a["cancel_value_share"] == pytest.approx(10 / 70)
    assert a["orders_30d"] == 1 and a["orders_90d"] == 3 and a["spend_90d"] == pytest.approx(60)
    assert np.isnan(a["same_season_last_year"])     # no data a year before
    assert b["recency_days"] == 27 and b["frequency"] == 1 and b["monetary"] == pytest.approx(20.0)
    assert np.isnan(b["mean_gap_days"])
    assert b["country"] == "France" and b["is_home_country"] == 0 and a["is_home_country"] == 1

    labels = purchase_labels(h, day_number(CUTOFF), 30, f.index)
    assert labels.to_dict() == {"A": 1, "B": 0}
    assert future_spend(h, day_number(CUTOFF), 30, f.index).to_dict() == {"A": 20.0, "B": 0.0}


def test_no_look_ahead(lines_shop):
    """Adding or changing data after the cutoff changes no feature."""
    later = AFTER + [
        line("A9", "2011-03-02 10:00:00", "A", "P9", 50, 99.0),                # a big new order
        line("CA9", "2011-03-03 10:00:00", "A", "P3", -3, 10.0, is_cancellation=1),  # returns A3 later
        line("B9", "2011-04-01 10:00:00", "B", "P2", 1, 4.0, country="Germany"),    # B moves country
    ]
    cut = day_number(CUTOFF)
    with Shop(lines_shop(BEFORE)) as s1, Shop(lines_shop(BEFORE + later)) as s2:
        f1 = customer_features(load_history(s1), cut, 90)
        f2 = customer_features(load_history(s2), cut, 90)
    pd.testing.assert_frame_equal(f1, f2)


def test_segment_rules():
    r = pd.Series([5, 5, 3, 4, 2, 1, 2, 1, 4])
    f = pd.Series([5, 1, 3, 2, 4, 3, 1, 1, 4])
    m = pd.Series([5, 1, 3, 1, 4, 1, 1, 1, 4])
    orders = pd.Series([10, 1, 5, 2, 9, 3, 1, 1, 6])
    assert list(assign_segments(r, f, m, orders)) == [
        "Champions", "New", "Loyal", "Potential", "Can't lose", "At risk", "Hibernating", "Lost",
        "Champions"]


def test_quintiles_give_ties_the_same_score():
    s = quintile_score(pd.Series([1, 1, 1, 1, 2, 3, 4, 5, 6, 7]))
    assert list(s) == [1, 1, 1, 1, 3, 3, 4, 4, 5, 5]      # ties share the lowest rank of their group
    rec = quintile_score(pd.Series([1.0, 300.0, 2.0, 200.0, 100.0]), higher_is_better=False)
    assert list(rec) == [5, 1, 4, 2, 3]            # most recent scores 5


def test_cohort_matrix_on_tiny_data(lines_shop):
    with Shop(lines_shop(BEFORE + AFTER)) as shop:
        t = cohort_table(load_history(shop))
    jan = t[t["cohort"] == "2011-01"].set_index("period")
    assert jan["cohort_size"].iloc[0] == 1
    assert list(jan["active_customers"]) == [1, 1, 1]        # A bought in Jan, Feb, Mar
    assert list(jan["net_sales"]) == pytest.approx([30.0, 30.0, 20.0])  # Jan: 30 + 10 − 10
    feb = t[t["cohort"] == "2011-02"].set_index("period")
    assert list(feb["active_customers"]) == [1, 0] and list(feb["retention"]) == [1.0, 0.0]
    assert list(feb["net_sales"]) == pytest.approx([20.0, 0.0])       # postage is not sales
    assert t[t["cohort"] == "2011-03"]["cohort_size"].tolist() == [1]  # C; D never bought
    m = cohort_matrix(t)
    assert list(m.columns) == ["cohort", "cohort_size", "m0", "m1", "m2"]
    assert m.set_index("cohort").loc["2011-02", "m1"] == 0.0
    assert np.isnan(m.set_index("cohort").loc["2011-03", "m1"])


def test_bgnbd_recovers_simulated_parameters():
    rng = np.random.default_rng(1)
    r, alpha, a, b, n, T = 0.8, 4.0, 0.6, 2.5, 4000, 40.0
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    x, tx = np.zeros(n), np.zeros(n)
    for i in range(n):                      # purchases until dropout (dropout only after a purchase)
        t = 0.0
        while True:
            t += rng.exponential(1 / lam[i])
            if t > T:
                break
            x[i] += 1
            tx[i] = t
            if rng.random() < p[i]:
                break
    m = BetaGeoModel().fit(x, tx, np.full(n, T))
    est = m.params_
    assert est["r"] == pytest.approx(r, rel=0.25) and est["alpha"] == pytest.approx(alpha, rel=0.3)
    assert est["a"] / (est["a"] + est["b"]) == pytest.approx(a / (a + b), rel=0.3)
    # the model's expected repeat purchases match the simulated total
    exp = m.expected_purchases(T, np.zeros(n), np.zeros(n), np.zeros(n)).mean()
    assert exp == pytest.approx(x.mean(), rel=0.1)


def synthetic_rows(n_customers=240, seed=3):
    """Customers with different buying rates and some who stop: predictable enough to learn."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2010-01-04")
    rows = []
    for c in range(n_customers):
        rate = rng.choice([1 / 7, 1 / 20, 1 / 60])
        first = rng.integers(0, 200)
        stop = first + rng.integers(30, 500)
        day = first
        k = 0
        while day < min(stop, 420):
            rows.append(line(f"O{c}-{k}", str((start + pd.Timedelta(days=int(day))).date()) + " 10:00:00",
                             f"C{c:04d}", f"P{rng.integers(0, 30)}", int(rng.integers(1, 5)), 3.0,
                             country="UK" if c % 5 else "France"))
            k += 1
            day += max(1, int(rng.exponential(1 / rate)))
    return rows


@pytest.fixture
def synthetic_shop(lines_shop):
    return lines_shop(synthetic_rows())


def test_pipeline_trains_scores_and_stores_a_run(synthetic_shop):
    with Shop(synthetic_shop) as shop:
        calls = []
        res = score_customers(shop, horizon=30, evaluate=True, models=["logreg_rfm", "logreg", "hgb", "bgnbd"],
                              model_params={"hgb": {"max_iter": 100}}, progress=lambda f, m: calls.append(f))
        run = shop.load_run(kind="customers")
    s = res.scores
    assert {"customer_id", "purchase_probability", "expected_value", "segment", "recency", "frequency",
            "monetary", "churn_risk", "top_reasons"} <= set(s.columns)
    assert s["purchase_probability"].between(0, 1).all()
    assert (s["churn_risk"] + s["purchase_probability"]).round(9).eq(1).all()
    test = res.metrics[res.metrics["stage"] == "test"].set_index("model")
    # well above chance on a learnable synthetic shop, and better than the base rate's Brier
    assert test.loc["hgb", "roc_auc"] > 0.75 and test.loc["logreg", "roc_auc"] > 0.75
    assert test.loc["hgb", "brier"] < test.loc["hgb", "brier_base_rate"]
    assert calls == sorted(calls) and calls[-1] == 1.0
    assert run is not None and run.run_id == res.run_id
    assert len(run.tables["scores"]) == len(s) and run.metrics["chosen_model"] == res.summary["chosen_model"]
    assert (s["top_reasons"].str.len() > 10).all()


def test_small_shop_falls_back_to_segments(lines_shop):
    with Shop(lines_shop(BEFORE + AFTER)) as shop:
        res = score_customers(shop, horizon=90)
    assert any("no purchase model" in m for m in res.messages)
    assert res.scores["purchase_probability"].isna().all()
    assert set(res.scores["customer_id"]) == {"A", "B", "C"}
    assert res.scores["segment"].notna().all()


def test_cli_verbs(synthetic_shop, tmp_path, capsys):
    from shopinsight.cli import main

    out = tmp_path / "scores.csv"
    rc = main(["customers", "--db", str(synthetic_shop), "--horizon", "30", "--until", "2011-01-31",
               "--models", "logreg_rfm,hgb", "--out", str(out), "--json", "--no-save"])
    res = json.loads(capsys.readouterr().out)
    assert rc == 0 and res["asof"] == "2011-01-31" and res["chosen_model"] == "hgb"
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns[:7]) == ["customer_id", "purchase_probability", "expected_value", "segment",
                                    "recency", "frequency", "monetary"]
    assert pd.to_datetime(df["last_order"]).max() <= pd.Timestamp("2011-01-31")

    assert main(["segments", "--db", str(synthetic_shop), "--json"]) == 0
    seg = json.loads(capsys.readouterr().out)
    assert sum(s["customers"] for s in seg["segments"]) == seg["customers"]
    assert seg["kmeans"]["k"] >= 2

    coh = tmp_path / "coh.csv"
    assert main(["cohorts", "--db", str(synthetic_shop), "--out", str(coh)]) == 0
    t = pd.read_csv(coh, encoding="utf-8-sig")
    assert (t.loc[t["period"] == 0, "retention"] == 1.0).all()

    assert main(["customers", "--db", str(synthetic_shop), "--models", "nope"]) == 2
    assert main(["customers", "--db", str(synthetic_shop), "--until", "31/01/2011"]) == 2


def test_core_and_cli_do_not_import_tensorflow():
    code = ("import sys; import shopinsight.core.customers, shopinsight.cli.customers; "
            "from shopinsight.core.customers import make_model; make_model('hgb'); "
            "print('tensorflow' in sys.modules or 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.deep
def test_keras_mlp_progress_cancel_and_fit():
    from shopinsight.core.customers.deep import KerasMLPClassifier
    from shopinsight.core.tasks import Cancelled

    rng = np.random.default_rng(0)
    X = pd.DataFrame({"recency_days": rng.exponential(60, 600), "frequency": rng.integers(1, 20, 600)})
    y = ((X["frequency"] / (1 + X["recency_days"] / 30) + rng.normal(0, 0.5, 600)) > 1.5).astype(int)
    msgs = []
    with pytest.raises(Cancelled):   # asked to stop after the first epoch
        KerasMLPClassifier(epochs=20).fit(X, y, progress=lambda f, m: msgs.append(m),
                                          should_stop=lambda: any("epoch" in m for m in msgs))
    assert sum("epoch 1/20" in m for m in msgs) == 1 and not any("epoch 2/" in m for m in msgs)
    m = KerasMLPClassifier(epochs=8, seed=1, validation_fraction=0).fit(X, y)
    assert [l.units for l in m.model_.layers if hasattr(l, "units")] == [64, 32, 1]
    from sklearn.metrics import roc_auc_score
    assert roc_auc_score(y, m.predict_proba(X)[:, 1]) > 0.85


def test_cohorts_matrix_revenue_prints_the_revenue_table(synthetic_shop, tmp_path, capsys):
    """`cohorts --matrix revenue` shows (and writes) net sales per cohort and month, not retention."""
    from shopinsight.cli import main
    from shopinsight.core.customers import cohort_table, load_history
    from shopinsight.core.store import Shop

    with Shop(synthetic_shop) as shop:
        t = cohort_table(load_history(shop, None))
    assert main(["cohorts", "--db", str(synthetic_shop), "--matrix", "revenue", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    first = res["revenue"][0]
    expected = t[(t["cohort"] == first["cohort"]) & (t["period"] == 0)]["net_sales"].iloc[0]
    assert first["m0"] == pytest.approx(expected, abs=0.01) and res["matrix"] == "revenue"
    assert main(["cohorts", "--db", str(synthetic_shop), "--matrix", "revenue"]) == 0
    text = capsys.readouterr().out
    assert "Net sales per cohort" in text and f"{expected:,.0f}" in text
    out = tmp_path / "rev.xlsx"
    assert main(["cohorts", "--db", str(synthetic_shop), "--matrix", "revenue", "--out", str(out)]) == 0
    assert pd.read_excel(out)["m0"].iloc[0] == pytest.approx(expected, abs=0.01)


def test_cohort_partial_month_is_marked_and_heatmap_has_no_gridlines(lines_shop):
    """The month the data ends in (before its last day) is partial: flagged in the table, hatched in
    the heatmap, whose numbers are not struck through by gridlines."""
    from matplotlib.patches import Rectangle

    from shopinsight.core.customers.charts import cohort_heatmap
    from shopinsight.core.customers.cohorts import partial_month

    with Shop(lines_shop(BEFORE + AFTER)) as shop:
        h = load_history(shop)
        t = cohort_table(h)
    from shopinsight.core.customers import day_text
    last = day_text(h.last_day)
    assert last.startswith("2011-03") and not last.endswith("-31")
    march = (t["cohort"].str[:4].astype(int) * 12 + t["cohort"].str[5:].astype(int) - 1 + t["period"]) \
        == 2011 * 12 + 2
    assert (~t.loc[march, "complete"]).all() and t.loc[~march, "complete"].all()
    assert partial_month(t) == "2011-03"
    fig = cohort_heatmap(cohort_matrix(t), partial_month="2011-03")
    ax = fig.axes[0]
    assert not any(g.get_visible() for g in ax.get_xgridlines() + ax.get_ygridlines())
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 3                       # the Jan, Feb and Mar cohorts each have a March cell


def test_cli_pseudonymise_hides_ids_on_the_terminal_and_in_json(synthetic_shop, tmp_path, capsys):
    """`customers --pseudonymise` replaces the ids everywhere it prints them, with the same pseudonyms
    as in --out (not only in the file)."""
    from shopinsight.cli import main
    from shopinsight.core.store import Shop

    with Shop(synthetic_shop) as shop:
        raw = set(shop.query_df("SELECT DISTINCT customer_id FROM lines WHERE customer_id IS NOT NULL")
                  ["customer_id"].astype(str))
    out = tmp_path / "scores.csv"
    args = ["customers", "--db", str(synthetic_shop), "--horizon", "30", "--until", "2011-01-31",
            "--models", "logreg_rfm", "--no-save", "--pseudonymise", "--out", str(out)]
    assert main(args + ["--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    shown = {c["customer_id"] for c in res["top_customers"]}
    assert shown and not shown & raw
    assert shown <= set(pd.read_csv(out, encoding="utf-8-sig", dtype={"customer_id": str})["customer_id"])
    assert main(args) == 0
    text = capsys.readouterr().out
    assert not any(f" {c} " in f" {text} " or f"{c}:" in text for c in raw)
