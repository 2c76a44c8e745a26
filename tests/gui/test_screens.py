"""Every screen at a laptop's and a desktop's size (issue 15): the screenshot mode's ``--size``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def data_tab_only(monkeypatch):
    """Only the Data tab (charts are slow to draw on a busy machine; the size is the window's)."""
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.data:DataTab"])


def test_screenshots_render_at_the_size_asked(qtbot, small_shop, data_tab_only, tmp_path, capsys, size="1280x800"):
    from PySide6.QtGui import QImage

    from shopinsight.cli import main

    import threading

    assert main(["gui", str(small_shop), "--screenshots", str(tmp_path / "shots"), "--size", size, "--json"]) == 0
    # the app's warm-up (module imports on a worker) may still be importing on a busy machine: let it end
    qtbot.waitUntil(lambda: not any(t.name.endswith("warm-up") for t in threading.enumerate()), timeout=120_000)
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    w, h = (int(x) for x in size.split("x"))
    assert out["size"] == [w, h] and not out["errors"]
    sizes = {Path(f).stem.split("-", 1)[1]: (QImage(f).width(), QImage(f).height()) for f in out["files"]}
    # the window's screens at exactly that size; dialogs never larger than it
    for screen in ("tab-data", "data-postage-and-fees", "welcome"):
        assert sizes[screen] == (w, h), (screen, sizes[screen])
    assert "basket-rules" in sizes                  # the dialog a basket-list file opens
    assert all(sw <= w and sh <= h for name, (sw, sh) in sizes.items() ), sizes


@pytest.mark.parametrize("bad", ["1280", "1280x", "wide", "10x10", "1280x800x2"])
def test_a_bad_size_is_a_usage_error(small_shop, tmp_path, capsys, bad):
    from shopinsight.cli import main

    assert main(["gui", str(small_shop), "--screenshots", str(tmp_path / "shots"), "--size", bad]) == 2
    assert "1280x800" in capsys.readouterr().err


def test_size_only_with_screenshots(small_shop, capsys):
    from shopinsight.cli import main

    assert main(["gui", str(small_shop), "--smoke", "--size", "1280x800"]) == 2
    assert "--screenshots" in capsys.readouterr().err


# -- every tab of the window at the laptop size, in English and Chinese ----------------------------
@pytest.fixture(scope="module")
def shop_with_runs(tmp_path_factory):
    """The pseudo-locale test's 14-month shop with a stored run of every analysis (quick models)."""
    import importlib.util

    from shopinsight.cli import main
    from shopinsight.core.store import Shop

    here = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("_pseudo_rows", here / "test_pseudo_locale.py")
    rows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rows)
    spec = importlib.util.spec_from_file_location("_shop_maker", here.parent / "conftest.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    shop = maker.make_lines_shop(tmp_path_factory.mktemp("screens") / "runs.shop", rows._rows())
    with Shop(shop) as s:
        s.set_meta("currency", "GBP")
    quick = "naive,seasonal_naive,moving_average"
    for verb in (["forecast", "--horizon", "8", "--models", quick, "--backtest", "--windows", "1"],
                 ["forecast", "--level", "product", "--top", "4", "--horizon", "8", "--models", quick],
                 ["customers"], ["recommend"], ["anomalies"]):
        assert main([*verb, "--db", str(shop), "--json"]) == 0, verb
    return shop


def _pages(widget):
    """Every page of every QTabWidget inside ``widget`` (sub-tabs such as Forecast's Per series)."""
    from PySide6.QtWidgets import QTabWidget
    return [(tw, i) for tw in widget.findChildren(QTabWidget) for i in range(tw.count())]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_tab_fits_a_laptop_screen(qtbot, shop_with_runs, lang, quiet_context):
    """At 1280×800, in both languages, on every tab and each of its sub-pages: no table header is
    wider than its column, and every button shown (Train, Find anomalies, the exports …) is wholly
    visible — not cut off nor below the fold."""
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.main_window import MainWindow
    from shopinsight.gui.screen_check import screen_problems

    settings_mod.install_translators(lang)
    ctx, errors = quiet_context()
    ctx.set_language(lang)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    assert window.open_shop(shop_with_runs)
    problems = []
    try:
        for i in range(len(window.tab_widgets)):
            window.tabs.setCurrentIndex(i)
            tab = window.tab_widgets[i]
            qtbot.waitUntil(lambda: not hasattr(tab, "is_ready") or tab.is_ready(), timeout=60_000)
            qtbot.waitUntil(lambda: not ctx.runner.running_tasks(), timeout=60_000)
            assert (window.width(), window.height()) == (1280, 800)
            name = type(tab).__name__
            problems += [f"{name}: {p}" for p in screen_problems(window)]
            for tw, page in _pages(tab):
                tw.setCurrentIndex(page)
                qtbot.wait(20)
                problems += [f"{name} / {tw.tabText(page)}: {p}" for p in screen_problems(window)]
    finally:
        ctx.runner.shutdown()
        window.close()
        settings_mod.install_translators("en")
    assert not errors, errors
    assert sorted(set(problems)) == []


def test_the_checks_see_a_clipped_header_and_a_button_below_the_fold(qtbot):
    import pandas as pd
    from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

    from shopinsight.gui.screen_check import clipped_headers, hidden_buttons
    from shopinsight.gui.widgets.frame_model import DataFrameModel
    from shopinsight.gui.widgets.frame_table import FrameTable

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    model = DataFrameModel(pd.DataFrame({"a": [1], "b": [2]}), headers={"a": "Median net sales", "b": "Orders"})
    table = FrameTable(model, stretch_last=False)
    lay.addWidget(table)
    form = QWidget()
    fl = QVBoxLayout(form)
    fl.addSpacing(600)
    below = QPushButton("Train")
    fl.addWidget(below)
    scroll = QScrollArea()
    scroll.setWidget(form)
    scroll.setFixedHeight(200)
    lay.addWidget(scroll)
    visible = QPushButton("Cancel")
    lay.addWidget(visible)
    root.resize(600, 500)
    root.show()
    table.setColumnWidth(0, 30)
    assert [p.split(":")[1].strip() for p in clipped_headers(root)] == ["header 'Median net sales' 30 px < " +
                                                                       f"{table.horizontalHeader().sectionSizeHint(0)} px"]
    found = hidden_buttons(root)
    assert len(found) == 1 and "'Train'" in found[0]
    scroll.ensureWidgetVisible(below)
    assert hidden_buttons(root) == []


def test_a_narrow_table_narrows_its_long_text_column_instead_of_hiding_the_last_ones(qtbot):
    """The Recommendations tab's "Bought before" at 1280×800 showed "Orde": the product names took the
    width and pushed Orders and Last bought out of sight.  The long column now elides (tooltip) instead."""
    import pandas as pd

    from shopinsight.gui.widgets.frame_model import DataFrameModel
    from shopinsight.gui.widgets.frame_table import FrameTable

    model = DataFrameModel(pd.DataFrame({"product_id": ["22375"], "product_name": ["AIRLINE BAG VINTAGE JET SET "
                                                                                  "BROWN AND A LONG NAME"],
                                         "orders": [3], "last_day": ["2011-12-07"]}),
                           headers={"product_id": "Product", "product_name": "Name", "orders": "Orders",
                                    "last_day": "Last bought"})
    view = FrameTable(model)
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.wait(10)
    header = view.horizontalHeader()
    shown = view.viewport().width()
    assert sum(view.columnWidth(c) for c in range(4)) <= shown
    assert all(view.columnWidth(c) >= header.sectionSizeHint(c) for c in range(3))
    assert view.columnWidth(1) >= view.min_column_width
    view.resize(1000, 300)                     # room again: the name gets its whole width back
    qtbot.wait(10)
    assert view.columnWidth(1) > 250


def test_the_forecast_form_shows_the_settings_of_the_run_it_shows(qtbot, shop_with_runs, quiet_context):
    """A stored per-product run (4 series, horizon 8, no backtest) under a form saying "Whole shop,
    20 series, 28 periods, 3 windows" misstated what is on screen."""
    from shopinsight.gui.tabs.forecast import ForecastTab

    ctx, errors = quiet_context()
    tab = ForecastTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    ctx.set_shop(shop_with_runs)
    qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not ctx.runner.running_tasks(), timeout=60_000)
    try:
        assert tab.result.spec.level == "product"
        assert (tab.level_combo.currentData(), tab.target_combo.currentData(), tab.top_spin.value(),
                tab.horizon_spin.value(), tab.windows_spin.value()) == \
            ("product", tab.result.spec.target, 4, 8, tab.result.options.windows)
        spec, opts = tab.options()                   # Train repeats the run shown
        assert (spec.level, spec.top, opts.horizon) == ("product", 4, 8)
    finally:
        ctx.runner.shutdown()
    assert not errors, errors


