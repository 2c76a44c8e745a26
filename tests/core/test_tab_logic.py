"""Logic that had stayed in the analysis tabs now lives in the core (issue 12: the tabs keep layout and
display): the anomaly inbox filter and its export, the customer-table filter, the overview's key-figure
table, the self-test's sentence (translated) and the anomaly context chart's words."""
from __future__ import annotations

import re

import pandas as pd

from shopinsight.core import i18n


def _items() -> pd.DataFrame:
    return pd.DataFrame({
        "key": ["line:1", "order:A", "day:2011-03-01", "customer:C9"],
        "rank": [1, 2, 3, 4], "level": ["lines", "orders", "days", "customers"],
        "when": ["2011-02-28 10:00:00", "2011-03-01 09:00:00", "2011-03-01", "2011-03-05"],
        "score": [0.9, 0.4, 0.7, 0.2], "state": ["new", "dismissed", "new", "confirmed"]})


def test_filter_items_by_level_state_score_and_days():
    from shopinsight.core.anomalies.pipeline import filter_items

    items = _items()
    assert filter_items(items)["rank"].tolist() == [1, 2, 3, 4]
    assert filter_items(items, level="days")["rank"].tolist() == [3]
    assert filter_items(items, state="new", min_score=0.8)["rank"].tolist() == [1]
    got = filter_items(items, day_from="2011-03-01", day_to="2011-03-01")
    assert got["rank"].tolist() == [2, 3] and got.index.tolist() == [0, 1]       # renumbered
    assert filter_items(items, day_to="2011-02-28")["rank"].tolist() == [1]


def test_customer_table_filter():
    from shopinsight.core.customers.export import filter_scores

    scores = pd.DataFrame({"customer_id": ["12345", "777", "999"], "country": ["France", "Spain", "France"],
                           "segment": ["champions", "at_risk", "at_risk"],
                           "top_reasons": ["many orders", "long since last order", "spends a lot"]})
    assert filter_scores(scores, "at_risk")["customer_id"].tolist() == ["777", "999"]
    assert filter_scores(scores, "", " FRANCE ")["customer_id"].tolist() == ["12345", "999"]
    assert filter_scores(scores, "at_risk", "france")["customer_id"].tolist() == ["999"]
    assert filter_scores(scores, None, "last ORDER")["customer_id"].tolist() == ["777"]
    assert filter_scores(scores.iloc[:0], "at_risk", "x").empty


def test_kpi_table_lists_every_measure_with_previous_and_change():
    from shopinsight.core.analytics import kpi_table

    k = {"current": {"net_sales": 100.0, "orders": 4}, "previous": None, "change": {"net_sales": 0.25}}
    t = kpi_table(k)
    assert list(t.columns) == ["measure", "current", "previous", "change"]
    assert t["measure"].tolist()[:3] == ["net_sales", "gross_sales", "cancellations"]
    row = t.set_index("measure").loc["net_sales"]
    assert row["current"] == 100.0 and pd.isna(row["previous"]) and row["change"] == 0.25


def test_self_test_sentence_is_translated_and_lists_every_kind():
    from shopinsight.core.anomalies.selftest import SelfTestResult

    res = SelfTestResult(per_kind={"price_typo": {"injected": 4, "found": 3}, "repeated_order": {"injected": 2,
                                                                                             "found": 2},
                                   "lost_lines_day": {"injected": 0, "found": 0}},
                         injected=6, found=5, top=100, precision=None, seconds=1.0, seed=0)
    text = res.sentence()
    assert text.startswith("on your data, ShopInsight finds 3 of 4 price typos")
    assert "2 of 2 repeated orders" in text and "lost lines" not in text and "(in the top 100)" in text
    i18n.set_language("zh_CN")
    try:
        zh = res.sentence()
        empty = SelfTestResult({}, 0, 0, 100, None, 0.0, 0).sentence()
    finally:
        i18n.set_language("en")
    assert "ShopInsight" in zh and "价格录入错误" in zh and "重复订单" in zh
    assert re.findall(r"[A-Za-z]{2,}", zh.replace("ShopInsight", "")) == []
    assert re.findall(r"[A-Za-z]{2,}", empty) == []


def test_anomaly_context_chart_words_come_from_the_core_catalog():
    from shopinsight.core.anomalies.charts import context_figure

    i18n.set_language("zh_CN")
    try:
        fig = context_figure({"level": "days"}, pd.DataFrame())
    finally:
        i18n.set_language("en")
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]
    assert "此项没有可显示的内容" in texts


def test_the_inbox_export_keeps_only_the_given_items():
    from shopinsight.core.anomalies import AnomalyOptions, AnomalyResult

    items = _items().assign(line_id=[1, None, None, None], order_id=[None, "A", None, None],
                            day=[None, None, "2011-03-01", None], customer_id=[None, None, None, "C9"],
                            product_id=[None] * 4, reasons_json=["[]"] * 4)
    res = AnomalyResult(options=AnomalyOptions(), items=items, seconds=0.0, counts={}, suppressed=0, weights={},
                        currency=None, data_from=None, data_to=None)
    assert res.table(keys=["order:A", "customer:C9"])["rank"].tolist() == [2, 4]
    assert res.table()["rank"].tolist() == [1, 2, 3, 4]
