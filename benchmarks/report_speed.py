"""How long the one-page report takes on the sample (UCI Online Retail) shop (issue 14: ≤ 30 s).

Builds the report of the last complete month (November 2011) as PDF and HTML, in English and
Chinese, on a shop without stored runs (so the forecast is made for the report: the slowest case)
and prints one JSON object: wall and CPU seconds per build (CPU seconds of this process: the
figure that does not depend on what else runs on the machine), the stages' seconds of the first
build, pages and bytes, and the machine's load average.

    python benchmarks/report_speed.py [--db SHOP] [--month 2011-11]
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench_shop import open_bench_shop  # also puts the repo on sys.path

TARGET_SECONDS = 30.0
STAGES = ("key figures", "sales chart", "what changed", "forecast", "customers", "anomalies", "best sellers",
          "writing the report")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="a shop holding the UCI file (default: import it into a temporary shop)")
    ap.add_argument("--month", default="2011-11")
    args = ap.parse_args()

    from shopinsight.core.report import ReportOptions, build_report
    from shopinsight.core.tasks import Reporter

    shop, tmp = open_bench_shop(args.db, "report_")
    builds, stages = [], {}
    with tempfile.TemporaryDirectory(prefix="report_out_") as out:
        for fmt, lang in (("pdf", "en"), ("pdf", "zh_CN"), ("html", "en"), ("html", "zh_CN")):
            marks: list[tuple[float, str]] = []
            t0, c0 = time.perf_counter(), time.process_time()
            rep = Reporter(lambda f, m: marks.append((time.perf_counter() - t0, m)))
            res = build_report(shop, ReportOptions(out=str(Path(out) / f"r-{lang}.{fmt}"), month=args.month,
                                                   lang=lang), rep)
            seconds = time.perf_counter() - t0
            builds.append({"format": fmt, "lang": lang, "seconds": round(seconds, 2),
                           "cpu_seconds": round(time.process_time() - c0, 2),
                           "pages": res.pages, "bytes": res.bytes, "unavailable": res.unavailable})
            if not stages:              # wall seconds of each stage of the first (English) build
                top = [(t, m) for t, m in marks if m in STAGES] + [(seconds, "end")]
                stages = {m: round(b - a, 2) for (a, m), (b, _m) in zip(top, top[1:])}
    worst = max(b["seconds"] for b in builds)
    worst_cpu = max(b["cpu_seconds"] for b in builds)
    print(json.dumps({"month": args.month, "builds": builds, "stages_first_build": stages,
                      "max_seconds": worst, "max_cpu_seconds": worst_cpu, "target_seconds": TARGET_SECONDS,
                      "met": worst <= TARGET_SECONDS, "met_in_cpu_seconds": worst_cpu <= TARGET_SECONDS,
                      "load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}))
    shop.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
