"""Refresh the UI translations: extract strings, fill known Chinese texts, compile the .qm.

    .venv/bin/python tools/update_translations.py

1. ``pyside6-lupdate`` collects every ``self.tr(...)`` string of ``shopinsight/gui`` into
   ``resources/translations/shopinsight_zh_CN.ts`` (existing translations are kept).
2. Strings still unfinished get their text from the ``ZH`` tables in ``tools/zh_CN/*.py``
   (one module per part of the app, each holding ``ZH = {context: {source: translation}}``),
   so translations can be reviewed as code and merged without editing XML by hand.
   Translators may also edit the .ts with Qt Linguist (``pyside6-linguist``).
3. ``pyside6-lrelease`` compiles ``shopinsight_zh_CN.qm``, which the app loads.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "shopinsight_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def load_tables() -> dict[str, dict[str, str]]:
    """Merge the ``ZH`` tables of tools/zh_CN/*.py."""
    out: dict[str, dict[str, str]] = {}
    for f in sorted((ROOT / "tools" / "zh_CN").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"zh_{f.stem}", f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for ctx, table in getattr(mod, "ZH", {}).items():
            out.setdefault(ctx, {}).update(table)
    return out


def fill(ts: Path, tables: dict[str, dict[str, str]]) -> tuple[int, list[str]]:
    """Write translations from ``tables`` into unfinished messages; returns (filled, missing)."""
    tree = ET.parse(ts)
    filled, missing = 0, []
    for ctx in tree.getroot().findall("context"):
        name = ctx.findtext("name")
        table = tables.get(name, {})
        for msg in ctx.findall("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            done = tr is not None and tr.text and tr.get("type") not in ("unfinished",)
            if done:
                continue
            if src in table:
                if tr is None:
                    tr = ET.SubElement(msg, "translation")
                tr.text = table[src]
                tr.attrib.pop("type", None)
                filled += 1
            else:
                missing.append(f"{name}: {src}")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>", "?>\n<!DOCTYPE TS>", 1)
        ts.write_text(text, encoding="utf-8")
    return filled, missing


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "shopinsight" / "gui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete"], check=True,
                   cwd=ROOT)
    filled, missing = fill(TS, load_tables())
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, cwd=ROOT)
    print(f"filled {filled} translations; {len(missing)} still untranslated")
    for m in missing:
        print("  untranslated:", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
