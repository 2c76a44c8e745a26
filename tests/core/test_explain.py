"""What changed (issue 14): the exact bridge of net sales between two periods, its contributors,
the sentence, the stored run, the chart and the ``explain`` verb."""
from __future__ import annotations

import json
import random

import pytest

from shopinsight.cli import main
from shopinsight.core.explain import ExplainOptions, ExplainResult, bridge_figure, run_explain
from shopinsight.core.facts import shop_facts
from shopinsight.core.store import Shop


def _line(day, order, cust, prod, qty, price, **kw):
    return {"ordered_at": f"{day} 10:00:00", "order_id": order, "customer_id": cust, "product_id": prod,
            "product_name": f"Product {prod}", "quantity": qty, "unit_price": price, "country": "UK",
            "is_cancellation": 0, "is_merchandise": 1, **kw}


def _parts(res) -> dict:
    return {p["key"]: p["amount"] for p in res.parts}


def _explain(path, **opts):
    with Shop(path) as shop:
        return run_explain(shop, ExplainOptions(**opts))


def _base(month: str, orders=(("o1", "c1"), ("o2", "c2")), price_a=2.0, qty=(3, 1)):
    """Two orders, each of product A (qty[0]) and B (qty[1])."""
    rows = []
    for o, c in orders:
        rows.append(_line(f"{month}-10", f"{month}{o}", c, "A", qty[0], price_a))
        rows.append(_line(f"{month}-10", f"{month}{o}", c, "B", qty[1], 5.0))
    return rows


# ------------------------------------------------------------------------------------------------
# exactness on random shops
# ------------------------------------------------------------------------------------------------
def _random_rows(rng: random.Random) -> list[dict]:
    rows = []
    customers = [f"c{i}" for i in range(rng.randint(1, 12))] + [None]
    products = [f"P{i}" for i in range(rng.randint(1, 9))]
    for month in ("2024-01", "2024-02", "2024-03"):
        for o in range(rng.randint(1, 15)):
            cust = rng.choice(customers)
            day = f"{month}-{rng.randint(1, 28):02d}"
            for _ in range(rng.randint(1, 5)):
                rows.append(_line(day, f"{month}-{o}", cust, rng.choice(products), rng.randint(1, 24),
                                  round(rng.uniform(0.1, 40), 2), country=rng.choice(["UK", "FR", "DE"])))
            if rng.random() < 0.2:      # a cancellation and a postage line
                rows.append(_line(day, f"C{month}-{o}", cust, rng.choice(products), -rng.randint(1, 5),
                                  round(rng.uniform(0.1, 40), 2), is_cancellation=1))
                rows.append(_line(day, f"{month}-{o}", cust, "POST", 1, 18.0, is_merchandise=0))
    return rows


@pytest.mark.parametrize("seed", range(12))
def test_parts_add_up_to_the_change_to_the_cent_on_random_shops(seed, lines_shop):
    path = lines_shop(_random_rows(random.Random(seed)))
    for vs in ("previous", "2024-01"):
        res = _explain(path, period="2024-03", vs=vs)
        with Shop(path) as shop:
            f0 = shop_facts(shop.conn, res.before_span.start, res.before_span.end)
            f1 = shop_facts(shop.conn, res.after_span.start, res.after_span.end)
        # before/after are net sales as core.facts defines them
        assert res.before == f0["net_sales"] and res.after == f1["net_sales"]
        assert res.change == pytest.approx(f1["net_sales"] - f0["net_sales"], abs=0.005)
        total = sum(p["amount"] for p in res.parts)
        assert abs(total - res.change) < 0.01 and round(total * 100) == round(res.change * 100)
        assert res.measures["orders"] == [f0["orders"], f1["orders"]]
        assert {"orders_returning", "orders_new", "orders_guest", "items_per_order", "price", "mix",
                "cancellations"} <= set(_parts(res))


# ------------------------------------------------------------------------------------------------
# known answers on hand-made shops
# ------------------------------------------------------------------------------------------------
# c1 and c2 bought in December already: in January and February they are returning customers
HISTORY = _base("2023-12")


