"""What the analysis tabs share instead of writing it each (issue 12: each tab a third shorter): the
AnalysisTab's stored-run loader and side jobs, the layout helpers, FrameTable's row callback,
DataFrameModel's column choice and the KPI card's change line."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from shopinsight.core.store import Shop
from shopinsight.gui.widgets.frame_model import DataFrameModel
from shopinsight.gui.widgets.frame_table import FrameTable
from shopinsight.gui.widgets.job_tab import AnalysisTab
from shopinsight.gui.widgets.kpi_card import KpiCard
from shopinsight.gui.widgets.layout import choice_buttons, combo, spin

_GREEN, _RED, _GREY = "#1a7f4b", "#c0392b", "#6b7280"


def test_kpi_card_words_changes_one_way(qtbot):
    card = KpiCard("Net sales")
    qtbot.addWidget(card)
    card.set_change("£1,000", 0.25, True)
    assert card.value.text() == "£1,000" and card.change.text() == "▲ 25.0% vs previous period"
    assert _GREEN in card.change.styleSheet()
    card.set_change("£1,000", -0.001, True)                       # flat: grey
    assert card.change.text().startswith("▼") and _GREY in card.change.styleSheet()
    card.set_change("2.0%", 0.004, True, higher_is_good=False, points=True)   # more cancellations: bad
    assert card.change.text() == "▲ 0.4 points vs previous period" and _RED in card.change.styleSheet()
    card.set_change("£1,000", None, True)
    assert card.change.text() == "no comparison"
    card.set_change("£1,000", 0.5, False, no_previous="no earlier data to compare with")
    assert card.change.text() == "no earlier data to compare with" and _GREY in card.change.styleSheet()


def test_layout_helpers(qtbot):
    assert isinstance(spin(1, 10, 3), QSpinBox) and spin(1, 10, 3).value() == 3
    d = spin(0.5, 0.999, 0.95, decimals=3)
    assert isinstance(d, QDoubleSpinBox) and d.decimals() == 3 and d.value() == 0.95
    picked = []
    box = combo((("a", "Alpha"), ("b", "Beta")), current="b", on_change=picked.append)
    assert box.currentData() == "b" and box.currentText() == "Beta" and picked == []
    box.setCurrentIndex(0)
    assert picked == [0]
    host = KpiCard("host")
    qtbot.addWidget(host)
    codes = []
    group = choice_buttons((("D", "Daily"), ("W", "Weekly")), "W", codes.append, host)
    assert [b.isChecked() for b in group.buttons()] == [False, True]
    group.buttons()[0].click()
    assert codes == ["D"] and group.buttons()[0].isChecked() and not group.buttons()[1].isChecked()


def test_frame_table_row_callback_and_model_columns(qtbot):
    rows = []
    model = DataFrameModel()
    table = FrameTable(model, single=True, on_row=rows.append)
    qtbot.addWidget(table)
    model.set_frame(pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": [0.1, 0.2]}), ("c", "a", "zz"))
    assert [model.column_name(i) for i in range(model.columnCount())] == ["c", "a"]
    table.selectRow(1)
    assert rows[-1] == 1
    model.set_frame(pd.DataFrame({"a": [1]}), ("zz",))             # none of them: every column
    assert model.columnCount() == 1


class _Tab(AnalysisTab):
    job_kind = "widgets-test"
    result_type = "shopinsight.core.analytics:OverviewResult"


def test_analysis_tab_loads_its_result_type_and_runs_side_jobs(qtbot, quiet_context, lines_shop):
    path = lines_shop([dict(order_id="1", ordered_at="2011-01-03 10:00:00", customer_id="C1", product_id="P",
                            product_name="Mug", quantity=2, unit_price=3.0)])
    with Shop(path) as shop:
        run_id = shop.save_run("overview", params={"period": "all", "freq": "M"}, metrics={}, tables={})
        assert _Tab.load_run(shop, None, None).run_id == run_id        # the newest of the kind
        assert AnalysisTab.load_run(shop, None, None) is None           # no result type: nothing to load
    ctx, errors = quiet_context()
    tab = _Tab(ctx)
    qtbot.addWidget(tab)
    ctx.set_shop(path)
    got = []
    tab.run_on_shop("widgets-test.side", lambda shop, rep: shop.scalar("SELECT count(*) FROM lines"), got.append,
                    title="count", readonly=True)
    qtbot.waitUntil(lambda: got == [1], timeout=10_000)
    ctx.runner.shutdown()
    assert not errors


def test_set_day_and_remembered_choices(qtbot, quiet_context):
    from shopinsight.gui.widgets.date_edit import date_edit, set_day

    edit = date_edit()
    qtbot.addWidget(edit)
    changed = []
    edit.dateChanged.connect(changed.append)
    set_day(edit, "2011-12-09 08:26:00", quiet=True)
    assert edit.date().toString("yyyy-MM-dd") == "2011-12-09" and changed == []
    set_day(edit, None)
    set_day(edit, "2011-01-02")
    assert edit.date().toString("yyyy-MM-dd") == "2011-01-02" and len(changed) == 1
    ctx, _errors = quiet_context()
    ctx.remember("overview/period", "90d")
    assert ctx.settings.value("overview/period") == "90d"
    ctx.headless = True                        # screenshot and smoke runs persist nothing
    ctx.remember("overview/period", "all")
    assert ctx.settings.value("overview/period") == "90d"
    ctx.runner.shutdown()
