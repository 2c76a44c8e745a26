"""File ▸ Export report…: the dialog collects the core's ReportOptions; the report is written on
the task runner (progress, Cancel) and a cancelled one leaves no file."""
from __future__ import annotations

import pytest

from shopinsight.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, monkeypatch, small_shop, quiet_context):
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.data:DataTab"])
    ctx, errors = quiet_context()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    assert w.open_shop(small_shop)
    yield w
    w.close()
    assert not errors, errors


def test_menu_dialog_and_background_report(qtbot, window, tmp_path):
    assert window.act_report.isEnabled()
    dlg = window.report_dialog()
    # the months of the shop, newest first; the last complete one is chosen (the shop ends on 28 Nov)
    months = [dlg.month.itemData(i) for i in range(dlg.month.count())]
    assert months == ["2011-11", "2011-10"] and dlg.month.currentData() == "2011-10"
    dlg.month.setCurrentIndex(0)
    dlg.lang.setCurrentIndex(dlg.lang.findData("zh_CN"))
    dlg.format.setCurrentIndex(dlg.format.findData("html"))
    dlg.path.setText(str(tmp_path / "nov.html"))
    opts = dlg.options()
    assert (opts.month, opts.lang, opts.resolved_format()) == ("2011-11", "zh_CN", "html")
    task = window.start_report(opts)
    qtbot.waitUntil(lambda: task.status == "done", timeout=120_000)
    html = (tmp_path / "nov.html").read_text(encoding="utf-8")
    assert "2011年11月" in html and "净销售额" in html


def test_bad_choice_keeps_the_dialog_open_with_the_reason(qtbot, window, tmp_path):
    dlg = window.report_dialog()
    dlg.path.setText(str(tmp_path / "missing" / "r.pdf"))
    dlg.show()
    dlg.accept()
    assert dlg.isVisible() and dlg.error.isVisible() and "folder" in dlg.error.text()
    dlg.close()


def test_cancelled_report_leaves_no_file(qtbot, window, tmp_path):
    dlg = window.report_dialog()
    dlg.path.setText(str(tmp_path / "r.pdf"))
    task = window.start_report(dlg.options())
    window.ctx.runner.cancel("report")
    qtbot.waitUntil(lambda: task.status in ("cancelled", "done", "error"), timeout=120_000)
    assert task.status == "cancelled"
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*partial")) == []
