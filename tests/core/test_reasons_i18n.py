"""Reasons and explanations the core writes for display come out in the core's language (issue 12):
with zh_CN, no English word is left except names and codes passed in from the data."""
from __future__ import annotations

import re

import pytest

from shopinsight.core import i18n

WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str, allowed=()) -> list[str]:
    """The ASCII words of ``text`` that are not part of an allowed name or code."""
    for a in allowed:
        text = text.replace(a, " ")
    return WORD.findall(text)


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


# one stored reason per code, as the detectors record them
ANOMALY_REASONS = [
    {"code": "price_far", "z": 5, "price": 255.0, "usual": 2.55},
    {"code": "price_nonpositive", "z": 5, "price": 0.0, "usual": 2.55},
    {"code": "qty_product", "z": 5, "qty": 80995, "usual": 48},
    {"code": "qty_customer", "z": 5, "qty": 1, "usual": 40},
    {"code": "order_value", "z": 5, "value": 5000.0, "usual": 300.0},
    {"code": "order_lines", "z": 5, "n": 540, "usual": 17},
    {"code": "order_hour", "z": 5, "hour": 6, "share": 0.001},
    {"code": "order_weekday", "z": 5, "weekday": 5, "share": 0.002},
    {"code": "first_order", "z": 5, "value": 9000.0, "lo": 100.0, "hi": 800.0},
    {"code": "repeated", "z": 5, "n": 12, "other": "536365", "minutes": 24 * 60},
    {"code": "repeated", "z": 5, "n": 12, "other": "C536379", "minutes": 12},
    {"code": "day_sales", "z": 5, "weekday": 2, "value": 90000.0, "lo": 20000.0, "hi": 40000.0},
    {"code": "day_orders", "z": 5, "n": 400, "lo": 100, "hi": 200},
    {"code": "day_lines", "z": 5, "value": 2.5, "lo": 15.0, "hi": 30.0},
    {"code": "day_refunds", "z": 5, "value": 5000.0, "hi": 800.0},
    {"code": "day_last_order", "z": 5, "time": 12.5, "lo": 17.0, "hi": 19.5},
    {"code": "day_zero", "z": 5, "weekday": 1},
    {"code": "week_sales", "z": 5, "week": "2011-10-03", "value": 90000.0, "lo": 20000.0, "hi": 40000.0},
    {"code": "week_orders", "z": 5, "week": "2011-10-03", "value": 900, "lo": 300, "hi": 500},
    {"code": "day_order_size", "z": 5, "ratio": 0.1},
    {"code": "cust_cancel", "z": 5, "k": 9, "n": 10, "lo": 0, "hi": 1},
    {"code": "cust_quick_cancel", "z": 5, "k": 9, "n": 10, "lo": 0, "hi": 1},
    {"code": "cust_basket", "z": 5, "recent": 900.0, "before": 90.0},
    {"code": "iforest", "z": 5},
]


def test_anomaly_reasons_cover_every_code():
    from shopinsight.core.anomalies.reasons import REASON_TEMPLATES
    assert {r["code"] for r in ANOMALY_REASONS} == set(REASON_TEMPLATES)


def test_anomaly_reasons_in_chinese_have_no_english_words(zh):
    from shopinsight.core.anomalies.reasons import reason_text, reasons_text
    for r in ANOMALY_REASONS:
        text = reason_text(r, "GBP")
        assert text and english_words(text, allowed=("C536379",)) == [], (r["code"], text)
    # the units of the repeated-order gap, the ratio and the weekday are Chinese too
    assert "24.0 小时" in reason_text(ANOMALY_REASONS[9], "GBP")
    assert "12 分钟" in reason_text(ANOMALY_REASONS[10], "GBP")
    assert "100 倍" in reason_text(ANOMALY_REASONS[0], "GBP")
    assert "星期六" in reason_text(ANOMALY_REASONS[7], "GBP")
    joined = reasons_text(ANOMALY_REASONS, "GBP")
    assert english_words(joined) == [] and joined.count("；") >= 2 and "; " not in joined


def test_anomaly_reasons_stay_english_by_default():
    from shopinsight.core.anomalies.reasons import reason_text
    assert reason_text(ANOMALY_REASONS[9], "GBP") == "same 12 lines as order 536365 by this customer 24.0 hours earlier"
    assert reason_text(ANOMALY_REASONS[10], "GBP") == "same 12 lines as order C536379 by this customer 12 minutes earlier"
    assert reason_text(ANOMALY_REASONS[7], "GBP").startswith("placed on a Saturday,")


class _Model:
    """The least a customer model offers customer_reasons: its columns and a probability."""
    columns_ = ["frequency", "monetary", "is_home_country", "spend_trend"]

    def predict_proba(self, X):
        import numpy as np
        p = 1 / (1 + np.exp(-(0.5 * X["frequency"].to_numpy() - 0.001 * X["monetary"].to_numpy()
                              + X["is_home_country"].to_numpy() + X["spend_trend"].to_numpy())))
        return np.column_stack([1 - p, p])


