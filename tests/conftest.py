"""Shared fixtures: the real UCI shop (imported once per session) and tiny hand-made shops."""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from proc_helpers import cmdline, leaked_children

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

REPO = Path(__file__).resolve().parents[1]
UCI_FILE = REPO.parent / "shared" / "data" / "online_retail.csv.gz"
if not UCI_FILE.exists():  # fall back to the bundled sample (same file)
    UCI_FILE = REPO / "resources" / "sample" / "online_retail.csv.gz"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _english_core_strings():
    """Every test starts and ends with the core's strings in English (a test that switches the UI
    or the CLI to Chinese must not leave the process-wide catalog in Chinese for the next one)."""
    from shopinsight.core import i18n
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory, monkeypatch):
    """Pseudonym keys go to a per-test config folder, never the developer's own."""
    monkeypatch.setenv("SHOPINSIGHT_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("SHOPINSIGHT_PSEUDONYM_KEY_FILE", raising=False)


@pytest.fixture(autouse=True)
def _no_thread_leaks():
    """Fail the test if it leaves a Python thread (or, once Qt is loaded, a QThreadPool worker)
    running — napari's idea: a leaked worker means a task was never cancelled/joined."""
    before = set(threading.enumerate())
    yield
    pool = None
    # a library's one-per-process helper thread, started on first use, is not a leak
    service = ("tqdm_monitor",)
    if "PySide6.QtCore" in sys.modules:      # core tests never load Qt
        from PySide6.QtCore import QThreadPool
        pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + 5.0
    while True:
        leaked = [t for t in threading.enumerate()
                  if t not in before and t.is_alive() and t.name not in service]
        active = pool.activeThreadCount() if pool is not None else 0
        if (not leaked and active == 0) or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    if leaked or active:
        names = ", ".join(t.name for t in leaked)
        pytest.fail(f"test left threads running: {names or ''} (QThreadPool active: {active})", pytrace=False)


@pytest.fixture(autouse=True)
def _no_child_process_leaks():
    """Fail the test if it leaves a child process running (an import child that outlived its
    job, a subprocess never waited for).  multiprocessing's resource tracker is exempt."""
    before = leaked_children(set())
    yield
    deadline = time.monotonic() + 5.0
    while (left := leaked_children(before)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if left:
        what = "; ".join(f"{p}: {cmdline(p)[:120]}" for p in sorted(left))
        pytest.fail(f"test left child processes running: {what}", pytrace=False)


@pytest.fixture(scope="session")
def uci_file() -> Path:
    """The shared UCI Online Retail file (or the bundled copy of it)."""
    return UCI_FILE


@pytest.fixture(scope="session")
def uci_shop_path(tmp_path_factory) -> Path:
    """A shop holding the whole shared UCI file, imported once per test session (read-only use)."""
    from shopinsight.core.importer import import_files
    from shopinsight.core.store import Shop

    path = tmp_path_factory.mktemp("uci") / "uci.shop"
    with Shop(path) as shop:
        import_files(shop, [UCI_FILE])
    return path


@pytest.fixture
def uci_shop_copy(uci_shop_path, tmp_path) -> Path:
    """A private copy of the UCI shop for tests that write to it."""
    dst = tmp_path / "uci.shop"
    shutil.copy(uci_shop_path, dst)
    return dst


def make_lines_shop(path: Path, rows: list[dict]) -> Path:
    """A shop with hand-made lines. Each row needs ordered_at and amount (or quantity+unit_price);
    other `lines` columns are optional. Flags default to a merchandise sale."""
    from shopinsight.core.store import Shop

    df = pd.DataFrame(rows)
    for col, default in [("order_id", None), ("customer_id", None), ("product_id", None),
                         ("product_name", None), ("quantity", None), ("unit_price", None),
                         ("country", None), ("store", None), ("is_cancellation", 0),
                         ("is_merchandise", 1), ("line_kind", "sale")]:
        if col not in df:
            df[col] = default
    if "amount" not in df:
        df["amount"] = df["quantity"] * df["unit_price"]
    df["ordered_at"] = df["ordered_at"].astype(str)
    df["day"] = df["ordered_at"].str[:10]
    with Shop(path) as shop, shop.transaction() as c:
        c.execute("INSERT INTO imports(file_name, started_at) VALUES ('test', '2000-01-01 00:00:00')")
        imp = c.execute("SELECT max(import_id) FROM imports").fetchone()[0]
        base = c.execute("SELECT count(*) FROM line_items").fetchone()[0]
        cols = ["order_id", "ordered_at", "day", "customer_id", "product_id", "product_name", "quantity",
                "unit_price", "amount", "country", "store", "is_cancellation", "is_merchandise", "line_kind"]
        recs = [tuple(None if (isinstance(v, float) and pd.isna(v)) else v for v in r)
                for r in df[cols].itertuples(index=False)]
        c.executemany(
            f"INSERT INTO line_items(import_id, source_row, content_hash, {', '.join(cols)}) "
            f"VALUES (?, ?, ?, {', '.join('?' * len(cols))})",
            [(imp, i + 1, base + i + 1, *r) for i, r in enumerate(recs)])
        shop.refresh_dimensions()
    return path


@pytest.fixture
def lines_shop(tmp_path):
    """Factory: ``lines_shop(rows)`` → path of a fresh shop holding those lines."""
    counter = iter(range(10_000))

    def make(rows: list[dict]) -> Path:
        return make_lines_shop(tmp_path / f"shop{next(counter)}.shop", rows)
    return make


@contextlib.contextmanager
def _as_nobody():
    """Run the block as user 'nobody' when the tests run as root (root reads and writes any file):
    the kernel's permission checks then really apply.  Not root: the block runs as is."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def unprivileged():
    """``with unprivileged(): …`` runs the block without root's rights (see ``_as_nobody``)."""
    return _as_nobody
