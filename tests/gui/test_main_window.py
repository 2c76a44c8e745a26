"""The main window: first-start page, opening a shop, tabs with charts, language switch,
settings, the sample shop, and that TensorFlow stays out of start-up."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QByteArray, Qt

from shopinsight import SAMPLE_CREDIT
from shopinsight.gui import settings as settings_mod
from shopinsight.gui.context import AppContext
from shopinsight.gui.main_window import MainWindow
from shopinsight.gui.widgets.chart import ChartView
from shopinsight.gui.widgets.frame_model import DataFrameModel



SHELL_TABS = ["shopinsight.gui.tabs.data:DataTab", "shopinsight.gui.tabs.overview:OverviewTab"]


@pytest.fixture
def shell_tabs(monkeypatch):
    """Only the shell's own tabs (the capability tabs have their own tests; one test below
    switches through all of them)."""
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", list(SHELL_TABS))


@pytest.fixture
def window(qtbot, shell_tabs):
    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = False
    errors = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(tb))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    yield w
    w.close()
    assert not errors, errors


def _overview(w):
    return w.tab("OverviewTab")


def _wait_ready(qtbot, w):
    qtbot.waitUntil(lambda: _overview(w).is_ready(), timeout=30_000)


def test_first_start_page_without_a_shop(qtbot, window):
    assert window.stack.currentWidget() is window.welcome
    assert not window.act_import.isEnabled() and not window.act_export.isEnabled()
    assert window.shop_label.text() == "No shop open"
    assert window.welcome.sample_button.isEnabled()
    assert window.welcome.recent.count() == 1          # "No recent shops yet"


def test_open_shop_shows_tabs_kpis_and_charts(qtbot, window, small_shop, tmp_path, tensorflow_guard):
    assert window.open_shop(small_shop)
    assert window.stack.currentWidget() is window.tabs
    _wait_ready(qtbot, window)
    ov = _overview(window)
    assert ov.cards["orders"].value.text() == "30"       # O0..O29; the cancellation-only C1 is not an order
    for chart in ov.charts():
        assert chart.figure() is not None and chart.data() is not None
    window.tabs.setCurrentWidget(ov)
    ov.sales_chart.redraw()
    assert ov.sales_chart.is_drawn()
    # day/week/month toggle recomputes only the sales chart
    ov.set_freq("D")
    qtbot.waitUntil(lambda: ov.is_ready(), timeout=30_000)
    daily = ov.sales_chart.data()
    assert daily["period_start"].iloc[0] == "2011-10-01" and len(daily) == 59   # Oct 1 – Nov 28, no leading empty days
    # save the chart in three formats and its data as CSV
    for ext in ("png", "svg", "pdf"):
        p = ov.sales_chart.save_chart(str(tmp_path / f"sales.{ext}"))
        assert p.stat().st_size > 1000
    csv = ov.top_chart.export_csv(str(tmp_path / "top.csv"))
    top = pd.read_csv(csv, encoding="utf-8-sig")
    assert list(top.columns[:3]) == ["product_id", "product_name", "net_sales"]
    assert top["product_name"].str.contains("产品").all()
    # status bar, recent files
    assert "61 lines" in window.shop_label.text()
    assert settings_mod.recent_files(window.ctx.settings)[0] == str(Path(small_shop).resolve())
    tensorflow_guard()   # this test did not load TensorFlow


def test_language_switch_rebuilds_menus_tabs_and_formats(qtbot, window, small_shop):
    window.open_shop(small_shop)
    _wait_ready(qtbot, window)
    window.set_language("zh_CN")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "文件(&F)" and "帮助(&H)" in titles
    assert "概览" in [window.tabs.tabText(i) for i in range(window.tabs.count())]
    ov = _overview(window)
    assert ov.cards["net_sales"].caption.text() == "净销售额"
    _wait_ready(qtbot, window)
    assert "月" in ov.range_label.text()                  # dates in Chinese
    # the charts' words come from the core catalog, in the app's language
    assert ov.sales_chart.figure().axes[0].get_title(loc="left").startswith("销售趋势")
    assert window.ctx.settings.value("ui/language") == "zh_CN"
    assert "行" in window.shop_label.text()
    window.set_language("en")
    assert window.menuBar().actions()[0].text() == "&File"
    assert _overview(window).cards["net_sales"].caption.text() == "Net sales"
    _wait_ready(qtbot, window)


def test_settings_keep_geometry_recent_and_version(qtbot, small_shop, shell_tabs):
    s = settings_mod.current()
    ctx = AppContext(settings=s)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    w.open_shop(small_shop)
    qtbot.waitUntil(lambda: not ctx.runner.is_busy(), timeout=30_000)
    size = (w.width(), w.height())
    w.close()
    assert isinstance(s.value("window/geometry"), QByteArray)
    assert int(s.value("settings_version")) == settings_mod.SETTINGS_VERSION
    again = settings_mod.make_settings()
    assert settings_mod.recent_files(again) == [str(Path(small_shop).resolve())]
    ctx2 = AppContext(settings=again)
    w2 = MainWindow(ctx2)
    qtbot.addWidget(w2)
    # restored, not the 1280×860 default (the offscreen screen is small, so Qt may narrow it)
    assert w2.height() == size[1] and w2.width() < 1280
    w2.close()


def test_a_headless_window_persists_nothing(qtbot, small_shop, shell_tabs):
    """Screenshot and smoke runs (ctx.headless) leave the user's settings as they were: every
    setting the window writes goes through ctx.remember."""
    s = settings_mod.current()
    s.setValue("recent/files", ["/keep/me.shop"])
    s.setValue("ui/language", "en")
    ctx = AppContext(settings=s)
    ctx.headless = True
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w._clear_recent()
    w.open_shop(small_shop)
    qtbot.waitUntil(lambda: not ctx.runner.is_busy(), timeout=30_000)
    w.tabs.setCurrentIndex(1)
    w.set_language("zh_CN")
    w.set_language("en")
    w.close()
    assert s.value("recent/files") == ["/keep/me.shop"] and s.value("ui/language") == "en"
    for key in ("window/geometry", "window/state", "window/tab", "paths/last_shop_dir", "recent/last_shop"):
        assert s.value(key) is None, key


def test_import_menu_uses_the_registered_wizard_and_about_shows_credit(qtbot, window, small_shop):
    calls = []
    window.open_shop(small_shop)
    window.ctx.register_import_handler(lambda paths: calls.append(paths))
    window.act_import.trigger()
    assert calls == [None]
    about = window.show_about()
    from PySide6.QtWidgets import QTextBrowser
    text = about.findChild(QTextBrowser).toPlainText()
    assert SAMPLE_CREDIT.split(" https")[0] in text and "PySide6" in text
    about.close()
    _wait_ready(qtbot, window)


def test_sample_shop_is_built_in_the_background(qtbot, window, stand_in_sample):
    stand_in_sample(300)     # a small stand-in for the bundled file: the first 300 lines of the real one
    from shopinsight.core.sample import default_sample_path
    window.open_sample_shop()
    qtbot.waitUntil(lambda: window.ctx.shop_path is not None, timeout=60_000)
    assert window.ctx.shop_path == default_sample_path().resolve()
    assert window.ctx.shop_name == "Sample shop (UCI Online Retail)"
    assert "300 lines" in window.shop_label.text()
    _wait_ready(qtbot, window)


def test_dataframe_model_sorts_and_formats(qtbot):
    df = pd.DataFrame({"name": ["b", "a", None], "n": [2, 10, 1], "x": [1234.5, None, 0.25]})
    m = DataFrameModel(df, headers={"n": "Count"}, formats={"x": "float1"})
    assert m.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert m.data(m.index(0, 2)) == "1,234.5" and m.data(m.index(1, 2)) == ""
    m.sort(1, Qt.SortOrder.DescendingOrder)
    assert [m.data(m.index(i, 1)) for i in range(3)] == ["10", "2", "1"]
    m.sort(0, Qt.SortOrder.AscendingOrder)
    assert [m.data(m.index(i, 0)) for i in range(3)] == ["a", "b", ""]   # missing last
    assert m.frame()["n"].tolist() == [10, 2, 1]
    assert m.data(m.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)


def test_chart_view_message_and_data_actions(qtbot):
    from shopinsight.core.charts import new_figure
    v = ChartView(name="demo")
    qtbot.addWidget(v)
    assert v.is_drawn() and v.figure() is None
    fig = new_figure()
    fig.add_subplot().plot([1, 2, 3])
    v.set_figure(fig, pd.DataFrame({"a": [1, 2]}))
    v.resize(500, 400)
    v.show()
    qtbot.waitUntil(v.is_drawn, timeout=5000)
    v.copy_data()
    from PySide6.QtWidgets import QApplication
    assert QApplication.clipboard().text().splitlines() == ["a", "1", "2"]
    v.set_message("No sales")
    assert v.figure() is None and v.data() is None


def test_switching_through_every_tab_with_charts(qtbot, small_shop, tensorflow_guard):
    """All registered tabs (Data, Overview and the capability tabs) on one shop: each can be
    shown, and every chart on it ends up drawn on the GUI thread."""
    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = False
    errors = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(tb))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.open_shop(small_shop)
    from shopinsight.gui.tabs import TAB_CLASSES
    assert w.tabs.count() == len(TAB_CLASSES)
    for i in range(len(w.tab_widgets)):
        w.tabs.setCurrentIndex(i)
        tab = w.tab_widgets[i]            # the real tab (a lazy one is built by being shown), not its stand-in
        qtbot.waitUntil(lambda: not hasattr(tab, "is_ready") or tab.is_ready(), timeout=60_000)
        for chart in tab.findChildren(ChartView):
            if chart.isVisible() and chart.figure() is not None:
                chart.redraw()
                assert chart.is_drawn()
    w.close()
    assert not errors, errors
    tensorflow_guard()   # this test did not load TensorFlow


def test_opening_a_sales_export_offers_to_import_it_into_a_new_shop(qtbot, window, tmp_path, monkeypatch):
    """A CSV opened as a shop is not an error: the window offers a new shop beside it and starts the
    import wizard with that file."""
    from PySide6.QtWidgets import QMessageBox

    from shopinsight.core.store import shop_name

    csv = tmp_path / "orders.csv"
    csv.write_text("order_id,date,sku,qty,unit_price\n1,2024-01-02,A,1,2.50\n", encoding="utf-8")
    asked, imports = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(window.ctx, "request_import", lambda paths=None: imports.append(paths) or True)
    warned = []
    monkeypatch.setattr("shopinsight.gui.main_window.warn", lambda *a: warned.append(a))
    assert window.open_shop(csv) is False                  # the CSV itself is not opened as a shop …
    assert not warned and asked and "orders.csv" in asked[0]
    assert window.ctx.shop_path == (tmp_path / "orders.shop").resolve()    # … a new shop beside it is
    assert imports == [[str(csv)]] and shop_name(tmp_path / "orders.shop") == "orders"


def test_recent_shops_show_the_shops_own_name(qtbot, window, small_shop):
    from shopinsight.core.store import Shop

    with Shop(small_shop) as shop, shop.transaction():
        shop.set_meta("name", "Corner Shop Leeds")
    window.welcome.set_recent([str(small_shop)])
    assert window.welcome.recent.item(0).text().startswith("Corner Shop Leeds\n")


def test_smoke_on_a_csv_reports_failure(tmp_path, capsys):
    import json

    from shopinsight.cli import main

    csv = tmp_path / "orders.csv"
    csv.write_text("order_id,date,sku,qty,unit_price\n1,2024-01-02,A,1,2.50\n", encoding="utf-8")
    assert main(["gui", str(csv), "--smoke", "--json"]) == 2
    out = capsys.readouterr()
    assert json.loads(out.out.strip().splitlines()[-1])["error"]["kind"] == "input"
    assert "sales export" in out.err


def test_welcome_credit_keeps_the_doi_on_one_line(qtbot, window):
    """The DOI starts a line of its own, as one unbreakable link (a word-wrapping QLabel otherwise
    broke it after "10.24432/" at the welcome page's width; looked at in the screenshots)."""
    from PySide6.QtWidgets import QLabel

    label = next(lb for lb in window.welcome.findChildren(QLabel) if "doi.org" in lb.text())
    assert '<br><nobr><a href="https://doi.org/10.24432/C5BW33">https://doi.org/10.24432/C5BW33</a></nobr>' \
        in label.text()


def test_wheel_over_a_chart_scrolls_the_page_and_a_new_shop_opens_at_the_top(qtbot, window, small_shop,
                                                                              tmp_path):
    import shutil

    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window.resize(1280, 800)
    assert window.open_shop(small_shop)
    _wait_ready(qtbot, window)
    ov = _overview(window)
    window.tabs.setCurrentWidget(ov)
    bar = ov.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=10_000)
    canvas = ov.sales_chart._canvas
    pos = QPointF(canvas.width() / 2, canvas.height() / 2)
    ev = QWheelEvent(pos, QPointF(canvas.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, -240),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, ev)
    # the canvas leaves the wheel to its parents, so the page scrolls (Qt propagates real wheel
    # events only, so a test can see the canvas pass it on, not the scroll itself)
    assert not ev.isAccepted()
    bar.setValue(bar.maximum())
    other = tmp_path / "other.shop"
    shutil.copy(small_shop, other)
    assert window.open_shop(other)
    _wait_ready(qtbot, window)
    assert bar.value() == 0                           # the next shop opens at the top


