"""Bought-together rules of a basket-list file (one basket per line, items separated by commas).

Opened when the user opens such a file (File ▸ Open, a dropped file, a file added to the import
wizard: :func:`shopinsight.core.store.file_kind` says ``"baskets"``), after the user accepted the
offer.  Mining is :func:`shopinsight.core.recommend.rules.mine_basket_list` — the call behind
``shopinsight rules --baskets FILE`` — on the task runner; the rules are shown in the table every tab
uses (:class:`FrameTable`) and can be saved like the Recommendations tab's rules export.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QWidget

from .widgets.frame_model import DataFrameModel
from .widgets.frame_table import FrameTable
from .widgets.job_progress import JobProgress
from .widgets.layout import button, hbox, vbox

__all__ = ["BasketRulesDialog", "offer_basket_rules"]

COLUMNS = ["antecedent", "consequent", "orders", "support", "confidence", "lift"]


def offer_basket_rules(parent: QWidget, ctx, path: Path) -> Optional["BasketRulesDialog"]:
    """Ask whether to mine ``path`` (a basket list, not a sales export); the dialog if yes (headless:
    the dialog without asking, for the screenshots)."""
    if not ctx.headless:
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("BasketRulesDialog", "Basket list"),
            QCoreApplication.translate("BasketRulesDialog",
                                       "%1 is a basket list (one basket per line, items separated by commas), "
                                       "not a sales export.\n\nFind the items bought together in it?")
            .replace("%1", path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return None
    dialog = BasketRulesDialog(ctx, path, parent)
    dialog.open()
    return dialog


class BasketRulesDialog(QDialog):
    """See the module docs.  ``result`` is the :class:`RulesResult` once mined."""

    def __init__(self, ctx, path: Path, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("BasketRulesDialog")
        self.ctx, self.path, self.result = ctx, Path(path), None
        self.setWindowTitle(self.tr("Bought together — %1").replace("%1", self.path.name))
        self.model = DataFrameModel(ctx=ctx, headers={
            "antecedent": self.tr("If a basket has"), "consequent": self.tr("it also has"),
            "orders": self.tr("Baskets"), "support": self.tr("Share of baskets"),
            "confidence": self.tr("Confidence"), "lift": self.tr("Lift")},
            formats={"support": "percent", "confidence": "percent", "lift": "float2"})
        self.table = FrameTable(self.model)
        self.table.setObjectName("basketRules")
        self.status = QLabel(self.tr("Reading the baskets…"))
        self.status.setWordWrap(True)
        self.progress = JobProgress()
        self.save_button = button(self.tr("Save rules…"), self.save_rules, enabled=False)
        self.close_button = button(self.tr("Close"), self.reject)
        vbox((self.status, 0), (self.table, 1), hbox((self.progress, 1), self.save_button, self.close_button),
             parent=self)
        self.resize(900, 600)
        self.mine()

    def mine(self) -> None:
        path = self.path

        def work(state):
            from ..core.recommend.rules import mine_basket_list
            return mine_basket_list(path, reporter=state.reporter)

        self.progress.start()
        self.ctx.runner.start("basket-rules", work, on_done=self._shown, on_progress=self._progress,
                              on_error=self._failed, on_cancelled=self._stopped,
                              title=self.tr("Finding items bought together"))

    def is_ready(self) -> bool:
        return self.result is not None or not any(t.kind == "basket-rules" for t in self.ctx.runner.running_tasks())

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.set_fraction(fraction)

    def _shown(self, result) -> None:
        self.result = result
        self.progress.finish()
        self.model.set_frame(result.rules[COLUMNS])
        info = result.info
        self.status.setText(
            self.tr("%1 rules from %2 baskets of %3 different items (each pair in at least %4 baskets); "
                    "strongest first. Lift above 1: bought together more often than by chance.")
            .replace("%1", self.ctx.fmt_int(len(result.rules))).replace("%2", self.ctx.fmt_int(info["baskets"]))
            .replace("%3", self.ctx.fmt_int(info["items"])).replace("%4", self.ctx.fmt_int(info["min_orders"])))
        self.save_button.setEnabled(len(result.rules) > 0)

    def _failed(self, exc: BaseException) -> bool:
        from ..core.errors import InputError
        self.progress.finish()
        if isinstance(exc, InputError):
            self.status.setText(self.tr("This file cannot be read as a basket list: %1").replace("%1", str(exc)))
            return True
        return False

    def _stopped(self) -> None:
        self.progress.finish()
        self.status.setText(self.tr("Stopped."))

    def save_rules(self, path: Optional[str] = None) -> None:
        """Save the rules as CSV or Excel (the same writer as every export)."""
        if self.result is None:
            return
        if not path:
            start = str(self.path.with_name(self.path.stem + "_rules.csv"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save rules"), start,
                                                  self.tr("CSV (*.csv);;Excel (*.xlsx)"))
        if path:
            from ..core.export import write_table
            write_table(self.result.rules, path, "rules")

    def done(self, result: int) -> None:
        self.ctx.runner.cancel("basket-rules")
        super().done(result)
