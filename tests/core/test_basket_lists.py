"""A basket-list file (one basket per line, items separated by commas, no header) is told apart from
a sales export by core (``file_kind`` → ``"baskets"``), and mined by the one call behind both
``rules --baskets FILE`` and the app's offer when such a file is opened (issue 15)."""
from __future__ import annotations

import gzip

import pytest

from shopinsight.core.recommend.rules import looks_like_basket_list, mine_basket_list
from shopinsight.core.store import file_kind

BASKETS = "bread,milk\nbread,butter,milk\nbeer,crisps\nbread,milk,eggs\nbeer,crisps,bread\nmilk\nbread,milk\n"


@pytest.mark.parametrize("name, content, kind", [
    ("groceries.csv", BASKETS, "baskets"),
    ("groceries.txt", "a,b,c\nb,c,d\nc,d,e\n", "baskets"),                 # same sizes, no prices: baskets
    ("orders.csv", "order_id,date,sku,qty,unit_price\n1,2024-01-02,A,1,2.50\n", "data"),     # dated lines
    ("orders.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate\n536365,85123A,6,12/1/2010 8:26\n"
                   "536365,71053,6,12/1/2010 8:26\n", "data"),
    ("catalogue.csv", "sku,name,price\nA,Mug,2.50\nB,Cup,1.25\n", "data"),  # rectangular, with prices
    ("items.csv", "bread\nmilk\nbeer\n", "data"),                           # one item a line: nothing to pair
    ("orders.tsv", "a\tb\nc\td\te\n", "data"),                              # not comma-separated text
])
def test_file_kind_tells_a_basket_list_from_a_sales_export(tmp_path, name, content, kind):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    assert file_kind(f) == kind


def test_a_gzipped_basket_list_and_binary_files(tmp_path):
    gz = tmp_path / "baskets.csv.gz"
    gz.write_bytes(gzip.compress(BASKETS.encode()))
    assert file_kind(gz) == "baskets"
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01,\x02\n\xff\xfe,\x00\n")
    assert not looks_like_basket_list(junk) and file_kind(junk) == "data"


def test_mine_basket_list_counts_baskets_and_items_and_stores_nothing(tmp_path):
    f = tmp_path / "groceries.csv"
    f.write_text(BASKETS, encoding="utf-8")
    res = mine_basket_list(f)
    assert res.info["baskets"] == 7 and res.info["items"] == 6 and res.info["source"] == str(f)
    assert res.run_id is None
    top = res.rules.iloc[0]
    assert {top["antecedent"], top["consequent"]} == {"beer", "crisps"}      # the strongest pair
    assert top["orders"] == 2


def test_the_cli_and_the_core_call_agree(tmp_path, capsys):
    import json

    from shopinsight.cli import main

    f = tmp_path / "groceries.csv"
    f.write_text(BASKETS, encoding="utf-8")
    assert main(["rules", "--baskets", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    res = mine_basket_list(f)
    assert (out["baskets"], out["items"], out["rules"]) == (7, 6, len(res.rules))
    assert [(r["antecedent"], r["consequent"]) for r in out["rules_table"]] == \
        list(zip(res.rules["antecedent"], res.rules["consequent"]))


def test_a_sales_export_given_as_a_basket_list_is_refused(tmp_path):
    """The real export's header would be a 'basket' and its columns items ("EIRE → 14911")."""
    from shopinsight.core.errors import InputError

    f = tmp_path / "online_retail.csv"
    f.write_text("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                 "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                 "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,14911,EIRE\n", encoding="utf-8")
    with pytest.raises(InputError, match="shopinsight import") as exc:
        mine_basket_list(f)
    assert exc.value.file == str(f)


def test_basket_mode_says_baskets_not_orders(tmp_path, capsys):
    from shopinsight.cli import main
    from shopinsight.core.i18n import set_language

    f = tmp_path / "groceries.csv"
    f.write_text("bread,milk\nbread,milk\nbeer\nbeer,crisps\n", encoding="utf-8")
    from shopinsight.core.recommend.rules import RulesOptions
    res = mine_basket_list(f, RulesOptions(min_support=0.25))
    reasons = dict(zip(zip(res.rules["antecedent"], res.rules["consequent"]), res.rules["reason"]))
    assert reasons[("bread", "milk")] == "Bought together with bread in 2 baskets (lift 2.0)."
    assert reasons[("beer", "crisps")] == "Bought together with beer in 1 basket (lift 2.0)."
    assert main(["rules", "--baskets", str(f), "--min-support", "0.25"]) == 0
    out = capsys.readouterr().out
    assert "from 4 baskets (support ≥ 25.00% = 1 basket," in out and "orders" not in out
    try:
        assert main(["--lang", "zh_CN", "rules", "--baskets", str(f), "--min-support", "0.25"]) == 0
        out = capsys.readouterr().out
        assert "从 4 个购物篮得到" in out and "= 1 个购物篮" in out and "订单" not in out
    finally:
        set_language("en")