def test_only_prices_changed_puts_everything_in_the_price_effect(lines_shop):
    path = lines_shop(HISTORY + _base("2024-01") + _base("2024-02", price_a=2.6))
    res = _explain(path, period="2024-02")
    parts = _parts(res)
    assert res.change == pytest.approx(2 * 3 * 0.6)
    assert parts["price"] == pytest.approx(res.change, abs=0.001)
    assert all(v == 0 for k, v in parts.items() if k != "price"), parts


def test_only_new_customers_puts_everything_in_the_new_customer_part(lines_shop):
    old = HISTORY + _base("2024-01")
    new = _base("2024-02") + _base("2024-02", orders=(("o3", "c3"), ("o4", "c4")))
    path = lines_shop(old + new)
    res = _explain(path, period="2024-02")
    parts = _parts(res)
    assert res.change == pytest.approx(2 * (6 + 5))
    assert parts["orders_new"] == pytest.approx(res.change, abs=0.001)
    assert all(v == 0 for k, v in parts.items() if k != "orders_new"), parts
    assert res.measures["orders_by_customer"] == {"returning": [2, 2], "new": [0, 2], "guest": [0, 0]}


def test_only_the_product_mix_changed_puts_everything_in_the_mix_effect(lines_shop):
    # same orders, same items per order, same prices; units move from cheap A to dear B
    path = lines_shop(HISTORY + _base("2024-01", qty=(3, 1)) + _base("2024-02", qty=(1, 3)))
    res = _explain(path, period="2024-02")
    parts = _parts(res)
    assert res.change == pytest.approx(2 * (1 * 2 + 3 * 5 - (3 * 2 + 5)))
    assert parts["mix"] == pytest.approx(res.change, abs=0.001)
    assert all(v == 0 for k, v in parts.items() if k != "mix"), parts
    assert "dearer products" in res.text


def test_more_cancellations_go_to_the_cancellations_part(lines_shop):
    canc = _line("2024-02-11", "C1", "c1", "A", -1, 2.0, is_cancellation=1)
    path = lines_shop(HISTORY + _base("2024-01") + _base("2024-02") + [canc])
    parts = _parts(_explain(path, period="2024-02"))
    assert parts["cancellations"] == -2.0
    assert all(v == 0 for k, v in parts.items() if k != "cancellations"), parts


def test_summaries_without_orders_customers_or_products_leave_those_parts_out(lines_shop):
    rows = [{"ordered_at": f"2024-0{m}-{d:02d}", "amount": 100.0 * m + d} for m in (1, 2) for d in range(1, 29)]
    path = lines_shop(rows)
    res = _explain(path, period="2024-02")
    assert [p["key"] for p in res.parts] == ["gross_sales", "cancellations"]
    assert sum(p["amount"] for p in res.parts) == pytest.approx(res.change)
    assert {"no_orders", "no_units"} <= set(res.notes)
    assert "product" not in res.contributors and "customer_segment" not in res.contributors
    assert any("no order numbers" in n for n in res.to_dict()["notes"])


def test_customers_coming_back_move_orders_from_new_to_returning(lines_shop):
    # January's two new customers order again in February: as many orders, now from returning customers
    parts = _parts(_explain(lines_shop(_base("2024-01") + _base("2024-02")), period="2024-02"))
    assert parts["orders_returning"] > 0 and parts["orders_new"] == -parts["orders_returning"]
    assert sum(parts.values()) == 0


def test_orders_without_customer_ids_are_not_split_and_the_note_says_so(lines_shop):
    rows = [dict(r, customer_id=None) for r in _base("2024-01") + _base("2024-02", orders=(("o1", None),))]
    res = _explain(lines_shop(rows), period="2024-02")
    assert "orders" in _parts(res) and "orders_new" not in _parts(res)
    assert "no_customers" in res.notes


