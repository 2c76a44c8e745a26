"""The main window: menus, the first-start page, the tabs, and the status bar's task area."""
from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFileDialog, QFrame, QHBoxLayout,
                               QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QProgressBar, QPushButton, QStackedWidget, QStyle, QTabWidget,
                               QTextBrowser, QToolButton, QVBoxLayout, QWidget)

from .. import APP_NAME, SAMPLE_CREDIT, __version__
from . import settings as settings_mod
from .context import AppContext
from .dialogs import warn
from .logs import log_path
from .tasks import Task, TaskRunner

__all__ = ["MainWindow", "WelcomePage", "TaskStatus", "AboutDialog"]

log = logging.getLogger("shopinsight.gui")

SHOP_FILTER = "ShopInsight shop (*.shop);;All files (*)"


class TaskStatus(QWidget):
    """Status-bar area showing the newest running task: message, progress bar, Cancel."""

    def __init__(self, runner: TaskRunner, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel()
        self.label.setMinimumWidth(120)
        self.label.setMaximumWidth(420)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this task"))
        self.cancel_button.clicked.connect(self.cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 4, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        # short tasks (< 0.3 s) finish before the area appears: no flicker
        self._show_timer = QTimer(self, singleShot=True, interval=300)
        self._show_timer.timeout.connect(self._refresh)
        runner.task_started.connect(lambda _t: self._show_timer.start())
        runner.task_progress.connect(self._progress)
        runner.task_finished.connect(lambda _t: self._refresh())
        self.setVisible(False)

    def task(self) -> Optional[Task]:
        tasks = self.runner.running_tasks()
        return tasks[-1] if tasks else None

    def _progress(self, task: Task) -> None:
        if self.isVisible() and task is self.task():
            self._update(task)

    def _refresh(self) -> None:
        task = self.task()
        if task is None:
            self.setVisible(False)
            return
        if time_running(task) >= 0.25 or self.isVisible():
            self.setVisible(True)
            self._update(task)
        else:
            self._show_timer.start()

    def _update(self, task: Task) -> None:
        others = len(self.runner.running_tasks()) - 1
        text = task.title + (f": {task.message}" if task.message else "")
        if others > 0:
            text += self.tr(" (+%1 more)").replace("%1", str(others))
        self.label.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 410))
        self.label.setToolTip(text)
        if task.fraction > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(task.fraction * 1000))
        else:
            self.bar.setRange(0, 0)   # busy indicator until the first progress report

    def cancel(self) -> None:
        """Cancel the task shown."""
        task = self.task()
        if task is not None:
            self.runner.cancel(task.kind)
            self.label.setText(self.tr("Cancelling…"))


def time_running(task: Task) -> float:
    import time
    return time.monotonic() - task.started_at


