"""Anomalies: each detector on a small synthetic shop with a known answer, reasons in words,
review persistence and re-weighting, cancel leaves nothing stored, the self-test, the CLI verb."""
from __future__ import annotations

import json

import numpy as np
import pytest

from shopinsight.core.anomalies import (AnomalyOptions, AnomalyResult, reasons_text, run_anomalies, set_review)
from shopinsight.core.anomalies.detectors import detector_weights
from shopinsight.core.errors import InputError
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled

PRICES = {f"P{i}": p for i, p in enumerate([2.55, 3.39, 1.25, 4.95, 0.85, 12.5, 7.95, 1.65])}


def base_rows(weeks: int = 10, seed: int = 0) -> list[dict]:
    """Mon–Fri, 12 orders a day from 30 customers, 3–5 lines each at the list price, 9:00–17:00."""
    rng = np.random.default_rng(seed)
    rows, n = [], 0
    start = np.datetime64("2011-01-03")          # a Monday
    for d in range(weeks * 7):
        day = start + np.timedelta64(d, "D")
        if (d % 7) >= 5:
            continue
        for k in range(12):
            n += 1
            cust = f"C{rng.integers(0, 30)}"
            t = f"{str(day)} {9 + k * 8 // 12:02d}:{rng.integers(0, 60):02d}:00"
            for p in rng.choice(list(PRICES), size=int(rng.integers(3, 6)), replace=False):
                rows.append(dict(order_id=f"{100000 + n}", ordered_at=t, customer_id=cust, product_id=p,
                                 product_name=f"Product {p}", quantity=int(rng.integers(1, 7)),
                                 unit_price=PRICES[p], country="United Kingdom", is_cancellation=0))
    return rows



def top_items(path, level="all", n=5, **kw):
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(level=level, **kw))
        return res, res.table(n)


def test_price_typo_is_top_line_with_reason_in_words(lines_shop):
    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100       # £2.55 keyed as £255
    path = lines_shop(rows)
    res, t = top_items(path, "lines")
    first = t.iloc[0]
    assert first["order_id"] == rows[500]["order_id"] and first["product_id"] == rows[500]["product_id"]
    usual = PRICES[rows[500]["product_id"]]
    assert f"is 100× this product's usual {usual:,.2f}" in first["reasons"]
    assert first["line_id"] > 0 and first["state"] == "new"


def test_quantity_spike_found_and_money_uses_shop_currency(lines_shop):
    rows = base_rows()
    rows[700]["quantity"] = 600
    path = lines_shop(rows)
    with Shop(path) as shop:
        shop.set_meta("currency", "GBP")
    res, t = top_items(path, "lines")
    assert t.iloc[0]["order_id"] == rows[700]["order_id"]
    assert "quantity 600 is" in t.iloc[0]["reasons"]
    # the order now holds a big value: the order level says it in the shop's currency
    _, o = top_items(path, "orders")
    assert o.iloc[0]["order_id"] == rows[700]["order_id"]
    assert "order value £" in o.iloc[0]["reasons"]


def test_repeated_order_within_minutes_is_flagged_not_the_original(lines_shop):
    rows = base_rows()
    first = [r for r in rows if r["order_id"] == rows[300]["order_id"]]
    again = [dict(r, order_id="999999", ordered_at=r["ordered_at"][:14] + "59:00") for r in first]
    path = lines_shop(rows + again)
    res, t = top_items(path, "orders")
    keys = list(res.items["key"])
    assert keys[0] == "order:999999"
    assert f"same {len(first)} lines as order {first[0]['order_id']}" in t.iloc[0]["reasons"]
    assert f"order:{first[0]['order_id']}" not in keys[:3]        # no look-ahead: the original is ordinary


