"""The bulk import's streamed products/customers totals stay bounded by the number of
customers and products, not by the number of orders (issue 16: import memory on a 12 M-line file)."""
import sqlite3

import numpy as np
import pandas as pd

from shopinsight.core.importer.run import _Dimensions


def _chunk(orders: range, customers: int) -> pd.DataFrame:
    n = len(orders)
    return pd.DataFrame({
        "_dt": pd.to_datetime("2020-01-01") + pd.to_timedelta(np.arange(n) % 30, unit="D"),
        "is_merchandise": np.ones(n, dtype=bool),
        "quantity": np.ones(n), "amount": np.full(n, 2.0),
        "product_id": pd.array([f"P{i % 7}" for i in range(n)], dtype="string"),
        "product_name": pd.array([f"name {i % 7}" for i in range(n)], dtype="string"),
        "customer_id": pd.array([f"C{o % customers}" for o in orders], dtype="string"),
        "country": pd.array(["UK"] * n, dtype="string"),
        "order_id": pd.array([f"O{o}" for o in orders], dtype="string"),
    })


def _python_rows(dims: _Dimensions) -> int:
    """Rows held in Python/pandas partials by the aggregator."""
    return sum(len(f) for v in vars(dims).values() if isinstance(v, list)
               for f in v if isinstance(f, pd.DataFrame))


def test_customer_orders_do_not_grow_python_state_and_stay_exact():
    conn = sqlite3.connect(":memory:")
    dims = _Dimensions(conn)
    customers = 5
    for start in range(0, 3_000, 250):
        # every order has two lines; the chunks overlap by one order (an order cut by a chunk edge)
        orders = range(start, start + 251)
        dims.add(_chunk(orders, customers))
        dims.add(_chunk(orders, customers))     # the same orders again: counted once
        # bounded by customers and products (per pending chunk), not by the 3,000 orders
        assert _python_rows(dims) <= 32 * (customers + 7)
    pairs, cust = dims.finish()
    counts = dict(zip(cust["customer_id"], cust["orders"]))
    assert counts == {f"C{c}": 3_001 // customers + (c < 3_001 % customers) for c in range(customers)}
    assert cust["net_sales"].sum() == 2.0 * 2 * 12 * 251
    assert pairs["n"].sum() == 2 * 12 * 251
    # the temporary table is dropped once counted
    assert conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE name = 'import_customer_orders'"
                        ).fetchone()[0] == 0


# -- the CSV reader's read-ahead (issue 16: pyarrow queued 32 blocks, 64-80 MB, through the whole read)

def _rchar() -> int:
    with open("/proc/self/io") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("rchar:"))


def test_csv_reader_reads_few_blocks_ahead_of_the_chunk_taken(tmp_path, monkeypatch):
    import os
    import time

    import pytest

    from shopinsight.core.importer import sniff as sniff_mod
    if not os.path.exists("/proc/self/io"):
        pytest.skip("needs Linux's /proc/self/io to count the bytes read")
    block = 16 << 10
    monkeypatch.setattr(sniff_mod, "CHUNK_BYTES", block)
    path = tmp_path / "orders.csv"
    rows = [f"{536365 + i // 4},SKU{i % 97},ITEM {i % 97},{1 + i % 5},12/1/2010 8:26,2.55,{17850 + i % 300},UK"
            for i in range(40_000)]         # 2 MB: 128 blocks
    path.write_text("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                    + "\n".join(rows) + "\n")
    fmt = sniff_mod.sniff(path)
    before = _rchar()
    chunks = sniff_mod.iter_chunks(path, fmt)
    first = next(chunks)
    time.sleep(0.5)         # time for a background reader to fill its queue
    ahead = _rchar() - before
    # the chunk taken, the next one pyarrow needs to end it, and READ_AHEAD_BLOCKS more (was 32)
    assert ahead <= (2 + 4 + 2) * block, f"{ahead / block:.0f} blocks read for the first chunk"
    total = len(first) + sum(len(c) for c in chunks)
    assert total == 40_000


def test_paced_stream_holds_the_reader_and_lets_it_go_on_take_and_close():
    import threading
    import time

    from shopinsight.core.importer.sniff import _PacedStream

    class Raw:
        def __init__(self):
            self.reads = 0

        def read(self, n):
            self.reads += 1
            return b"x" * n

        def close(self):
            pass

    raw = Raw()
    paced = _PacedStream(raw, ahead=3)
    got = []
    reader = threading.Thread(target=lambda: [got.append(paced.read(10)) for _i in range(10)])
    reader.start()
    time.sleep(0.3)
    assert raw.reads == 3           # held at 3 blocks ahead of no batch taken
    with paced.taking():
        pass
    time.sleep(0.3)
    assert raw.reads == 4           # one batch taken: one more block
    with paced.taking(batch=False):     # opening the reader takes no batch
        pass
    time.sleep(0.3)
    assert raw.reads == 4
    paced.close()                   # a closed stream ends the reader at once (EOF)
    reader.join(2)
    assert not reader.is_alive()
    assert got[:4] == [b"x" * 10] * 4 and set(got[4:]) == {b""}
