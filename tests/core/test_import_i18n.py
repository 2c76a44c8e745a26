"""The importer's messages in the user's language (issue 12, "every word translatable"): its errors,
the preview's problems and the reasons of rejected rows.  Reasons are stored in English (what the shop
holds does not depend on the language shown) and worded when shown."""
from __future__ import annotations

import re

import pytest

from shopinsight.core import i18n
from shopinsight.core.importer import import_files, preview_file
from shopinsight.core.importer.reasons import (BAD_DATE, FIELD_TOO_LONG, NOT_A_NUMBER, REJECT_REASONS,
                                               reject_reason, reject_reason_text)
from shopinsight.core.store import Shop

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH = re.compile(r"\b(the|file|no|not|date|column|rows?|amount|nothing|cannot|this|with|of|is)\b")


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def _chinese(text: str, allowed: tuple[str, ...] = ()) -> bool:
    for a in allowed:
        text = text.replace(a, "")
    return bool(_CJK.search(text)) and not _ENGLISH.search(text)


BAD_FILES = {
    "empty.csv": (b"", "文件是空的"),
    "header.csv": (b"order_id,date,sku,qty,unit_price\n", "没有数据行"),
    "nodate.csv": (b"order,sku,qty,price\nA1,S1,1,2.50\nA2,S2,2,3.00\n", "没有可用的日期列"),
    "noamount.csv": (b"order,date,sku\nA1,2024-01-02,S1\nA2,2024-01-03,S2\n", "没有可用的金额"),
    "binary.csv": (b"\x00\x01\x02\x03" * 400, "二进制文件"),
    "archive.csv": (None, "zip 压缩包"),
    "old.xls": (b"\xd0\xcf\x11\xe0" + b"\x01" * 200, ".xls"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_import_of_a_bad_file_speaks_chinese(tmp_path, capsys, name):
    """`shopinsight --lang zh_CN import bad.csv` words the importer's refusal in Chinese (it was English:
    "bad.csv: no usable date column: …" inside a Chinese "错误" line)."""
    from shopinsight.cli import main

    content, words = BAD_FILES[name]
    f = tmp_path / name
    if content is None:                         # a real zip archive holding a CSV
        import zipfile
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("orders.csv", "order,date\n")
    else:
        f.write_bytes(content)
    assert main(["--lang", "zh_CN", "import", str(f), "--db", str(tmp_path / "x.shop")]) == 2
    err = capsys.readouterr().err
    message = err.split(name, 1)[-1]
    assert words in message, err
    assert _chinese(message, allowed=("order", "sku", "qty", "price", "date", "ordered_at", "amount", "--map",
                                      "--date-format", "COLUMN", "--sheet", "CSV", "Excel", "zip", "xlsx",
                                      "xls", "NAME")), err
    i18n.set_language("en")


def test_the_preview_problems_follow_the_language(tmp_path, zh):
    f = tmp_path / "nodate.csv"
    f.write_bytes(BAD_FILES["nodate.csv"][0])
    (zh_problem,) = preview_file(f).problems()
    i18n.set_language("en")
    (en_problem,) = preview_file(f).problems()
    assert zh_problem.code == en_problem.code == "no_date_column"
    assert en_problem.message.startswith("no usable date column")
    assert zh_problem.message.startswith("没有可用的日期列") and "order、sku、qty、price" in zh_problem.message


def test_reject_reasons_are_stored_in_english_and_shown_in_chinese(tmp_path, zh):
    """An import run in Chinese stores the same reasons an English one does; the shown text is Chinese."""
    f = tmp_path / "some_bad.csv"
    f.write_text("order,date,sku,qty,price\n"
                 "A1,2024-01-02,S1,1,2.50\n"
                 "A2,2024-01-03,S2,two,3.00\n"
                 "A3,2024-99-99,S3,1,3.00\n"
                 "A4,,S4,1,3.00\n"
                 "A5,2024-01-04,S5,1\n", encoding="utf-8")
    with Shop(tmp_path / "s.shop") as shop:
        (res,) = import_files(shop, [f])
        stored = sorted(shop.rejected()["reason"])
    assert res.rejected == 4
    assert stored == sorted(["not a number", "date not understood (expected %Y-%m-%d)", "missing date",
                             "wrong number of fields"]), stored
    shown = sorted(reject_reason_text(r) for r in stored)
    assert shown == sorted(["不是数字", "无法识别日期（应为 %Y-%m-%d）", "缺少日期", "字段数不对"]), shown


def test_every_reject_reason_reads_back_in_both_languages(zh):
    values = {"format": "%d/%m/%Y", "limit": 32_767}
    for template in REJECT_REASONS:
        stored = reject_reason(template, **values)
        assert "{" not in stored and _CJK.search(reject_reason_text(stored)), (template, stored)
    assert reject_reason(FIELD_TOO_LONG, limit=32_767) == "field longer than 32,767 characters"
    assert reject_reason_text(reject_reason(BAD_DATE, format="%d/%m/%Y")) == "无法识别日期（应为 %d/%m/%Y）"
    assert reject_reason_text("a reason from a newer version") == "a reason from a newer version"
    i18n.set_language("en")
    assert reject_reason_text(NOT_A_NUMBER) == "not a number"


def test_a_mostly_bad_file_is_refused_in_chinese_with_its_reasons(tmp_path, zh):
    from shopinsight.core.errors import InputError
    from shopinsight.core.importer import ImportOptions

    f = tmp_path / "mostly_bad.csv"
    f.write_text("order,date,sku,qty,price\n" + "".join(f"A{i},2024-01-02,S1,x{i},2.50\n" for i in range(1200)),
                 encoding="utf-8")
    with Shop(tmp_path / "m.shop") as shop, pytest.raises(InputError) as info:
        import_files(shop, [f], ImportOptions(mapping={"quantity": "qty", "unit_price": "price"}))
    text = str(info.value)
    assert "前 1,200 行中有 1,200 行有问题" in text and "不是数字（1,200）" in text, text


def _reason_args(tree) -> list:
    """The reason of each ``reject(mask, reason, field)`` / ``on_bad_row(line, text, reason)`` call."""
    import ast
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            i = {"reject": 1, "on_bad_row": 2}.get(node.func.id)
            if i is not None and len(node.args) > i:
                out.append(node.args[i])
    return out


def _stored_words(root) -> list[str]:
    """Reject reasons written in place: a literal or f-string (not from the table, so not translatable
    when shown) or a ``_()`` call (the stored reason would depend on the UI's language)."""
    import ast
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for arg in _reason_args(tree):
            literal = isinstance(arg, (ast.Constant, ast.JoinedStr, ast.BinOp))
            translated = isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in ("_", "ngettext")
            if literal or translated:
                found.append(f"{path.name}:{arg.lineno}")
    return found


def test_reject_reasons_come_from_the_table(tmp_path):
    from pathlib import Path

    (tmp_path / "m.py").write_text(
        "def f(m, line, text, p):\n"
        "    reject(m, 'not a number', 'quantity')\n"
        "    reject(m, f'date not understood (expected {p})', 'ordered_at')\n"
        "    on_bad_row(line, text, _('wrong number of fields'))\n"
        "    reject(m, NOT_A_NUMBER, 'quantity')\n"
        "    reject(m, reject_reason(BAD_DATE, format=p), 'ordered_at')\n"
        "    on_bad_row(line, text)\n", encoding="utf-8")
    assert _stored_words(tmp_path) == ["m.py:2", "m.py:3", "m.py:4"]
    importer = Path(__file__).resolve().parents[2] / "shopinsight" / "core" / "importer"
    assert not _stored_words(importer)


def test_preset_labels_are_shown_in_the_language_and_kept_in_english_in_json(capsys):
    import json

    from shopinsight.cli import main
    from shopinsight.core.importer import PRESETS

    assert main(["--lang", "zh_CN", "presets"]) == 0
    out = capsys.readouterr().out
    assert "WooCommerce 订单商品导出" in out and "order items export" not in out, out
    assert all(_CJK.search(line) for line in out.splitlines()), out
    assert main(["--lang", "zh_CN", "presets", "--json"]) == 0
    labels = {p["name"]: p["label"] for p in json.loads(capsys.readouterr().out)["presets"]}
    assert labels["woocommerce"] == "WooCommerce order items export" == PRESETS["woocommerce"].label
    i18n.set_language("en")