def test_lost_lines_day_is_flagged(lines_shop):
    rows = base_rows()
    lost_day = "2011-02-23"
    day_rows = [r for r in rows if r["ordered_at"].startswith(lost_day)]
    drop = {id(r) for r in day_rows[len(day_rows) // 3:]}          # two thirds of the day's lines lost
    path = lines_shop([r for r in rows if id(r) not in drop])
    res, t = top_items(path, "days")
    assert t.iloc[0]["day"] == lost_day
    assert "expected" in t.iloc[0]["reasons"]


def test_cancelling_customer_is_flagged_with_counts(lines_shop):
    rows = base_rows()
    extra = []
    for k in range(11):          # X orders 11 times and cancels 8 of them
        t = f"2011-02-{1 + k:02d} 10:00:00"
        extra.append(dict(order_id=f"X{k}", ordered_at=t, customer_id="X", product_id="P1", product_name="Product P1",
                          quantity=10, unit_price=PRICES["P1"], country="United Kingdom", is_cancellation=0))
        if k < 8:
            extra.append(dict(order_id=f"CX{k}", ordered_at=f"2011-02-{1 + k:02d} 10:30:00", customer_id="X",
                              product_id="P1", product_name="Product P1", quantity=-10, unit_price=PRICES["P1"],
                              country="United Kingdom", is_cancellation=1))
    path = lines_shop(rows + extra)
    res, t = top_items(path, "customers")
    assert t.iloc[0]["customer_id"] == "X"
    assert "8 of this customer's 11 orders were cancelled" in t.iloc[0]["reasons"]


def test_ordinary_shop_raises_little(lines_shop):
    path = lines_shop(base_rows())
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(), save=False)
    assert (res.items["score"] >= 0.5).sum() == 0


def test_at_most_three_reasons_most_important_first(lines_shop):
    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    rows[500]["quantity"] = 600
    path = lines_shop(rows)
    res, _ = top_items(path, "lines")
    reasons = res.reasons(0)
    assert 1 <= len(reasons) <= 3
    assert [r["z"] for r in reasons] == sorted((r["z"] for r in reasons), reverse=True)


def test_review_is_stored_dismissed_not_raised_again_and_weights_follow(lines_shop):
    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    path = lines_shop(rows)
    res, _ = top_items(path, "lines")
    key = res.items["key"].iloc[0]
    with Shop(path) as shop:
        out = set_review(shop, key, "dismissed", who="tester")
        assert out["known_item"]
        row = shop.conn.execute("SELECT state, reviewed_by, reviewed_at FROM anomaly_reviews WHERE item_key = ?",
                                (key,)).fetchone()
        assert row[0] == "dismissed" and row[1] == "tester" and row[2]
        again = run_anomalies(shop, AnomalyOptions(level="lines"))
        assert key not in set(again.items["key"]) and again.suppressed == 1
        assert again.weights.get("price_far", 1.0) < 1.0           # the detector that raised it counts less
        set_review(shop, key, "confirmed")
        third = run_anomalies(shop, AnomalyOptions(level="lines"))
        assert third.items.set_index("key").loc[key, "state"] == "confirmed"
        assert third.weights["price_far"] > 1.0
        # the stored run comes back with today's states
        loaded = AnomalyResult.load(shop)
        assert loaded.run_id == third.run_id and loaded.items.set_index("key").loc[key, "state"] == "confirmed"


def test_detector_weights_from_labels():
    import pandas as pd
    rv = pd.DataFrame({"state": ["confirmed", "dismissed", "dismissed"],
                       "detectors_json": [json.dumps({"price_far": 1.0}), json.dumps({"order_hour": 1.0}),
                                          json.dumps({"order_hour": 1.0, "iforest": 0.5})]})
    w = detector_weights(rv)
    assert w["price_far"] > 1 > w["iforest"] > w["order_hour"]


def test_cancel_mid_run_stores_nothing(lines_shop):
    path = lines_shop(base_rows())
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 6
    with Shop(path) as shop:
        with pytest.raises(Cancelled):
            run_anomalies(shop, AnomalyOptions(), should_stop=stop)
        assert shop.scalar("SELECT count(*) FROM runs") == 0


def test_options_are_validated(monkeypatch):
    with pytest.raises(InputError):
        AnomalyOptions(level="weeks").validate()
    with pytest.raises(InputError):
        AnomalyOptions(since="2011-13-01").validate()
    with pytest.raises(InputError):
        AnomalyOptions(models=("ecod",)).validate()
    # the autoencoder is a choice of the full edition; the lite edition says so (an InputError)
    import shopinsight.core.deep_available as da
    monkeypatch.setattr(da, "deep_available", lambda: False)
    with pytest.raises(InputError, match="full edition"):
        AnomalyOptions(models=("autoencoder",)).validate()
    with pytest.raises(InputError):
        AnomalyOptions(since="2011-05-01", until="2011-04-01").validate()


def test_bad_review_key_is_input_error(lines_shop):
    path = lines_shop(base_rows(weeks=5))
    with Shop(path) as shop, pytest.raises(InputError):
        set_review(shop, "row:5", "dismissed")


def test_self_test_reports_per_kind_and_leaves_the_shop_alone(lines_shop):
    from shopinsight.core.anomalies import run_self_test
    from shopinsight.core.anomalies.selftest import KINDS

    path = lines_shop(base_rows(weeks=16))
    with Shop(path) as shop:
        before = shop.scalar("SELECT count(*) || '/' || total(amount) FROM line_items")
        res = run_self_test(shop, seed=1, counts={"price_typo": 4, "quantity_spike": 3, "repeated_order": 3,
                                                  "cancel_customer": 2, "lost_lines_day": 2})
        assert shop.scalar("SELECT count(*) || '/' || total(amount) FROM line_items") == before
        assert set(res.per_kind) == set(KINDS) and res.injected == 14
        assert res.per_kind["price_typo"]["found"] >= 3
        assert "on your data, ShopInsight finds" in res.sentence()
        assert shop.scalar("SELECT count(*) FROM runs WHERE kind = 'anomalies-selftest'") == 1


def test_reasons_text_formats_money():
    r = [{"code": "price_far", "z": 30, "price": 255.0, "usual": 2.55},
         {"code": "day_sales", "z": 5, "value": 312.0, "lo": 4100.0, "hi": 6900.0, "weekday": 1}]
    assert reasons_text(r, "GBP") == ("price £255.00 is 100× this product's usual £2.55; "
                                      "Tuesday sales £312.00, expected £4,100.00–£6,900.00 from the weekly pattern")


def test_cli_json_review_and_out(lines_shop, tmp_path, capsys):
    from shopinsight.cli import main

    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    path = lines_shop(rows)
    assert main(["anomalies", "--db", str(path), "--json", "--top", "5", "--out", str(tmp_path / "a.csv")]) == 0
    out = json.loads(capsys.readouterr().out)
    item = out["items"][0]
    assert list(item) == ["rank", "level", "line_id", "order_id", "day", "customer_id", "product_id", "score",
                          "reasons", "state"]
    assert item["rank"] == 1 and item["level"] == "lines" and item["order_id"] == rows[500]["order_id"]
    head = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "rank,level,line_id,order_id,day,customer_id,product_id,score,reasons,state"
    key = f"line:{item['line_id']}"
    assert main(["anomalies", "--db", str(path), "--review", f"{key}=dismissed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reviews"][0]["state"] == "dismissed"
    assert main(["anomalies", "--db", str(path), "--json", "--level", "lines"]) == 0
    assert key not in {f"line:{i['line_id']}" for i in json.loads(capsys.readouterr().out)["items"]}
    assert main(["anomalies", "--db", str(path), "--review", "bogus=dismissed", "--json"]) == 2
    assert "error" in json.loads(capsys.readouterr().out)
    assert main(["anomalies", "--db", str(path), "--review", f"{key}=maybe"]) == 2


def test_all_levels_share_one_inbox(lines_shop):
    """Many unusual lines must not crowd out an unusual customer: scores are damped by the rank
    within the level, so the customer is near the top of a level=all run."""
    rows = base_rows()
    for i in range(0, 1500, 10):                     # 150 price typos
        rows[i]["unit_price"] = rows[i]["unit_price"] * 100
    for k in range(11):
        rows.append(dict(order_id=f"X{k}", ordered_at=f"2011-02-{1 + k:02d} 10:00:00", customer_id="X",
                         product_id="P1", product_name="Product P1", quantity=10, unit_price=PRICES["P1"],
                         country="United Kingdom", is_cancellation=0))
        if k < 8:
            rows.append(dict(order_id=f"CX{k}", ordered_at=f"2011-02-{1 + k:02d} 10:30:00", customer_id="X",
                             product_id="P1", product_name="Product P1", quantity=-10, unit_price=PRICES["P1"],
                             country="United Kingdom", is_cancellation=1))
    path = lines_shop(rows)
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(level="all"), save=False)
    top = res.items.head(10)
    assert "customer:X" in set(top["key"]) and (top["level"] == "lines").sum() >= 3


def test_ratio_patterns_for_translations():
    from shopinsight.core.anomalies.reasons import format_ratio
    assert format_ratio(100.0) == "100×" and format_ratio(0.05) == "1/20 of"
    assert format_ratio(0.05, "{n} 倍", "1/{n}") == "1/20" and format_ratio(3.0, "{n} 倍") == "3.0 倍"


def test_quick_cancellations_are_their_own_reason(lines_shop):
    """Q cancels 6 of 8 orders within the hour; L cancels as many, but weeks after ordering: only Q
    gets the order-and-cancel reason."""
    rows = base_rows()
    for cust, lag_days in (("Q", 0), ("L", 20)):
        for k in range(8):
            day = f"2011-01-{4 + k:02d}"
            rows.append(dict(order_id=f"{cust}{k}", ordered_at=f"{day} 10:00:00", customer_id=cust, product_id="P2",
                             product_name="Product P2", quantity=12, unit_price=PRICES["P2"],
                             country="United Kingdom", is_cancellation=0))
            if k < 6:
                when = (np.datetime64(day) + np.timedelta64(lag_days, "D")).astype(str)
                rows.append(dict(order_id=f"C{cust}{k}", ordered_at=f"{when} 10:40:00", customer_id=cust,
                                 product_id="P2", product_name="Product P2", quantity=-12, unit_price=PRICES["P2"],
                                 country="United Kingdom", is_cancellation=1))
    path = lines_shop(rows)
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(level="customers"), save=False)
    codes = {k: [r["code"] for r in json.loads(j)] for k, j in zip(res.items["key"], res.items["reasons_json"])}
    assert "cust_quick_cancel" in codes["customer:Q"]
    assert "cust_quick_cancel" not in codes.get("customer:L", [])
    assert "6 of this customer's 8 orders were cancelled within a day of being placed" in \
        res.table().set_index("customer_id").loc["Q", "reasons"]


