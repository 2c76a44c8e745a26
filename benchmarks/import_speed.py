"""Import speed and memory: ShopInsight's typed, flagged import vs the sqlite3 shell's raw `.import`.

Prints one JSON object.  Each import runs in a fresh subprocess so its peak RSS is its own.

    .venv/bin/python benchmarks/import_speed.py [--file PATH] [--scale 10] [--repeat 3]

``--scale N`` also imports a file made of N copies of the data rows, to show memory stays flat.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "online_retail.csv.gz"
if not DEFAULT.exists():
    DEFAULT = REPO / "resources" / "sample" / "online_retail.csv.gz"

_CHILD = r"""
import json, resource, sys, time
from shopinsight.core.store import Shop
from shopinsight.core.importer import import_files
t, cpu0, main0 = time.perf_counter(), time.process_time(), time.thread_time()
phases, marks = {}, [(0.0, "open and preview")]
def progress(fraction, message):
    # the phases by their progress messages ('FILE: N rows read' is one phase: read, type, insert)
    name = "read, type, flag, insert" if message.endswith("rows read") else message
    if name != marks[-1][1]:
        marks.append((time.perf_counter() - t, name))
with Shop(sys.argv[2]) as shop:
    res = import_files(shop, [sys.argv[1]], progress=progress)
    n = shop.line_count()
secs = time.perf_counter() - t
marks.append((secs, "end"))
for (t0, name), (t1, _next) in zip(marks, marks[1:]):
    phases[name] = round(phases.get(name, 0.0) + t1 - t0, 2)
print(json.dumps({"seconds": secs, "cpu_seconds": time.process_time() - cpu0,
                  "main_thread_cpu_seconds": time.thread_time() - main0, "lines": n, "imported": res[0].imported,
                  "phases": phases, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_import(src: Path, work: Path) -> dict:
    db = work / "bench.shop"
    for s in ("", "-wal", "-shm"):
        Path(str(db) + s).unlink(missing_ok=True)
    out = subprocess.run([sys.executable, "-c", _CHILD, str(src), str(db)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_sqlite_shell(csv_path: Path, work: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the shell's raw ``.import`` (CPU: the machine's other load aside)."""
    db = work / "raw.db"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    before = os.times()
    subprocess.run(["sqlite3", str(db), ".mode csv", f".import {csv_path} t"], check=True,
                   capture_output=True)
    after = os.times()
    return (time.perf_counter() - t,
            after.children_user - before.children_user + after.children_system - before.children_system)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, default=0, help="also import N× the data (memory flatness)")
    args = ap.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("the sqlite3 command-line shell is needed (Debian: apt-get install sqlite3)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv_path = work / "data.csv"
        with gzip.open(args.file, "rb") as src, open(csv_path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        ours, shell = [], []
        for _ in range(args.repeat):
            shell.append(run_sqlite_shell(csv_path, work))
            ours.append(run_import(args.file, work))
        best = min(ours, key=lambda r: r["seconds"])
        sec = statistics.median(r["seconds"] for r in ours)
        shell_sec = statistics.median(s[0] for s in shell)
        cpu = statistics.median(r["cpu_seconds"] for r in ours)
        main = statistics.median(r["main_thread_cpu_seconds"] for r in ours)
        shell_cpu = statistics.median(s[1] for s in shell)
        result = {
            "file": str(args.file), "lines": best["lines"],
            "seconds": round(sec, 3), "sqlite3_shell_seconds": round(shell_sec, 3),
            "ratio_vs_sqlite3_shell": round(sec / shell_sec, 2),
            # CPU seconds: the same comparison with the machine's other load taken out
            "cpu_seconds": round(cpu, 3), "sqlite3_shell_cpu_seconds": round(shell_cpu, 3),
            "cpu_ratio_vs_sqlite3_shell": round(cpu / shell_cpu, 2),
            # the import's own thread (SQLite's sorter helpers sort beside it on other cores): on a busy
            # machine the nearest figure to the wall time of a quiet one with two or more cores
            "main_thread_cpu_seconds": round(main, 3),
            "main_thread_cpu_ratio_vs_sqlite3_shell": round(main / shell_cpu, 2),
            "phases_seconds": best["phases"],
            "lines_per_second": round(best["lines"] / sec),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in ours), 1),
            "runs": args.repeat, "cpu_count": os.cpu_count(),
            "targets": {"ratio_max": 2.0, "peak_rss_mb_max": 300},
        }
        if args.scale > 1:
            big = work / f"x{args.scale}.csv"
            with open(csv_path, "rb") as fh:
                header = fh.readline()
                body = fh.read()
            with open(big, "wb") as out:
                out.write(header)
                for _ in range(args.scale):
                    out.write(body)
            del body
            r = run_import(big, work)
            result[f"x{args.scale}"] = {"lines": r["lines"], "seconds": round(r["seconds"], 2),
                                        "peak_rss_mb": round(r["peak_rss_mb"], 1)}
        print(json.dumps(result))


if __name__ == "__main__":
    main()