class WelcomePage(QWidget):
    """First-start page: New shop / Open shop / Open the sample shop, and recent shops."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        title = QLabel(self.tr("Welcome to ShopInsight"))
        title.setStyleSheet("font-size: 26px; font-weight: 600;")
        sub = QLabel(self.tr("Sales analytics for your shop, on your own computer. "
                             "Start with a shop file: it keeps your imported sales and results."))
        sub.setWordWrap(True)
        sub.setStyleSheet("font-size: 14px; color: #5b6472;")

        def big(text: str, detail: str, icon: QStyle.StandardPixmap) -> QPushButton:
            b = QPushButton(f"{text}\n{detail}")
            b.setIcon(self.style().standardIcon(icon))
            b.setIconSize(QSize(28, 28))
            b.setMinimumHeight(64)
            b.setStyleSheet("QPushButton { text-align: left; padding: 8px 14px; font-size: 13px; }")
            return b

        self.new_button = big(self.tr("New shop…"), self.tr("Create an empty shop and import your sales export"),
                              QStyle.StandardPixmap.SP_FileIcon)
        self.open_button = big(self.tr("Open shop…"), self.tr("Open a shop file you made before"),
                               QStyle.StandardPixmap.SP_DialogOpenButton)
        self.sample_button = big(self.tr("Open the sample shop"),
                                 self.tr("A real UK online gift shop: 541,909 sales lines, 2010–2011"),
                                 QStyle.StandardPixmap.SP_DirHomeIcon)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setVisible(False)
        self.progress_label.setStyleSheet("color: #5b6472;")

        self.recent_title = QLabel(self.tr("Recent shops"))
        self.recent_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.recent = QListWidget()
        self.recent.setMinimumWidth(320)
        self.recent.setMaximumHeight(420)
        self.recent.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.recent.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recent.itemActivated.connect(lambda it: self.recent_requested.emit(it.data(Qt.ItemDataRole.UserRole)))
        self.recent.itemClicked.connect(lambda it: self.recent_requested.emit(it.data(Qt.ItemDataRole.UserRole)))
        credit = QLabel(self.tr("Sample data: %1").replace("%1", credit_html()))
        credit.setTextFormat(Qt.TextFormat.RichText)
        credit.setOpenExternalLinks(True)
        credit.setWordWrap(True)
        credit.setStyleSheet("color: #8a94a6; font-size: 11px;")

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(sub)
        left.addSpacing(18)
        for b in (self.new_button, self.open_button, self.sample_button):
            left.addWidget(b)
        left.addWidget(self.progress_label)
        left.addWidget(self.progress)
        left.addSpacing(24)
        left.addWidget(credit)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addSpacing(6)
        right.addWidget(self.recent_title)
        right.addWidget(self.recent)
        right.addStretch(1)
        box = QHBoxLayout()
        box.addLayout(left, 3)
        box.addSpacing(36)
        box.addLayout(right, 2)
        frame = QFrame()
        frame.setMaximumWidth(1100)
        frame.setLayout(box)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 20)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_recent(self, files: list[str]) -> None:
        """Fill the recent-shops list."""
        self.recent.clear()
        from ..core.store import shop_name

        for f in files:
            p = Path(f)
            name = shop_name(p) or p.stem       # the shop's own name ("Sample shop …"), else the file's
            it = QListWidgetItem(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon),
                                 f"{name}\n{p}")
            it.setData(Qt.ItemDataRole.UserRole, str(p))
            it.setToolTip(str(p))
            self.recent.addItem(it)
        if not files:
            it = QListWidgetItem(self.tr("No recent shops yet"))
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(it)

    def set_busy(self, text: Optional[str], fraction: float = 0.0) -> None:
        """Show (or hide, with None) the sample-shop creation progress."""
        busy = text is not None
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        for b in (self.new_button, self.open_button, self.sample_button):
            b.setEnabled(not busy)
        if busy:
            self.progress_label.setText(text)
            self.progress.setValue(int(fraction * 1000))


def credit_html() -> str:
    """The sample data's credit line as rich text: the DOI is a link that never breaks across lines."""
    import re

    # the address goes on a line of its own and is never broken (Qt's label would otherwise break a
    # long word anywhere when it does not fit the rest of a line)
    return re.sub(r"\s*(https://doi\.org/\S+)", r'<br><nobr><a href="\1">\1</a></nobr>',
                  html.escape(SAMPLE_CREDIT))


