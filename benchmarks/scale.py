"""Scale: every verb on synthetic shops of N lines — seconds and peak RSS per verb.

    .venv/bin/python benchmarks/scale.py --lines 500000 --lines 5000000 [--work DIR] [--keep]
        [--verbs import,info,...] [--duckdb]
    .venv/bin/python benchmarks/scale.py --lines 5000000 --shop COPY.shop --verbs info,overview,...

``--shop`` runs the verbs on an existing shop (one ``--lines``, the size it holds, as the run's
label; no export is written and ``import`` is refused): re-measure a verb without regenerating
and importing. The verbs may write to it (summary, runs): give it a copy.

For each N: ``benchmarks/synth.py`` writes a UCI-shaped export of N lines (drawn from the real
file's statistics, month by month, flat memory), then each verb runs in its own child process
under ``/usr/bin/time -v`` (wall seconds, peak RSS): the ``shopinsight`` CLI for import, info,
overview, forecast, customers, segments, cohorts, recommend, rules, anomalies and report, and a
small Python child for what the GUI does without a verb: browsing the lines exactly as the Data
tab does through ``core/lines.py`` (first page, count, next page, a jump to the middle before and
after the background anchors, pages by date and by amount, a text filter's page and counts) and the Overview's
core call, timed inside the process (the figure the user waits for, without start-up).
``--duckdb`` also times the Overview's queries and the per-product weekly series on DuckDB
reading the same shop (benchmarks only; ``pip install duckdb``).

Prints one JSON object: ``{"runs": [{"lines": N, "verbs": {verb: {"seconds", "peak_rss_mb",
"ok"}}, ...}], "ratios": {verb: seconds at the largest N / seconds at the smallest}}``.
Progress goes to stderr.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CLI = [sys.executable, "-c", "import sys; from shopinsight.cli import main; sys.exit(main())"]

# verb → CLI arguments after the verb ({db}, {csv}, {work} filled in)
VERBS: dict[str, list[str]] = {
    "import": ["import", "--db", "{db}", "{csv}", "--json"],
    "info": ["info", "--db", "{db}", "--json"],
    "overview": ["overview", "--db", "{db}", "--period", "12m", "--json"],
    "lines": [],       # Python child: core/lines.py
    "overview_core": [],   # Python child: core.analytics.run_overview timed in-process
    "forecast_total_daily": ["forecast", "--db", "{db}", "--level", "total", "--freq", "D", "--horizon", "28",
                             "--backtest", "--no-save", "--json"],
    "forecast_top200_weekly": ["forecast", "--db", "{db}", "--level", "product", "--top", "200", "--freq", "W",
                               "--horizon", "8", "--no-save", "--json"],
    "customers": ["customers", "--db", "{db}", "--no-save", "--json"],
    "segments": ["segments", "--db", "{db}", "--json"],
    "cohorts": ["cohorts", "--db", "{db}", "--json"],
    "recommend": ["recommend", "--db", "{db}", "--json"],
    "rules": ["rules", "--db", "{db}", "--json"],
    "anomalies": ["anomalies", "--db", "{db}", "--no-save", "--json"],
    "report": ["report", "--db", "{db}", "--out", "{work}/report.pdf", "--json"],
}

# Probes timed inside the process: wall seconds and CPU seconds (the machine may be shared;
# CPU seconds are what the call costs on an idle one).
_PROBE = r"""
import json, sys, time
def timed(name, fn):
    w, c = time.perf_counter(), time.process_time()
    r = fn()
    out[name + "_s"] = round(time.perf_counter() - w, 4)
    out[name + "_cpu_s"] = round(time.process_time() - c, 4)
    return r