def test_decimal_slip_outranks_a_bigger_odd_price(lines_shop):
    """A price keyed with the decimal point in the wrong place (exactly 10× a price the product sells
    at) is the commonest typo: it ranks above a 13× price that matches no price of the product."""
    rows = base_rows()
    slip = next(i for i, r in enumerate(rows) if r["product_id"] == "P0" and i > 400)
    odd = next(i for i, r in enumerate(rows) if r["product_id"] == "P3" and i > 600)
    rows[slip]["unit_price"] = round(PRICES["P0"] * 10, 2)
    rows[odd]["unit_price"] = round(PRICES["P3"] * 13, 2)
    path = lines_shop(rows)
    res, t = top_items(path, "lines")
    assert list(t["order_id"][:2]) == [rows[slip]["order_id"], rows[odd]["order_id"]]
    first, second = res.reasons(0)[0], res.reasons(1)[0]
    assert first["decimal_slip"] is True and second["decimal_slip"] is False


def test_lost_every_other_line_day_is_found_by_order_sizes(lines_shop):
    """An export that lost every other line of a day halves each order: the day's orders hold about
    half the lines their customers' earlier orders held, although the day's order count is normal."""
    rows = base_rows(weeks=10)
    lost_day = "2011-02-24"
    day_idx = [i for i, r in enumerate(rows) if r["ordered_at"].startswith(lost_day)]
    drop = set(day_idx[1::2])
    path = lines_shop([r for i, r in enumerate(rows) if i not in drop])
    res, t = top_items(path, "days")
    codes = {k: [r["code"] for r in json.loads(j)] for k, j in zip(res.items["key"], res.items["reasons_json"])}
    assert "day_order_size" in codes[f"day:{lost_day}"]
    assert res.items["key"].iloc[0] == f"day:{lost_day}"
    assert "the day's orders hold 1/" in t.set_index("day").loc[lost_day, "reasons"]


