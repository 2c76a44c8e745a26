"""One figure per fact: orders, customers, cancellation lines and net sales have one definition
(core.facts, GUIDE §4) and the same value in `info`, the shop summary (Data tab), the quality
report, the Overview (`overview`) and customer segments."""
from __future__ import annotations

import json

import pytest

from shopinsight.core.facts import FACTS, shop_facts
from shopinsight.core.store import Shop


def tricky_rows():
    """Invoices that make naive counts disagree: a cancellation-only invoice of a customer who never
    bought, a postage-only invoice, a guest order, a cancellation of postage."""
    def line(order, day, cust, qty, price, *, pid="P1", merch=1, canc=0, kind="sale"):
        return {"order_id": order, "ordered_at": f"2023-03-0{day} 10:00:00", "customer_id": cust,
                "product_id": pid, "product_name": pid, "quantity": qty, "unit_price": price,
                "country": "United Kingdom", "is_merchandise": merch, "is_cancellation": canc, "line_kind": kind}
    return [
        line("O1", 1, "C1", 1, 10.0), line("O1", 1, "C1", 2, 10.0, pid="P2"),
        line("O1", 1, "C1", 1, 5.0, pid="POST", merch=0, kind="postage"),
        line("O2", 2, "C2", 3, 10.0),
        line("C3", 3, "C3", -1, 15.0, canc=1, kind="cancellation"),         # C3 only ever cancelled
        line("O4", 4, None, 4, 10.0),                                      # guest order
        line("O5", 5, "C5", 1, 8.0, pid="POST", merch=0, kind="postage"),  # postage-only invoice
        line("CO1", 6, "C1", -1, 10.0, canc=1, kind="cancellation"),
        line("CO1", 6, "C1", -1, 5.0, pid="POST", merch=0, canc=1, kind="postage"),
    ]


EXPECTED = {"orders": 3, "customers": 2, "cancellation_lines": 3, "net_sales": 75.0}


@pytest.fixture
def shop_path(lines_shop):
    return lines_shop(tricky_rows())


def test_facts_follow_the_definitions(shop_path):
    with Shop(shop_path) as shop:
        f = shop_facts(shop.conn)
    assert {k: f[k] for k in EXPECTED} == EXPECTED
    # the figures that differ by definition keep their own names
    assert f["order_numbers"] == 6 and f["customer_ids"] == 4
    assert set(EXPECTED) <= set(FACTS)


def test_every_path_shows_the_same_figures(shop_path, capsys):
    from shopinsight.cli import main
    from shopinsight.core.analytics import kpis, overview
    from shopinsight.core.customers import load_history, segments
    from shopinsight.core.quality import shop_quality

    with Shop(shop_path) as shop:
        summary = shop.summary()                        # `info` and the Data tab
        quality = shop_quality(shop)                    # the quality report
        k = kpis(shop, "all")["current"]                # the Overview
        ov = overview(shop, "all", "D")["kpis"]["current"]
        seg = segments(load_history(shop), kmeans=False)
    for name, src in {"summary": summary, "quality": quality}.items():
        assert {key: src[key] for key in EXPECTED} == EXPECTED, name
    for name, src in {"kpis": k, "overview": ov}.items():
        assert (src["orders"], src["customers"], src["net_sales"]) == (3, 2, 75.0), name
    assert len(seg["rfm"]) == EXPECTED["customers"] == int(seg["summary"]["customers"].sum())
    # the CLI: info, overview, segments
    assert main(["info", "--db", str(shop_path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {key: info[key] for key in EXPECTED} == EXPECTED
    assert {key: info["quality"][key] for key in EXPECTED} == EXPECTED
    assert info["definitions"]["orders"] == FACTS["orders"]
    assert main(["overview", "--db", str(shop_path), "--period", "all", "--json"]) == 0
    o = json.loads(capsys.readouterr().out)["kpis"]
    assert (o["orders"], o["customers"], o["net_sales"]) == (3, 2, 75.0)
    assert main(["segments", "--db", str(shop_path), "--no-kmeans", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["customers"] == EXPECTED["customers"]
    # info's text says which cancellation count is which
    assert main(["info", "--db", str(shop_path)]) == 0
    text = capsys.readouterr().out
    assert "cancellation lines (any kind) 3" in text and "of kind 'cancellation' 2" in text
    assert "orders 3" in text and "customers 2" in text and "net sales 75.00" in text
