"""Runs the packaged app's smoke test (packaging/smoke_test.py) against a build in dist/.

Building is not part of the test suite (minutes of CPU): build with ``make package`` first;
without a build the test is skipped and says so.  The first-window target is checked loosely
here (``SMOKE_MAX_SECONDS``, default 10 s, because the suite runs on a busy machine); the
packaging smoke test itself uses the 2.5 s target.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def _newest(flavour: str) -> Path | None:
    cands = [*DIST.glob(f"shopinsight-{flavour}_*_amd64.deb"),
             *DIST.glob(f"shopinsight-{flavour}-*-linux-x86_64.tar.gz")]
    return max(cands, key=lambda p: p.stat().st_mtime) if cands else None


@pytest.mark.slow
@pytest.mark.parametrize("flavour", ["lite", "full"])
def test_packaged_app_smoke(flavour: str) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the Linux packages are built and smoke-tested on Linux only")
    pkg = _newest(flavour)
    if pkg is None:
        pytest.skip(f"no {flavour} package in dist/ — build it with `make package FLAVOUR={flavour}` "
                    "(building is not part of the test suite)")
    env = {**os.environ, "SMOKE_MAX_SECONDS": os.environ.get("SMOKE_MAX_SECONDS", "10")}
    p = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(pkg),
                        "--flavour", flavour], capture_output=True, text=True, env=env, timeout=1500)
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    assert p.returncode == 0, f"smoke test of {pkg.name} failed:\n{p.stdout}\n{p.stderr[-2000:]}"
    assert summary["passed"] and not summary["failures"]
    assert summary["seconds_to_window"]["best_warm"] > 0
    assert summary["checks"] >= 15
