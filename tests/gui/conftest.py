"""GUI test plumbing: private settings/data dirs.  The guards that fail a test leaving a thread
or a child process running live in tests/conftest.py (they cover the core tests too)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_app_dirs(tmp_path, monkeypatch):
    """Settings, sample shop and logs of each test live in its tmp dir, never in the user's."""
    from PySide6.QtCore import QStandardPaths

    from shopinsight.gui import settings as settings_mod

    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("SHOPINSIGHT_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("SHOPINSIGHT_DATA_DIR", str(tmp_path / "appdata"))
    settings_mod.set_current(settings_mod.make_settings())
    yield
    if _app_exists():
        settings_mod.install_translators("en")
    settings_mod.set_current(None)


def _app_exists() -> bool:
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() is not None


@pytest.fixture
def small_shop(lines_shop):
    """A shop of 60 lines over two months (two countries, times of day, a cancellation)."""
    rows = []
    for i in range(60):
        day = 1 + (i % 28)
        month = 10 + (i // 30)
        rows.append(dict(order_id=f"O{i // 2}", ordered_at=f"2011-{month:02d}-{day:02d} {8 + i % 9:02d}:15:00",
                         customer_id=f"C{i % 7}", product_id=f"P{i % 5}", product_name=f"产品 {i % 5} Mug",
                         quantity=1 + i % 3, unit_price=2.5 + i % 4, country="France" if i % 4 == 0 else "China",
                         is_cancellation=0, is_merchandise=1))
    rows.append(dict(order_id="C1", ordered_at="2011-11-20 10:00:00", customer_id="C1", product_id="P1",
                     product_name="产品 1 Mug", quantity=-2, unit_price=3.5, country="China",
                     is_cancellation=1, is_merchandise=1))
    return lines_shop(rows)


@pytest.fixture
def tensorflow_guard():
    """``tensorflow_guard()`` fails if TensorFlow was imported since the test started.

    Checking ``sys.modules`` directly would depend on test order (the deep-model tests load
    TensorFlow into the shared process); a fresh-process check is in test_import_boundaries.
    """
    import sys
    before = "tensorflow" in sys.modules

    def check() -> None:
        assert before or "tensorflow" not in sys.modules, "TensorFlow was imported by this test"
    return check


@pytest.fixture
def empty_shop_ctx(tmp_path, qtbot):
    """An AppContext with its own settings file and no error dialogs, on a fresh empty shop
    (``tmp_path/test.shop``); its runner is shut down at teardown."""
    from PySide6.QtCore import QSettings

    from shopinsight.core.store import Shop
    from shopinsight.gui.context import AppContext

    c = AppContext(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    c.runner.show_error_dialogs = False
    shop = tmp_path / "test.shop"
    Shop(shop).close()
    c.set_shop(shop)
    yield c
    c.runner.shutdown(wait=True)


@pytest.fixture
def quiet_context():
    """``quiet_context()`` → ``(ctx, errors)`` (see :func:`_quiet_context`)."""
    return _quiet_context


def _quiet_context():
    """``(ctx, errors)``: an AppContext whose task errors go to the ``errors`` list (tracebacks), not
    to dialogs; a test asserts ``not errors`` at its end."""
    from shopinsight.gui import settings as settings_mod
    from shopinsight.gui.context import AppContext

    ctx = AppContext(settings=settings_mod.current())
    ctx.runner.show_error_dialogs = False
    errors: list = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(tb))
    return ctx, errors


@pytest.fixture
def open_tab(qtbot, lines_shop):
    """``open_tab(TabClass, rows, ready=None, timeout=20_000)``: the tab on a fresh shop holding
    ``rows``, shown and loaded (``ready(tab)``, default ``tab.is_ready()``); at teardown its tasks are
    stopped and any task error fails the test."""
    made = []

    def make(cls, rows, ready=None, timeout: int = 20_000):
        ctx, errors = _quiet_context()
        tab = cls(ctx)
        qtbot.addWidget(tab)
        tab.resize(1200, 800)
        tab.show()
        ctx.set_shop(lines_shop(rows))
        qtbot.waitUntil(lambda: (ready or (lambda t: t.is_ready()))(tab), timeout=timeout)
        made.append((ctx, errors))
        return tab

    yield make
    for ctx, errors in made:
        ctx.runner.shutdown()
        assert not errors, errors


@pytest.fixture
def stand_in_sample(tmp_path, monkeypatch):
    """``stand_in_sample(n)``: the first ``n`` lines of the bundled sample file become the app's
    bundled sample (``SHOPINSIGHT_RESOURCES``), so "Open the sample shop" builds a small shop."""
    import gzip
    from pathlib import Path

    def make(n: int) -> Path:
        bundled = Path(__file__).resolve().parents[2] / "resources" / "sample" / "online_retail.csv.gz"
        res = tmp_path / "res"
        (res / "sample").mkdir(parents=True, exist_ok=True)
        with gzip.open(bundled, "rt", encoding="utf-8", errors="replace") as fh:
            head = [next(fh) for _ in range(n + 1)]
        with gzip.open(res / "sample" / "online_retail.csv.gz", "wt", encoding="utf-8") as fh:
            fh.writelines(head)
        monkeypatch.setenv("SHOPINSIGHT_RESOURCES", str(res))
        return res / "sample" / "online_retail.csv.gz"
    return make
