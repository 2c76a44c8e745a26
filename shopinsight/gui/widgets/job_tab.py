"""``JobTabMixin``: what every analysis tab does around its background jobs, written once.

A tab lists the task kinds its Cancel stops (``job_kinds``) and its start buttons
(``self.start_buttons``), and has ``cancel_button``, ``progress`` (a :class:`JobProgress`) and
``status`` (a QLabel).  The mixin gives it ``_busy(on)``, ``_progress(fraction, message)``, ``cancel()``,
``_cancelled()`` and ``_failed(exc)`` to pass to ``ctx.runner.start``; the tab keeps only its layout and
how it shows results.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["JobTabMixin"]


class JobTabMixin:
    """See the module docs (mix in before QWidget)."""

    job_kinds: tuple[str, ...] = ()

    def _busy(self, on: bool) -> None:
        for b in self.start_buttons:
            b.setEnabled(not on)
        self.cancel_button.setEnabled(on)
        if on:
            self.progress.start()
        else:
            self.progress.finish()

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.set_fraction(fraction)
        if message:
            self.status.setText(message)

    def cancel(self) -> None:
        """Stop this tab's running job (a job that already committed still reports done)."""
        for kind in self.job_kinds:
            self.ctx.runner.cancel(kind)

    def _cancelled(self) -> None:
        self._busy(False)
        self.status.setText(QCoreApplication.translate("JobTabMixin", "Cancelled; nothing was stored."))

    def _failed(self, exc) -> bool:
        self._busy(False)
        self.status.setText(QCoreApplication.translate("JobTabMixin", "Failed: %1").replace("%1", str(exc)))
        return False          # not handled here: the runner words it (problem with the data, or a bug)