class AboutDialog(QDialog):
    """Help ▸ About: version, library versions, the sample data's credit line, the log file."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("About ShopInsight"))
        text = QTextBrowser()
        text.setOpenExternalLinks(True)
        text.setFrameShape(QFrame.Shape.NoFrame)
        rows = "".join(f"<tr><td>{k}</td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in library_versions().items())
        credit = credit_html()
        about = self.tr("Sales analytics for small shops: import your sales exports, see how the shop is "
                        "doing, forecast demand, recommend products and find your best customers — all on "
                        "your own computer.")
        sample, libs, logf = self.tr("Sample data"), self.tr("Libraries"), self.tr("Log file")
        licence = self.tr("Licence: MIT. The sample data is licensed CC BY 4.0.")
        text.setHtml(
            f"<h2>{APP_NAME} {__version__}</h2>"
            f"<p>{about}</p>"
            f"<p>{licence}</p>"
            f"<p><b>{sample}</b><br>{credit}</p>"
            f"<p><b>{libs}</b></p><table>{rows}</table>"
            f"<p><b>{logf}</b><br>{log_path()}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(buttons)
        self.resize(560, 520)


def library_versions() -> dict[str, str]:
    """Versions shown in About: the ones stored with every run (core) plus Qt's and Matplotlib's."""
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    from ..core.store import library_versions as core_versions

    return {**core_versions(), "matplotlib": metadata.version("matplotlib"), "Qt": qVersion(),
            "PySide6": PySide6.__version__}


class MainWindow(QMainWindow):
    """The ShopInsight main window."""

    tabs_built = Signal()
    SHUTDOWN_TIMEOUT = 5.0
    """Seconds closing waits for tasks to honour Cancel before leaving them behind."""

    def __init__(self, ctx: Optional[AppContext] = None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx or AppContext(settings=settings_mod.current())
        self.ctx.setParent(self)
        self.ctx.runner.dialog_parent = self
        self.tab_widgets: list[QWidget] = []
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 860)
        self.setMinimumSize(900, 600)
        self.setAcceptDrops(True)           # a shop, a sales export or a basket list (see open_file)
        icon = _app_icon()
        if icon is not None:
            self.setWindowIcon(icon)

        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_shop)
        self.welcome.open_requested.connect(self.open_shop_dialog)
        self.welcome.sample_requested.connect(self.open_sample_shop)
        self.welcome.recent_requested.connect(self.open_shop)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.shop_label = QLabel()
        self.shop_label.setContentsMargins(6, 0, 6, 0)
        self.task_status = TaskStatus(self.ctx.runner)
        self.statusBar().addWidget(self.shop_label, 1)
        self.statusBar().addPermanentWidget(self.task_status)

        self.ctx.shop_changed.connect(self._shop_changed)
        self.ctx.data_changed.connect(self._update_status)
        self.ctx.register_run_opener(self)
        self.ctx.runs_deleted.connect(self._runs_deleted)
        self.ctx.lines_requested.connect(self.show_lines)
        self._build_menus()
        self._build_tabs()
        self._restore_geometry()
        self._shop_changed(self.ctx.shop_path)

    # -- building ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        mb.clear()
        # File
        m = mb.addMenu(self.tr("&File"))
        self.act_new = _action(self, self.tr("&New shop…"), self.new_shop, QKeySequence.StandardKey.New)
        self.act_open = _action(self, self.tr("&Open shop…"), self.open_shop_dialog, QKeySequence.StandardKey.Open)
        m.addAction(self.act_new)
        m.addAction(self.act_open)
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        self.act_sample = _action(self, self.tr("Open the &sample shop"), self.open_sample_shop)
        m.addAction(self.act_sample)
        m.addSeparator()
        self.act_import = _action(self, self.tr("&Import data…"), self.import_data, "Ctrl+I")
        self.act_export = _action(self, self.tr("&Export…"), self.export, "Ctrl+E")
        self.act_report = _action(self, self.tr("Export &report…"), self.export_report)
        m.addAction(self.act_import)
        m.addAction(self.act_export)
        m.addAction(self.act_report)
        m.addSeparator()
        self.act_close = _action(self, self.tr("&Close shop"), self.close_shop, QKeySequence.StandardKey.Close)
        m.addAction(self.act_close)
        self.act_quit = _action(self, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        m.addAction(self.act_quit)
        # View
        v = mb.addMenu(self.tr("&View"))
        self.act_refresh = _action(self, self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh)
        v.addAction(self.act_refresh)
        self.tab_menu = v.addMenu(self.tr("&Go to tab"))
        v.addSeparator()
        lang_menu = v.addMenu(self.tr("&Language"))
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        for code, name in settings_mod.LANGUAGES.items():
            a = QAction(name, self, checkable=True)
            a.setChecked(code == self.ctx.language)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.lang_group.addAction(a)
            lang_menu.addAction(a)
            self.lang_actions[code] = a
        self.act_fullscreen = _action(self, self.tr("&Full screen"), self._toggle_fullscreen,
                                      QKeySequence.StandardKey.FullScreen)
        self.act_fullscreen.setCheckable(True)
        v.addAction(self.act_fullscreen)
        # Help
        h = mb.addMenu(self.tr("&Help"))
        h.addAction(_action(self, self.tr("&About ShopInsight"), self.show_about))
        h.addAction(_action(self, self.tr("About &Qt"), QApplication.aboutQt))
        h.addAction(_action(self, self.tr("Open the &log folder"), self._open_log_folder))
        self._update_actions()

    def _build_tabs(self) -> None:
        from .tabs import LAZY_TABS, TAB_CLASSES, load_tab_class

        current = self.tabs.currentIndex()
        self._building_tabs = True
        for w in self.tab_widgets:
            w.setParent(None)
            w.deleteLater()
        self.tabs.clear()
        self.tab_widgets = []
        for spec in TAB_CLASSES:
            cls_name = spec.partition(":")[2]
            if cls_name in LAZY_TABS:
                # built on first show: the window opens without importing the model libraries
                tab = _LazyTab(spec, cls_name, QCoreApplication.translate(cls_name, LAZY_TABS[cls_name]))
            else:
                tab = _route_drills(load_tab_class(spec)(self.ctx), self.ctx)
            self.tab_widgets.append(tab)
            self.tabs.addTab(tab, tab.title())
        self.tab_menu.clear()
        for i, tab in enumerate(self.tab_widgets):
            a = _action(self, tab.title(), lambda _c=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            self.tab_menu.addAction(a)
        self._building_tabs = False
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        else:
            saved = self.ctx.settings.value("window/tab", "")
            for i, tab in enumerate(self.tab_widgets):
                if _tab_name(tab) == saved:
                    self.tabs.setCurrentIndex(i)
        self._materialise(self.tabs.currentIndex())
        self.tabs_built.emit()

    def _materialise(self, i: int) -> Optional[QWidget]:
        """Build the real tab behind a lazy placeholder at index ``i`` (no-op for built tabs)."""
        if not 0 <= i < len(self.tab_widgets):
            return None
        tab = self.tab_widgets[i]
        if not isinstance(tab, _LazyTab):
            return tab
        from .tabs import load_tab_class

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            real = _route_drills(load_tab_class(tab.spec)(self.ctx), self.ctx)
        finally:
            QApplication.restoreOverrideCursor()
        self._building_tabs = True
        was_current = self.tabs.currentIndex() == i
        self.tabs.removeTab(i)
        self.tabs.insertTab(i, real, real.title())
        self.tab_widgets[i] = real
        if was_current:
            self.tabs.setCurrentIndex(i)
        self._building_tabs = False
        tab.deleteLater()
        return real

    def tab(self, name: str) -> Optional[QWidget]:
        """The tab whose class is ``name`` (e.g. "DataTab"), built if it was not yet."""
        for i, t in enumerate(self.tab_widgets):
            if _tab_name(t) == name:
                return self._materialise(i)
        return None

    # -- drill-down ------------------------------------------------------------------------------
    def show_lines(self, line_filter) -> bool:
        """Switch to the Data tab showing the lines of ``line_filter`` (a chart's bar or point, an
        inbox item: ``ctx.show_lines``)."""
        tab = self.tab("DataTab")
        if tab is None or self.ctx.shop_path is None:
            return False
        self.tabs.setCurrentWidget(tab)
        tab.show_lines(line_filter)
        return True

    # -- stored runs (the Runs tab's Open) ------------------------------------------------------
    @staticmethod
    def can_open_run(kind: str) -> bool:
        """True when the tab of ``kind`` can show a stored run by id (no widget touched: any thread)."""
        from .tabs import run_tab_class
        return run_tab_class(kind) is not None

    def open_run(self, kind: str, run_id: int) -> bool:
        """Switch to the tab of ``kind`` and show stored run ``run_id`` there."""
        from .tabs import RUN_TABS
        tab = self.tab(RUN_TABS.get(kind, "")) if self.can_open_run(kind) else None
        if tab is None or not hasattr(tab, "show_run"):
            return False
        self.tabs.setCurrentWidget(tab)
        tab.show_run(int(run_id))
        return True

    def _runs_deleted(self, run_ids: list) -> None:
        """A tab showing a run that was just deleted shows its kind's last stored run again."""
        for tab in self.tab_widgets:
            if getattr(getattr(tab, "result", None), "run_id", None) in run_ids and hasattr(tab, "reload"):
                tab.reload()

    # -- shop ----------------------------------------------------------------------------------
    def open_shop(self, path: str | Path) -> bool:
        """Open a shop file (checked first); False with a message when it is not usable."""
        from ..core.store import Shop, ShopError, file_kind

        path = Path(path)
        kind = file_kind(path)
        if kind == "data":                      # a sales export opened as a shop: offer to import it
            self.offer_import_into_new_shop(path)
            return False
        if kind == "baskets":                   # a basket list: offer its bought-together rules
            from .basket_rules import offer_basket_rules
            offer_basket_rules(self, self.ctx, path)
            return False
        try:
            with Shop(path, create=False):
                pass
        except (ShopError, OSError) as exc:
            warn(self, self.tr("Cannot open the shop"), str(exc))
            return False
        if not self.ctx.headless:
            settings_mod.add_recent(self.ctx.settings, path)
        self.ctx.remember("paths/last_shop_dir", str(path.parent))
        self.ctx.remember("recent/last_shop", str(path.resolve()))
        self.ctx.set_shop(path.resolve())
        return True

    def open_file(self, path: str | Path) -> None:
        """A file dropped on the window: a shop opens; a sales export is imported (into the open
        shop, else a new one beside it); a basket list offers its bought-together rules."""
        from ..core.store import file_kind

        path = Path(path)
        if file_kind(path) == "data" and self.ctx.shop_path is not None:
            data_tab = self.tab("DataTab")
            if data_tab is not None:
                self.tabs.setCurrentWidget(data_tab)
            self.ctx.request_import([str(path)])
        else:
            self.open_shop(path)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    def offer_import_into_new_shop(self, data_file: Path) -> None:
        """``data_file`` is a sales export, not a shop: offer to create a shop beside it and import it."""
        target = data_file.parent / (data_file.name.split(".")[0] + ".shop")
        n = 2
        while target.exists():
            target = data_file.parent / f"{data_file.name.split('.')[0]} ({n}).shop"
            n += 1
        question = self.tr("%1 is a sales export, not a shop file.\n\nCreate the shop %2 and import the "
                           "file into it?").replace("%1", data_file.name).replace("%2", target.name)
        if self.ctx.headless:       # screenshots/smoke: nothing to answer; say it and open nothing
            log.warning("%s is a data file, not a shop; not opened", data_file)
            return
        answer = QMessageBox.question(self, self.tr("Open shop"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.create_shop(target):
            self.ctx.request_import([str(data_file)])

    def open_shop_dialog(self) -> None:
        start = self.ctx.settings.value("paths/last_shop_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open shop"), start, self._shop_filter())
        if path:
            self.open_shop(path)

    def _shop_filter(self) -> str:
        return self.tr("ShopInsight shop (*.shop)") + ";;" + self.tr("All files (*)")

    def new_shop(self) -> None:
        """Ask for a file name, create an empty shop there, open it, and offer the import wizard."""
        from ..core.store import Shop

        start = self.ctx.settings.value("paths/last_shop_dir", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New shop"), str(Path(start) / "my-shop.shop"),
                                              self._shop_filter())
        if not path:
            return
        p = Path(path)
        if p.suffix.lower() != ".shop":
            p = p.with_suffix(".shop")
        if p.exists():
            # the dialog asked to replace it; a shop is replaced only if it really is a shop file
            from ..core.store import ShopError, remove_shop_files
            try:
                with Shop(p, create=False):
                    pass
            except ShopError:
                warn(self, self.tr("Cannot create the shop"),
                     self.tr("%1 exists and is not a shop file; choose another name.").replace("%1", str(p)))
                return
            remove_shop_files(p)
        if self.create_shop(p):
            self.import_data()

    def create_shop(self, p: Path) -> bool:
        """Create an empty shop at ``p`` (named after the file) and open it."""
        from ..core.store import Shop

        try:
            with Shop(p) as shop, shop.transaction():
                shop.set_meta("name", p.stem)
        except Exception as exc:  # disk full, permissions
            warn(self, self.tr("Cannot create the shop"), str(exc))
            return False
        return self.open_shop(p)

    def open_sample_shop(self) -> None:
        """Open the sample shop, building it first (in the background, with progress) if needed."""
        from ..core.sample import default_sample_path

        path = default_sample_path()
        if path.exists():
            self.open_shop(path)
            return

        def work(state):
            # in a child process, as a large import is: a thread would share the interpreter lock
            # with the GUI thread, and the window would stutter for the whole build
            from ..core.process import run_in_process
            from ..core.sample import create_sample_shop
            return run_in_process(create_sample_shop, path, progress=state.reporter)

        def progress(f: float, msg: str) -> None:
            self.welcome.set_busy(self.tr("Creating the sample shop… %1%").replace("%1", str(int(f * 100))), f)

        def done(p) -> None:
            self.welcome.set_busy(None)
            self.open_shop(p)

        self.welcome.set_busy(self.tr("Creating the sample shop…"), 0.0)
        self.ctx.runner.start("sample", work, on_done=done, on_progress=progress,
                              on_error=lambda e: self.welcome.set_busy(None),
                              on_cancelled=lambda: self.welcome.set_busy(None),
                              title=self.tr("Creating the sample shop"))

    def close_shop(self) -> None:
        self.ctx.set_shop(None)

    def _shop_changed(self, path) -> None:
        self.stack.setCurrentIndex(1 if path is not None else 0)
        if path is None:
            self.welcome.set_recent(settings_mod.recent_files(self.ctx.settings))
        self._update_status()
        self._update_actions()

    def _update_status(self) -> None:
        ctx = self.ctx
        if ctx.shop_path is None:
            self.setWindowTitle(APP_NAME)
            self.shop_label.setText(self.tr("No shop open"))
            return
        self.setWindowTitle(f"{ctx.shop_name} — {APP_NAME}")
        self.setWindowFilePath(str(ctx.shop_path))
        text = ctx.shop_name
        try:
            with ctx.open_shop() as shop:
                lines = shop.line_count()
                first, last = shop.date_range()
            text = self.tr("%1 · %2 lines").replace("%1", ctx.shop_name).replace("%2", ctx.fmt_int(lines))
            if first:
                text += " · " + ctx.fmt_day(first) + " – " + ctx.fmt_day(last)
        except Exception:
            log.warning("could not read the shop summary", exc_info=True)
        self.shop_label.setText(text)
        self.shop_label.setToolTip(str(ctx.shop_path))

    def _update_actions(self) -> None:
        has = self.ctx.shop_path is not None
        for a in ("act_import", "act_export", "act_report", "act_close", "act_refresh"):
            if hasattr(self, a):
                getattr(self, a).setEnabled(has)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings_mod.recent_files(self.ctx.settings)
        for i, f in enumerate(files):
            a = QAction(f"&{i + 1} {Path(f).name}", self)
            a.setToolTip(f)
            a.setStatusTip(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_shop(f))
            self.recent_menu.addAction(a)
        if not files:
            a = QAction(self.tr("No recent shops"), self)
            a.setEnabled(False)
            self.recent_menu.addAction(a)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(_action(self, self.tr("Clear the list"), self._clear_recent))

    def _clear_recent(self) -> None:
        self.ctx.remember("recent/files", [])
        self.welcome.set_recent([])

    # -- commands --------------------------------------------------------------------------------
    def import_data(self) -> None:
        """File ▸ Import data…: switch to the Data tab and open its import wizard."""
        if self.ctx.shop_path is None:
            warn(self, self.tr("Import data"), self.tr("Open or create a shop first."))
            return
        data_tab = self.tab("DataTab")
        if data_tab is not None:
            self.tabs.setCurrentWidget(data_tab)
        if not self.ctx.request_import():
            warn(self, self.tr("Import data"), self.tr("The import wizard is not available in this build."))

    def export(self) -> None:
        """File ▸ Export…: the current tab's export, else all lines as CSV."""
        tab = self.tabs.currentWidget()
        if tab is not None and hasattr(tab, "export") and tab.export():
            return
        self.export_lines()

    def export_lines(self, path: Optional[str] = None) -> None:
        """Export the shop's ``lines`` view to CSV in the background."""
        if self.ctx.shop_path is None:
            return
        if path is None:
            start = self.ctx.settings.value("paths/last_export_dir", str(Path.home()))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export lines"),
                                                  str(Path(start) / f"{self.ctx.shop_path.stem}-lines.csv"),
                                                  self.tr("CSV file (*.csv)"))
            if not path:
                return
            self.ctx.remember("paths/last_export_dir", str(Path(path).parent))
        shop_path = self.ctx.shop_path

        def work(state):
            from ..core.export import export_lines
            from ..core.store import Shop
            with Shop(shop_path) as shop:
                return export_lines(shop, path, progress=state.reporter)

        self.ctx.runner.start("export", work, title=self.tr("Exporting lines"),
                              on_done=lambda n: self.statusBar().showMessage(
                                  self.tr("%1 lines exported to %2").replace("%1", self.ctx.fmt_int(n))
                                  .replace("%2", str(path)), 10000))

    def report_dialog(self):
        """The File ▸ Export report… dialog for the open shop (not shown; None without a shop)."""
        from ..core.report import ReportOptions, report_months, resolve_period
        from .report_dialog import ReportDialog

        if self.ctx.shop_path is None:
            return None
        with self.ctx.open_shop() as shop:
            first, last = shop.date_range()
        if not first:
            return None
        folder = self.ctx.settings.value("paths/last_export_dir", str(Path.home()))
        default = resolve_period(ReportOptions(), first, last).start[:7]    # the core's default period
        return ReportDialog(report_months(first, last), default, first[:10], last[:10], self.ctx.language, folder,
                            self.ctx.shop_path.stem, self)

    def export_report(self) -> None:
        """File ▸ Export report…: choose period, language, format and file, then write the one-page
        report in the background (progress and Cancel in the status bar)."""
        dlg = self.report_dialog()
        if dlg is None:
            warn(self, self.tr("Export report"), self.tr("The shop has no sales to report on yet."))
            return
        if self.ctx.headless or dlg.exec() != QDialog.DialogCode.Accepted:
            return
        opts = dlg.options()
        self.ctx.remember("paths/last_export_dir", str(Path(opts.out).parent))
        self.start_report(opts)

    def start_report(self, opts):
        """Write the report of ``opts`` in a child process (started by the task runner); returns the task."""
        from ..core.jobs import Job
        from .tasks import in_child

        return self.ctx.runner.start("report", in_child(self.ctx.shop_path, Job("report", opts, readonly=True)), title=self.tr("Writing the report"),
                                     on_done=lambda r: self.statusBar().showMessage(
                                         self.tr("Report written to %1").replace("%1", r.path), 15000))

    def refresh(self) -> None:
        if self.ctx.shop_path is not None:
            self.ctx.notify_data_changed()

    def set_language(self, code: str) -> None:
        """Switch the UI language now (translators, locale, menus and tabs rebuilt) and remember it."""
        if code not in settings_mod.LANGUAGES:
            raise ValueError(code)
        settings_mod.install_translators(code)
        self.ctx.set_language(code)
        self.ctx.remember("ui/language", code)
        self.retranslate()

    def retranslate(self) -> None:
        """Rebuild every translated part of the window."""
        stack_index = self.stack.currentIndex()
        old_welcome = self.welcome
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_shop)
        self.welcome.open_requested.connect(self.open_shop_dialog)
        self.welcome.sample_requested.connect(self.open_sample_shop)
        self.welcome.recent_requested.connect(self.open_shop)
        self.welcome.set_recent(settings_mod.recent_files(self.ctx.settings))
        self.stack.insertWidget(0, self.welcome)
        self.stack.removeWidget(old_welcome)
        old_welcome.deleteLater()
        sample = self.ctx.runner.current("sample")
        if sample is not None:
            self.welcome.set_busy(self.tr("Creating the sample shop…"), sample.fraction)
        self.stack.setCurrentIndex(stack_index)
        self.task_status.cancel_button.setText(self.tr("Cancel"))
        self._build_menus()
        self._build_tabs()
        self._update_status()

    def show_about(self) -> AboutDialog:
        dlg = AboutDialog(self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _open_log_folder(self) -> None:
        folder = log_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _toggle_fullscreen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _tab_changed(self, i: int) -> None:
        if getattr(self, "_building_tabs", False):
            return
        if 0 <= i < len(self.tab_widgets):
            self._materialise(i)
            self.ctx.remember("window/tab", _tab_name(self.tab_widgets[i]))

    # -- geometry and closing ----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.ctx.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        state = self.ctx.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event) -> None:
        self.ctx.remember("window/geometry", self.saveGeometry())
        self.ctx.remember("window/state", self.saveState())
        if not self.ctx.headless:
            self.ctx.settings.sync()
        runner = self.ctx.runner
        if runner.is_busy():
            # cooperative cancel: core loops check the stop flag often, so this is short
            self.statusBar().showMessage(self.tr("Stopping background tasks…"))
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                runner.shutdown(wait=True, timeout=self.SHUTDOWN_TIMEOUT)
            finally:
                QApplication.restoreOverrideCursor()
        else:
            runner.shutdown(wait=True)
        for tab in self.tab_widgets:   # let tabs release their resources (open shops, timers)
            tab.close()
        super().closeEvent(event)


class _LazyTab(QWidget):
    """Stands in for a tab until it is first shown (see ``tabs.LAZY_TABS``)."""

    def __init__(self, spec: str, cls_name: str, title: str):
        super().__init__()
        self.spec, self.cls_name, self._title = spec, cls_name, title

    def title(self) -> str:
        return self._title


def _route_drills(tab: QWidget, ctx: AppContext) -> QWidget:
    """Clicks on the bars and points of ``tab``'s charts show their lines (``ctx.show_lines``)."""
    from .widgets.chart import ChartView

    for chart in tab.findChildren(ChartView):
        chart.drillRequested.connect(ctx.show_lines)
    return tab


def _tab_name(tab: QWidget) -> str:
    return tab.cls_name if isinstance(tab, _LazyTab) else type(tab).__name__


def _action(parent, text: str, slot, shortcut=None) -> QAction:
    a = QAction(text, parent)
    a.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    return a


def _app_icon() -> Optional[QIcon]:
    from ..resources import resource_path
    for name in ("icons/shopinsight.svg", "icons/shopinsight.png"):
        p = resource_path(name)
        if p.exists():
            return QIcon(str(p))
    return None
