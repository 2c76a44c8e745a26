"""The one formatting module (core.fmt): Babel's locale data, one style per language."""
from __future__ import annotations

import datetime as dt
import math

import pytest

from shopinsight.core import fmt, i18n


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_money_symbol_from_babel_not_a_hand_table():
    assert fmt.money(-1234.5, "GBP") == "-£1,234.50"
    assert fmt.money(1234.5, "gbp", decimals=0) == "£1,234"
    assert fmt.money(5, "USD") == "US$5.00"           # CLDR en_GB: the dollar is named
    assert fmt.money(12, "CHF") == "CHF\u00a012.00"    # a letter symbol is spaced
    assert fmt.money(3, None) == "3.00" and fmt.money(3, "JPY/CNY") == "3.00"   # unknown: no symbol
    assert fmt.money(-0.001, "GBP") == "£0.00"        # no "-£0.00"
    assert fmt.money(None, "GBP") == fmt.money(math.nan, "GBP") == fmt.MISSING
    assert fmt.currency_symbol("CNY", lang="zh_CN") == "¥" and fmt.currency_symbol("CNY", lang="en") == "CN¥"


def test_numbers_percent_ratio():
    assert fmt.integer(541909) == "541,909" and fmt.integer(2.6) == "3"
    assert fmt.number(-0.0001, 2) == "0.00"
    assert fmt.percent(0.1234) == "12.3%" and fmt.percent(0.05, signed=True) == "+5.0%"
    assert fmt.percent(-0.05, signed=True) == "-5.0%" and fmt.percent(0.0, signed=True) == "0.0%"
    assert fmt.ratio(100) == "100×" and fmt.ratio(2.54) == "2.5×"


def test_counts_are_whole_unless_a_median_falls_between_two():
    assert fmt.count(8.0) == "8" and fmt.count(1234) == "1,234"
    assert fmt.count(34.5) == "34.5"        # fmt.integer would say 34 (half to even): a median it is not
    assert fmt.count(None) == fmt.MISSING and fmt.count(float("nan")) == fmt.MISSING


def test_one_date_style_per_language(zh):
    assert fmt.day("2011-12-09", lang="en") == "9 Dec 2011"
    assert fmt.day(dt.date(2011, 12, 9)) == "2011年12月9日"
    assert fmt.datetime("2011-12-09 10:14:00") == "2011年12月9日 10:14"
    assert fmt.datetime("2011-12-09") == fmt.day("2011-12-09")       # no time: the date alone
    assert fmt.day("not a date") == "not a date" and fmt.day(None) == fmt.MISSING
    assert fmt.weekday_names()[0] == "周一" and fmt.month_names()[11] == "12月"


def test_compact_units_english_kmb_chinese_wan_yi(zh):
    assert fmt.compact(12_345_678, lang="en") == "12.3M" and fmt.compact(350_000, lang="en") == "350k"
    assert fmt.compact_money(350_200, "GBP", lang="en") == "£350.2k"
    assert fmt.compact(123_456_789) == "1.23亿" and fmt.compact(350_000) == "35万"
    assert fmt.compact_money(12_345_678, "GBP") == "£1,234.57万"
    # Chinese never shows the English units, and no unit below 10,000
    for v in (1e3, 5e3, 2.5e4, 7e6, 3e9):
        s = fmt.compact(v) + fmt.compact_money(v, "GBP")
        assert not any(u in s for u in "kMB"), s
    assert fmt.compact(5_000) == "5,000"


def test_follows_the_core_language(zh):
    assert fmt.day("2011-12-09") == "2011年12月9日"
    i18n.set_language("en")
    assert fmt.day("2011-12-09") == "9 Dec 2011"


def test_chart_ticks_and_bar_labels_use_the_languages_units(zh):
    from shopinsight.core.charts import CompactFormatter, money_formatter

    f = money_formatter("£")
    f.set_locs([0, 500_000, 1_000_000, 1_500_000])
    assert [f(x, i) for i, x in enumerate(f.locs)] == ["£0", "£50万", "£100万", "£150万"]
    assert CompactFormatter()(123_456_789) == "1.23亿"


def test_money_axis_takes_a_currency_code_or_a_symbol():
    from shopinsight.core.charts import money_formatter

    for cur, want in (("GBP", "£1.25M"), ("£", "£1.25M"), ("CHF", "CHF\u00a01.25M"), ("", "1.25M")):
        f = money_formatter(cur)
        f.set_locs([0, 1_250_000])
        assert f(1_250_000, 1) == want
    f = money_formatter("GBP")
    f.set_locs([-500_000, 0])
    assert f(-500_000, 0) == "-£500k"


def test_names_for_display_joined_in_the_languages_style(zh):
    assert fmt.names(["hgb", "logreg", "mlp"], lang="en") == "hgb, logreg, mlp"
    assert fmt.names(["hgb", "logreg", "mlp"], lang="zh_CN") == "hgb、logreg、mlp"
    assert fmt.names(["a", "b"]) == "a、b"                 # the core language (the fixture: zh_CN)


def test_customer_progress_and_backtest_texts_show_dates_in_the_language_style(zh):
    """Customers wrote ISO dates ('features as of 2011-07-12') and day numbers ('the data end on
    15321') into its progress and messages; they go through fmt.day."""
    from shopinsight.core.customers import frames
    from shopinsight.core.customers.data import day_number
    seen = []
    d = day_number("2011-07-12")
    with pytest.raises(Exception):
        frames.build_training_frame(None, [d], 30, progress=lambda f, m: seen.append(m))
    assert seen and "2011年7月12日" in seen[0] and "2011-07-12" not in seen[0]
