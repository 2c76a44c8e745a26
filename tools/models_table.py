"""Write the README's models table from the model registry (core/registries.py).

    PYTHONPATH=$PWD .venv/bin/python tools/models_table.py          # rewrite the table in README.md
    PYTHONPATH=$PWD .venv/bin/python tools/models_table.py --check  # exit 1 when it is out of date

The table sits between the ``<!-- models-table:start -->`` and ``<!-- models-table:end -->`` markers;
``tests/core/test_registry.py`` fails when it differs from what this script writes, so a model or a
parameter added to the registry shows up in the docs (run the script after changing the registry).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- models-table:start -->", "<!-- models-table:end -->"


def _num(v) -> str:
    from shopinsight.core.registry import _num as num
    return num(v)


def table() -> str:
    """The Markdown of every family's models (English: the README's language)."""
    from shopinsight.core import i18n
    from shopinsight.core.registry import FAMILIES, registry

    before = i18n.current_language()
    i18n.set_language("en")
    try:
        out = []
        for family in FAMILIES:
            reg = registry(family)
            out += [f"**{reg.title}** (`{reg.option} {','.join(reg.defaults)}` by default; "
                    f"`--param MODEL.NAME=VALUE`)", "",
                    "| id | name | what it does | parameters (default; range) |", "|---|---|---|---|"]
            for name, m in reg.items():
                params = "<br>".join(f"`{p.name}` {p.label} ({_num(p.default)}; {p.range_text()})"
                                     for p in m.params) or "–"
                what = m.description + (" *Full edition only.*" if m.needs_full else "")
                out.append(f"| `{name}` | {m.label} | {what} | {params} |")
            out.append("")
        return "\n".join(out).rstrip() + "\n"
    finally:
        i18n.set_language(before)


def render(text: str) -> str:
    """``text`` (the README) with the table between the markers replaced."""
    a, b = text.index(START) + len(START), text.index(END)
    return text[:a] + "\n" + table() + text[b:]


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        if new != text:
            print("README.md's models table is out of date: run tools/models_table.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
