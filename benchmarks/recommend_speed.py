"""Speed and memory of the default `shopinsight recommend` (issues 15 and 16).

Runs ``shopinsight recommend --db SHOP --json`` — no options: the default hybrid, every customer, top 10 with
reasons, the run stored — in a child process on a copy of the shop, as a user would, and prints one JSON
object: wall seconds, CPU seconds (user + system) and the child's peak resident memory (ru_maxrss), plus
the machine's load average before the run (the machine is shared: wall time under load is not the
machine's speed; CPU seconds are steadier).

    python benchmarks/recommend_speed.py [--db SHOP] [--repeat 1]

Without --db the shared UCI file is imported into a temporary shop first (not timed).
Targets: UCI shop ≤ 15 s and ≤ 600 MB peak RSS.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_shop import REPO, open_bench_shop


def run_once(shop: Path, extra: list[str]) -> dict:
    cmd = [sys.executable, "-c", "import sys; from shopinsight.cli import main; sys.exit(main(sys.argv[1:]))",
           "recommend", "--db", str(shop), "--json", *extra]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)          # this child's own rusage (peak RSS, CPU)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    res = json.loads(out.decode("utf-8"))
    return {"seconds": round(wall, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "exit_code": proc.returncode,
            "customers": res.get("customers"), "rows": res.get("rows"), "model": res.get("model"),
            "params": res.get("params"), "run_seconds": res.get("seconds")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a shop holding the UCI file (copied first; default: import it)")
    ap.add_argument("--repeat", type=int, default=1, help="runs (each on a fresh copy); the best is reported")
    ap.add_argument("--args", default="", help="extra recommend arguments, e.g. '--exclude-purchased'")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="rec_speed_") as tmp:
        if args.db:
            src = Path(args.db)
        else:
            shop, tmp_shop = open_bench_shop(None, prefix="rec_speed_shop_")
            shop.close()
            src = Path(tmp_shop.name) / "uci.shop"
        runs = []
        for i in range(max(1, args.repeat)):
            copy = Path(tmp) / f"run{i}.shop"
            shutil.copyfile(src, copy)
            load = os.getloadavg()[0]
            runs.append({**run_once(copy, args.args.split()), "load_average": round(load, 2)})
            copy.unlink()
    best = min(runs, key=lambda r: r["seconds"])
    print(json.dumps({"command": "shopinsight recommend --db SHOP --json " + args.args, "cpus": os.cpu_count(),
                      **best, "runs": runs,
                      "targets": {"seconds_le_15": best["seconds"] <= 15, "peak_rss_le_600mb": best["peak_rss_mb"] <= 600}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