# ------------------------------------------------------------------------------------------------
# periods, contributors, text, storage, chart
# ------------------------------------------------------------------------------------------------
def test_periods_weeks_days_last_year_and_ranges(lines_shop):
    rows = _base("2023-02") + _base("2024-01") + _base("2024-02", price_a=3.0)
    path = lines_shop(rows)
    res = _explain(path, period="2024-02", vs="last-year")
    assert (res.before_span.start, res.before_span.end) == ("2023-02-01", "2023-02-28")
    # the data run from 10 February 2023 to 10 February 2024: the text itself says both periods are partly covered
    assert {"after_partial", "before_partial"} <= set(res.notes)
    assert res.text.endswith("The data cover only part of the later period. "
                             "The data cover only part of the earlier period.")
    res = _explain(path, period="2024-02-10", granularity="week")
    assert (res.after_span.start, res.after_span.end) == ("2024-02-05", "2024-02-11")
    assert (res.before_span.start, res.before_span.end) == ("2024-01-29", "2024-02-04")
    res = _explain(path, start="2024-02-01", end="2024-02-29", vs_start="2024-01-01", vs_end="2024-01-31")
    assert res.change == pytest.approx(2 * 3 * 1.0)
    res = _explain(path)          # the data end on 10 February: the last complete month is January
    assert (res.after_span.start, res.before_span.start) == ("2024-01-01", "2023-12-01")
    assert "not_comparable" in res.notes and [p["key"] for p in res.parts] == ["gross_sales", "cancellations"]


def test_contributors_rank_products_and_countries_with_shares(lines_shop):
    rows = _base("2024-01") + _base("2024-02") + [_line("2024-02-12", "x", "c9", "C", 10, 10.0, country="FR")]
    res = _explain(lines_shop(rows), period="2024-02")
    d = res.to_dict()["contributors"]
    assert d["product"][0]["key"] == "C" and d["product"][0]["amount"] == 100.0
    assert d["product"][0]["share_before"] == 0 and d["product"][0]["share_after"] == pytest.approx(100 / 122)
    assert d["country"][0]["name"] == "FR"
    assert "no_segments" in res.notes and "no_category" in res.notes


def test_products_are_named_from_the_product_table(lines_shop):
    # a code whose lines sometimes carry a note as the name is shown under its product name
    note = dict(_line("2024-02-12", "n", "c1", "A", 1, 2.0), product_name="zz stock fixed")
    res = _explain(lines_shop(HISTORY + _base("2024-01") + _base("2024-02", price_a=2.6) + [note]), period="2024-02")
    prod = res.contributors["product"].set_index("key")
    assert prod.loc["A", "name"] == "Product A"


def test_save_and_load_round_trip(lines_shop):
    path = lines_shop(_base("2024-01") + _base("2024-02", price_a=2.6))
    with Shop(path) as shop:
        res = run_explain(shop, ExplainOptions(period="2024-02"), save=True)
        back = ExplainResult.load(shop)
    assert back.run_id == res.run_id
    a, b = res.to_dict(), back.to_dict()
    assert a == b


def test_text_follows_the_language(lines_shop):
    from shopinsight.core import i18n

    res = _explain(lines_shop(_base("2024-01") + _base("2024-02", price_a=2.6)), period="2024-02")
    assert res.text.startswith("Net sales rose")
    i18n.set_language("zh_CN")
    try:
        zh = res.text
        parts = res.to_dict()["parts"]
    finally:
        i18n.set_language("en")
    assert "净销售额" in zh and "Net sales" not in zh
    assert all(not p["name"].isascii() for p in parts)


def test_bridge_figure_has_a_bar_per_part_and_both_totals(lines_shop):
    res = _explain(lines_shop(_base("2024-01") + _base("2024-02", price_a=2.6)), period="2024-02")
    fig = bridge_figure(res)
    ax = fig.axes[0]
    assert len(ax.patches) == len(res.parts) + 2
    assert ax.get_ylim()[0] <= 0                           # totals drawn from zero
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Jan 2024" or "2024" in labels[0]


def test_customer_segments_and_stores_when_the_shop_has_them(lines_shop):
    import pandas as pd

    rows = [dict(r, store="Web") for r in HISTORY + _base("2024-01")] + \
        [dict(r, store="Market") for r in _base("2024-02", price_a=2.6)]
    path = lines_shop(rows)
    with Shop(path) as shop:
        shop.save_run("customers", params={}, metrics={}, tables={"scores": pd.DataFrame(
            {"customer_id": ["c1", "c2"], "segment": ["Champions", "At risk"]})})
        res = run_explain(shop, ExplainOptions(period="2024-02"))
    seg = res.contributors["customer_segment"].set_index("key")
    assert seg.loc["Champions", "amount"] == pytest.approx(0.6 * 3)
    assert seg.loc["Champions", "name"] == "Champions"
    store = res.contributors["store"].set_index("key")
    assert store.loc["Market", "amount"] == pytest.approx(25.6) and store.loc["Web", "amount"] == -22.0
    assert "no_segments" not in res.notes


