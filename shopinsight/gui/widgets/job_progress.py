"""``JobProgress``: a tab's progress bar that is shown only while its job runs.

A bar left full after a job ended (or stuck at 1 % after Cancel) tells the user something is still
going on; this one starts empty when the job starts, follows its progress, and disappears when the
job is done, fails or is cancelled (keeping its place in the layout, so nothing jumps).
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QProgressBar, QWidget

__all__ = ["JobProgress"]


class JobProgress(QProgressBar):
    """See the module docs: ``start()``, ``set_fraction(f)``, ``finish()``."""

    def __init__(self, parent: Optional[QWidget] = None, *, text: bool = False):
        super().__init__(parent)
        self.setRange(0, 1000)
        self.setTextVisible(text)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setVisible(False)

    def start(self) -> None:
        self.setValue(0)
        self.setVisible(True)

    def set_fraction(self, fraction: float) -> None:
        self.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def finish(self) -> None:
        """The job ended (done, failed or cancelled): no bar."""
        self.setValue(0)
        self.setVisible(False)
