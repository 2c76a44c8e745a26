"""Damaged and hostile input is refused clearly and leaves the shop as it was (issue 10):
truncated/corrupt .gz/.zip/.xlsx, OS errors (folders, unreadable files, closed pipes), damaged and
read-only shops, a second import into a shop another process is writing.

Every damaged file is written here at run time from a few generated rows."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from importer_helpers import CORPUS, baseline_shop, fingerprint

from shopinsight.cli import main
from shopinsight.core.errors import InputError
from shopinsight.core.importer import import_files, preview_file
from shopinsight.core.store import Shop, ShopBusyError, ShopDamagedError, ShopReadOnlyError
from shopinsight.core.tasks import Cancelled

REPO = Path(__file__).resolve().parents[2]
HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"


def _csv_bytes(rows: int) -> bytes:
    # varied text so gzip cannot squeeze it into a few bytes: the cut falls mid-stream
    out = [HEADER]
    for i in range(rows):
        out.append(f"{536365 + i // 4},{10000 + (i * 7919) % 89999},ITEM {i * 2654435761 % 1000003},"
                   f"{1 + i % 9},2010-12-{1 + i % 28:02d} 08:{i % 60:02d},{(i % 500) / 100 + 0.5:.2f},"
                   f"{17850 + i % 300},United Kingdom")
    return ("\n".join(out) + "\n").encode()


def _run(capsys, *argv) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


# -- damaged compressed files and workbooks -----------------------------------------------------

@pytest.fixture(scope="module")
def big_gz() -> bytes:
    return gzip.compress(_csv_bytes(60_000), compresslevel=1)   # ~4.5 MB of text: several read blocks


@pytest.mark.parametrize("cut", [0.3, 0.8])
def test_gzip_cut_mid_stream_is_refused_naming_file_and_row(tmp_path, capsys, big_gz, cut):
    bad = tmp_path / "orders.csv.gz"
    bad.write_bytes(big_gz[:int(len(big_gz) * cut)])
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    rc, out, err = _run(capsys, "import", bad, "--db", base, "--json")
    assert rc == 2 and json.loads(out)["error"]["kind"] == "input", err
    assert "orders.csv.gz" in err and "cut short" in err and "Traceback" not in err
    if cut == 0.8:          # the break is past the first block: the row it broke after is named
        assert "after data row" in err
    assert fingerprint(base) == before


def test_gzip_with_bad_crc_is_refused(tmp_path, capsys, big_gz):
    bad = tmp_path / "crc.csv.gz"
    b = bytearray(big_gz)
    b[-6] ^= 0xFF                       # the CRC-32 in the gzip trailer
    bad.write_bytes(bytes(b))
    new = tmp_path / "new.shop"
    rc, out, err = _run(capsys, "import", bad, "--db", new)
    assert rc == 2 and "crc.csv.gz" in err and "damaged" in err and "Traceback" not in err
    assert not new.exists()


def _workbook(path: Path) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Order", "Date", "Product", "Qty", "Price"])
    for i in range(200):
        ws.append([f"A{i}", f"2024-01-{i % 28 + 1:02d}", f"P{i % 7}", 1 + i % 3, 9.5])
    wb.save(path)


def test_truncated_workbook_is_called_damaged_not_a_zip_to_unpack(tmp_path):
    good = tmp_path / "good.xlsx"
    _workbook(good)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(InputError) as e:
        preview_file(cut)
    assert "cut.xlsx" in str(e.value) and "damaged or cut short" in str(e.value)
    assert "unpack" not in str(e.value)


def test_workbook_with_bad_crc_names_the_damaged_part(tmp_path):
    good = tmp_path / "good.xlsx"
    _workbook(good)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    bad = tmp_path / "crc.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(InputError) as e:
        preview_file(bad)
    assert "crc.xlsx" in str(e.value) and "xl/worksheets/sheet1.xml" in str(e.value)


def test_truncated_zip_archive_is_damaged(tmp_path):
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export.csv", _csv_bytes(2000))
    z.write_bytes(z.read_bytes()[:-40])        # the central directory is cut off
    with pytest.raises(InputError) as e:
        preview_file(z)
    assert "export.zip" in str(e.value) and "cut short" in str(e.value)


# -- OS errors -------------------------------------------------------------------------------

def test_a_folder_as_input_is_exit_2(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.csv").write_text("x")
    rc, out, err = _run(capsys, "import", folder, "--db", tmp_path / "s.shop")
    assert rc == 2 and "exports" in err and "folder" in err and "Traceback" not in err
    rc, out, err = _run(capsys, "info", "--db", folder)
    assert rc == 2 and "folder" in err and "Traceback" not in err



@pytest.fixture
def public_dir():
    """A folder 'nobody' may enter (pytest's tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="shopinsight-ro-"))
    os.chmod(d, 0o755)
    yield d
    os.chmod(d, 0o755)
    shutil.rmtree(d, ignore_errors=True)


def test_a_file_without_read_permission_is_exit_2(public_dir, capsys, unprivileged):
    f = public_dir / "secret.csv"
    shutil.copy(CORPUS / "export_jan.csv", f)
    os.chmod(f, 0o000)
    db = public_dir / "s.shop"
    _run(capsys, "import", CORPUS / "export_jan.csv", "--db", public_dir / "warm.shop")   # load lazily imported code
    os.chmod(public_dir, 0o777)
    with unprivileged():
        rc, out, err = _run(capsys, "import", f, "--db", db)
    assert rc == 2, err
    assert "secret.csv" in err and "permission denied" in err and "Traceback" not in err
    assert not db.exists()


def test_closed_pipe_is_a_clear_exit_not_a_traceback(tmp_path):
    src = tmp_path / "orders.csv"
    src.write_bytes(_csv_bytes(3000))
    base = tmp_path / "big.shop"
    with Shop(base) as shop:
        import_files(shop, [src])       # ~600 kB of JSON: more than a pipe holds
    code = ("import sys; from shopinsight.cli import main; rc = main(sys.argv[1:]); "
            "sys.exit(rc)")
    r = subprocess.run(
        f"{sys.executable} -c '{code}' lines --db {base} --limit 3000 --json | head -c 1 >/dev/null; "
        "echo rc=${PIPESTATUS[0]}",
        shell=True, executable="/bin/bash", capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert "rc=2" in r.stdout, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "broken pipe" in r.stderr


# -- damaged shop and repair --------------------------------------------------------------------

def _damaged_shop(tmp_path: Path) -> tuple[Path, int]:
    """A shop with a few thousand lines, one of line_items' leaf pages overwritten."""
    src = tmp_path / "orders.csv"
    src.write_bytes(_csv_bytes(3000))
    path = tmp_path / "damaged.shop"
    with Shop(path) as shop:
        import_files(shop, [src])
        n = shop.line_count()
        try:
            pages = [r[0] for r in shop.conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'line_items' AND pagetype = 'leaf' ORDER BY pageno")]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
        page_size = shop.conn.execute("PRAGMA page_size").fetchone()[0]
    page = pages[len(pages) // 2]
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    return path, n


def test_damaged_shop_says_so_and_repair_recovers_the_rest(tmp_path, capsys):
    path, n = _damaged_shop(tmp_path)
    damaged_bytes = path.read_bytes()
    rc, out, err = _run(capsys, "info", "--db", path, "--json")
    assert rc == 2 and json.loads(out)["error"]["kind"] == "input", err
    assert "the shop file is damaged" in err and "shopinsight repair" in err and "Traceback" not in err
    new = tmp_path / "fixed.shop"
    rc, out, err = _run(capsys, "repair", "--db", path, "--out", new, "--json")
    assert rc == 0, err
    rep = json.loads(out)
    assert rep["method"] == "row by row" and rep["integrity"] == "ok"
    got = rep["tables"]["line_items"]["recovered"]
    assert n * 0.8 < got < n            # one page of rows lost, the rest kept
    assert rep["tables"]["line_items"]["lost_rowid_ranges"]
    assert path.read_bytes() == damaged_bytes       # the damaged file is kept as it was
    rc, out, err = _run(capsys, "info", "--db", new, "--json")
    assert rc == 0, err
    info = json.loads(out)
    assert info["lines"] == got and info["products"] > 0
    rc, out, err = _run(capsys, "repair", "--db", path, "--out", new)
    assert rc == 2 and "already exists" in err


def test_damaged_shop_header_is_a_shop_error(tmp_path):
    path, _ = _damaged_shop(tmp_path)
    with Shop(path) as shop:
        with pytest.raises(sqlite3.DatabaseError):
            shop.conn.execute("SELECT * FROM line_items").fetchall()
    # the first page (schema) damaged: refused at open with the damaged-shop message
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises((ShopDamagedError,)) as e:
        Shop(path)
    assert "shopinsight repair" in str(e.value)


# -- read-only shop -------------------------------------------------------------------------------

@pytest.mark.parametrize("folder_writable", [False, True])
def test_read_only_shop_opens_for_reading_and_refuses_writes(public_dir, capsys, folder_writable,
                                                            unprivileged):
    shop_path = public_dir / "ro.shop"
    with Shop(shop_path) as shop:
        import_files(shop, [CORPUS / "export_jan.csv"])
    # warm up lazily imported modules while still allowed to read everything
    for argv in (["info", "--db", shop_path], ["lines", "--db", shop_path], ["overview", "--db", shop_path]):
        assert _run(capsys, *argv, "--json")[0] == 0
    os.chmod(shop_path, 0o444)
    os.chmod(public_dir, 0o777 if folder_writable else 0o555)
    before = shop_path.read_bytes()
    with unprivileged():
        rc, out, err = _run(capsys, "info", "--db", shop_path, "--json")
        assert rc == 0, err
        assert json.loads(out)["lines"] == 4
        rc, out, err = _run(capsys, "lines", "--db", shop_path, "--json")
        assert rc == 0, err
        rc, out, err = _run(capsys, "overview", "--db", shop_path, "--json")
        assert rc == 0, err
        rc, out, err = _run(capsys, "import", CORPUS / "export_jan_feb.csv", "--db", shop_path)
        assert rc == 2 and "read-only" in err and "not a ShopInsight" not in err, err
        with Shop(shop_path) as shop:
            assert shop.readonly
            with pytest.raises(ShopReadOnlyError):
                shop.save_run("test", params={}, metrics={}, tables={})
    os.chmod(public_dir, 0o755)
    assert shop_path.read_bytes() == before


# -- a second import while another process writes -------------------------------------------------

def test_second_import_waits_with_a_message_and_can_be_cancelled(tmp_path):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    holder = sqlite3.connect(base, isolation_level=None)    # another process's import, mid-transaction
    holder.execute("BEGIN IMMEDIATE")
    messages: list[str] = []
    stop = threading.Event()
    threading.Timer(1.5, stop.set).start()
    t0 = time.monotonic()
    try:
        with Shop(base) as shop, pytest.raises(Cancelled):
            import_files(shop, [CORPUS / "export_jan_feb.csv"], progress=lambda f, m: messages.append(m),
                         should_stop=stop.is_set)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert time.monotonic() - t0 < 10
    assert any("waiting for another import into this shop" in m for m in messages)
    assert fingerprint(base) == before


def test_second_import_proceeds_when_the_other_finishes(tmp_path):
    base = baseline_shop(tmp_path)
    holder = sqlite3.connect(base, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("ROLLBACK")).start()
    with Shop(base) as shop:
        res = import_files(shop, [CORPUS / "export_jan_feb.csv"])
    holder.close()
    assert res[0].imported > 0


def test_locked_shop_refuses_clearly_after_the_wait(tmp_path, monkeypatch, capsys):
    from shopinsight.core import store
    monkeypatch.setattr(store, "LOCK_WAIT_SECONDS", 0.5)
    base = baseline_shop(tmp_path)
    holder = sqlite3.connect(base, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        rc, out, err = _run(capsys, "import", CORPUS / "export_jan_feb.csv", "--db", base)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rc == 2 and "another program" in err and "database is locked" not in err, err
    with Shop(base) as shop:
        with pytest.raises(ShopBusyError):
            h = sqlite3.connect(base, isolation_level=None)
            h.execute("BEGIN IMMEDIATE")
            try:
                with shop.transaction():
                    pass
            finally:
                h.execute("ROLLBACK")
                h.close()


def test_disk_full_while_importing_is_exit_2_not_an_internal_error(tmp_path, capsys, monkeypatch):
    import shopinsight.core.importer as importer

    def full(*a, **k):      # what SQLite raises when the disk fills up mid-import
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(importer, "import_files", full)
    rc, out, err = _run(capsys, "import", CORPUS / "export_jan.csv", "--db", tmp_path / "s.shop")
    assert rc == 2 and "the disk is full" in err and "internal error" not in err, err
