"""A basket-list file opened in the app (File ▸ Open, dropped, or added to the import wizard) is not
an error nor imported as sales: the app offers to mine its bought-together rules and shows them in the
shared table (issue 15), through the same core call as ``shopinsight rules --baskets FILE``."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from shopinsight.gui.basket_rules import BasketRulesDialog
from shopinsight.gui.main_window import MainWindow
from shopinsight.gui.widgets.frame_table import FrameTable

BASKETS = "bread,milk\nbread,butter,milk\nbeer,crisps\nbread,milk,eggs\nbeer,crisps,bread\nmilk\nbread,milk\n"


@pytest.fixture
def window(qtbot, monkeypatch, quiet_context):
    import shopinsight.gui.tabs as tabs
    monkeypatch.setattr(tabs, "TAB_CLASSES", ["shopinsight.gui.tabs.data:DataTab"])
    ctx, errors = quiet_context()
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    assert not errors, errors


@pytest.fixture
def basket_file(tmp_path):
    f = tmp_path / "groceries.csv"
    f.write_text(BASKETS, encoding="utf-8")
    return f


def _dialog(window) -> BasketRulesDialog:
    found = window.findChildren(BasketRulesDialog)
    assert len(found) == 1
    return found[0]


def test_opening_a_basket_list_offers_and_shows_its_rules(qtbot, window, basket_file, monkeypatch):
    from shopinsight.core.recommend.rules import mine_basket_list

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert window.open_shop(basket_file) is False and window.ctx.shop_path is None    # not a shop, no error
    assert asked and "groceries.csv" in asked[0]
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    table = dialog.findChild(FrameTable, "basketRules")
    expected = mine_basket_list(basket_file).rules                 # the CLI's call, the same rules
    assert table.model().rowCount() == len(expected) > 0
    shown = [(table.model().index(r, 0).data(), table.model().index(r, 1).data()) for r in range(2)]
    assert shown == list(zip(expected["antecedent"][:2], expected["consequent"][:2]))
    assert "7" in dialog.status.text() and dialog.save_button.isEnabled()
    out = basket_file.with_name("rules.csv")
    dialog.save_rules(str(out))
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("antecedent")
    dialog.close()


def test_declining_the_offer_opens_nothing(qtbot, window, basket_file, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert window.open_shop(basket_file) is False
    assert window.findChildren(BasketRulesDialog) == []


def test_a_dropped_basket_list_and_one_added_to_the_import_wizard(qtbot, window, basket_file, small_shop,
                                                                  monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from shopinsight.gui.import_wizard import ImportWizard

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(basket_file))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier))
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not window.findChildren(BasketRulesDialog), timeout=5_000)

    assert window.open_shop(small_shop)
    wiz = ImportWizard(window.ctx, parent=window)
    wiz.show()
    wiz.files_page.add_paths([str(basket_file)])
    assert wiz.paths == []                          # not imported as sales …
    assert not wiz.isVisible()                      # … nothing left to import: the wizard closed
    qtbot.waitUntil(lambda: _dialog(window).result is not None, timeout=20_000)
    _dialog(window).close()
