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
