"""Browsing lines (core.lines + the `lines` verb): the same filters and order as the Data tab."""
from __future__ import annotations

import json
import sqlite3

import pytest

from shopinsight.cli import main
from shopinsight.core.lines import LineFilter, LinesReader, fetch_lines, line_ids
from shopinsight.core.store import Shop, ShopError

_ROWS = [
    dict(order_id="1001", ordered_at="2024-01-02 10:00:00", customer_id="C1", product_id="A1",
         product_name="Red mug", quantity=2, unit_price=5.0),
    dict(order_id="1002", ordered_at="2024-01-03 11:00:00", customer_id="C2", product_id="B2",
         product_name="Blue mug", quantity=1, unit_price=7.5),
    dict(order_id="C1002", ordered_at="2024-01-04 09:00:00", customer_id="C2", product_id="B2",
         product_name="Blue mug", quantity=-1, unit_price=7.5, is_cancellation=1, line_kind="cancellation"),
    dict(order_id="1003", ordered_at="2024-01-05 12:00:00", product_id="POST", product_name="Postage",
         quantity=1, unit_price=3.0, is_merchandise=0, line_kind="postage"),
    dict(order_id="1004", ordered_at="2024-01-06 12:00:00", customer_id="C1", product_id="A1",
         product_name="Red mug 50%_off", quantity=3, unit_price=2.5),
]
# every row names its flags (the fixture fills defaults only for columns no row has)
ROWS = [{"is_cancellation": 0, "is_merchandise": 1, "line_kind": "sale", **r} for r in _ROWS]


def test_line_ids_filters_sort_and_fetch_order(lines_shop):
    with Shop(lines_shop(ROWS)) as shop:
        c = shop.conn
        assert line_ids(c).tolist() == [1, 2, 3, 4, 5]
        assert line_ids(c, LineFilter(text="MUG")).tolist() == [1, 2, 3, 5]       # case-insensitive
        assert line_ids(c, LineFilter(text="blue c2")).tolist() == [2, 3]         # every word must match
        assert line_ids(c, LineFilter(text="50%_")).tolist() == [5]               # wildcards are literal
        assert line_ids(c, LineFilter(flag="cancellations")).tolist() == [3]
        assert line_ids(c, LineFilter(flag="non_merchandise")).tolist() == [4]
        assert line_ids(c, LineFilter(date_from="2024-01-03", date_to="2024-01-05")).tolist() == [2, 3, 4]
        # 10.0, then the two 7.50 lines (ties by line id, descending too), 3.0, -7.5
        assert line_ids(c, sort="amount", descending=True).tolist() == [1, 5, 2, 4, 3]
        assert line_ids(c, sort="product_id").tolist() == [1, 5, 2, 3, 4]          # ties by line id
        rows = fetch_lines(c, [4, 1], ["product_name", "amount"])
        assert rows == [("Postage", 3.0), ("Red mug", 10.0)]


def test_lines_reader_browses_and_words_sqlite_failures(lines_shop):
    """The GUI's lines table reads through core.LinesReader: the same ids and rows as the core
    functions, and SQLite's failures come back as a ShopError naming the shop (ids) or no rows
    (fetch), never as sqlite3 errors."""
    path = lines_shop(ROWS)
    with LinesReader(path) as reader:
        assert reader.ids(LineFilter(text="mug"), "amount", True).tolist() == [1, 5, 2, 3]
        assert reader.fetch([4, 1], ["product_name"]) == [("Postage",), ("Red mug",)]
        with sqlite3.connect(path) as w:            # the shop loses its lines view under the reader
            w.execute("DROP VIEW lines")
        with pytest.raises(ShopError) as err:
            reader.ids()
        assert str(path) in str(err.value) and "lines" in str(err.value)
        assert not isinstance(err.value, sqlite3.Error)
        assert reader.fetch([1, 2]) == []
    reader.close()                                   # closing twice is harmless
    with pytest.raises(ShopError):
        reader.ids()


def test_lines_verb_json(lines_shop, capsys):
    path = lines_shop(ROWS)
    rc = main(["lines", "--db", str(path), "--search", "mug", "--sort", "amount", "--desc",
               "--limit", "2", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["matching"] == 4
    assert [l["line_id"] for l in out["lines"]] == [1, 5]
    assert main(["lines", "--db", str(path), "--from", "2024-02-30"]) == 2
    capsys.readouterr()
    # a chart's drill-down keys (core.drill), several values of one key allowed
    rc = main(["lines", "--db", str(path), "--product", "B2", "--customer", "C2", "--flag", "sales", "--json"])
    assert rc == 0 and [l["line_id"] for l in json.loads(capsys.readouterr().out)["lines"]] == [2]
    rc = main(["lines", "--db", str(path), "--order", "1001", "--order", "1004", "--json"])
    assert [l["line_id"] for l in json.loads(capsys.readouterr().out)["lines"]] == [1, 5]