def test_lines_of_one_order_take_one_place(lines_shop):
    """Three 100× lines of one order are one thing to check: a 50× line of another order comes
    second, before the order's other lines."""
    rows = base_rows()
    oid = rows[300]["order_id"]
    same = [i for i, r in enumerate(rows) if r["order_id"] == oid][:3]
    for i in same:
        rows[i]["unit_price"] = round(PRICES[rows[i]["product_id"]] * 100, 2)
    other = next(i for i, r in enumerate(rows) if i > 700 and r["product_id"] not in
                 {rows[j]["product_id"] for j in same})
    rows[other]["unit_price"] = round(PRICES[rows[other]["product_id"]] * 50, 2)
    path = lines_shop(rows)
    res, t = top_items(path, "lines")
    assert list(t["order_id"][:2]) == [oid, rows[other]["order_id"]]
    assert list(t["order_id"][2:len(same) + 1]) == [oid] * (len(same) - 1)


def test_reviews_change_the_ranking(lines_shop):
    """Dismissing one order-and-cancel customer weights that detector down: the other such customer
    drops below the price typo it was ranked above."""
    rows = base_rows()
    rows[500]["unit_price"] = round(rows[500]["unit_price"] * 10, 2)
    for cust in ("X", "Y"):
        for k in range(11):
            t = f"2011-02-{1 + k:02d} 1{k % 6}:{'05' if cust == 'X' else '35'}:00"
            rows.append(dict(order_id=f"{cust}{k}", ordered_at=t, customer_id=cust, product_id="P1",
                             product_name="Product P1", quantity=10, unit_price=PRICES["P1"],
                             country="United Kingdom", is_cancellation=0))
            if k < 8:
                rows.append(dict(order_id=f"C{cust}{k}", ordered_at=t[:11] + "17:50:00", customer_id=cust,
                                 product_id="P1", product_name="Product P1", quantity=-10, unit_price=PRICES["P1"],
                                 country="United Kingdom", is_cancellation=1))
    path = lines_shop(rows)
    line_key = None
    with Shop(path) as shop:
        before = run_anomalies(shop, AnomalyOptions(level="all"))
        keys = list(before.items["key"])
        line_key = next(k for k in keys if k.startswith("line:"))
        assert keys.index("customer:Y") < keys.index(line_key)
        set_review(shop, "customer:X", "dismissed", who="tester")
        after = run_anomalies(shop, AnomalyOptions(level="all"))
        keys = list(after.items["key"])
        assert "customer:X" not in keys and keys.index("customer:Y") > keys.index(line_key)


