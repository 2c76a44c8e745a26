"""The CLI's error contract: bad input or usage → exit 2, and with --json stdout carries exactly one
JSON object in every case — ``{"error": {"kind": "input", "message": …, "field": …}}`` on failure."""
from __future__ import annotations

import json

import pytest

from shopinsight.cli import build_parser, main


def _verbs() -> dict:
    p = build_parser()
    sub = next(a for a in p._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices


def _one_json_error(capsys) -> dict:
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1, out
    err = json.loads(lines[0])["error"]
    assert set(err) == {"kind", "message", "field"} and err["message"]
    return err


# one bad input per verb (a missing shop, or a bad file / value where the verb takes no shop)
BAD = {
    "import": lambda t: ["import", str(t / "missing.csv"), "--db", str(t / "new.shop")],
    "info": lambda t: ["info", "--db", str(t / "missing.shop")],
    "classify": lambda t: ["classify", "--db", str(t / "missing.shop"), "--set", "POST=fee"],
    "demo": lambda t: ["demo", "--db", str(t / "no-such-dir" / "x" / "demo.shop"), "--source",
                       str(t / "missing.csv.gz")],
    "presets": lambda t: ["presets", "--nope"],
    "lines": lambda t: ["lines", "--db", str(t / "missing.shop")],
    "overview": lambda t: ["overview", "--db", str(t / "missing.shop")],
    "explain": lambda t: ["explain", "--db", str(t / "missing.shop"), "--period", "2011-11"],
    "customers": lambda t: ["customers", "--db", str(t / "missing.shop")],
    "segments": lambda t: ["segments", "--db", str(t / "missing.shop")],
    "cohorts": lambda t: ["cohorts", "--db", str(t / "missing.shop")],
    "recommend": lambda t: ["recommend", "--db", str(t / "missing.shop")],
    "rules": lambda t: ["rules", "--baskets", str(t / "missing.txt")],
    "similar": lambda t: ["similar", "--db", str(t / "missing.shop"), "X"],
    "series": lambda t: ["series", "--db", str(t / "missing.shop"), "--out", str(t / "s.csv")],
    "forecast": lambda t: ["forecast", "--db", str(t / "missing.shop"), "--horizon", "7"],
    "forecast-models": lambda t: ["forecast-models", "--nope"],
    "price-whatif": lambda t: ["price-whatif", "--db", str(t / "missing.shop"), "--product", "X"],
    "gui": lambda t: ["gui", "--nope"],
    "anomalies": lambda t: ["anomalies", "--db", str(t / "missing.shop")],
    "runs": lambda t: ["runs", "show", "1", "--db", str(t / "missing.shop")],
    "repair": lambda t: ["repair", "--db", str(t / "missing.shop")],
    "report": lambda t: ["report", "--db", str(t / "missing.shop"), "--out", str(t / "r.pdf")],
}


def test_every_verb_has_a_bad_input_case():
    assert set(_verbs()) <= set(BAD), set(_verbs()) - set(BAD)


@pytest.mark.parametrize("verb", sorted(BAD))
def test_bad_input_exits_2_with_one_json_error(verb, tmp_path, capsys):
    argv = BAD[verb](tmp_path) + ["--json"]
    assert main(argv) == 2
    err = _one_json_error(capsys)
    assert err["kind"] == "input"


def test_rules_refuses_a_sales_export_as_a_basket_list(tmp_path, capsys):
    """`rules --baskets online_retail.csv.gz` mined the header and columns as baskets (exit 0)."""
    import gzip
    f = tmp_path / "online_retail.csv.gz"
    f.write_bytes(gzip.compress(b"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                                b"536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
                                b"536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,14911,EIRE\n"))
    assert main(["rules", "--baskets", str(f), "--json"]) == 2
    err = _one_json_error(capsys)
    assert err["kind"] == "input" and "sales export" in err["message"] and "shopinsight import" in err["message"]


def test_import_refuses_a_basket_list(tmp_path, capsys):
    f = tmp_path / "groceries.csv"
    f.write_text("bread,milk\nbread,butter,milk\nbeer,crisps\n", encoding="utf-8")
    for extra in ([], ["--dry-run"]):
        assert main(["import", str(f), "--db", str(tmp_path / "s.shop"), "--json", *extra]) == 2
        err = _one_json_error(capsys)
        assert "basket list" in err["message"] and "rules --baskets" in err["message"]
        assert not (tmp_path / "s.shop").exists()


def test_bad_value_names_the_option(tmp_path, capsys, lines_shop):
    shop = lines_shop([{"ordered_at": "2024-01-02 10:00:00", "order_id": "1", "product_id": "A",
                        "quantity": 1, "unit_price": 2.0}])
    assert main(["cohorts", "--db", str(shop), "--until", "31/01/2024", "--json"]) == 2
    err = _one_json_error(capsys)
    assert err["field"] == "--until" and "31/01/2024" in err["message"]


def test_usage_error_with_json_is_one_object(capsys):
    assert main(["info", "--json"]) == 2          # --db is required
    err = _one_json_error(capsys)
    assert err["kind"] == "input" and "--db" in err["message"]


@pytest.mark.parametrize("argv, expected", [
    (["anomalies", "--db", "x.shop", "--level", "bogus"], "无效的选项"),       # argparse: invalid choice
    (["recommend", "--db", "x.shop", "--customer", "X"], "无法识别的参数"),     # argparse: unrecognized arguments
    (["info"], "以下参数是必需的"),                                              # argparse: required
    (["anomalies", "--db"], "需要一个参数"),                                     # argparse: expected one argument
])
def test_usage_errors_in_chinese(argv, expected, capsys):
    """argparse's own messages go through the core catalog: the JSON message and the stderr lines
    (usage, error) are Chinese under --lang zh_CN; the English stays for English."""
    assert main(["--lang", "zh_CN", *argv, "--json"]) == 2
    captured = capsys.readouterr()
    err = json.loads(captured.out)["error"]
    assert err["kind"] == "input" and expected in err["message"], err
    assert "argument" not in err["message"] and "invalid choice" not in err["message"]
    assert "用法：" in captured.err and "usage:" not in captured.err, captured.err
    assert "错误：" in captured.err and ": error:" not in captured.err
    assert main([*argv, "--json"]) == 2                         # English is untouched
    assert "usage:" in capsys.readouterr().err


def test_help_headings_in_chinese(capsys):
    assert main(["--lang", "zh_CN", "anomalies", "--help"]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "用法：" in text and "选项" in text and "显示此帮助信息并退出" in text, text
    assert "show this help message and exit" not in text
    assert "要检查的对象（默认 all）" in text and "what to look at" not in text      # our own help= texts too
    assert "按异常程度排列各项" in text                                               # and the description


@pytest.mark.parametrize("verb, expected", [
    ("classify", "给商品代码（或 name:NAME）指定类别"),      # help texts built when the parser is built
    ("runs", "list, show, delete, compare（默认 list）"),
    ("recommend", "为截止日已知的每位客户推荐前 k 个商品"),
])
def test_built_help_texts_in_chinese(verb, expected, capsys):
    assert main(["--lang", "zh_CN", verb, "--help"]) == 0
    assert "".join(expected.split()) in "".join(capsys.readouterr().out.split())   # wrapped help: ignore spacing


def test_help_stays_english_in_english(capsys):
    assert main(["anomalies", "--help"]) == 0
    text = capsys.readouterr().out
    assert "what to look at (default all)" in text and "show this help message and exit" in text