def test_a_long_line_of_values_ends_in_an_ellipsis_not_mid_word(qtbot):
    """The import wizard's first values ("… · CREAM CUPI") were cut at the page's edge."""
    from shopinsight.gui.widgets.elided_label import ElidedLabel

    label = ElidedLabel()
    qtbot.addWidget(label)
    text = "WHITE HANGING HEART T-LIGHT…  ·  WHITE METAL LANTERN  ·  CREAM CUPID HEARTS COAT HANGER"
    label.setText(text)
    label.resize(label.fontMetrics().horizontalAdvance(text) // 2, 24)
    label.show()
    shown = label.shown_text()
    assert shown.endswith("…") and text.startswith(shown[:-1])
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == text


def test_a_customers_history_dates_in_the_languages_style(qtbot, shop_with_runs, quiet_context):
    """"Last bought" showed ISO dates (2011-10-31) in the English and the Chinese UI alike."""
    import re

    from shopinsight.gui.tabs.recommendations import RecommendationsTab

    ctx, errors = quiet_context()
    tab = RecommendationsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    ctx.set_shop(shop_with_runs)
    try:
        qtbot.waitUntil(lambda: tab.is_ready() and tab.model is not None, timeout=60_000)
        tab.show_customer("C001")
        qtbot.waitUntil(lambda: tab.history_model.rowCount() > 0, timeout=60_000)
        m = tab.history_model
        col = [m.column_name(c) for c in range(m.columnCount())].index("last_day")
        shown = m.index(0, col).data()
        assert shown and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown), shown
    finally:
        ctx.runner.shutdown()
    assert not errors, errors
