"""The headless data verbs: `import`, `info`, `presets` (GUIDE §5: one JSON object on stdout with
--json, messages on stderr, exit 2 for bad input)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from importer_helpers import CORPUS, baseline_shop, fingerprint

from shopinsight.cli import main

REPO = Path(__file__).resolve().parents[2]


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_import_json_is_one_object_with_counts_mapping_format_quality(tmp_path, capsys):
    db = tmp_path / "s.shop"
    rc, out, err = _run(capsys, "import", CORPUS / "bad_quantity.csv", "--db", db, "--json")
    assert rc == 0, err
    assert len(out.strip().splitlines()) == 1
    o = json.loads(out)
    assert (o["rows_read"], o["imported"], o["rejected"], o["skipped"]) == (3, 2, 1, 0)
    assert o["mapping"]["quantity"] == "qty" and 0 < o["confidence"]["quantity"] <= 1
    assert o["format"]["delimiter"] == "," and o["format"]["date_format"] == "%Y-%m-%d"
    assert o["quality"]["rejected"] == 1 and o["quality"]["lines"] == 2
    assert isinstance(o["seconds"], float) and o["seconds"] >= 0
    assert o["shop"]["lines"] == 2
    # a second run of the same file: nothing new, all skipped
    rc, out, _ = _run(capsys, "import", CORPUS / "bad_quantity.csv", "--db", db, "--json")
    o = json.loads(out)
    assert rc == 0 and (o["imported"], o["skipped"], o["rejected"]) == (0, 2, 1)


def test_import_human_output(tmp_path, capsys):
    rc, out, _ = _run(capsys, "import", CORPUS / "uci_slice.csv.gz", "--db", tmp_path / "s.shop")
    assert rc == 0
    assert "imported 14 lines" in out and "in-file duplicates kept 1" in out
    assert "preset uci_online_retail" in out


def test_bad_input_exit_2_names_the_file_and_changes_nothing(tmp_path, capsys):
    new = tmp_path / "new.shop"
    rc, out, err = _run(capsys, "import", CORPUS / "no_amount_column.csv", "--db", new, "--json")
    # with --json, stdout carries exactly one object, the error (the error contract)
    assert rc == 2 and json.loads(out)["error"]["kind"] == "input" and len(out.splitlines()) == 1
    assert "no_amount_column.csv" in err and "no usable amount" in err
    assert not new.exists()                         # a failed first import leaves no empty shop
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    rc, out, err = _run(capsys, "import", CORPUS / "export_jan_feb.csv", CORPUS / "binary_garbage.csv",
                        "--db", base, "--json")
    assert rc == 2 and json.loads(out)["error"]["kind"] == "input" and "binary_garbage.csv" in err
    assert fingerprint(base) == before
    rc, _, err = _run(capsys, "import", CORPUS / "export_jan.csv", "--db", tmp_path / "no" / "such" / "dir.shop")
    assert rc == 2 and "dir.shop" in err and "Traceback" not in err
    rc, _, err = _run(capsys, "import", tmp_path / "missing.csv", "--db", base)
    assert rc == 2 and "missing.csv" in err
    rc, _, err = _run(capsys, "import", CORPUS / "export_jan.csv", "--db", base, "--map", "amount")
    assert rc == 2 and "FIELD=COLUMN" in err
    rc, _, err = _run(capsys, "import", CORPUS / "export_jan.csv", "--db", base, "--map", "amount=Nope")
    assert rc == 2 and "Nope" in err and "export_jan.csv" in err
    assert fingerprint(base) == before


def test_map_override(tmp_path, capsys):
    db = tmp_path / "s.shop"
    rc, _, err = _run(capsys, "import", CORPUS / "euro_signs.csv", "--db", db, "--json")
    assert rc == 2 and "--map amount=" in err
    rc, out, err = _run(capsys, "import", CORPUS / "euro_signs.csv", "--db", db, "--json",
                        "--map", "amount=Betrag", "--map", "order_id=Bestellung")
    assert rc == 0, err
    o = json.loads(out)
    assert o["imported"] == 3 and o["mapping"]["amount"] == "Betrag" and o["confidence"]["amount"] == 1.0
    assert o["format"]["decimal"] == "," and o["quality"]["currency_signs"] == ["€"]
    assert o["shop"]["net_sales"] == 1062.5       # 12.50 + 1,050.00 (+ the cancelled line at 0)


def test_date_format_and_preset_options(tmp_path, capsys):
    rc, out, _ = _run(capsys, "import", CORPUS / "ambiguous_dates.csv", "--db", tmp_path / "a.shop", "--json",
                      "--date-format", "%d/%m/%Y")
    o = json.loads(out)
    assert rc == 0 and o["format"]["date_format"] == "%d/%m/%Y" and o["shop"]["first_day"] == "2024-02-01"
    rc, _, err = _run(capsys, "import", CORPUS / "ambiguous_dates.csv", "--db", tmp_path / "b.shop",
                      "--preset", "nosuch")
    assert rc == 2 and "unknown preset" in err


def test_dry_run_shows_mapping_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "s.shop"
    rc, out, err = _run(capsys, "import", CORPUS / "shopify_orders_export.csv", "--db", db, "--dry-run", "--json")
    assert rc == 0, err
    o = json.loads(out)
    (f,) = o["files"]
    assert f["file"] == "shopify_orders_export.csv" and f["format"]["preset"] == "shopify"
    assert f["mapping"]["quantity"] == "Lineitem quantity" and f["confidence"]["quantity"] > 0.9
    assert not db.exists()


def test_info_json(tmp_path, capsys):
    db = tmp_path / "s.shop"
    assert _run(capsys, "import", CORPUS / "uci_slice.csv", "--db", db)[0] == 0
    rc, out, _ = _run(capsys, "info", "--db", db, "--json")
    assert rc == 0 and len(out.strip().splitlines()) == 1
    o = json.loads(out)
    # orders/customers: with a merchandise sale line (core.facts); order numbers/customer ids: on any line
    assert (o["lines"], o["orders"], o["customers"], o["first_day"], o["last_day"]) == (
        14, 6, 4, "2010-12-01", "2011-08-12")
    assert (o["order_numbers"], o["customer_ids"]) == (12, 7)
    assert o["quality"]["cancellation_lines"] == 2 and o["quality"]["duplicates_in_file"] == 1
    assert o["quality"]["missing_customer"] == 5 and o["imports"] == 1
    assert o["import_history"][0]["file_name"] == "uci_slice.csv"
    rc, out, err = _run(capsys, "info", "--db", tmp_path / "none.shop", "--json")
    assert rc == 2 and "none.shop" in json.loads(out)["error"]["message"] and "none.shop" in err


def test_presets_json(capsys):
    rc, out, _ = _run(capsys, "presets", "--json")
    names = {p["name"] for p in json.loads(out)["presets"]}
    assert rc == 0 and {"shopify", "woocommerce", "etsy", "amazon", "superstore", "uci_online_retail"} <= names


def test_headless_verbs_run_with_pyside6_unimportable(tmp_path):
    """`shopinsight import` and `info` end to end in a process where PySide6 cannot be imported."""
    code = textwrap.dedent("""
        import sys
        class _NoQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError(name + " is blocked")
        sys.meta_path.insert(0, _NoQt())
        from shopinsight.cli import main
        rc = main(sys.argv[1:])
        assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
        raise SystemExit(rc)
    """)
    db = tmp_path / "s.shop"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for argv in (["import", str(CORPUS / "gbk_chinese_headers.csv"), "--db", str(db), "--json"],
                 ["info", "--db", str(db), "--json"]):
        r = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env,
                           cwd=REPO, timeout=120)
        assert r.returncode == 0, r.stderr
        o = json.loads(r.stdout)
        assert (o.get("imported") or o.get("lines")) == 4


def test_dry_run_human_summary_is_readable(tmp_path, capsys):
    """`import --dry-run` without --json: readable lines, no Python dicts or empty/None values.
    A file the import would refuse: every file's summary still on stdout, then the import's own
    error on stderr and exit 2 (it exited 0, so a script could not tell)."""
    rc, out, err = _run(capsys, "import", CORPUS / "orders.xlsx", CORPUS / "no_amount_column.csv",
                        "--db", tmp_path / "s.shop", "--dry-run")
    assert rc == 2, err
    assert "{" not in out and "None" not in out and "''" not in out
    assert "orders.xlsx: Excel (xlsx)" in out and "dates like 2024-01-31 13:45:00" in out
    assert "no usable amount" in out and "not ready" in out and "ready to import" in out
    assert "error: no_amount_column.csv: no usable amount" in err
    assert not (tmp_path / "s.shop").exists()
    assert _run(capsys, "import", CORPUS / "orders.xlsx", "--db", tmp_path / "s.shop", "--dry-run")[0] == 0


def test_dry_run_refuses_what_the_import_refuses_with_its_message(tmp_path, capsys):
    """--json: exit 2 and one object: the files' previews and the import's error (same message,
    same field) — the dry run and the import make the one check."""
    db = tmp_path / "s.shop"
    files = (CORPUS / "orders.xlsx", CORPUS / "no_amount_column.csv")
    rc, out, _ = _run(capsys, "import", *files, "--db", db, "--json")
    real = json.loads(out)["error"]
    rc_dry, out, err = _run(capsys, "import", *files, "--db", db, "--dry-run", "--json")
    assert (rc, rc_dry) == (2, 2) and len(out.strip().splitlines()) == 1
    o = json.loads(out)
    assert o["error"] == real and o["error"]["kind"] == "input" and "no usable amount" in o["error"]["message"]
    assert o["ready"] is False and [f["ready"] for f in o["files"]] == [True, False]
    assert o["files"][1]["problems"] and real["message"] in err
    assert not db.exists()


def test_demo_prints_the_credit_once(tmp_path, capsys, monkeypatch):
    import shopinsight.core.sample as sample
    from shopinsight import SAMPLE_CREDIT

    def fake_sample_shop(path, progress=None, overwrite=False):     # the real one imports 541,909 lines
        from shopinsight.core.importer import import_files
        from shopinsight.core.store import Shop
        with Shop(path) as shop:
            import_files(shop, [CORPUS / "uci_slice.csv"])
        return path

    monkeypatch.setattr(sample, "create_sample_shop", fake_sample_shop)
    rc, out, err = _run(capsys, "demo", "--db", tmp_path / "demo.shop")
    assert rc == 0, err
    assert (out + err).count(SAMPLE_CREDIT) == 1
