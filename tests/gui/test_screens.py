"""Every screen at a laptop's and a desktop's size (issue 15): the screenshot mode's ``--size``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def data_tab_only(monkeypatch):
    """Only the Data tab (charts are slow to draw on a busy machine; the size is the window's)."""
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.data:DataTab"])


def test_screenshots_render_at_the_size_asked(qtbot, small_shop, data_tab_only, tmp_path, capsys, size="1280x800"):
    from PySide6.QtGui import QImage

    from shopinsight.cli import main

    assert main(["gui", str(small_shop), "--screenshots", str(tmp_path / "shots"), "--size", size, "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    w, h = (int(x) for x in size.split("x"))
    assert out["size"] == [w, h] and not out["errors"]
    sizes = {Path(f).stem.split("-", 1)[1]: (QImage(f).width(), QImage(f).height()) for f in out["files"]}
    # the window's screens at exactly that size; dialogs never larger than it
    for screen in ("tab-data", "data-postage-and-fees", "welcome"):
        assert sizes[screen] == (w, h), (screen, sizes[screen])
    assert all(sw <= w and sh <= h for name, (sw, sh) in sizes.items() ), sizes


@pytest.mark.parametrize("bad", ["1280", "1280x", "wide", "10x10", "1280x800x2"])
def test_a_bad_size_is_a_usage_error(small_shop, tmp_path, capsys, bad):
    from shopinsight.cli import main

    assert main(["gui", str(small_shop), "--screenshots", str(tmp_path / "shots"), "--size", bad]) == 2
    assert "1280x800" in capsys.readouterr().err


def test_size_only_with_screenshots(small_shop, capsys):
    from shopinsight.cli import main

    assert main(["gui", str(small_shop), "--smoke", "--size", "1280x800"]) == 2
    assert "--screenshots" in capsys.readouterr().err