def test_a_chart_on_a_hidden_tab_draws_when_shown(qtbot):
    """Opening a shop fills every tab, but only what is on screen is drawn: a chart on a tab not
    shown draws when the tab is first shown (drawing is the GUI thread's largest cost)."""
    from matplotlib.artist import Artist
    from PySide6.QtWidgets import QLabel, QTabWidget

    from shopinsight.core.charts import new_figure

    draws: list = []

    class Counter(Artist):
        def draw(self, renderer):
            draws.append(1)

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    v = ChartView(name="hidden")
    tabs.addTab(QLabel("first"), "first")
    tabs.addTab(v, "second")
    tabs.resize(600, 450)
    tabs.show()
    qtbot.waitExposed(tabs)
    fig = new_figure()
    fig.add_subplot().plot([1, 2, 3])
    fig.add_artist(Counter())
    v.set_figure(fig)
    qtbot.wait(300)
    assert v.canvas().width() > 0 and v.canvas().height() > 0
    assert draws == [] and not v.is_drawn()
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(v.is_drawn, timeout=5000)
    assert draws


def test_chart_renders_off_the_gui_thread(qtbot):
    """A slow figure (here an artist that takes 0.6 s to draw) is rendered by the render thread:
    the GUI thread's event loop keeps turning meanwhile, and the painted image arrives after."""
    import threading
    import time

    from matplotlib.artist import Artist
    from PySide6.QtCore import QTimer

    from shopinsight.core.charts import new_figure

    drawn_on: list = []

    class Slow(Artist):
        def draw(self, renderer):
            drawn_on.append(threading.current_thread())
            time.sleep(0.6)

    fig = new_figure()
    fig.add_subplot().plot([1, 2, 3])
    fig.add_artist(Slow())
    v = ChartView(name="slow")
    qtbot.addWidget(v)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    v.set_figure(fig)
    v.resize(500, 400)
    v.show()
    qtbot.waitUntil(v.is_drawn, timeout=10000)
    timer.stop()
    assert drawn_on and threading.main_thread() not in drawn_on
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.4, max(gaps)
    assert not v.canvas()._image.isNull()
    v.redraw()                               # screenshots: synchronous, on the GUI thread
    assert drawn_on[-1] is threading.main_thread() and v.is_drawn()
