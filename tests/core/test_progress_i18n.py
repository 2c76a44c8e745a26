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


_LETTERS = re.compile(r"[A-Za-z]{2,}")


def _untranslated(node: ast.expr) -> bool:
    """Is ``node`` English text built in place (a literal, an f-string, concatenation, %, .format
    on a literal, a list of those) rather than a ``_()``/``ngettext()`` call or a variable?  Text
    without words (", ", f"{a}: {b}", "  — ") is layout, a snake_case code ("no_orders") an id."""
    if isinstance(node, ast.Constant):       # the program's name ("shopinsight: error: …") is a name
        return (isinstance(node.value, str) and bool(_LETTERS.search(node.value.replace("shopinsight", "")))
                and not _CODE.fullmatch(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_untranslated(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _untranslated(node.func.value)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_untranslated(e) for e in node.elts)
    if isinstance(node, ast.ListComp):
        return _untranslated(node.elt)
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


# -- errors and the CLI's own lines (issue 12: "every word translatable") -----------------------------
CLI = CORE.parent / "cli"
#: exceptions whose message a person reads (the CLI prints it; the GUI shows "a problem with your data")
USER_ERRORS = {"InputError", "BadInput", "ArgumentTypeError", "ShopError", "ShopReadOnlyError", "ShopDamagedError", "ShopDiskFullError",
               "ShopBusyError"}
#: lists the CLI builds its human output in (``lines.append(f"imported {n} lines")``)
CLI_TEXT_LISTS = {"lines", "out", "rows", "parts", "text", "notes"}
#: single pieces of the CLI's human output (``head = f"{n} matching lines"``)
CLI_TEXT_NAMES = {"head", "tail", "what", "text", "point", "message"}
#: texts a person reads that are not errors: the import preview's problems (``Problem(code, message)``)
HUMAN_CALLS = {"Problem": 1}




def _callee(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _human_texts(node: ast.AST, cli: bool) -> list[ast.expr]:
    """The message of a user error (``InputError("...")``), and in the CLI the text it prints:
    ``print``/``write``/``fail`` arguments and what goes into its output lists."""
    if isinstance(node, ast.Call):
        name = _callee(node.func)
        if name in USER_ERRORS:
            return node.args[:1] + [k.value for k in node.keywords if k.arg == "message"]
        if name in HUMAN_CALLS:
            i = HUMAN_CALLS[name]
            return node.args[i:i + 1] + [k.value for k in node.keywords if k.arg == "message"]
        if cli and name in ("print", "write", "_write", "fail"):
            return node.args[:1]
        if cli and name == "emit" and len(node.args) > 2:      # emit(args, result, lambda r: f"wrote {r['out']}")
            human = node.args[2]
            return [human.body if isinstance(human, ast.Lambda) else human]
        if cli and name in ("append", "extend", "insert") and _list_name(node.func.value) in CLI_TEXT_LISTS:
            return node.args[1:] if name == "insert" else list(node.args)
    if cli and isinstance(node, ast.AugAssign) and _list_name(node.target) in CLI_TEXT_LISTS:
        return [node.value]
    if cli and isinstance(node, ast.Assign) and any(_list_name(t) in CLI_TEXT_LISTS for t in node.targets) \
            and isinstance(node.value, (ast.List, ast.ListComp)):
        return [node.value]
    if cli and isinstance(node, ast.Assign) and any(_list_name(t) in CLI_TEXT_NAMES for t in node.targets):
        return [node.value]
    return []


def untranslated_user_texts(root: Path = CORE.parent) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if not rel.startswith(("core/", "cli/")):
            continue
        nodes = [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
                 if any(_untranslated(m) for m in _human_texts(n, rel.startswith("cli/")))]
        found += [f"{rel}:{n.lineno}: {ast.unparse(n)[:100]}" for n in sorted(nodes, key=lambda n: n.lineno)]
    return found


def test_the_scan_sees_untranslated_errors_and_cli_lines(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "cli").mkdir()
    (tmp_path / "core" / "m.py").write_text(
        "def f(n, v):\n"
        "    raise InputError('the horizon must be at least one day', column='horizon')\n"
        "    raise InputError(f'no sales on or before {v}', value=v)\n"
        "    raise InputError(_('no sales on or before {day}').format(day=v), value=v)\n"
        "    raise ShopBusyError(f'{v}: {text}')\n"
        "    out.append(Problem('no_rows', 'the file has no data rows'))\n"
        "    print(f'imported {n} lines')\n", encoding="utf-8")
    (tmp_path / "cli" / "v.py").write_text(
        "def human(o, n, w):\n"
        "    lines = [f\"imported {n} lines\"]\n"
        "    lines.append(f'  {w}: {n}')\n"
        "    lines.append('chosen: ' + w)\n"
        "    lines += [f'    warning: {x}' for x in w]\n"
        "    print(f'shopinsight: error: {w}', file=sys.stderr)\n"
        "    raise BadInput(f'--until: {w} is not an ISO date')\n"
        "    lines.append(_('chosen: {models}').format(models=w))\n"
        "    out.append(', '.join(w))\n"
        "    print(_('{n} lines').format(n=n))\n"
        "    emit(args, o, lambda r: f\"wrote {r['out']}\")\n"
        "    head = f'{n} matching lines'\n"
        "    raise argparse.ArgumentTypeError(f'{w!r} is not a number')\n"
        "    emit(args, o, lambda r: _('wrote {file}').format(file=r['out']))\n", encoding="utf-8")
    found = untranslated_user_texts(tmp_path)
    assert [f.split(":")[0] + ":" + f.split(":")[1] for f in found] == [
        "cli/v.py:2", "cli/v.py:4", "cli/v.py:5", "cli/v.py:6", "cli/v.py:7", "cli/v.py:11", "cli/v.py:12",
        "cli/v.py:13", "core/m.py:2", "core/m.py:3", "core/m.py:6"], found


def test_every_user_error_and_cli_line_is_translatable():
    found = untranslated_user_texts()
    assert not found, "wrap these texts in _() (named placeholders, numbers through core.fmt):\n" + "\n".join(found)


def test_cli_summaries_and_errors_come_out_in_chinese(tmp_path, capsys):
    """`shopinsight --lang zh_CN import …` / `forecast …`: the summary lines and the errors (the CLI's
    own and the core's InputError, with its "where" prefix) are Chinese."""
    from shopinsight.cli import main

    data = Path(__file__).resolve().parents[1] / "data" / "gui_orders.csv"
    shop = tmp_path / "zh.shop"
    assert main(["--lang", "zh_CN", "import", str(data), "--db", str(shop)]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("已从 1 个文件导入 40 条明细") and "秒" in first, out
    assert not re.search(r"\b(imported|read|rejected|flagged|format|mapping|warning)\b", out), out

    assert main(["--lang", "zh_CN", "import", str(tmp_path / "missing.csv"), "--db", str(shop)]) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "没有这个文件" in err and "no such file" not in err, err

    assert main(["--lang", "zh_CN", "forecast", "--db", str(shop), "--horizon", "3", "--models", "naive",
                 "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "个序列" in out.splitlines()[0] and "预测期 3" in out and "选定：" in out, out
    assert not re.search(r"\b(series|horizon|history|chosen|note)\b", out), out

    assert main(["--lang", "zh_CN", "forecast", "--db", str(shop), "--horizon", "3", "--until", "2001-01-01"]) == 2
    err = capsys.readouterr().err
    assert "值 '2001-01-01'" in err and "2001年1月1日（含）之前没有销售" in err, err
    assert not _english_in([err.split("：", 1)[1]], allowed=("'2001-01-01'",)), err
