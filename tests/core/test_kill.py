"""Imports killed from outside: an import child dies with its parent (the shop stays unchanged),
and a kill -9 at any moment of an import leaves the shop intact and consistent."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from importer_helpers import baseline_shop
from proc_helpers import alive, child_pids, cmdline

from shopinsight.core.store import Shop

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and kill -9")

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def _writer_active(shop_path: Path) -> bool:
    """True while another connection holds the shop's write lock (an import inside its transaction)."""
    con = sqlite3.connect(shop_path, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    finally:
        con.close()


def _wait(cond, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(step)
    return cond()


def _consistent(shop_path: Path) -> int:
    """Check the shop after a kill; returns its line count."""
    with Shop(shop_path) as shop:
        c = shop.conn
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        n = shop.line_count()
        assert c.execute("SELECT count(*) FROM imports WHERE finished_at IS NULL").fetchone()[0] == 0
        assert n == c.execute("SELECT total(rows_imported) FROM imports").fetchone()[0]
        assert c.execute("SELECT count(*) FROM products").fetchone()[0] == c.execute(
            "SELECT count(DISTINCT product_id) FROM line_items").fetchone()[0]
        assert c.execute("SELECT count(*) FROM customers").fetchone()[0] == c.execute(
            "SELECT count(DISTINCT customer_id) FROM line_items").fetchone()[0]
        return n


def content(shop_path: Path) -> str:
    """A digest of everything the shop holds (its tables' rows), whatever its WAL state."""
    import hashlib
    h = hashlib.sha256()
    with Shop(shop_path) as shop:
        tables = [r[0] for r in shop.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for t in tables:
            for row in shop.conn.execute(f"SELECT * FROM {t} ORDER BY rowid"):
                h.update(repr((t, row)).encode())
    return h.hexdigest()


def _reap(parent: subprocess.Popen, child) -> None:
    """After a kill test: the parent and (if it still runs) its child are gone."""
    if parent.poll() is None:
        parent.kill()
        parent.wait()
    if child is not None and alive(child):
        os.kill(child, signal.SIGKILL)
        _wait(lambda: not alive(child), 10)


def test_import_child_dies_with_its_parent(tmp_path, uci_file):
    """kill -9 the app while its import child reads the shared file: the child stops at once
    (today it carries on and commits ~18 s later) and the shop is unchanged."""
    shop_path = baseline_shop(tmp_path)
    before = content(shop_path)
    parent = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom shopinsight.core.process import import_into, run_in_process\n"
         "run_in_process(import_into, sys.argv[1], [sys.argv[2]], None)", str(shop_path), str(uci_file)],
        env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    child = None
    try:
        def workers():      # the spawned import child (not multiprocessing's resource tracker)
            return [p for p in child_pids(parent.pid) if "spawn_main" in cmdline(p)]
        assert _wait(workers, 60), "the import child did not start"
        (child,) = workers()
        assert _wait(lambda: _writer_active(shop_path), 90), "the import never started writing"
        time.sleep(0.5)                                  # mid-import
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        gone = _wait(lambda: not alive(child), 10)
        assert gone, "the import child outlived its parent"
    finally:
        _reap(parent, child)
    assert content(shop_path) == before
    _consistent(shop_path)


def test_a_child_waiting_for_its_job_dies_with_its_parent():
    """The child a ChildPool starts ahead of the GUI's next job (interpreter up, modules imported,
    no job yet) dies with the app like a working one."""
    parent = subprocess.Popen(
        [sys.executable, "-c", "import time\nfrom shopinsight.core.process import ChildPool\n"
         "pool = ChildPool()\npool.prepare()\nprint(pool.ready_pid, flush=True)\ntime.sleep(120)"],
        env=ENV, stdout=subprocess.PIPE, text=True)
    child = None
    try:
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _wait(lambda: not alive(child), 10), "the child started ahead outlived its parent"
    finally:
        _reap(parent, child)


def test_watchdog_stops_an_orphaned_job():
    """The portable part (used where the kernel cannot kill a child with its parent): when the
    parent pid changes, the job is asked to stop, given its grace period, then the process exits."""
    from shopinsight.core.process import watch_parent
    orphaned, finished = threading.Event(), threading.Event()
    exits = []
    t = watch_parent(os.getppid() + 10**6, orphaned, finished, poll=0.01, grace=0.2, exit_fn=exits.append)
    t.join(5)
    assert orphaned.is_set() and exits == [1]
    orphaned, finished = threading.Event(), threading.Event()
    t = watch_parent(os.getppid(), orphaned, finished, poll=0.01, grace=0.2, exit_fn=exits.append)
    time.sleep(0.1)
    finished.set()                 # the job ended normally: the watchdog ends without a word
    t.join(5)
    assert not t.is_alive() and not orphaned.is_set() and exits == [1]


def _write_orders(path: Path, n: int) -> Path:
    rows = ["order_id,date,customer,sku,description,qty,unit_price"]
    rows += [f"{900_000 + i // 4},2024-0{1 + i % 6}-{1 + i % 28:02d} 1{i % 10}:00,c{i % 997},"
             f"S{i % 701},Item {i % 701},{1 + i % 5},{(i % 13) + 0.5:.2f}" for i in range(n)]
    path.write_text("\n".join(rows) + "\n")
    return path


# a warm process that forks one import per request, so each kill costs the import, not a Python start-up
_ZYGOTE = """
import os, sys
from shopinsight.core.process import import_into
import shopinsight.core.importer
for line in sys.stdin:
    shop, csv = line.rstrip("\\n").split("\\t")
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            import_into(shop, [csv])
            code = 0
        finally:
            os._exit(code)
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("ended", flush=True)
"""


def test_kill_9_loop_leaves_the_shop_intact(tmp_path):
    """kill -9 an import process at random moments (start, reading, the SQL phase, around the
    commit): every time the shop is intact, consistent, and holds the import wholly or not at all."""
    shop_path = baseline_shop(tmp_path)
    base = _consistent(shop_path)
    csv = _write_orders(tmp_path / "orders.csv", 10_000)
    zygote = subprocess.Popen([sys.executable, "-c", _ZYGOTE], env=ENV, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def start() -> int:
        zygote.stdin.write(f"{shop_path}\t{csv}\n")
        zygote.stdin.flush()
        return int(zygote.stdout.readline())

    try:
        start()
        t0 = time.monotonic()
        assert zygote.stdout.readline().strip() == "ended"      # how long one import takes
        full = time.monotonic() - t0
        assert _consistent(shop_path) == base + 10_000
        print(f"one import: {full:.2f} s")
        shop_path.unlink()
        shop_path = baseline_shop(tmp_path)
        rng = random.Random(10)
        outcomes = []
        for _ in range(6):
            pid = start()
            time.sleep(rng.uniform(0.0, full * 1.1))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:       # it finished (and was reaped) before the kill
                pass
            assert zygote.stdout.readline().strip() == "ended"
            n = _consistent(shop_path)
            assert n in (base, base + 10_000)
            outcomes.append(n - base)
    finally:
        zygote.stdin.close()
        zygote.wait(30)
    assert 0 in outcomes     # at least one kill landed before the commit


def test_the_leak_guard_sees_a_child_left_running():
    """What the autouse guard in tests/conftest.py relies on: a child left running is found,
    multiprocessing's resource tracker is not counted, and a reaped child is gone."""
    from proc_helpers import leaked_children
    before = leaked_children(set())
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert _wait(lambda: proc.pid in leaked_children(before), 5)
    finally:
        proc.kill()
        proc.wait()
    assert proc.pid not in leaked_children(before)
