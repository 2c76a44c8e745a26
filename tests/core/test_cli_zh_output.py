"""What the CLI prints for people under ``--lang zh_CN`` has no English ids: the kinds of lines and
products (`lines`, `classify`) are shown by their labels; ``--json`` keeps the ids."""
from __future__ import annotations

import json

import pytest

from shopinsight.cli import main
from shopinsight.core import i18n


@pytest.fixture
def kinds_shop(lines_shop):
    rows = [dict(order_id="1", ordered_at="2024-01-02 10:00:00", customer_id="C1", product_id="A",
                 product_name="Mug", quantity=2, unit_price=3.0, is_merchandise=1, line_kind="sale"),
            dict(order_id="1", ordered_at="2024-01-02 10:00:00", customer_id="C1", product_id="POST",
                 product_name="POSTAGE", quantity=1, unit_price=5.0, is_merchandise=0, line_kind="postage")]
    yield str(lines_shop(rows))
    i18n.set_language("en")


def test_lines_and_classify_show_kind_labels_in_chinese(kinds_shop, capsys):
    assert main(["--lang", "zh_CN", "lines", "--db", kinds_shop]) == 0
    out = capsys.readouterr().out
    assert "销售" in out and "运费" in out and "sale" not in out and "postage" not in out
    assert main(["--lang", "zh_CN", "classify", "--db", kinds_shop]) == 0
    out = capsys.readouterr().out
    assert "运费" in out and "规则" in out and "postage" not in out.replace("POSTAGE", "") and " rule" not in out
    assert main(["--lang", "zh_CN", "classify", "--db", kinds_shop, "--json"]) == 0
    flagged = json.loads(capsys.readouterr().out)["flagged"]
    assert [(f["kind"], f["source"]) for f in flagged] == [("postage", "rule")]      # ids in --json
    i18n.set_language("en")
    assert main(["lines", "--db", kinds_shop]) == 0
    assert "postage" in capsys.readouterr().out                                       # English: the word


def test_explain_headings_take_the_languages_colon(lines_shop, capsys):
    rows = [dict(order_id=f"{m}{d}", ordered_at=f"2024-{m:02d}-{d:02d} 10:00:00", customer_id=f"C{d % 3}",
                 product_id="AB"[d % 2], product_name="Mug", quantity=m + d % 2, unit_price=3.0,
                 country=("France", "Spain")[d % 2])
            for m in (1, 2, 3) for d in range(1, 28)]
    shop = str(lines_shop(rows))
    try:
        assert main(["--lang", "zh_CN", "explain", "--db", shop]) == 0
        out = capsys.readouterr().out
    finally:
        i18n.set_language("en")
    headings = [ln for ln in out.splitlines() if ln.endswith(("：", ":")) and not ln.startswith(" ")]
    assert headings and all(h.endswith("：") for h in headings), headings


def test_anomaly_review_output_is_chinese(kinds_shop, capsys):
    """`anomalies --review KEY=STATE` printed the state id and "(not in a stored run)" in English."""
    assert main(["--lang", "zh_CN", "anomalies", "--db", kinds_shop, "--review", "order:1=dismissed",
                 "--review", "order:2=confirmed"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["order:1：已忽略（不在已保存的运行中）", "order:2：已确认（不在已保存的运行中）"]


def test_lists_of_words_take_the_languages_separator():
    """`customers` listed its cutoffs and segments with an ASCII comma in Chinese ("冠军客户 896, 新客户 233")."""
    from shopinsight.cli.customers import _human_customers

    r = dict(asof="2011-12-09", customers=5, horizon=90, messages=[], chosen_model="logreg_rfm",
             training_cutoffs=["2011-06-12", "2011-07-12"], metrics={}, importance=[],
             segments={"Champions": 3, "Lost": 2}, top_customers=[], out=None, run_id=None)
    i18n.set_language("zh_CN")
    try:
        text = _human_customers(r)
    finally:
        i18n.set_language("en")
    assert "2011年6月12日、2011年7月12日" in text and "冠军客户 3、已流失 2" in text
    assert "Champions 3, Lost 2" in _human_customers(r)


def test_an_input_errors_place_takes_the_languages_punctuation():
    """Every refusal's "file, line, column, value: message" had an ASCII colon inside Chinese text."""
    from shopinsight.core.errors import InputError

    def text():
        return str(InputError(i18n._("not a file"), file="a.csv", line=3, column="qty", value="x"))
    assert text() == "a.csv, line 3, column 'qty', value 'x': not a file"
    i18n.set_language("zh_CN")
    try:
        zh = text()
    finally:
        i18n.set_language("en")
    assert zh.startswith("a.csv、") and "：" in zh and ": " not in zh and ", " not in zh, zh
