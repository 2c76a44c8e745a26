"""The Overview's "What changed" panel: computed on the worker from core.explain, following the
Overview's period choice; waterfall, sentence and contributors shown (English and Chinese)."""
from __future__ import annotations

import pytest

from shopinsight.gui.tabs.overview import OverviewTab


def _rows() -> list[dict]:
    rows = []
    for m, price in ((1, 2.0), (2, 2.0), (3, 2.5)):
        for d in range(1, 29):
            for c in range(2 + (m == 3)):
                rows.append(dict(order_id=f"{m}-{d}-{c}", ordered_at=f"2024-{m:02d}-{d:02d} 10:00:00",
                                 customer_id=f"C{c}", product_id="P1", product_name="Mug", quantity=2,
                                 unit_price=price, country="France" if c == 2 else "China"))
    rows.append(dict(order_id="end", ordered_at="2024-03-31 10:00:00", customer_id="C0", product_id="P1",
                     product_name="Mug", quantity=1, unit_price=2.5, country="China"))
    return rows


def _explained(qtbot, ov, period: str = "30d"):
    ov.set_period(period)
    qtbot.waitUntil(lambda: ov.is_ready() and ov.what_changed.result is not None, timeout=60_000)
    return ov.what_changed


def test_overview_shows_what_changed_for_its_period(qtbot, open_tab):
    ov = open_tab(OverviewTab, _rows(), timeout=60_000)
    panel = _explained(qtbot, ov)
    res = panel.result
    assert (res.after_span.start, res.after_span.end) == ("2024-03-02", "2024-03-31")
    assert (res.before_span.start, res.before_span.end) == ("2024-02-01", "2024-03-01")
    assert panel.text.text() == res.text and panel.text.text().startswith("Net sales rose")
    ax = panel.chart.figure().axes[0]
    assert len(ax.patches) == len(res.parts) + 2
    dims = [panel.dimension.itemData(i) for i in range(panel.dimension.count())]
    assert dims[:2] == ["product", "country"]
    panel.dimension.setCurrentIndex(1)
    assert panel.model.rowCount() >= 1 and panel.model.frame()["name"].iloc[0] == "France"
    # "all" has no earlier period: the panel explains the last complete month against the one
    # before (named in its subtitle) rather than staying empty
    ov.set_period("all")
    qtbot.waitUntil(lambda: ov.is_ready() and panel.is_ready(), timeout=60_000)
    res = panel.result
    assert res is not None and res.after_span.unit == "month" and res.before_span.unit == "month"
    assert res.after_span.start[:7] in panel.subtitle.text() or "March" in panel.subtitle.text()


def test_what_changed_in_chinese(qtbot, open_tab):
    ov = open_tab(OverviewTab, _rows(), timeout=60_000)
    ov.ctx.set_language("zh_CN")        # the core's words follow (the window would also rebuild its tabs)
    try:
        panel = _explained(qtbot, ov, "30d")
        assert "净销售额" in panel.text.text()
        assert panel.dimension.itemText(0) == "商品"
        labels = [t.get_text() for t in panel.chart.figure().axes[0].get_xticklabels()]
        assert all(not t.replace("\n", "").isascii() for t in labels), labels
    finally:
        ov.ctx.set_language("en")
