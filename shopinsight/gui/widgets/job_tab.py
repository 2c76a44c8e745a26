"""``AnalysisTab``: everything an analysis tab does around its jobs, written once.

In the spirit of Orange's ``ConcurrentWidgetMixin``: the base opens the shop inside the job, starts
it on the task runner (a new start of a kind cancels the previous one), shows progress and Cancel,
routes errors — ``InputError`` (the user's data or choice: worded in the tab, no bug report) versus
bugs (the runner's bug dialog) — reloads the last stored run whenever a shop opens or its data
changes, and shows any stored run on request (:meth:`show_run`, which the Runs panel calls).  A tab
keeps only its layout and how it shows a result.

A subclass sets

``job_kind``
    its main job's task kind ("forecast", "customers.train", ...); the load job is ``<job_kind>.load``;
``cancel_kinds``
    further task kinds Cancel stops (a second job such as a self-test or a model comparison);
``busy_kinds``
    further task kinds :meth:`is_ready` waits for (context charts, details);
``load_when_hidden``
    True to reload on a shop or data change while hidden (default: when next shown);

builds ``self.start_buttons`` (disabled while a job runs) and lays out ``self.cancel_button``,
``self.progress`` and ``self.status`` (made here), calls :meth:`watch_shop` at the end of its
``__init__``, and overrides

``result_type`` (or ``run_loader``)
    ``"module:XResult"`` of the core, whose ``XResult.load(shop, run_id)`` gives the stored run (the
    newest of its kind when ``run_id`` is None) or None; ``run_loader = "module:function"`` names
    another core loader (given the reporter when it takes one);
``setup_loader`` (optional)
    ``"module:function"`` of the core giving what the form needs from the shop (product lists, date
    range, ...) as ``fn(shop, reporter)``;

These loaders run as one core job (``Job("load", ...)``), in a child process like the tab's other
jobs; a tab may instead override ``load_run(shop, run_id, reporter)`` / ``load_setup(shop, reporter)``
(static, run on the runner's thread);
``clear()`` / ``show_setup(setup)`` / ``show_result(result)`` (GUI thread)
    forget what the previous shop showed / fill the form / show a result.

Jobs: ``self.start_job(Job("x", options), title=..., message=...)`` (a core
:class:`~shopinsight.core.jobs.Job`, run in a child process so the window never waits for the
interpreter lock while a model trains); the result lands in ``self.result`` and
:meth:`show_result` (or the ``on_done`` given).  A side job
that fills one panel (a chart's context, a customer's orders) without touching the progress bar:
``self.run_on_shop(kind, lambda shop, rep: ..., on_done, title=...)``.  Exports ask for their file
with :meth:`save_path` (a folder: :meth:`folder_path`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ...core.errors import InputError
from .job_progress import JobProgress

__all__ = ["AnalysisTab", "tr_args"]


def tr_args(text: str, *args: Any) -> str:
    """Fill Qt's ``%1``, ``%2`` … placeholders of an already translated ``text`` (in one pass, so a
    value that itself contains ``%2`` is not replaced again)."""
    import re

    return re.sub(r"%(\d)", lambda m: str(args[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(args)
                  else m.group(0), text)


def _same(a: Any, b: Any) -> bool:
    """True when two (class)methods are the same function (not overridden)."""
    return getattr(a, "__func__", a) is getattr(b, "__func__", b)


class AnalysisTab(QWidget):
    """See the module docs."""

    ready = Signal()

    job_kind: str = ""
    cancel_kinds: tuple[str, ...] = ()
    busy_kinds: tuple[str, ...] = ()
    result_type: str = ""
    run_loader: str = ""
    setup_loader: str = ""
    long_load: bool = False
    """True when loading the setup or a stored run is itself long work (refitting a stored model,
    scanning the customers' history): it then gets a child process of its own when none is waiting;
    else it uses a waiting child or the runner's thread, never waiting for a new interpreter."""
    load_when_hidden: bool = False
    """True: reload on a shop or data change even while hidden (the Overview, the shop's front page,
    whose figures are cheap); False: a hidden tab reloads when next shown."""

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: Any = None
        self.problem: Optional[str] = None        # the last InputError's message, worded for the user
        self._loading = False
        self._stale = False                       # the shop changed while hidden: reload when shown
        self.start_buttons: tuple = ()
        self.cancel_button = QPushButton(QCoreApplication.translate("AnalysisTab", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = JobProgress()
        self.status = QLabel()
        self.status.setWordWrap(True)

    # -- hooks ----------------------------------------------------------------------------------
    @classmethod
    def run_ref(cls) -> str:
        """The core loader of the tab's stored runs: :attr:`run_loader`, else ``XResult.load`` of
        :attr:`result_type`; "" when the tab has none."""
        return cls.run_loader or (f"{cls.result_type}.load" if cls.result_type else "")

    @classmethod
    def load_run(cls, shop, run_id: Optional[int], reporter) -> Any:
        """Worker: the stored run ``run_id`` (None: the newest of the tab's kind), or None: by
        default the core loader :meth:`run_ref` names (``XResult.load(shop, run_id)``)."""
        from ...core.jobs import load_stored_run
        ref = cls.run_ref()
        return load_stored_run(shop, ref, run_id, reporter) if ref else None

    @classmethod
    def load_setup(cls, shop, reporter) -> Any:
        """Worker: what the form needs from the shop: by default the core function
        :attr:`setup_loader` names (``fn(shop, reporter)``), else None."""
        from ...core.jobs import resolve
        return resolve(cls.setup_loader)(shop, reporter) if cls.setup_loader else None

    def clear(self) -> None:
        """Forget what the previous shop (or run) showed."""

    def show_setup(self, setup: Any) -> None:
        """Fill the form from :meth:`load_setup`'s answer."""

    def show_result(self, result: Any) -> None:
        """Show a result (just computed, or a stored run)."""

    # -- the shop's stored runs -----------------------------------------------------------------
    @property
    def load_kind(self) -> str:
        return f"{self.job_kind}.load"

    def watch_shop(self) -> None:
        """Reload whenever a shop opens or its data changes, and now (call at the end of ``__init__``).
        A tab behind another tab of a shown window reloads when it is next shown: opening a shop loads
        only what the user sees, instead of every tab's stored run and setup at once."""
        self.ctx.shop_changed.connect(self._shop_or_data_changed)
        self.ctx.data_changed.connect(self._shop_or_data_changed)
        self._shop_or_data_changed()

    def _shop_or_data_changed(self, *_args) -> None:
        # behind another tab of a shown window: later; shown, or on its own (not in a shown window): now
        if self.isVisible() or not self.window().isVisible() or self.load_when_hidden:
            self._stale = False
            self.reload()
            return
        # hidden: stop its jobs and forget the old result now (nothing may act on the previous shop's
        # run), clear and load when shown
        for kind in (*self.job_kinds(), self.load_kind):
            self.ctx.runner.cancel(kind)
        self._loading = False
        self._set_busy(False)
        self.result, self.problem = None, None
        self._stale = True

    def showEvent(self, event) -> None:      # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self, *_args) -> None:
        """A shop opened (or its data changed): stop this tab's jobs, forget what was shown, then read
        the form's setup and the last stored run in the background."""
        for kind in self.job_kinds():
            self.ctx.runner.cancel(kind)
        self._set_busy(False)
        self.result, self.problem = None, None
        self.clear()
        self._load(None, with_setup=True)

    def show_run(self, run_id: int) -> None:
        """Show the stored run ``run_id`` (of this tab's kind) in the tab."""
        self._load(int(run_id), with_setup=False)

    def _load(self, run_id: Optional[int], with_setup: bool) -> None:
        path = self.ctx.shop_path
        if path is None:
            return
        cls = type(self)
        load_setup, load_run = cls.load_setup, cls.load_run
        if _same(load_setup, AnalysisTab.load_setup) and _same(load_run, AnalysisTab.load_run):
            # the core loaders the tab names: as a core job (in a child process, where the model
            # of a stored recommendation run is fitted again, for instance)
            from ...core.jobs import Job
            from ..tasks import in_child
            work = in_child(path, Job("load", cls.setup_loader if with_setup else "", cls.run_ref(), run_id),
                            spawn=cls.long_load)
        else:                 # a tab with its own load hooks: on the runner's thread
            def work(state):
                from ...core.store import Shop
                with Shop(path) as shop:
                    setup = load_setup(shop, state.reporter) if with_setup else None
                    return setup, load_run(shop, run_id, state.reporter)

        self._loading = True
        self.ctx.runner.start(self.load_kind, work, on_done=lambda got: self._loaded(got, with_setup, run_id),
                              on_error=self._load_failed, on_cancelled=self._load_ended,
                              title=QCoreApplication.translate("AnalysisTab", "Loading the stored run"))

    def _loaded(self, got, with_setup: bool, run_id: Optional[int]) -> None:
        setup, result = got
        self._loading = False
        if with_setup:
            self.show_setup(setup)
        if result is None and run_id is not None:
            self.status.setText(tr_args(QCoreApplication.translate(
                "AnalysisTab", "Run #%1 is not a stored run of this tab."), run_id))
        elif result is not None:
            self.result = result
            self.show_result(result)
            self.status.setText(self.stored_text(result))
        self.ready.emit()

    def stored_text(self, result) -> str:
        """The status line for a stored run shown again."""
        created = getattr(result, "created_at", None)
        rid = getattr(result, "run_id", None)
        if created:
            return tr_args(QCoreApplication.translate("AnalysisTab", "Stored run #%1 of %2."), rid,
                           self.ctx.fmt_datetime(created))
        return tr_args(QCoreApplication.translate("AnalysisTab", "Stored run #%1."), rid) if rid is not None else ""

    def _load_failed(self, exc) -> bool:
        self._loading = False
        handled = self._failed(exc)
        self.ready.emit()
        return handled

    def _load_ended(self) -> None:
        self._loading = False

    # -- jobs -----------------------------------------------------------------------------------
    def job_kinds(self) -> tuple[str, ...]:
        return (self.job_kind, *self.cancel_kinds)

    def start_job(self, fn: "Job | Callable[..., Any]", *, title: str, message: str = "",
                  kind: Optional[str] = None, on_done: Optional[Callable[[Any], None]] = None,
                  on_partial: Optional[Callable[[Any], None]] = None) -> None:
        """Run a job on the open shop; progress, Cancel and errors are handled here; the result goes
        to ``on_done`` (default: ``self.result`` and :meth:`show_result`).

        ``fn`` is a core :class:`~shopinsight.core.jobs.Job` (the long analysis jobs): it runs in a
        child process (:func:`~shopinsight.gui.tasks.in_child`), so training never holds the
        interpreter lock the window needs.  A plain ``fn(shop, reporter)`` runs on the task runner's
        thread (short jobs, tests).  With ``on_partial``, what the job passes to ``partial(obj)``
        reaches ``on_partial(obj)`` on the GUI thread (a callable is then called as
        ``fn(shop, reporter, partial)``)."""
        from ...core.jobs import Job
        from ..tasks import in_child

        path = self.ctx.shop_path
        if path is None:
            return

        if isinstance(fn, Job):
            work = in_child(path, fn, partial=on_partial is not None)
        else:
            def work(state):
                from ...core.store import Shop
                with Shop(path) as shop:
                    if on_partial is not None:
                        return fn(shop, state.reporter, state.set_partial_result)
                    return fn(shop, state.reporter)

        self.problem = None
        self._set_busy(True)
        if message:
            self.status.setText(message)
        self.ctx.runner.start(kind or self.job_kind, work, on_done=lambda r: self._done(r, on_done),
                              on_progress=self._progress, on_cancelled=self._cancelled,
                              on_error=self._failed, on_partial=on_partial, title=title)

    def _done(self, result, on_done) -> None:
        self._set_busy(False)
        if on_done is not None:
            on_done(result)
        else:
            self.result = result
            self.show_result(result)
        self.ready.emit()

    def cancel(self) -> None:
        """Stop this tab's running job (a job that already committed still reports done)."""
        for kind in self.job_kinds():
            self.ctx.runner.cancel(kind)
        self._cancelled()

    def _set_busy(self, on: bool) -> None:
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

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText(QCoreApplication.translate("AnalysisTab", "Cancelled; nothing was stored."))

    def _failed(self, exc: BaseException) -> bool:
        """A job failed: the user's data or choice (``InputError``) is worded here and handled; a bug
        is left to the runner's bug dialog (returns False)."""
        self._set_busy(False)
        if isinstance(exc, InputError):
            self.problem = str(exc)
            self.status.setText(tr_args(QCoreApplication.translate(
                "AnalysisTab", "There is a problem with your data or choice: %1"), exc))
            return True
        self.status.setText(QCoreApplication.translate(
            "AnalysisTab", "Failed with an internal error; see the error report."))
        return False

    def run_on_shop(self, kind: str, fn: Callable[..., Any], on_done: Callable[[Any], None], *, title: str,
                    on_error: Optional[Callable[[BaseException], bool]] = None, readonly: bool = False) -> None:
        """Run ``fn(shop, reporter)`` on the task runner with the open shop (read-only when asked) and
        give its result to ``on_done``; no progress bar or Cancel (list the kind in ``busy_kinds``),
        but a newer start of the kind stops a long SQL statement at once.  A failure goes to
        ``on_error`` (True: handled) or the runner's bug dialog."""
        path = self.ctx.shop_path
        if path is None:
            return

        def work(state):
            from ...core.store import Shop, interruptible
            with Shop(path, readonly=readonly) as shop, interruptible(shop, state.reporter):
                return fn(shop, state.reporter)

        self.ctx.runner.start(kind, work, on_done=on_done, on_error=on_error, title=title)

    def save_path(self, caption: str, name: str) -> Optional[str]:
        """Ask where to save a table (CSV or Excel), starting at ``name``; None when the user cancels
        (or in headless mode, where nothing may ask)."""
        if getattr(self.ctx, "headless", False):
            return None
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self, caption, name, QCoreApplication.translate(
            "AnalysisTab", "CSV (*.csv);;Excel (*.xlsx)"))
        return path or None

    def folder_path(self, caption: str) -> Optional[str]:
        """Ask for a folder to export into, starting where the last export went (remembered); None
        when the user cancels."""
        from PySide6.QtWidgets import QFileDialog

        from ..settings import current
        start = current().value("paths/last_export_dir", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, caption, start)
        if folder:
            current().setValue("paths/last_export_dir", folder)
        return folder or None

    def is_ready(self) -> bool:
        """True once nothing of this tab runs (its content for the current shop is shown, its charts
        built).  A hidden tab waiting to reload when shown has nothing to show: it is ready."""
        return not self._loading and not any(
            self.ctx.runner.is_running(k) for k in (*self.job_kinds(), self.load_kind, *self.busy_kinds)) \
            and self.charts_built()

    def charts_built(self) -> bool:
        """True when no chart of the tab is still building its figure (off the GUI thread)."""
        from .chart import ChartView
        return not any(c.is_building() for c in self.findChildren(ChartView))
