"""The window's language switch also switches the core's catalogs: the Customers tab's segment
table and chart (made in core) come out in Chinese in the Chinese UI, with the ids unchanged."""
from __future__ import annotations

from test_customers_tab import _rows


def test_chinese_ui_shows_core_strings_in_chinese(qtbot, lines_shop):
    from shopinsight.core import i18n
    from shopinsight.core.customers.rfm import SEGMENTS
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.context import AppContext
    from shopinsight.gui.tabs.customers import CustomersTab

    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = False
    try:
        ctx.set_language("zh_CN")
        assert i18n.current_language() == "zh_CN"
        tab = CustomersTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(1200, 800)
        tab.show()
        ctx.set_shop(lines_shop(_rows()))
        qtbot.waitUntil(tab.is_ready, timeout=30_000)
        qtbot.waitUntil(lambda: not tab.segment_model.frame().empty, timeout=30_000)
        shown = list(tab.segment_model.frame()["segment"])
        assert shown and not set(shown) & set(SEGMENTS), shown          # labels, not the English ids
        assert set(shown) <= {"冠军客户", "新客户", "忠实客户", "潜力客户", "不可流失", "有流失风险", "休眠客户", "已流失"}
        assert "各分群客户数" in [ax.get_title("left") for ax in tab.segment_chart.figure().axes]
        ctx.set_language("en")
        assert i18n.current_language() == "en"
    finally:
        ctx.runner.shutdown()