def test_week_that_lost_orders_is_flagged_against_a_forecast(lines_shop):
    """A whole week whose export lost 40 % of its orders is raised as a week (key week:<Monday>,
    days level), against the one-week-ahead forecast from the weeks before; the same shop without
    the loss raises no week."""
    from shopinsight.core.anomalies import parse_key

    rows = base_rows(weeks=24)
    monday = "2011-05-23"                  # week 21 of 24
    days = {str(np.datetime64(monday) + np.timedelta64(k, "D")) for k in range(7)}
    lost = {r["order_id"] for r in rows if r["ordered_at"][:10] in days and int(r["order_id"]) % 5 < 2}
    for path, expect in ((lines_shop(rows), False),
                         (lines_shop([r for r in rows if r["order_id"] not in lost]), True)):
        with Shop(path) as shop:
            res = run_anomalies(shop, AnomalyOptions(level="days"), save=False)
        weeks = res.items[res.items["key"].str.startswith("week:")]
        assert (len(weeks) > 0) == expect
        if expect:
            assert weeks["key"].iloc[0] == f"week:{monday}" and set(weeks["level"]) == {"days"}
            assert f"week of {monday}: " in res.table().set_index("rank").loc[int(weeks["rank"].iloc[0]), "reasons"]
    assert parse_key(f"week:{monday}") == ("days", monday)


