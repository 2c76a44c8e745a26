"""The Overview's "What changed" panel: computed on the worker from core.explain, following the
Overview's period choice; waterfall, sentence and contributors shown (English and Chinese)."""
from __future__ import annotations

import pytest

from shopinsight.gui.main_window import MainWindow


@pytest.fixture
def three_months(lines_shop):
    rows = []
    for m, price in ((1, 2.0), (2, 2.0), (3, 2.5)):
        for d in range(1, 29):
            for c in range(2 + (m == 3)):
                rows.append(dict(order_id=f"{m}-{d}-{c}", ordered_at=f"2024-{m:02d}-{d:02d} 10:00:00",
                                 customer_id=f"C{c}", product_id="P1", product_name="Mug", quantity=2,
                                 unit_price=price, country="France" if c == 2 else "China"))
    rows.append(dict(order_id="end", ordered_at="2024-03-31 10:00:00", customer_id="C0", product_id="P1",
                     product_name="Mug", quantity=1, unit_price=2.5, country="China"))
    return lines_shop(rows)


@pytest.fixture
def window(qtbot, monkeypatch, quiet_context):
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.overview:OverviewTab"])
    ctx, errors = quiet_context()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    w.close()
    assert not errors, errors


def test_overview_shows_what_changed_for_its_period(qtbot, window, three_months):
    assert window.open_shop(three_months)
    ov = window.tab("OverviewTab")
    ov.set_period("30d")
    qtbot.waitUntil(lambda: ov.is_ready() and ov.what_changed.result is not None, timeout=60_000)
    panel = ov.what_changed
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
    # "all" has no earlier period: the panel says so instead of a chart
    ov.set_period("all")
    qtbot.waitUntil(lambda: ov.is_ready(), timeout=60_000)
    assert panel.result is None and "no earlier period" in panel.text.text()


def test_what_changed_in_chinese(qtbot, window, three_months):
    window.ctx.set_language("zh_CN")
    try:
        assert window.open_shop(three_months)
        ov = window.tab("OverviewTab")
        ov.set_period("30d")
        qtbot.waitUntil(lambda: ov.is_ready() and ov.what_changed.result is not None, timeout=60_000)
        panel = ov.what_changed
        assert "净销售额" in panel.text.text()
        assert panel.dimension.itemText(0) == "商品"
        labels = [t.get_text() for t in panel.chart.figure().axes[0].get_xticklabels()]
        assert all(not t.replace("\n", "").isascii() for t in labels), labels
    finally:
        window.ctx.set_language("en")
