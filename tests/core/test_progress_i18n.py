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
_CODE = re.compile(r"[a-z]+(_[a-z]+)+")
REPORTER_NAMES = {"rep", "reporter", "progress", "report", "r", "sub"}


def _is_reporter(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in REPORTER_NAMES or func.id.endswith("_rep")
    return isinstance(func, ast.Attribute) and func.attr == "progress"


def _untranslated(node: ast.expr) -> bool:
    """Is ``node`` English text built in place (a literal, an f-string, concatenation, %, .format
    on a literal) rather than a ``_()``/``ngettext()`` call or a variable?"""
    if isinstance(node, ast.Constant):       # a snake_case code ("no_orders") is an id, shown by label
        return isinstance(node.value, str) and node.value.strip() != "" and not _CODE.fullmatch(node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _untranslated(node.func.value)
    return False


#: lists of human texts a result carries (``result.warnings``, ``out.messages``, ``notes``)
RESULT_LISTS = ("warnings", "messages", "notes")


def _list_name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _is_result_text(func: ast.expr) -> bool:
    """``warnings.append(...)``, ``out.messages.extend(...)``, ``key_warnings.append(...)``."""
    return (isinstance(func, ast.Attribute) and func.attr in ("append", "extend", "insert")
            and _list_name(func.value).endswith(RESULT_LISTS))


def _messages(node: ast.Call) -> list[ast.expr]:
    """The text arguments of a reporter call (2nd positional or message=) or a result-list append."""
    if _is_reporter(node.func):
        return node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
    if _is_result_text(node.func):
        args = node.args[1:] if node.func.attr == "insert" else node.args
        out = []
        for a in args:
            out += list(a.elts) if isinstance(a, (ast.List, ast.Tuple)) else [a]
        return out
    return []


def untranslated_reporter_messages(root: Path = CORE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            msgs = _messages(node)
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
        "    text = 'x'.replace('a', 'b')\n"
        "    out.warnings.append(f'only {n} periods with sales')\n"
        "    messages.extend(['no backtest'])\n"
        "    notes.append('no_orders')\n"
        "    out.warnings.append(_('only {n} periods with sales').format(n=n))\n"
        "    lines.append('x')\n", encoding="utf-8")
    found = untranslated_reporter_messages(tmp_path)
    assert [f.split(":")[1] for f in found] == ["2", "3", "4", "5", "12", "13"], found


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


def test_recommendations_rules_and_overview_report_progress_in_chinese(lines_shop, zh):
    from shopinsight.core.analytics import overview
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
        overview(shop, progress=lambda f, m: seen.append(m))      # its steps come from a table
    assert "销售趋势" in seen
    messages = [m for m in seen if m]
    assert len(set(messages)) >= 6, messages
    assert not _english_in(messages), messages
    i18n.set_language("en")           # and the same job in English still reports English
    seen.clear()
    with Shop(path) as shop:
        association_rules(load_baskets(shop), min_support=0.4, min_lift=0, progress=lambda f, m: seen.append(m))
    assert "counting pairs" in seen


def test_import_warnings_in_chinese_and_a_settled_date_warning_dropped(tmp_path, zh, monkeypatch):
    """Warnings a result carries come out in the UI's language; the preview's "dates fit two
    formats" warning is still dropped once the whole file settles it (found by value, not by the
    English words it starts with)."""
    from importer_helpers import CORPUS

    from shopinsight.core.importer import import_files, preview_file
    from shopinsight.core.importer import sniff as sniff_mod
    from shopinsight.core.store import Shop

    with Shop(tmp_path / "a.shop") as shop:
        (amb,) = import_files(shop, [CORPUS / "ambiguous_dates.csv"])
    with Shop(tmp_path / "b.shop") as shop:
        (tz,) = import_files(shop, [CORPUS / "iso_timezones.csv"])
    assert any("同时符合" in w and "%m/%d/%Y" in w and "%d/%m/%Y" in w for w in amb.warnings), amb.warnings
    assert any("时区" in w for w in tz.warnings), tz.warnings
    assert not _english_in(amb.warnings + tz.warnings, allowed=("ordered_at", "date", "Date")), \
        amb.warnings + tz.warnings

    monkeypatch.setattr(sniff_mod, "CHUNK_BYTES", 4096)     # the preview sample = the first ~150 rows
    csv = tmp_path / "uk.csv"
    rows = ["order,date,qty,price"]
    rows += [f"{i},{1 + i % 12:02d}/{1 + i // 100:02d}/2024,1,2.50" for i in range(1000)]
    rows += [f"{i},{13 + i % 16:02d}/11/2024,1,2.50" for i in range(1000, 1200)]
    csv.write_text("\n".join(rows) + "\n")
    assert any("同时符合" in w for w in preview_file(csv).warnings)
    with Shop(tmp_path / "c.shop") as shop:
        (res,) = import_files(shop, [csv])
    assert res.format["date_format"] == "%d/%m/%Y" and not res.warnings


def test_a_job_in_a_worker_process_speaks_the_callers_language(tmp_path, zh):
    """The GUI runs big imports in a spawned child: the child translates into the caller's
    language, so the progress line and the stored warnings are Chinese too (not the child's default)."""
    from importer_helpers import CORPUS

    from shopinsight.core.process import import_into, run_in_process

    seen: list[str] = []
    (res,) = run_in_process(import_into, tmp_path / "p.shop", [CORPUS / "ambiguous_dates.csv"],
                            progress=lambda f, m: seen.append(m))
    assert any("同时符合" in w for w in res["warnings"]), res["warnings"]
    assert not _english_in([m for m in seen if m], allowed=("ambiguous_dates.csv",)), seen
