"""benchmarks/scale.py --shop: the verbs run on an existing shop, without writing an export or importing."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCALE = Path(__file__).resolve().parents[2] / "benchmarks" / "scale.py"


def _scale(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCALE), *args], capture_output=True, text=True, timeout=300)


def test_verbs_run_on_the_given_shop(lines_shop, tmp_path):
    shop = lines_shop([{"ordered_at": "2011-01-03 10:00:00", "order_id": "1", "customer_id": "c1",
                        "product_id": "p1", "quantity": 2, "unit_price": 1.5},
                       {"ordered_at": "2011-01-04 11:00:00", "order_id": "2", "customer_id": "c2",
                        "product_id": "p2", "quantity": 1, "unit_price": 4.0}])
    work = tmp_path / "work"
    p = _scale("--lines", "2", "--shop", str(shop), "--work", str(work), "--keep", "--verbs", "info")
    assert p.returncode == 0, p.stderr
    run = json.loads(p.stdout)["runs"][0]
    assert run["lines"] == 2 and run["shop"] == str(shop)
    info = run["verbs"]["info"]
    assert info["ok"] and info["peak_rss_mb"] > 0
    assert json.loads((work / "2" / "info_2.out").read_text())["lines"] == 2   # info read the given shop
    assert not list(work.rglob("synth_*"))          # no export written, no shop made


def test_shop_refuses_import_several_sizes_and_a_missing_file(tmp_path):
    shop = tmp_path / "x.shop"
    shop.write_bytes(b"")
    for args, says in ((["--lines", "5", "--verbs", "import,info", "--shop", str(shop)], "leave import out"),
                       (["--lines", "5", "--lines", "6", "--verbs", "info", "--shop", str(shop)], "exactly one"),
                       (["--lines", "5", "--verbs", "info", "--shop", str(tmp_path / "no.shop")], "no such file")):
        p = _scale(*args, "--work", str(tmp_path / "w"))
        assert p.returncode == 2 and says in p.stderr, p.stderr
    assert not (tmp_path / "w").exists()