def _customer_frame():
    import pandas as pd
    return pd.DataFrame({"frequency": [1, 2, 12, 2], "monetary": [100.0, 200.0, 9000.0, 150.0],
                         "is_home_country": [1, 1, 0, 1], "spend_trend": [0.1, 0.0, 1.7, 0.0],
                         "recency_days": [10, 200, 3, 40], "tenure_days": [300, 400, 700, 90]},
                        index=["12346", "12347", "12348", "12349"])


def test_customer_reasons_in_chinese_have_no_english_words(zh):
    from shopinsight.core.customers.explain import customer_reasons
    reasons = customer_reasons(_Model(), _customer_frame())
    assert reasons.str.len().gt(0).all()
    for text in reasons:
        assert english_words(text) == [], text
    assert "典型为" in reasons.loc["12348"] and "否" in reasons.loc["12348"]


def test_bgnbd_customer_reason_in_chinese_names_only_the_model(zh):
    from shopinsight.core.customers.explain import customer_reasons

    class BG:
        columns_ = ["bgnbd_p_buy"]
    for text in customer_reasons(BG(), _customer_frame()):
        assert english_words(text, allowed=("BG/NBD",)) == [], text


def test_customer_reasons_stay_english_by_default():
    from shopinsight.core.customers.explain import customer_reasons
    text = customer_reasons(_Model(), _customer_frame()).loc["12348"]
    assert "vs typical" in text and "the chance)" in text


def _forecast_run(yardstick: int, windows: int, interval_windows: int, more: bool = False):
    from types import SimpleNamespace
    selected = {f"s{i}": ("seasonal_naive" if i < yardstick else "ets") for i in range(5)}
    # ``more``: also the notes on series the seasonal naive could not be scored for and series not
    # selling lately
    return SimpleNamespace(yardstick_series=[s for s, m in selected.items() if m == "seasonal_naive"],
                           selected=selected, options=SimpleNamespace(windows=windows, horizon=8),
                           spec=SimpleNamespace(freq="W"),
                           unscored_yardstick=["s0"] if more else [],
                           quiet_series=lambda: ({"s1": 10} if more else {}),
                           intervals_widened=0 < interval_windows < 3, interval_windows=interval_windows)


@pytest.mark.parametrize("yardstick,windows,interval_windows", [(5, 3, 3), (2, 1, 1), (0, 0, 0)])
def test_forecast_notes_in_chinese_have_no_english_words(zh, yardstick, windows, interval_windows):
    from shopinsight.core.forecast.pipeline import ForecastResult
    notes = ForecastResult.notes(_forecast_run(yardstick, windows, interval_windows, more=True))
    assert len(notes) >= 3
    for text in notes:
        assert english_words(text) == [], text


def test_forecast_notes_stay_english_by_default():
    from shopinsight.core.forecast.pipeline import NO_MODEL_BEAT_YARDSTICK, ForecastResult
    notes = ForecastResult.notes(_forecast_run(2, 1, 1))
    assert notes[0] == f"for 2 of 5 series {NO_MODEL_BEAT_YARDSTICK}: they repeat last season (seasonal naive)"
    assert notes[1] == "intervals widened: only 1 backtest window to calibrate them from (at least 3 wanted)"


def test_feature_values_in_words_in_chinese_have_no_english_words(zh):
    from shopinsight.core.customers.features import describe_value
    texts = [describe_value("frequency", 12), describe_value("monetary", 1234.0, "£"),
             describe_value("cancel_value_share", 0.25), describe_value("is_home_country", 0),
             describe_value("spend_trend", 1.7), describe_value("recency_days", float("nan"))]
    for text in texts:
        assert english_words(text) == [], text
    assert describe_value("frequency", 12).endswith("：12")


def test_feature_values_in_words_stay_english_by_default():
    from shopinsight.core.customers.features import describe_value
    assert describe_value("frequency", 12) == "12 orders so far"
    assert describe_value("is_home_country", 0) == "not based in the shop's main country"
    assert describe_value("recency_days", float("nan")) == "days since the last order: unknown"


def test_recommendation_and_rule_reasons_in_chinese_have_no_english_words(zh, lines_shop):
    import pandas as pd

    from shopinsight.core.recommend import load_interactions, make_model
    from shopinsight.core.recommend.explain import explain_recommendations, rule_reason
    from shopinsight.core.recommend.rules import association_rules, load_baskets
    from shopinsight.core.store import Shop
    from test_recommend import BASE, NAMES

    names = sorted(NAMES.values(), key=len, reverse=True)
    with Shop(lines_shop(BASE)) as shop:
        X = load_interactions(shop)
        baskets = load_baskets(shop)
    recs = pd.DataFrame({"customer_id": ["c1", "c3", "zz", "c2"], "product_id": ["A", "B", "A", "D"]})
    texts = []
    for model in ("itemknn", "content", "userknn", "popularity"):
        texts += explain_recommendations(make_model(model).fit(X), recs).tolist()
    rules, _info = association_rules(baskets, min_support=0.1, min_lift=0.0)
    texts += rules["reason"].tolist() + [rule_reason("RED HEART MUG", 57, 12.34)]
    assert len(set(texts)) >= 5, texts
    for text in texts:
        assert text and english_words(text, allowed=names) == [], text
