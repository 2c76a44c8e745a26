"""``Shop.date_range`` reads the first and last day from the day index in a few steps: the GUI asks
for it on its thread whenever a shop opens (``min(day), max(day)`` in one query scanned every line)."""
from __future__ import annotations


def test_date_range_does_not_scan_the_lines(lines_shop):
    from shopinsight.core.store import Shop

    rows = [dict(order_id=f"O{i}", ordered_at=f"2011-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00",
                 product_id=f"P{i % 7}", quantity=1, unit_price=2.0) for i in range(6000)]
    rows.append(dict(order_id="late", ordered_at="2012-03-04 10:00:00", product_id="P1", quantity=1, unit_price=2.0))
    with Shop(lines_shop(rows)) as shop:
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        shop.conn.set_progress_handler(count, 100)     # called every 100 virtual-machine steps
        try:
            first, last = shop.date_range()
        finally:
            shop.conn.set_progress_handler(None, 0)
        assert (first, last) == ("2011-01-01", "2012-03-04")
        assert steps[0] < 10, steps[0]              # a scan of 6,001 index entries takes hundreds
