"""The Data tab, its quality report and the Overview show the shop's orders, customers and net
sales with the values of core.facts (the same as `shopinsight info`)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_facts import EXPECTED, tricky_rows  # noqa: E402


def test_data_tab_and_quality_report_show_the_facts(open_tab):
    from shopinsight.gui.tabs.data import DataTab

    tab = open_tab(DataTab, tricky_rows())
    text = tab.summary.text()
    assert "3 orders" in text and "2 customers" in text and "75.00" in text, text
    head = tab.quality.headline.text()
    assert "3 orders" in head and "2 customers" in head, head
    rows = {tab.quality.findings.item(r, 0).text(): tab.quality.findings.item(r, 1).text()
            for r in range(tab.quality.findings.rowCount())}
    # the two cancellation counts carry labels that say which is which
    assert rows["Cancellation lines, any kind (goods, postage, fees)"] == str(EXPECTED["cancellation_lines"])
    assert rows["Lines of kind “cancellation”"] == "2"


def test_overview_cards_show_the_facts(open_tab):
    from shopinsight.gui.tabs.overview import OverviewTab

    tab = open_tab(OverviewTab, tricky_rows(), ready=lambda t: t.is_ready() and t.cards["orders"].value.text() != "—")
    assert tab.cards["orders"].value.text() == "3"
    assert tab.cards["customers"].value.text() == "2"
    assert "75" in tab.cards["net_sales"].value.text()