def test_cancel_stops_and_stores_nothing(lines_shop):
    from shopinsight.core.tasks import Cancelled, Reporter

    path = lines_shop(HISTORY + _base("2024-01") + _base("2024-02"))
    with Shop(path) as shop:
        with pytest.raises(Cancelled):
            run_explain(shop, ExplainOptions(period="2024-02"), Reporter(None, lambda: True), save=True)
        assert shop.list_runs("explain").empty


# ------------------------------------------------------------------------------------------------
# CLI
# ------------------------------------------------------------------------------------------------
def test_cli_json_shape(lines_shop, capsys, tmp_path):
    path = lines_shop(_base("2024-01") + _base("2024-02", price_a=2.6))
    chart = tmp_path / "bridge.png"
    assert main(["explain", "--db", str(path), "--period", "2024-02", "--vs", "2024-01", "--json",
                 "--chart", str(chart)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"before", "after", "change", "parts", "contributors", "text"} <= set(out)
    assert out["before"] == 22.0 and out["after"] == pytest.approx(25.6)
    assert round(sum(p["amount"] for p in out["parts"]), 2) == out["change"]
    assert all(set(p) >= {"name", "amount"} for p in out["parts"])
    for rows in out["contributors"].values():
        for c in rows:
            assert set(c) >= {"key", "name", "amount", "share_before", "share_after"}
    assert chart.stat().st_size > 0


def test_cli_human_output_has_money_with_separators(lines_shop, capsys):
    rows = _base("2024-01", price_a=1000.0) + _base("2024-02", price_a=1500.0)
    path = lines_shop(rows)
    with Shop(path) as shop:
        shop.set_meta("currency", "GBP")
    assert main(["explain", "--db", str(path), "--period", "2024-02"]) == 0
    out = capsys.readouterr().out
    assert "£9,010.00" in out and "Net sales rose £3,000" in out


@pytest.mark.parametrize("argv,field", [
    (["--period", "Nov 2011"], "period"),
    (["--from", "2024-02-01"], "to"),
    (["--period", "2024-02", "--from", "2024-02-01", "--to", "2024-02-03"], "period"),
    (["--period", "2024-02", "--vs", "last-year"], "vs"),          # the data do not reach back
    (["--period", "2024-02", "--top", "0"], "top"),
])
def test_cli_bad_choices_exit_2_naming_the_field(argv, field, lines_shop, capsys):
    path = lines_shop(_base("2024-01") + _base("2024-02"))
    assert main(["explain", "--db", str(path), *argv, "--json"]) == 2
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["kind"] == "input" and err["field"] == field, err


def test_overview_periods_with_nothing_before_them_explain_the_last_complete_month(lines_shop):
    """The Overview's "all" (and a 12 months that the data do not reach back from — the sample
    shop's default) left the What changed panel empty; it now explains the last complete month
    against the month before, as `explain` with no period does, when the data hold both months."""
    from shopinsight.core.explain import options_for_overview

    rows = [_line("2024-01-01", "o0", "c0", "A", 1, 2.0)] + _base("2024-01") + _base("2024-02") + _base("2024-03")
    with Shop(lines_shop(rows)) as shop:
        opts = options_for_overview(shop, "all")
        assert opts is not None
        before, after = opts.validate(shop.date_range()[1])
        assert (before.start, before.end) == ("2024-01-01", "2024-01-31")
        assert (after.start, after.end) == ("2024-02-01", "2024-02-29")     # March is not complete
        res = run_explain(shop, opts)
        assert round(sum(_parts(res).values()), 2) == round(res.change, 2)
    with Shop(lines_shop(_base("2024-01"))) as shop:                        # one month: nothing to compare
        assert options_for_overview(shop, "all") is None
