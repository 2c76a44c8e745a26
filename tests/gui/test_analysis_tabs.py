"""The analysis-tab base (gui/widgets/job_tab.py) as every tab uses it: a reopened shop shows the
tab's last stored run, ``show_run(id)`` shows an older one, and a job failing on the user's data or
choice (``InputError``) is said in the tab — never the bug dialog, which stays for bugs."""
from __future__ import annotations

import importlib

import pytest

from test_recommendations_tab import _rows


def _two_runs(path, kind: str) -> tuple[int, int]:
    """Store two runs of ``kind`` (made by the same core calls the tabs and the CLI use)."""
    from shopinsight.core.store import Shop

    with Shop(path) as shop:
        if kind == "forecast":
            from shopinsight.core.forecast import ForecastOptions, SeriesSpec, run_forecast
            ids = [run_forecast(shop, SeriesSpec(freq="W"), ForecastOptions(horizon=h, models=("seasonal_naive",),
                                                                              windows=0)).run_id for h in (3, 5)]
        elif kind == "customers":
            from shopinsight.core.customers import CustomerOptions, run_customers
            ids = [run_customers(shop, CustomerOptions(horizon=h, models=("recency",))).run_id for h in (30, 60)]
        elif kind == "recommend":
            from shopinsight.core.recommend.pipeline import RecommendOptions, run_recommend
            ids = [run_recommend(shop, RecommendOptions(models=("popularity",), k=k)).run_id for k in (3, 6)]
        elif kind == "anomalies":
            from shopinsight.core.anomalies import AnomalyOptions, run_anomalies
            ids = [run_anomalies(shop, AnomalyOptions(level=lv)).run_id for lv in ("orders", "days")]
        else:
            from shopinsight.core.analytics import OverviewOptions, run_overview
            ids = []
            for period in ("all", "90d"):
                res = run_overview(shop, OverviewOptions(period=period))
                ids.append(res.save(shop))
    return ids[0], ids[1]


def _shown_id(tab) -> int:
    return tab.result.run_id if tab.result is not None else None


TABS = [("shopinsight.gui.tabs.forecast", "ForecastTab", "forecast"),
        ("shopinsight.gui.tabs.customers", "CustomersTab", "customers"),
        ("shopinsight.gui.tabs.recommendations", "RecommendationsTab", "recommend"),
        ("shopinsight.gui.tabs.anomalies", "AnomaliesTab", "anomalies")]


@pytest.mark.parametrize("module, cls, kind", TABS)
def test_reopened_shop_shows_the_last_stored_run_and_show_run_an_older_one(qtbot, lines_shop, module, cls, kind):
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.context import AppContext

    path = lines_shop(_rows())
    older, newer = _two_runs(path, kind)
    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = False
    errors = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(tb))
    try:
        tab = getattr(importlib.import_module(module), cls)(ctx)
        qtbot.addWidget(tab)
        ctx.set_shop(path)                                   # the shop is opened: the last run comes back
        qtbot.waitUntil(lambda: tab.is_ready() and tab.result is not None, timeout=30_000)
        assert _shown_id(tab) == newer
        tab.show_run(older)                                  # what the Runs panel calls
        qtbot.waitUntil(lambda: tab.is_ready() and _shown_id(tab) == older, timeout=30_000)
        ctx.set_shop(path)                                   # reopened: the newest again
        qtbot.waitUntil(lambda: tab.is_ready() and _shown_id(tab) == newer, timeout=30_000)
        assert not errors, errors
    finally:
        ctx.runner.shutdown()


def test_the_overview_shows_a_stored_overview_run(qtbot, open_tab, lines_shop):
    from shopinsight.gui.tabs.overview import OverviewTab

    tab = open_tab(OverviewTab, _rows(), timeout=30_000)
    assert tab.result is not None and tab.result.run_id is None       # computed from the data, not stored
    older, _newer = _two_runs(tab.ctx.shop_path, "overview")
    tab.show_run(older)
    qtbot.waitUntil(lambda: tab.is_ready() and _shown_id(tab) == older, timeout=30_000)
    assert tab.result.options.period == "all"


def test_show_run_of_another_kind_says_so(qtbot, open_tab):
    from shopinsight.gui.tabs.anomalies import AnomaliesTab

    tab = open_tab(AnomaliesTab, _rows(), timeout=30_000)
    _older, newer = _two_runs(tab.ctx.shop_path, "recommend")
    tab.show_run(newer)
    qtbot.waitUntil(lambda: "#%d" % newer in tab.status.text(), timeout=20_000)
    assert tab.result is None


def test_input_error_from_a_job_is_said_in_the_tab_not_in_the_bug_dialog(qtbot, tmp_path):
    """A job failing on the user's data (an empty shop) shows "There is a problem with your data or
    choice" in the tab and no dialog; a bug in a job still opens the bug dialog."""
    from shopinsight.core.store import Shop
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.context import AppContext
    from shopinsight.gui.tabs.anomalies import AnomaliesTab

    empty = tmp_path / "empty.shop"
    Shop(empty).close()
    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = True
    try:
        tab = AnomaliesTab(ctx)
        qtbot.addWidget(tab)
        ctx.set_shop(empty)                                # a shop with no lines: the user's data
        qtbot.waitUntil(tab.is_ready, timeout=20_000)
        tab.run()
        qtbot.waitUntil(lambda: tab.run_button.isEnabled() and tab.is_ready(), timeout=20_000)
        assert tab.status.text().startswith("There is a problem with your data or choice:")
        assert "no lines" in tab.problem
        assert ctx.runner.last_error_dialog is None        # not the bug dialog, not any dialog
        assert tab.progress.isHidden() and not tab.cancel_button.isEnabled()

        def bug(shop, rep):
            raise ZeroDivisionError("a bug")
        tab.start_job(bug, title="Finding anomalies")
        qtbot.waitUntil(lambda: ctx.runner.last_error_dialog is not None, timeout=20_000)
        dialog = ctx.runner.last_error_dialog
        assert dialog.windowTitle() == "Something went wrong"
        assert "problem with your data" not in tab.status.text()
        dialog.close()
    finally:
        ctx.runner.shutdown()


def test_no_gui_code_matches_exception_message_text():
    """Errors are routed by their type (InputError, Cancelled, the rest), never by what their
    message says."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "shopinsight" / "gui"
    pattern = re.compile(r"""["'][^"']*["']\s+(not\s+)?in\s+str\((exc|e|err|error)\)|str\((exc|e|err|error)\)\s*\.\s*(startswith|endswith|find|lower)\(""")
    hits = [f"{p.name}:{i}" for p in root.rglob("*.py") for i, line in enumerate(p.read_text().splitlines(), 1)
            if pattern.search(line)]
    assert hits == []
