"""The zh_CN catalog is complete and current: every string the GUI passes to tr() (as pyside6-lupdate
finds it now) has a finished Chinese translation in the committed .ts, under the same context the
app looks it up with (a string filed under the wrong or an empty context shows in English)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "shopinsight_zh_CN.ts"


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    for ctx in ET.parse(ts).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.findall("message"):
            tr = msg.find("translation")
            out[(name, msg.findtext("source"))] = ((tr.text or "") if tr is not None else "",
                                                   tr.get("type", "") if tr is not None else "unfinished")
    return out


@pytest.fixture(scope="module")
def wanted(tmp_path_factory) -> dict[tuple[str, str], tuple[str, str]]:
    """What pyside6-lupdate finds in shopinsight/gui now: {(context, source): …}."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if tool is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path_factory.mktemp("ts") / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "shopinsight" / "gui").rglob("*.py"))
    subprocess.run([tool, *sources, "-ts", str(fresh)], check=True, capture_output=True, cwd=ROOT)
    return _messages(fresh)


def test_every_gui_string_has_a_finished_chinese_translation(wanted):
    committed = _messages(TS)
    assert not [k for k in wanted if not k[0]], "strings outside any class context (lupdate lost the class)"
    missing = [k for k in wanted if k not in committed]
    assert not missing, f"not in the committed catalog (run tools/update_translations.py): {missing[:10]}"
    unfinished = [k for k in wanted if not committed[k][0] or committed[k][1] in ("unfinished", "vanished")]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_the_zh_tables_hold_only_strings_the_gui_uses(wanted):
    """A ZH entry of tools/zh_CN/*.py whose (context, source) no tr() call has any more (a text
    reworded, moved to another class or to the core catalog) is dead weight that hides what needs
    translating: the tables (as their modules build them) against what lupdate finds now."""
    import importlib.util

    stale = {}
    for f in sorted((ROOT / "tools" / "zh_CN").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"zh_tables_{f.stem}", f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        gone = [f"{ctx}: {src}" for ctx, table in getattr(mod, "ZH", {}).items() for src in table
                if (ctx, src) not in wanted]
        if gone:
            stale[f.name] = gone
    assert not stale, f"remove these entries (no tr() uses them): {stale}"
