"""The Data tab's review list of postage, fees and other non-merchandise products: a thin face
on core.classify (list on a worker, corrections on the task runner, applied at once)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from shopinsight.core.store import Shop


def _rows():
    base = dict(ordered_at="2011-10-03 10:00:00", customer_id="C1", quantity=1, country="UK", is_merchandise=1,
                line_kind="sale")
    return [
        dict(base, order_id="1", product_id="85123A", product_name="WHITE HANGING HEART", unit_price=2.5),
        dict(base, order_id="1", product_id="POST", product_name="POSTAGE", unit_price=18.0,
             is_merchandise=0, line_kind="postage"),
        dict(base, order_id="2", product_id="POST", product_name="POSTAGE", unit_price=15.0,
             is_merchandise=0, line_kind="postage"),
        dict(base, order_id="2", product_id="23444", product_name="Next Day Carriage", unit_price=20.0,
             is_merchandise=0, line_kind="postage"),
    ]


def test_review_list_shows_flagged_codes_and_sets_a_kind(qtbot, open_tab):
    from shopinsight.gui.tabs.data import DataTab

    tab = open_tab(DataTab, _rows())
    view = tab.classify_view
    assert tab.review_tabs.count() == 2
    m = view.model
    assert m.rowCount() == 2
    shown = {m.data(m.index(r, 0)): (m.data(m.index(r, 1)), m.data(m.index(r, 2)), m.data(m.index(r, 4)))
             for r in range(m.rowCount())}
    assert shown == {"POST": ("POSTAGE", "postage", "2"), "23444": ("Next Day Carriage", "postage", "1")}
    assert not view.set_button.isEnabled()
    # every header fits its column, no sort arrow until the user sorts (FrameTable)
    tab.resize(1280, 800)
    hh = view.table.horizontalHeader()
    assert [c for c in range(m.columnCount() - 1) if view.table.columnWidth(c) < hh.sectionSizeHint(c)] == []
    assert not (hh.isSortIndicatorShown() and 0 <= hh.sortIndicatorSection() < m.columnCount())
    row = next(r for r in range(m.rowCount()) if m.data(m.index(r, 0)) == "23444")
    view.table.selectionModel().select(m.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert view.selected_keys() == ["23444"] and view.set_button.isEnabled()
    view.kind.setCurrentIndex(view.kind.findData("merchandise"))
    tab._classify_loaded = False
    with qtbot.waitSignal(tab.ctx.data_changed, timeout=20_000):
        view.set_button.click()
    qtbot.waitUntil(tab.is_ready, timeout=20_000)
    with Shop(tab.ctx.shop_path) as shop:
        assert shop.scalar("SELECT is_merchandise || line_kind FROM lines WHERE product_id = '23444'") == "1sale"
        assert shop.scalar("SELECT kind FROM classification_overrides WHERE key = '23444'") == "merchandise"
    kinds = {m.data(m.index(r, 0)): (m.data(m.index(r, 2)), m.data(m.index(r, 3))) for r in range(m.rowCount())}
    assert kinds["23444"] == ("merchandise", "you") and kinds["POST"] == ("postage", "importer")
