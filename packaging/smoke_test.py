#!/usr/bin/env python3
"""Smoke test of a built ShopInsight package (the frozen app, not the source tree).

    python3 packaging/smoke_test.py [PACKAGE] [--flavour lite|full] [--max-seconds 2.5]

PACKAGE is a ``.deb`` (unpacked with ``dpkg -x``) or a ``.tar.gz``; by default the newest
package of the flavour in ``dist/``.  The package is unpacked into a temporary prefix with a
temporary HOME, and every run of the frozen executable happens without network access when the
kernel allows it (``unshare -rn``).  Checks, in order:

1. the package layout (.deb: /opt/shopinsight, /usr/bin launcher, desktop entry, MIME type, icons);
2. ``--version`` equals pyproject.toml's version;
3. ``gui --smoke --json`` offscreen: window shown, TensorFlow not imported, seconds to first
   window (best of 3 runs after the first, which builds caches) ≤ --max-seconds;
4. a headless job: ``demo`` (the sample shop), ``import`` of a small generated CSV, ``forecast``
   with the linear and gradient-boosting models — plus the Keras model ``deep`` in the full
   edition, while in the lite edition asking for it must fail with the "full edition" message —
   ``recommend``, each exporting CSV with ``--out``; the outputs are checked;
5. the window opens on the sample shop; logs/caches went to the user's directories and nothing
   was written inside the installed folder.

Prints one line per check and a JSON summary on the last line; exits non-zero on any failure.
Uses only the standard library (runs with the system python3).
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAILURES: list[str] = []
SUMMARY: dict = {"checks": 0}


def check(ok: bool, what: str, detail: str = "") -> bool:
    SUMMARY["checks"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {what}" + (f" — {detail}" if detail else ""), flush=True)
    if not ok:
        FAILURES.append(what + (f": {detail}" if detail else ""))
    return ok


def find_package(flavour: str) -> Path:
    dist = ROOT / "dist"
    cands = sorted([*dist.glob(f"shopinsight-{flavour}_*_amd64.deb"),
                    *dist.glob(f"shopinsight-{flavour}-*-linux-x86_64.tar.gz")],
                   key=lambda p: p.stat().st_mtime, reverse=True)
    if not cands:
        raise SystemExit(f"no {flavour} package in {dist}: build one with `make package FLAVOUR={flavour}`")
    return cands[0]


def unpack(pkg: Path, prefix: Path) -> Path:
    """Unpack; return the installed app folder (the one holding the ``shopinsight`` executable)."""
    if pkg.name.endswith(".deb"):
        subprocess.run(["dpkg-deb", "-x", str(pkg), str(prefix)], check=True)
        app = prefix / "opt" / "shopinsight"
        link = prefix / "usr" / "bin" / "shopinsight"
        check(link.is_symlink() and os.readlink(link) == "/opt/shopinsight/shopinsight",
              "deb: /usr/bin/shopinsight → /opt/shopinsight/shopinsight",
              os.readlink(link) if link.is_symlink() else "missing")
        desktop = prefix / "usr/share/applications/shopinsight.desktop"
        text = desktop.read_text(encoding="utf-8") if desktop.exists() else ""
        check("Exec=/usr/bin/shopinsight" in text and "MimeType=application/x-shopinsight-shop;" in text
              and "Icon=shopinsight" in text, "deb: desktop entry (Exec, Icon, MimeType)")
        mime = prefix / "usr/share/mime/packages/shopinsight.xml"
        check(mime.exists() and '<glob pattern="*.shop"' in mime.read_text(encoding="utf-8"),
              "deb: MIME type for *.shop")
        icons = [prefix / f"usr/share/icons/hicolor/{s}" for s in
                 ("scalable/apps/shopinsight.svg", "48x48/apps/shopinsight.png", "256x256/apps/shopinsight.png")]
        check(all(p.exists() for p in icons), "deb: icons (SVG + PNG sizes)")
        control = subprocess.run(["dpkg-deb", "-f", str(pkg), "Package", "Version"],
                                 capture_output=True, text=True).stdout
        SUMMARY["deb_control"] = control.strip().replace("\n", "; ")
    else:
        with tarfile.open(pkg) as tf:
            tf.extractall(prefix, filter="data")
        app = prefix / "shopinsight"
    check((app / "shopinsight").is_file() and os.access(app / "shopinsight", os.X_OK),
          "frozen executable present", str(app / "shopinsight"))
    return app


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if not p.is_symlink()}


def write_small_csv(path: Path) -> int:
    """150 days of a small shop in a layout the importer must recognise by itself."""
    rng = random.Random(7)
    products = [(f"P{100 + i}", f"Product {i} {('mug', 'candle', 'card')[i % 3]}", round(1.5 + i * 0.37, 2))
                for i in range(30)]
    day0 = datetime.date(2025, 1, 1)
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Order ID", "Order Date", "SKU", "Product", "Qty", "Unit Price", "Customer", "Country"])
        oid = 5000
        for d in range(150):
            day = day0 + datetime.timedelta(days=d)
            for _ in range(rng.randint(5, 12)):
                oid += 1
                cust = f"C{rng.randint(1, 150):04d}"
                for _ in range(rng.randint(1, 4)):
                    sku, name, price = products[min(int(rng.expovariate(0.12)), 29)]
                    w.writerow([oid, f"{day.isoformat()} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}",
                                sku, name, rng.randint(1, 6), price, cust, "United Kingdom"])
                    rows += 1
    return rows


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


class App:
    """Runs the frozen executable with a private HOME, offscreen, without network."""

    def __init__(self, exe: Path, home: Path):
        self.exe, self.home = exe, home
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PYTHON", "SHOPINSIGHT_", "XDG_", "QT_", "MPL", "VIRTUAL_ENV"))}
        self.env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
                        PATH="/usr/bin:/bin")
        self.prefix: list[str] = []
        if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"],
                                                      capture_output=True).returncode == 0:
            self.prefix = ["unshare", "-rn"]   # a private network namespace with no interfaces
        SUMMARY["network"] = "none (unshare -rn)" if self.prefix else "available (unshare not permitted)"

    def run(self, *args: str, timeout: float = 900) -> tuple[int, dict | None, str, float]:
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run([*self.prefix, str(self.exe), *args], env=self.env, cwd=self.home,
                           capture_output=True, text=True, timeout=timeout)
        secs = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU seconds used: a figure that does not depend on how busy the shared machine is
        self.last_cpu = round(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime, 2)
        data = None
        lines = [l for l in p.stdout.splitlines() if l.strip()]
        if lines:
            try:
                data = json.loads(lines[-1])
            except json.JSONDecodeError:
                data = None
        return p.returncode, data, p.stderr, secs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("package", nargs="?", help=".deb or .tar.gz (default: newest of the flavour in dist/)")
    ap.add_argument("--flavour", choices=["lite", "full"], help="default: from the package name, else lite")
    ap.add_argument("--max-seconds", type=float, default=float(os.environ.get("SMOKE_MAX_SECONDS", 2.5)),
                    help="first-window target (default 2.5, env SMOKE_MAX_SECONDS)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary prefix")
    opts = ap.parse_args()
    flavour = opts.flavour or ("full" if opts.package and "-full" in Path(opts.package).name else "lite")
    pkg = Path(opts.package) if opts.package else find_package(flavour)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    SUMMARY.update(package=str(pkg), flavour=flavour, package_bytes=pkg.stat().st_size)
    print(f"smoke test of {pkg.name} ({flavour}, {pkg.stat().st_size / 1e6:.0f} MB)", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="shopinsight-smoke-"))
    t_all = time.perf_counter()
    try:
        app_dir = unpack(pkg, tmp / "prefix")
        before = snapshot(app_dir)
        home = tmp / "home"
        home.mkdir()
        app = App(app_dir / "shopinsight", home)

        p = subprocess.run([*app.prefix, str(app.exe), "--version"], env=app.env, capture_output=True, text=True)
        check(p.returncode == 0 and p.stdout.strip() == f"shopinsight {version}", "--version from pyproject.toml",
              p.stdout.strip() or p.stderr.strip()[-200:])

        # 3. first window, offscreen
        times, cpu = [], []
        for i in range(4):
            rc, data, err, secs = app.run("gui", "--smoke", "--json", timeout=120)
            if not check(rc == 0 and data is not None, f"gui --smoke run {i + 1}", f"exit {rc} {err[-400:]}"):
                break
            times.append(data["seconds_to_window"])
            cpu.append(app.last_cpu)
            if i == 0:
                check(data.get("window_visible") is True, "window shown", f"tabs {data.get('tabs')}")
                check(data.get("tensorflow_imported") is False, "TensorFlow not imported at start")
                check(data.get("version") in (None, version), "window reports the version", str(data.get("version")))
        if times:
            best = min(times[1:] or times)
            SUMMARY["seconds_to_window"] = {"first_run": times[0], "best_warm": best, "runs": times,
                                            "cpu_seconds_per_run": cpu}
            check(best <= opts.max_seconds, f"first window ≤ {opts.max_seconds} s",
                  f"{best:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})")

        # 4. headless job
        sample = home / "sample.shop"
        rc, data, err, secs = app.run("demo", "--db", str(sample), "--json")
        ok = rc == 0 and data is not None and data["shop"]["lines"] > 500_000
        check(ok, "demo: sample shop created", f"{data['shop']['lines']:,} lines in {secs:.1f} s" if ok
              else f"exit {rc} {err[-600:]}")
        check(ok and "CC BY 4.0" in data.get("credit", ""), "demo: sample data credit")

        small_csv = home / "small.csv"
        n_rows = write_small_csv(small_csv)
        shop = home / "small.shop"
        rc, data, err, secs = app.run("import", str(small_csv), "--db", str(shop), "--json")
        check(rc == 0 and data is not None and data["imported"] == n_rows and data["rejected"] == 0,
              "import: small CSV, columns recognised", f"{data and data.get('imported')}/{n_rows} rows, "
              f"{secs:.1f} s" if rc == 0 else f"exit {rc} {err[-600:]}")

        models = ["linear", "gbm"] + (["deep"] if flavour == "full" else [])
        fc_out = home / "forecast.csv"
        args = ["forecast", "--db", str(shop), "--horizon", "14", "--models", ",".join(models),
                "--out", str(fc_out), "--json"]
        if flavour == "full":
            args += ["--param", "deep.epochs=5"]
        rc, data, err, secs = app.run(*args)
        if check(rc == 0 and fc_out.exists(), f"forecast: {', '.join(models)} → CSV",
                 f"{secs:.1f} s" if rc == 0 else f"exit {rc} {err[-800:]}"):
            rows = read_csv(fc_out)
            got = {r["model"] for r in rows}
            per_model = {m: [float(r["forecast"]) for r in rows if r["model"] == m] for m in models}
            check(all(len(v) == 14 for v in per_model.values()) and set(models) <= got,
                  "forecast: 14 rows per model", f"models {sorted(got)}")
            check(all(v == v and abs(v) < 1e7 for vals in per_model.values() for v in vals),
                  "forecast: finite values", f"linear day 1 = {per_model['linear'][0]:.1f}")
            SUMMARY["forecast_seconds"] = data.get("model_seconds") if data else None
        if flavour == "lite":
            rc, data, err, secs = app.run("forecast", "--db", str(shop), "--horizon", "7", "--models", "deep",
                                          "--no-save", "--json")
            check(rc == 2 and "full edition" in err and "Traceback" not in err,
                  "lite: the deep model asks for the full edition", err.strip().splitlines()[-1][:160]
                  if err.strip() else f"exit {rc}")

        rec_out = home / "recommend.csv"
        rc, data, err, secs = app.run("recommend", "--db", str(shop), "--k", "5", "--out", str(rec_out), "--json")
        if check(rc == 0 and rec_out.exists(), "recommend → CSV", f"{secs:.1f} s" if rc == 0
                 else f"exit {rc} {err[-800:]}"):
            rows = read_csv(rec_out)
            customers = {r["customer_id"] for r in rows}
            check(len(rows) > 0 and {"customer_id", "rank", "product_id", "score", "reason"} <= set(rows[0])
                  and all(1 <= int(r["rank"]) <= 5 for r in rows) and len(customers) >= 100,
                  "recommend: ≤5 ranked products for every customer",
                  f"{len(rows)} rows, {len(customers)} customers")

        # 5. the window on the sample shop; where files went
        rc, data, err, secs = app.run("gui", str(sample), "--smoke", "--json", timeout=180)
        check(rc == 0 and data is not None and data.get("window_visible") and not data.get("tensorflow_imported"),
              "gui on the sample shop", f"{data['seconds_to_window']:.2f} s" if data else f"exit {rc} {err[-400:]}")
        after = snapshot(app_dir)
        changed = sorted(k for k in after if before.get(k) != after[k])
        check(not changed, "nothing written inside the installed folder", ", ".join(changed[:5]))
        check((home / ".cache/ShopInsight/matplotlib").is_dir(), "Matplotlib cache in ~/.cache/ShopInsight")
        logs = list((home / ".local/share/ShopInsight").rglob("*.log"))
        check(bool(logs), "log file in the user data dir", str(logs[0].relative_to(home)) if logs else "none")
    finally:
        SUMMARY["seconds"] = round(time.perf_counter() - t_all, 1)
        if opts.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    SUMMARY["failures"] = FAILURES
    SUMMARY["passed"] = not FAILURES
    print(json.dumps(SUMMARY))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
