"""Line identity across exports: a line is identified within its order (or by the source's own
line key), never by its place in a file, so split, overlapping and repeated exports of the same
data give the lines of the whole exactly once; a later export's changed line updates it (audited)."""
from __future__ import annotations

import gzip
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shopinsight.core.importer import import_files
from shopinsight.core.store import Shop

UCI = Path(__file__).resolve().parents[3] / "shared" / "data" / "online_retail.csv.gz"
HEADER = "order_id,date,sku,qty,unit_price\n"


def _write(path: Path, rows: list[tuple], header: str = HEADER) -> Path:
    path.write_text(header + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def _import_each(shop_path: Path, files: list[Path]) -> list:
    out = []
    with Shop(shop_path) as shop:
        for f in files:
            out.extend(import_files(shop, [f]))
    return out


def _lines(shop_path: Path, cols: str = "order_id, product_id, quantity") -> Counter:
    with Shop(shop_path) as shop:
        return Counter(tuple(r) for r in shop.conn.execute(f"SELECT {cols} FROM lines"))


# -- the cases the issue names ------------------------------------------------------------------

def _uci_head(n: int) -> tuple[str, list[str]]:
    with gzip.open(UCI, "rt", encoding="utf-8", newline="") as fh:
        header = fh.readline()
        return header, [fh.readline() for _ in range(n)]


@pytest.mark.skipif(not UCI.exists(), reason="shared data file not present")
def test_first_4000_uci_rows_cut_2000_plus_2000_give_4000_lines(tmp_path):
    # invoice 536551 runs across row 2,000 and holds identical lines on both sides of the cut:
    # identity within the file lost 3 of them (3,997 lines)
    header, rows = _uci_head(4000)
    a, b, whole = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "whole.csv"
    a.write_text(header + "".join(rows[:2000]), newline="")
    b.write_text(header + "".join(rows[2000:]), newline="")
    whole.write_text(header + "".join(rows), newline="")
    ra, rb = _import_each(tmp_path / "split.shop", [a, b])
    assert (ra.imported, rb.imported, rb.skipped) == (2000, 2000, 0)
    _import_each(tmp_path / "whole.shop", [whole])
    cols = "order_id, product_id, quantity, unit_price, ordered_at, customer_id"
    assert _lines(tmp_path / "split.shop", cols) == _lines(tmp_path / "whole.shop", cols)
    assert sum(_lines(tmp_path / "split.shop").values()) == 4000
    # and importing either half again changes nothing
    ra2, rb2 = _import_each(tmp_path / "split.shop", [b, a])
    assert (ra2.imported, rb2.imported, ra2.updated, rb2.updated) == (0, 0, 0, 0)
    assert sum(_lines(tmp_path / "split.shop").values()) == 4000


def test_order_cut_after_two_identical_lines_keeps_the_third(tmp_path):
    # order X = A, A, A: the first file ends after two, the next begins with the third
    a = _write(tmp_path / "a.csv", [(1, "2024-01-02", "Z", 1, 1), (2, "2024-01-03", "A", 1, 1),
                                    (2, "2024-01-03", "A", 1, 1)])
    b = _write(tmp_path / "b.csv", [(2, "2024-01-03", "A", 1, 1), (3, "2024-01-04", "B", 2, 1)])
    _import_each(tmp_path / "t.shop", [a, b])
    assert _lines(tmp_path / "t.shop")[("2", "A", 1.0)] == 3
    _import_each(tmp_path / "t.shop", [a, b, b, a])           # repeated: nothing more
    assert sum(_lines(tmp_path / "t.shop").values()) == 5


def test_overlapping_export_of_whole_orders_adds_each_line_once(tmp_path):
    jan = _write(tmp_path / "jan.csv", [(1, "2024-01-02", "A", 1, 1), (1, "2024-01-02", "A", 1, 1),
                                        (2, "2024-01-30", "B", 1, 1), (2, "2024-01-30", "B", 1, 1)])
    # the next export starts with order 2 again (the overlap) and holds it whole
    feb = _write(tmp_path / "feb.csv", [(2, "2024-01-30", "B", 1, 1), (2, "2024-01-30", "B", 1, 1),
                                        (3, "2024-02-02", "C", 1, 1)])
    res = _import_each(tmp_path / "t.shop", [jan, feb])
    assert (res[1].imported, res[1].skipped) == (1, 2)
    assert _lines(tmp_path / "t.shop") == Counter({("1", "A", 1.0): 2, ("2", "B", 1.0): 2, ("3", "C", 1.0): 1})


def test_quantity_edit_and_cancellation_update_the_line_and_are_audited(tmp_path):
    hdr = "order_id,date,status,sku,qty,unit_price\n"
    a = _write(tmp_path / "a.csv", [(7, "2024-01-02", "paid", "A", 1, 10), (7, "2024-01-02", "paid", "B", 1, 5),
                                    (8, "2024-01-03", "paid", "A", 1, 10)], hdr)
    b = _write(tmp_path / "b.csv", [(7, "2024-01-02", "paid", "A", 3, 10), (7, "2024-01-02", "paid", "B", 1, 5),
                                    (8, "2024-01-03", "cancelled", "A", 1, 10)], hdr)
    path = tmp_path / "t.shop"
    _, res = _import_each(path, [a, b])
    assert (res.imported, res.skipped, res.updated) == (0, 3, 2)
    with Shop(path) as shop:
        rows = shop.conn.execute("SELECT order_id, product_id, quantity, amount, is_cancellation FROM lines "
                                 "ORDER BY line_id").fetchall()
        audit = shop.conn.execute("SELECT l.order_id, c.column_name, c.old_value, c.new_value, c.import_id "
                                  "FROM line_changes c JOIN lines l USING (line_id) ORDER BY change_id").fetchall()
        assert shop.scalar("SELECT rows_updated FROM imports WHERE import_id = ?", (res.import_id,)) == 2
    assert rows == [("7", "A", 3.0, 30.0, 0), ("7", "B", 1.0, 5.0, 0), ("8", "A", 1.0, 0.0, 1)]
    assert ("7", "quantity", 1.0, 3.0, res.import_id) in audit and ("7", "amount", 10.0, 30.0, res.import_id) in audit
    assert ("8", "is_cancellation", 0, 1, res.import_id) in audit and ("8", "amount", 10.0, 0.0, res.import_id) in audit
    _import_each(path, [b])                        # the latest state again: nothing changes
    with Shop(path) as shop:
        assert shop.line_count() == 3 and shop.scalar("SELECT count(*) FROM line_changes") == len(audit)


def test_etsy_transaction_id_is_the_line_key(tmp_path):
    hdr = "Sale Date,Item Name,Buyer,Quantity,Price,Item Total,Currency,Transaction ID,Order ID,SKU\n"
    # two transactions with equal values in one order, split over two exports; then a refund edit
    a = _write(tmp_path / "a.csv", [("03/02/24", "Mug", "jo", 1, "18.00", "18.00", "USD", 3001, 2001, "MUG")], hdr)
    b = _write(tmp_path / "b.csv", [("03/02/24", "Mug", "jo", 1, "18.00", "18.00", "USD", 3002, 2001, "MUG"),
                                    ("03/02/24", "Mug", "jo", 1, "18.00", "18.00", "USD", 3001, 2001, "MUG")], hdr)
    c = _write(tmp_path / "c.csv", [("03/02/24", "Mug", "jo", 2, "18.00", "36.00", "USD", 3002, 2001, "MUG")], hdr)
    path = tmp_path / "t.shop"
    res = _import_each(path, [a, b, c])
    assert [r.format["preset"] for r in res] == ["etsy"] * 3
    assert [(r.imported, r.updated) for r in res] == [(1, 0), (1, 0), (0, 1)]
    with Shop(path) as shop:
        assert shop.conn.execute("SELECT line_key, quantity, amount FROM line_items ORDER BY line_key").fetchall() \
            == [("3001", 1.0, 18.0), ("3002", 2.0, 36.0)]


def test_lines_without_an_order_are_identified_within_their_day(tmp_path):
    hdr = "date,store,sales\n"
    a = _write(tmp_path / "a.csv", [("2024-01-01", "North", 10), ("2024-01-01", "South", 5),
                                    ("2024-01-02", "North", 7)], hdr)
    # a later export revises 2 January (the day was not over yet) and adds 3 January
    b = _write(tmp_path / "b.csv", [("2024-01-02", "North", 9), ("2024-01-03", "North", 4)], hdr)
    path = tmp_path / "t.shop"
    _, res = _import_each(path, [a, b])
    assert (res.imported, res.updated) == (1, 1)
    assert _lines(path, "day, store, amount") == Counter(
        {("2024-01-01", "North", 10.0): 1, ("2024-01-01", "South", 5.0): 1, ("2024-01-02", "North", 9.0): 1,
         ("2024-01-03", "North", 4.0): 1})


# -- the property: any split, overlap and repetition gives the lines of the whole --------------

@st.composite
def _exports(draw):
    """A small export (orders of identical-looking lines), its split into consecutive chunks,
    overlaps of whole orders, and an import sequence with repetitions."""
    n_orders = draw(st.integers(1, 6))
    orders = [draw(st.lists(st.tuples(st.sampled_from("AB"), st.integers(1, 2)), min_size=1, max_size=5))
              for _ in range(n_orders)]
    rows, owner, starts = [], [], []
    for i, lines in enumerate(orders):
        starts.append(len(rows))
        for sku, qty in lines:
            rows.append((100 + i, f"2024-01-{1 + i:02d}", sku, qty, "1.00"))
            owner.append(i)
    n = len(rows)
    bounds = set(starts) | {n}
    cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=5))) if n > 1 else []
    edges = [0, *cuts, n]
    chunks = []
    for k in range(len(edges) - 1):
        s, e = edges[k], edges[k + 1]
        # like real pages, a file holds lines of at least two orders (README: a file holding a
        # piece of one order only, identical to another piece of it, reads as that piece again)
        assume(len(edges) == 2 or owner[s] != owner[e - 1])
        x = owner[s - 1] if s else None
        options = [b for b in sorted(bounds) if b < starts[x] or (b == starts[x] and s in bounds)] if k else []
        if options and draw(st.booleans()):
            # an overlapping export repeats whole orders: it starts at an order's start before the
            # order the previous chunk ended in (or at that order's start when it ended with it)
            s = draw(st.sampled_from(options))
        elif s and s not in bounds:
            # a plain cut inside an order: the two sides must not carry the same products in the
            # same numbers (README: that reads as the same order exported twice)
            before = Counter(r[2] for r in rows[starts[x]:s])
            after = Counter(r[2] for r in rows[s:min(e, starts[x] + len(orders[x]))])
            assume(before != after)
        chunks.append((s, e))
    seq = list(range(len(chunks)))
    for after, which in draw(st.lists(st.tuples(st.integers(0, len(chunks) - 1),
                                                st.integers(0, len(chunks) - 1)), max_size=3)):
        if which <= after:
            seq.insert(seq.index(after) + 1, which)
    return rows, chunks, seq


