"""Progress reporting and cooperative cancellation for long core calls.

Every long core function accepts ``progress`` (a callable ``(fraction, message)``) and
``should_stop`` (a callable returning ``True`` when the caller wants it to stop).  Inside,
wrap both in a :class:`Reporter`; calling it reports progress *and* checks for a stop
request, raising :class:`Cancelled`.  ``Reporter.sub(a, b)`` maps a stage of the work onto
the sub-range ``a..b`` of the caller's bar (Orange's ``wrap_callback`` idea), so nested
calls compose without knowing where they sit in the whole job.

No Qt here: the GUI adapts these callables to queued signals, the CLI to a stderr bar.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

ProgressFn = Callable[[float, str], None]
StopFn = Callable[[], bool]

__all__ = ["Cancelled", "Reporter", "ProgressFn", "StopFn", "as_reporter"]


class Cancelled(Exception):
    """Raised inside a core call when the caller asked it to stop.

    Callers that write (imports, stored runs) roll back before re-raising, so a cancelled
    call never leaves partial results behind.
    """


@dataclass
class Reporter:
    """A progress callback plus a stop check, mapped onto a sub-range of the caller's bar."""

    progress: Optional[ProgressFn] = None
    should_stop: Optional[StopFn] = None
    start: float = 0.0
    end: float = 1.0

    def __call__(self, fraction: float, message: str = "") -> None:
        """Report ``fraction`` (0–1 of this stage) and raise :class:`Cancelled` if asked to stop."""
        self.check()
        if self.progress is not None:
            f = min(max(float(fraction), 0.0), 1.0)
            self.progress(self.start + (self.end - self.start) * f, message)

    def check(self) -> None:
        """Raise :class:`Cancelled` when the caller asked to stop."""
        if self.should_stop is not None and self.should_stop():
            raise Cancelled("cancelled by the user")

    def sub(self, start: float, end: float) -> "Reporter":
        """A reporter for a stage covering ``start..end`` of this reporter's range."""
        span = self.end - self.start
        return Reporter(self.progress, self.should_stop,
                        self.start + span * start, self.start + span * end)

    @property
    def stopping(self) -> bool:
        """True when the caller asked to stop (for loops that clean up before raising)."""
        return bool(self.should_stop is not None and self.should_stop())


def as_reporter(progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None) -> Reporter:
    """Wrap the two optional callables every long core call accepts."""
    if isinstance(progress, Reporter):
        return progress
    return Reporter(progress, should_stop)
