"""The import wizard's problems and the quality view's reject reasons in the Chinese UI: the wizard
shows the importer's own refusal (a binary file, a zip archive) in the UI's language, and rejected rows'
reasons, stored in English, are shown in Chinese."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from shopinsight.gui import settings as settings_mod
from shopinsight.gui.import_wizard import ImportWizard
from shopinsight.gui.quality_view import QualityView

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh_ctx(empty_shop_ctx):
    c = empty_shop_ctx
    c.set_language("zh_CN")                 # the core's catalogs (what the main window does, with Qt's)
    settings_mod.install_translators("zh_CN")
    yield c
    settings_mod.install_translators("en")
    c.set_language("en")


@pytest.mark.parametrize("name, content, words", [
    ("binary.csv", b"\x00\x01\x02\x03" * 400, "二进制文件"),
    ("empty.csv", b"", "文件是空的"),
    ("header.csv", b"order_id,date,sku,qty,unit_price\n", "数据行"),
])
def test_wizard_problems_are_chinese(qtbot, zh_ctx, tmp_path, name, content, words):
    f = tmp_path / name
    f.write_bytes(content)
    wiz = ImportWizard(zh_ctx, [f])
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.next()                                     # files → format: starts the preview
    qtbot.waitUntil(lambda: not wiz.preview_loading and (wiz.preview is not None or bool(wiz.preview_error)),
                    timeout=20_000)
    if wiz.preview is not None:
        wiz.next()
    problem = wiz.mapping_problem()
    assert problem and words in problem, problem
    presets = [wiz.files_page.preset.itemText(i) for i in range(wiz.files_page.preset.count())]
    assert all(_CJK.search(t) for t in presets), presets         # the preset labels too
    rest = problem.replace(name, "").replace(str(f), "")
    assert _CJK.search(rest) and not re.search(r"\b[a-z]{3,}\b", rest), problem
    wiz.reject()


def test_quality_view_shows_reject_reasons_in_chinese(qtbot, zh_ctx):
    view = QualityView(zh_ctx)
    qtbot.addWidget(view)
    rejected = pd.DataFrame({"import_id": [1, 1], "source_row": [3, 4], "reason": [
        "not a number", "date not understood (expected %d/%m/%Y)"], "column_name": ["qty", "date"],
        "value": ["two", "31/31/2024"], "raw_json": ["{}", "{}"]})
    view.show_report("x.csv", {"rows_read": 4, "imported": 2, "rejected": 2,
                               "rejected_by_reason": {"not a number": 1, "missing date": 1}},
                     rejected, {1: "x.csv"})
    frame = view.rejected_model.frame()
    assert list(frame["reason"]) == ["不是数字", "无法识别日期（应为 %d/%m/%Y）"]
    labels = [view.findings.item(r, 0).text() for r in range(view.findings.rowCount())]
    assert any("不是数字" in t for t in labels) and any("缺少日期" in t for t in labels), labels
    assert not any("not a number" in t or "missing date" in t for t in labels), labels
