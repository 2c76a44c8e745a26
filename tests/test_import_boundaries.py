"""Dependency direction (GUIDE §1): the core and the headless CLI never need Qt, and the app
starts without importing TensorFlow."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# A meta-path finder that makes PySide6 (and shiboken6) unimportable in the child process.
_BLOCK_QT = textwrap.dedent("""
    import sys
    class _NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ImportError(f"{name} is blocked in this test")
            return None
    sys.meta_path.insert(0, _NoQt())
""")


def _run(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=REPO)


def test_core_and_cli_import_without_pyside6():
    code = _BLOCK_QT + textwrap.dedent("""
        import importlib, pkgutil, json
        try:
            import PySide6
        except ImportError:
            pass
        else:
            raise SystemExit("the PySide6 block does not work")
        import shopinsight.core
        from shopinsight.core import analytics, charts, sales_charts, sample, export, store, tasks
        # every core module, including ones added later
        mods = [m.name for m in pkgutil.walk_packages(shopinsight.core.__path__, "shopinsight.core.")]
        for m in mods:
            importlib.import_module(m)
        from shopinsight.cli import build_parser
        parser = build_parser()
        qt = sorted(k for k in sys.modules if k.split(".")[0] in ("PySide6", "shiboken6"))
        print(json.dumps({"modules": len(mods), "qt": qt, "tensorflow": "tensorflow" in sys.modules}))
    """)
    r = _run(code)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["qt"] == [] and out["modules"] >= 5
    assert out["tensorflow"] is False


def test_gui_verb_without_qt_fails_cleanly():
    code = _BLOCK_QT + textwrap.dedent("""
        from shopinsight.cli import main
        raise SystemExit(main(["gui", "--smoke"]))
    """)
    r = _run(code)
    assert r.returncode == 1
    assert "needs PySide6" in r.stderr


def test_main_window_starts_without_tensorflow(tmp_path):
    code = textwrap.dedent("""
        import json, sys
        from PySide6.QtWidgets import QApplication
        from shopinsight.gui.app import create_app
        app = create_app()
        from shopinsight.gui.context import AppContext
        from shopinsight.gui.main_window import MainWindow
        from shopinsight.gui import settings
        ctx = AppContext(settings=settings.make_settings(sys.argv[1] if len(sys.argv) > 1 else None))
        w = MainWindow(ctx)
        w.show()
        app.processEvents()
        print(json.dumps({"visible": w.isVisible(), "tabs": w.tabs.count(),
                          "tensorflow": "tensorflow" in sys.modules, "keras": "keras" in sys.modules}))
        w.close()
    """)
    env_settings = tmp_path / "s.ini"
    r = subprocess.run([sys.executable, "-c", code, str(env_settings)], capture_output=True, text=True,
                       timeout=120, cwd=REPO,
                       env=dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen",
                                SHOPINSIGHT_DATA_DIR=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["visible"] and out["tabs"] >= 1
    assert out["tensorflow"] is False and out["keras"] is False
