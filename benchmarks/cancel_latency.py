"""How long a Cancel waits in each phase of an import of the shared UCI file (one JSON object).

Imports the file into a temporary shop and re-imports it, recording how long each phase takes
(what a Cancel had to wait for when the SQL phase ignored it), then presses Cancel at the start
of the index build, of the products/customers refresh, and of the re-import's SQL phase, and
measures the time from the request to ``Cancelled`` (and that the shop kept its lines)."""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from bench_shop import DATA

from shopinsight.core.importer import import_files
from shopinsight.core.store import Shop
from shopinsight.core.tasks import Cancelled


def phases(shop_path: Path) -> dict:
    marks: list[tuple[str, float]] = []

    def progress(fraction: float, message: str) -> None:
        name = "reading" if "rows read" in message or message.startswith("reading") else message
        if not marks or marks[-1][0] != name:
            marks.append((name, time.perf_counter()))

    t0 = time.perf_counter()
    with Shop(shop_path) as shop:
        import_files(shop, [DATA], progress=progress)
    marks.append(("end", time.perf_counter()))
    seen: dict[str, float] = {}
    for (name, t), (_, t2) in zip(marks, marks[1:]):
        seen[name] = round(seen.get(name, 0.0) + t2 - t, 2)
    return {"total_s": round(time.perf_counter() - t0, 2), "phase_s": seen}


def cancel_at(shop_path: Path, phase: str) -> dict:
    pressed: list[float] = []

    def progress(fraction: float, message: str) -> None:
        if message == phase and not pressed:
            pressed.append(time.perf_counter())

    with Shop(shop_path) as shop:
        before = shop.line_count()
        try:
            import_files(shop, [DATA], progress=progress, should_stop=lambda: bool(pressed))
            return {"result": "done"}
        except Cancelled:
            waited = time.perf_counter() - pressed[0]
        return {"result": "cancelled", "cancel_to_stopped_s": round(waited, 3),
                "shop_unchanged": shop.line_count() == before}


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench_cancel_"))
    try:
        out = {"file": DATA.name,
               "first_import": phases(tmp / "full.shop"),
               "re_import": phases(tmp / "full.shop"),
               "cancel_first_import_at_indexing": cancel_at(tmp / "a.shop", "indexing"),
               "cancel_first_import_at_updating_products": cancel_at(tmp / "b.shop",
                                                                     "updating products and customers"),
               "cancel_re_import_at_checking": cancel_at(tmp / "full.shop",
                                                         "checking for lines already in the shop")}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