# every example runs several imports (about 0.1 s each): a few dozen examples per run keep the
# suite quick; SHOPINSIGHT_HYPOTHESIS_EXAMPLES=500 explores further
@settings(max_examples=int(os.environ.get("SHOPINSIGHT_HYPOTHESIS_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_exports())
def test_split_overlapping_and_repeated_exports_give_the_whole(export):
    rows, chunks, seq = export
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = [_write(tmp / f"part{k}.csv", rows[s:e]) for k, (s, e) in enumerate(chunks)]
        _import_each(tmp / "parts.shop", [files[k] for k in seq])
        # the whole export imported at once holds exactly its lines (shown once, in the tests above)
        assert _lines(tmp / "parts.shop") == Counter((str(o), sku, float(q)) for o, _, sku, q, _ in rows)


# -- the shared file cut into six pages ----------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not UCI.exists(), reason="shared data file not present")
def test_shared_file_cut_into_six_100k_files_gives_541909_lines(tmp_path):
    header, rows = _uci_head(541_909)
    files = []
    for k in range(6):
        f = tmp_path / f"page{k + 1}.csv"
        f.write_text(header + "".join(rows[k * 100_000:(k + 1) * 100_000]), newline="")
        files.append(f)
    del rows
    path = tmp_path / "t.shop"
    with Shop(path) as shop:
        res = import_files(shop, files)
        assert sum(r.imported for r in res) == shop.line_count() == 541_909
        assert abs(shop.scalar("SELECT total(amount) FROM lines") - 9_747_747.93) < 0.01
        again = import_files(shop, [files[2], files[1]])          # repeated pages add nothing
        assert [r.imported for r in again] == [0, 0] and shop.line_count() == 541_909