@pytest.mark.deep
def test_autoencoder_scorer_reports_epochs_ranks_and_cancels(lines_shop):
    """The Keras autoencoder, chosen with the rules, keeps the 100× price typo on top, reports
    progress per epoch, and a Cancel during training stores nothing."""
    pytest.importorskip("tensorflow")
    rows = base_rows()
    rows[500]["unit_price"] = rows[500]["unit_price"] * 100
    path = lines_shop(rows)
    messages = []
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(level="lines", models=("rules", "autoencoder")),
                            progress=lambda f, m: messages.append(m))
        assert res.items["order_id"].iloc[0] == rows[500]["order_id"]
        assert "autoencoder" in json.loads(res.items["detectors_json"].iloc[0])
        assert any(m.startswith("epoch 1/") for m in messages)
        n_runs = shop.scalar("SELECT count(*) FROM runs")
        with pytest.raises(Cancelled):
            run_anomalies(shop, AnomalyOptions(level="lines", models=("autoencoder",)),
                          progress=lambda f, m: messages.append(m),
                          should_stop=lambda: any(m.startswith("epoch 2/") for m in messages[-3:]))
        assert shop.scalar("SELECT count(*) FROM runs") == n_runs


def test_the_data_s_cut_off_last_day_is_not_an_anomaly_a_half_day_mid_series_is(lines_shop):
    """An export ends part-way through its last day (the UCI file stops at 12:50 on 9 Dec 2011): that
    day is incomplete by construction, so its low sales and early last order are no anomaly; the same
    half day in the middle of the series still is."""
    rows = base_rows(weeks=10)
    last = max(r["ordered_at"][:10] for r in rows)
    mid = "2011-02-23"

    def cut(r):
        return r["ordered_at"][:10] in (last, mid) and r["ordered_at"][11:13] >= "12"

    path = lines_shop([r for r in rows if not cut(r)])
    with Shop(path) as shop:
        assert shop.date_range()[1] == last
        res = run_anomalies(shop, AnomalyOptions(level="days"), save=False)
    keys = list(res.items["key"])
    assert f"day:{mid}" in keys
    codes = {k: [r["code"] for r in json.loads(j)] for k, j in zip(res.items["key"], res.items["reasons_json"])}
    assert {"day_sales", "day_last_order"} & set(codes[f"day:{mid}"])
    assert f"day:{last}" not in keys


def _keep_orders_of_day(rows, day, keep):
    """The rows without the orders of ``day`` whose index in the day (0 = first, at 9:xx; 11 = last,
    at 16:xx) is not in ``keep``."""
    ids = list(dict.fromkeys(r["order_id"] for r in rows if r["ordered_at"][:10] == day))
    gone = {o for k, o in enumerate(ids) if k not in keep}
    return [r for r in rows if r["order_id"] not in gone]


def _day_reasons(path, day):
    with Shop(path) as shop:
        res = run_anomalies(shop, AnomalyOptions(level="days"), save=False)
    for k, j in zip(res.items["key"], res.items["reasons_json"]):
        if k == f"day:{day}":
            return [r["code"] for r in json.loads(j)], reasons_text(json.loads(j))
    return None, None


def test_a_real_drop_on_the_last_day_is_flagged(lines_shop):
    """The newest day is the one an owner most needs to see: a day with its usual hours (last order
    at 16:xx) but 2 of its 12 orders is a drop, even though it is the data's last day."""
    rows = base_rows(weeks=10)
    last = max(r["ordered_at"][:10] for r in rows)
    path = lines_shop(_keep_orders_of_day(rows, last, {0, 11}))
    codes, text = _day_reasons(path, last)
    assert codes and {"day_sales", "day_orders"} & set(codes)
    assert "data end" not in text


def test_a_morning_drop_on_a_last_day_cut_at_noon_is_flagged_for_the_hours_covered(lines_shop):
    """Cut at noon, the last day is expected to hold only the morning's share of a day (5 of 12
    orders before 12:00); one morning order is a drop, and the reason says where the data end."""
    rows = base_rows(weeks=10)
    last = max(r["ordered_at"][:10] for r in rows)
    path = lines_shop(_keep_orders_of_day(rows, last, {4}))
    codes, text = _day_reasons(path, last)
    assert codes and {"day_sales", "day_orders"} & set(codes)
    hhmm = next(r["ordered_at"][11:16] for r in rows if r["ordered_at"][:10] == last
                and r["order_id"] == list(dict.fromkeys(x["order_id"] for x in rows
                                                        if x["ordered_at"][:10] == last))[4])
    assert f"the data end at {hhmm} on this day" in text
