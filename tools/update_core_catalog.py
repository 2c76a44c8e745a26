"""Refresh the core's gettext catalogs: extract with Babel, fill known Chinese texts, compile.

    PYTHONPATH=$PWD .venv/bin/python tools/update_core_catalog.py

1. Babel extracts every ``_()`` / ``N_()`` / ``ngettext()`` string of ``shopinsight/core`` and
   ``shopinsight/cli`` (:func:`extract`; the syntax-tree scan :func:`marked_strings` adds those
   inside f-strings, which Babel misses), and the ``help=``/``description=`` literals of the CLI's
   argparse options (:func:`cli_help_texts`).
2. ``resources/locale/zh_CN/LC_MESSAGES/shopinsight.po`` is updated to that template (existing
   translations kept, strings gone from the code dropped); empty translations are filled from the
   ``CORE`` tables (``{msgid: translation}``) of ``tools/zh_CN/*.py``, so texts can be reviewed as
   code and merged without editing the .po by hand (translators may still edit the .po, e.g. with
   Poedit: a non-empty msgstr is kept).
3. The .po is compiled to ``shopinsight.mo`` next to it, which :mod:`shopinsight.core.i18n` loads.

Run it after adding or changing a marked string; ``tests/core/test_i18n.py`` fails when the
catalog misses a string or a translation.
"""
from __future__ import annotations

import ast
import datetime
import importlib.util
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("shopinsight/core", "shopinsight/cli")
LANGS = ("zh_CN",)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
_FIXED = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def po_path(lang: str) -> Path:
    return ROOT / "resources" / "locale" / lang / "LC_MESSAGES" / "shopinsight.po"


def extract() -> Catalog:
    """The template: every marked string of the core and the CLI, with its locations."""
    # a fixed date: re-running the script changes the .po only when the strings change
    cat = Catalog(project="ShopInsight", domain="shopinsight", creation_date=_FIXED, revision_date=_FIXED)
    for src in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / src, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            cat.add(message, None, [(f"{src}/{filename}", lineno)], auto_comments=comments, context=context)
    for filename, lineno, message in cli_help_texts():
        cat.add(message, None, [(filename, lineno)])
    for filename, lineno, message in marked_strings():
        if (message if isinstance(message, str) else message[0]) not in cat:   # Babel missed it
            cat.add(message, None, [(filename, lineno)])
    return cat


def marked_strings():
    """Every ``_()``/``N_()``/``ngettext()`` call with literal text in the core and the CLI, found
    on the syntax tree — also inside f-strings (``f"{_('tables')}: …"``), which Babel's tokenizer
    does not look into on Python 3.11: (file, line, msgid or (singular, plural))."""
    for src in SOURCES:
        for path in sorted((ROOT / src).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                where = f"{src}/{path.relative_to(ROOT / src).as_posix()}"
                if name in ("_", "N_", "gettext") and texts and texts[0]:
                    yield where, node.lineno, texts[0]
                elif name == "ngettext" and len(texts) == 2:
                    yield where, node.lineno, (texts[0], texts[1])


def cli_help_texts():
    """The ``help=``/``description=`` string literals of shopinsight/cli/*.py (argparse options and
    verbs): the CLI's help formatter translates them when printed (shopinsight/cli/argtext.py)."""
    for path in sorted((ROOT / "shopinsight" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg in ("help", "description") and isinstance(kw.value, ast.Constant) \
                            and isinstance(kw.value.value, str) and kw.value.value:
                        yield f"shopinsight/cli/{path.name}", kw.value.lineno, kw.value.value


def table_files() -> dict[Path, dict]:
    """The ``CORE`` table of each ``tools/zh_CN/*.py`` that has one."""
    out: dict[Path, dict] = {}
    for f in sorted((ROOT / "tools" / "zh_CN").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"zh_core_{f.stem}", f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        if getattr(mod, "CORE", None):
            out[f] = mod.CORE
    return out


def load_tables() -> dict[str, str]:
    out: dict[str, str] = {}
    for table in table_files().values():
        out.update(table)
    return out


def main() -> int:
    template = extract()
    table = load_tables()
    for lang in LANGS:
        po = po_path(lang)
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as fh:
                cat = read_po(fh, locale=lang)
        else:
            cat = Catalog(locale=lang, project="ShopInsight", domain="shopinsight")
        cat.fuzzy = False
        cat.revision_date = _FIXED
        cat.copyright_holder, cat.msgid_bugs_address = "ShopInsight team", ""
        cat.last_translator, cat.language_team = "ShopInsight team", "ShopInsight team"
        cat.update(template, no_fuzzy_matching=True)
        cat.obsolete.clear()
        missing = []
        for m in cat:
            if not m.id:
                continue
            key = m.id if isinstance(m.id, str) else m.id[0]
            empty = not m.string or (isinstance(m.string, tuple) and not all(m.string))
            if empty and key in table:
                t = table[key]
                m.string = t if isinstance(m.id, str) else tuple(t if isinstance(t, str) else t[0]
                                                              for _ in range(max(1, cat.num_plurals)))
                if isinstance(t, (list, tuple)) and not isinstance(m.id, str):
                    m.string = tuple(t)
                empty = False
            if empty:
                missing.append(key)
        with po.open("wb") as fh:
            write_po(fh, cat, width=100, omit_header=False, sort_output=True, include_lineno=False)
        with po.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, cat)
        print(f"{lang}: {len(cat)} messages, {len(missing)} untranslated")
        for k in missing:
            print(f"  untranslated: {k!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
