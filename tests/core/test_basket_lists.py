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
