"""Regenerate the README's screenshots (docs/screenshots/) with the app's screenshot mode — never by hand.

    python tools/make_screenshots.py [--work build/screenshots] [--size 1440x900] [--keep-shop]

1. builds the bundled sample shop (``shopinsight demo``) in ``--work`` (reused when it is there and
   ``--keep-shop``), and stores one run of each analysis with the CLI (the tabs show their last run);
2. runs ``shopinsight gui SHOP --screenshots DIR --size WxH`` in English and Chinese;
3. copies the screens the README shows to docs/screenshots/ under the names it uses (:data:`README_SHOTS`).

Fails (exit 1) when a screen is missing, a task failed, or the screenshot mode reports a layout problem
(a clipped header, a cut-off button).  The report's pages (report.png, report-zh.png) are rendered from its
PDF, not a screen: they are not made here.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "screenshots"

# screen name of the screenshot mode (the file name after its number) -> README file, per language
README_SHOTS = {
    "en": {"tab-data": "data.png", "data-postage-and-fees": "data-postage-fees.png",
           "import-wizard-mapping": "import-mapping.png", "tab-overview": "overview.png",
           "tab-forecast": "forecast.png", "forecast-why": "forecast-why.png",
           "forecast-per-series": "forecast-reorder.png", "tab-customers": "customers.png",
           "tab-recommendations": "recommendations.png", "tab-anomalies": "anomalies.png"},
    "zh_CN": {"tab-overview": "overview-zh.png"},
}

# the stored runs the tabs show (the last forecast is the per-product units one with its reorder figures)
RUNS = [
    ["customers"],
    ["segments"],
    ["recommend"],
    ["anomalies"],
    ["forecast", "--level", "product", "--target", "units", "--freq", "W", "--top", "15", "--horizon", "8",
     "--backtest", "--until", "2011-11-30", "--lead-time", "2", "--explain"],
]


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "shopinsight", *args]
    print("$ shopinsight " + " ".join(args), file=sys.stderr, flush=True)
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", default=str(ROOT / "build" / "screenshots"), help="work folder (shop, raw PNGs)")
    ap.add_argument("--size", default="1440x900", help="window size (WxH)")
    ap.add_argument("--keep-shop", action="store_true", help="reuse the shop (and its runs) in --work")
    args = ap.parse_args(argv)

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "QT_QPA_PLATFORM": "offscreen", "SHOPINSIGHT_SETTINGS": str(work / "settings.ini"),
           "SHOPINSIGHT_DATA_DIR": str(work / "appdata")}
    shop = work / "sample.shop"
    t0 = time.perf_counter()
    if not (args.keep_shop and shop.exists()):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(shop) + suffix).unlink(missing_ok=True)
        steps = [["demo", "--db", str(shop)]] + [[*r, "--db", str(shop)] for r in RUNS]
        for step in steps:
            job = _cli(*step, env=env)
            if job.returncode != 0:
                print(job.stderr[-3000:], file=sys.stderr)
                return 1
    problems: list[str] = []
    for lang, wanted in README_SHOTS.items():
        out = work / f"{lang}-{args.size}"
        shutil.rmtree(out, ignore_errors=True)
        job = _cli("gui", str(shop), "--screenshots", str(out), "--size", args.size, "--lang", lang, "--json",
                   env=env)
        try:
            result = json.loads(job.stdout)
        except ValueError:
            print(job.stderr[-3000:], file=sys.stderr)
            return 1
        problems += [f"{lang}: task error: {e}" for e in result["errors"]]
        problems += [f"{lang}: {f['screen']}: {f['problem']}" for f in result.get("layout", [])]
        screens = {Path(f).stem.split("-", 1)[1]: Path(f) for f in result["files"]}
        for screen, name in wanted.items():
            if screen not in screens:
                problems.append(f"{lang}: no screen {screen!r} (have {sorted(screens)})")
                continue
            shutil.copyfile(screens[screen], DOCS / name)
            print(f"{DOCS / name}  ←  {screens[screen].name}", file=sys.stderr)
    print(f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