out = {}
"""

_LINES_CHILD = _PROBE + r"""
# exactly what the Data tab's LinesModel runs (blocks of 256 rows through core.lines.LinePager,
# the count apart, anchors built in the background for an indexed order); each probe on a fresh pager
from shopinsight.core.store import Shop
from shopinsight.core.lines import LineFilter, LinePager, count_lines
B = 256
with Shop(sys.argv[1], readonly=True) as shop:
    c = shop.conn
    p = LinePager()
    timed("first_page", lambda: p.read(c, 0, B))
    n = out["count"] = timed("count", lambda: count_lines(c))
    timed("next_page", lambda: p.read(c, B, B))
    timed("middle_page_no_anchors", lambda: p.read(c, n // 2, B))        # a jump: OFFSET from row 512
    q = LinePager()
    timed("anchors", lambda: q.build_anchors(c))                            # background, after the count
    timed("middle_page", lambda: q.read(c, n // 2 + 1000, B))               # the jump once anchored
    d = LinePager(sort="ordered_at", descending=True)
    timed("date_page", lambda: d.read(c, 0, B))
    timed("date_next_page", lambda: d.read(c, B, B))
    timed("date_middle_page_no_anchors", lambda: d.read(c, n // 2, B))
    d2 = LinePager(sort="ordered_at", descending=True)
    timed("date_anchors", lambda: d2.build_anchors(c))                      # lines per day, background
    timed("date_middle_page", lambda: d2.read(c, n // 2 + 1000, B))
    s = LinePager(sort="amount", descending=True)                           # no index on amount
    timed("sorted_page", lambda: s.read(c, 0, B))
    timed("sorted_next_page", lambda: s.read(c, B, B))
    timed("sorted_middle_page", lambda: s.read(c, n // 2, B))               # a jump: the amounts' groups first
    timed("sorted_middle_next_page", lambda: s.read(c, n // 3, B))
    h = LineFilter(text="heart")
    f = LinePager(h)
    timed("filtered_page", lambda: f.read(c, 0, B))
    out["filtered_count_capped"] = timed("filtered_count_capped", lambda: count_lines(c, h, cap=10_001))
    out["filtered_count"] = timed("filtered_count", lambda: count_lines(c, h))
    rare = LinePager(LineFilter(text="zzzz-no-such-word"))                  # a word no line has
    timed("rare_word_page", lambda: rare.read(c, 0, B))
print(json.dumps(out))
"""

_OVERVIEW_CHILD = _PROBE + r"""
from shopinsight.core.store import Shop
from shopinsight.core.analytics import OverviewOptions, run_overview
with Shop(sys.argv[1], readonly=True) as shop:
    timed("overview_12m", lambda: run_overview(shop, OverviewOptions(period="12m")))
print(json.dumps(out))
"""


def log(msg: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed(cmd: list[str], out_path: Path, timeout: float) -> dict:
    """Run ``cmd`` under /usr/bin/time -v: wall seconds, peak RSS (MB), exit code, stdout file."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    with open(out_path, "w") as out:
        try:
            p = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=out, stderr=subprocess.PIPE, text=True,
                               env=env, timeout=timeout)
            rc, err = p.returncode, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, err = "timeout", (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) else ""
    secs = time.perf_counter() - t
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err or "")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", err or ""))
    res = {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2),
           "peak_rss_mb": round(int(m.group(1)) / 1024, 1) if m else None, "ok": rc == 0}
    if rc != 0:
        tail = [ln for ln in (err or "").splitlines() if not ln.startswith("\t")][-5:]
        res["error"] = f"exit {rc}: " + " | ".join(tail)[-600:]
    return res


def child_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text().strip().splitlines()[-1])
    except Exception:   # noqa: BLE001 - a failed verb has no JSON
        return {}


def run_size(n: int, work: Path, verbs: list[str], timeout: float, profile, duckdb: bool,
             shop: Path | None = None) -> dict:
    """Every verb of ``verbs`` on the shop of ``n`` lines: made (export, import) under ``work``, or ``shop``."""
    import synth

    work.mkdir(parents=True, exist_ok=True)
    csv_path, db = work / f"synth_{n}.csv", shop or work / f"synth_{n}.shop"
    out: dict = {"lines": n, "verbs": {}}
    if shop is not None:
        out["shop"] = str(shop)
    t = time.perf_counter()
    if shop is None and (not csv_path.exists() or csv_path.stat().st_size == 0):
        claims = synth.generate(csv_path, n, profile=profile or synth.profile_from_file())
        out["export"] = {"months": len(claims.months), "first_month": claims.months[0],
                         "last_month": claims.months[-1], "orders": claims.orders,
                         "customers_new": int(sum(claims.new_customers)),
                         "products_new": int(sum(claims.new_products)),
                         "mb": round(csv_path.stat().st_size / 2**20, 1),
                         "seconds": round(time.perf_counter() - t, 1)}
        log(f"{n}: export {out['export']}")
    if "import" in verbs:
        for s in ("", "-wal", "-shm"):
            Path(str(db) + s).unlink(missing_ok=True)
    for verb in verbs:
        log(f"{n}: {verb} …")
        stdout = work / f"{verb}_{n}.out"
        if verb == "lines":
            r = timed([sys.executable, "-c", _LINES_CHILD, str(db)], stdout, timeout)
            r.update(child_json(stdout))
        elif verb == "overview_core":
            r = timed([sys.executable, "-c", _OVERVIEW_CHILD, str(db)], stdout, timeout)
            r.update(child_json(stdout))
        else:
            args = [a.format(db=db, csv=csv_path, work=work) for a in VERBS[verb]]
            r = timed(CLI + args, stdout, timeout)
        out["verbs"][verb] = r
        log(f"{n}: {verb} {r}")
    if duckdb:
        import duckdb_side
        log(f"{n}: duckdb side by side …")
        out["duckdb"] = duckdb_side.compare(db, work)
        log(f"{n}: duckdb {out['duckdb']}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, action="append", default=[], help="shop size (repeatable)")
    ap.add_argument("--combine", nargs="*", metavar="JSON",
                    help="add the runs of earlier outputs of this script (then compare all sizes)")
    ap.add_argument("--work", help="folder for the exports and shops (default: a temporary one)")
    ap.add_argument("--verbs", default=",".join(VERBS), help="comma-separated subset of: " + ", ".join(VERBS))
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per verb")
    ap.add_argument("--duckdb", action="store_true", help="also the DuckDB side-by-side (needs duckdb)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--shop", type=Path, help="run the verbs on this existing shop (one --lines: its size; "
                    "no export, no import; verbs may write to it, so give a copy)")
    a = ap.parse_args()
    verbs = [v.strip() for v in a.verbs.split(",") if v.strip()]
    unknown = set(verbs) - set(VERBS)
    if unknown:
        ap.error(f"unknown verbs: {sorted(unknown)}")
    if a.shop is not None:
        if len(a.lines) != 1:
            ap.error("--shop needs exactly one --lines (the size of the shop, the run's label)")
        if "import" in verbs:
            ap.error("--shop runs verbs on an existing shop: leave import out of --verbs")
        if not a.shop.is_file():
            ap.error(f"--shop {a.shop}: no such file")
    import synth
    # one profile for every size (measured only when an export is to be written)
    profile = None if a.shop is not None else synth.profile_from_file() if any(not (Path(a.work or "-") / str(n) / f"synth_{n}.csv").exists()
                                               for n in a.lines) else None
    tmp = None
    if a.work:
        work = Path(a.work)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="scale_")
        work = Path(tmp.name)
    runs = [run_size(n, work / str(n), verbs, a.timeout, profile, a.duckdb, a.shop) for n in sorted(a.lines)]
    for f in a.combine or []:            # sizes measured by separate (e.g. parallel) runs
        runs += json.loads(Path(f).read_text())["runs"]
    runs.sort(key=lambda r: r["lines"])
    result: dict = {"machine": {"cpus": os.cpu_count()}, "runs": runs}
    if len(runs) > 1:
        lo, hi = runs[0]["verbs"], runs[-1]["verbs"]
        result["ratios"] = {v: round(hi[v]["seconds"] / lo[v]["seconds"], 2)
                            for v in hi if v in lo and lo[v]["seconds"] and hi[v]["ok"] and lo[v]["ok"]}
        result["cpu_ratios"] = {v: round(hi[v]["cpu_seconds"] / lo[v]["cpu_seconds"], 2)
                                for v in result["ratios"] if lo[v].get("cpu_seconds")}
        result["size_ratio"] = runs[-1]["lines"] / runs[0]["lines"]
    print(json.dumps(result, indent=1))
    if tmp is not None and not a.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
