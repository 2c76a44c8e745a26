"""Every progress/status message the core reports is translatable (issue 12, "every word translatable").

The rule the scan enforces: in ``shopinsight/core``, a call to a reporter -- a callee named
``rep``, ``reporter``, ``progress``, ``report``, ``r``, ``sub`` or ending in ``_rep``, or the
attribute ``.progress`` (``reporter.progress(fraction, text)``) -- must not pass as its message (the
second positional argument, or ``message=``) a non-empty string literal, an f-string, a string
concatenation / ``%`` formatting, or ``"...".format(...)`` on a literal.  Messages go through
``_("... {name} ...").format(name=...)`` (or ``ngettext``); a variable is trusted (it was built
the same way where it was made).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from shopinsight.core import i18n

CORE = Path(__file__).resolve().parents[2] / "shopinsight" / "core"
REPORTER_NAMES = {"rep", "reporter", "progress", "report", "r", "sub"}


def _is_reporter(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in REPORTER_NAMES or func.id.endswith("_rep")
    return isinstance(func, ast.Attribute) and func.attr == "progress"


def _untranslated(node: ast.expr) -> bool:
    """Is ``node`` English text built in place (a literal, an f-string, concatenation, %, .format
    on a literal) rather than a ``_()``/``ngettext()`` call or a variable?"""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.strip() != ""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _untranslated(node.func.value)
    return False


def untranslated_reporter_messages(root: Path = CORE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_reporter(node.func)):
                continue
            msgs = node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
            if any(_untranslated(m) for m in msgs):
                found.append(f"{path.relative_to(root.parent.parent)}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_the_scan_sees_untranslated_messages(tmp_path):
    """The rule itself can fail: it flags each English form and passes the translated ones."""
    (tmp_path / "m.py").write_text(
        "def f(rep, sub_rep, reporter, n, m):\n"
        "    rep(0.5, 'features ready')\n"
        "    sub_rep(0.1, f'Hybrid: validating {m}')\n"
        "    reporter.progress(0.2, 'waiting ' + str(n))\n"
        "    rep(0.3, message='{n} rules'.format(n=n))\n"
        "    rep(0.4, _('features ready'))\n"
        "    rep(0.6, _('{n} rules').format(n=n))\n"
        "    rep(0.7, ngettext('{n} rule', '{n} rules', n).format(n=n))\n"
        "    rep(0.8)\n"
        "    rep(0.9, '')\n"
        "    text = 'x'.replace('a', 'b')\n", encoding="utf-8")
    found = untranslated_reporter_messages(tmp_path)
    assert [f.split(":")[1] for f in found] == ["2", "3", "4", "5"], found


def test_every_core_progress_message_is_translatable():
    found = untranslated_reporter_messages()
    assert not found, "wrap these progress messages in _():\n" + "\n".join(found)


# -- behaviour: what a reporter receives while jobs run in Chinese ---------------------------------
_ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")


def _english_in(messages: list[str], allowed: tuple[str, ...] = ()) -> list[str]:
    """Messages that are not Chinese: no CJK character, or a lowercase English word left in them
    (``allowed`` substrings, e.g. a file name, are removed first)."""
    bad = []
    for m in messages:
        text = m
        for a in allowed:
            text = text.replace(a, "")
        if text.strip() and (not re.search(r"[\u4e00-\u9fff]", text) or _ENGLISH_WORD.search(text)):
            bad.append(m)
    return bad


@pytest.fixture
def zh():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_an_import_reports_progress_in_chinese(tmp_path, zh):
    from importer_helpers import CORPUS

    from shopinsight.core.importer import import_files
    from shopinsight.core.store import Shop

    seen: list[str] = []
    with Shop(tmp_path / "zh.shop") as shop:
        (res,) = import_files(shop, [CORPUS / "export_jan_feb.csv"], progress=lambda f, m: seen.append(m))
    assert res.imported > 0
    messages = [m for m in seen if m]
    assert any("export_jan_feb.csv" in m for m in messages) and len(set(messages)) >= 4, messages
    assert not _english_in(messages, allowed=("export_jan_feb.csv",)), messages


def _line(order, day, cust, prod):
    return {"order_id": order, "ordered_at": f"{day} 09:00:00", "customer_id": cust, "product_id": prod,
            "product_name": f"ITEM {prod}", "quantity": 1, "unit_price": 1.5}


def _baskets():
    """60 orders of 8 customers over two months, two or three of 6 products each."""
    products = "ABCDEF"
    for i in range(60):
        day = f"2024-{1 + i // 30:02d}-{1 + i % 28:02d}"
        yield str(i), day, f"c{i % 8}", products[i % 6] + products[(i * 5 + 1) % 6] + products[(i // 2) % 6]


def test_recommendations_and_rules_report_progress_in_chinese(lines_shop, zh):
    from shopinsight.core.recommend.pipeline import run_recommend
    from shopinsight.core.recommend.rules import association_rules, load_baskets
    from shopinsight.core.store import Shop

    path = lines_shop([_line(o, d, c, p) for o, d, c, items in _baskets() for p in set(items)])
    seen: list[str] = []
    with Shop(path) as shop:
        run_recommend(shop, models=["itemknn"], tune=False, evaluate=True, k=2, until="2024-02-14", val_days=10,
                      progress=lambda f, m: seen.append(m))
        association_rules(load_baskets(shop), min_support=0.4, min_lift=0,
                          progress=lambda f, m: seen.append(m))
    messages = [m for m in seen if m]
    assert len(set(messages)) >= 6, messages
    assert not _english_in(messages), messages
    i18n.set_language("en")           # and the same job in English still reports English
    seen.clear()
    with Shop(path) as shop:
        association_rules(load_baskets(shop), min_support=0.4, min_lift=0, progress=lambda f, m: seen.append(m))
    assert "counting pairs" in seen
