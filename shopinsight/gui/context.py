"""The application context every tab gets: the open shop, the task runner, settings, locale.

Tabs hold a reference to one :class:`AppContext` and react to its signals:

* ``shop_changed(path_or_None)`` — another shop was opened (or closed): reload everything.
* ``data_changed()`` — the open shop's data changed (an import finished, F5): reload.
* ``runs_deleted(run_ids)`` — stored runs were deleted (a tab showing one shows its last run again).
* ``lines_requested(line_filter)`` — show these lines (a chart's or a list's drill-down, see
  :meth:`AppContext.show_lines`): the main window switches to the Data tab filtered to them.
* ``language_changed(code)`` — the UI language changed (the main window rebuilds the tabs,
  so tabs normally need not listen to this).

Reads on the GUI thread use a short-lived shop (``with ctx.open_shop() as shop: ...``) for
small queries only; anything that may take more than ~50 ms runs in ``ctx.runner`` with its
own ``Shop(ctx.shop_path)`` opened inside the task.

Numbers and dates shown to the user go through the ``fmt_*`` helpers: thin names for
:mod:`shopinsight.core.fmt` (the one formatting module of the CLI, charts and exports too), which
follows the UI language.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QLocale, QObject, QSettings, Signal

from ..core import fmt

from .tasks import TaskRunner

__all__ = ["AppContext"]



class AppContext(QObject):
    """Shared state of one main window: shop path, runner, settings, locale, hooks."""

    shop_changed = Signal(object)      # Path | None
    data_changed = Signal()
    language_changed = Signal(str)     # "en" | "zh_CN"
    runs_deleted = Signal(list)        # run ids deleted from the open shop (the Runs tab)
    lines_requested = Signal(object)   # a core.lines.LineFilter: show those lines (drill-down)

    def __init__(self, runner: Optional[TaskRunner] = None, settings: Optional[QSettings] = None,
                 parent: Optional[QObject] = None):
        super().__init__(parent)
        self.runner: TaskRunner = runner if runner is not None else TaskRunner(self)
        self.settings: QSettings = settings if settings is not None else QSettings()
        self._shop_path: Optional[Path] = None
        self._shop_name: str = ""
        self._currency: Optional[str] = None
        self._language = "en"
        self._locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        self._import_handler: Optional[Callable[[Optional[list[str]]], None]] = None
        self._run_opener: Any = None
        self.headless = False
        """True in --screenshots/--smoke runs: no modal dialogs, nothing persisted."""

    def remember(self, key: str, value: Any) -> None:
        """Keep a UI choice (a period, a horizon) in the settings for the next start; not in
        headless (screenshot, smoke) runs, which persist nothing."""
        if not self.headless:
            self.settings.setValue(key, value)

    # -- shop ------------------------------------------------------------------------------
    @property
    def shop_path(self) -> Optional[Path]:
        """Path of the open shop file, or None."""
        return self._shop_path

    @property
    def shop_name(self) -> str:
        """Display name of the open shop ('' when none)."""
        return self._shop_name

    @property
    def currency(self) -> Optional[str]:
        """The shop's currency code (meta 'currency'), if known."""
        return self._currency

    def set_shop(self, path: Optional[Path | str]) -> None:
        """Make ``path`` the open shop (None closes it) and tell every tab."""
        self._shop_path = Path(path) if path is not None else None
        self._read_shop_meta()
        self.shop_changed.emit(self._shop_path)

    def notify_data_changed(self) -> None:
        """Call after the open shop's data changed (an import finished)."""
        self._read_shop_meta()
        self.data_changed.emit()

    def open_shop(self):
        """A short-lived :class:`~shopinsight.core.store.Shop` for small reads on the GUI thread.

        Use as ``with ctx.open_shop() as shop:``.  Raises ``RuntimeError`` when no shop is open.
        """
        from ..core.store import Shop

        if self._shop_path is None:
            raise RuntimeError("no shop is open")
        return Shop(self._shop_path, create=False)

    def _read_shop_meta(self) -> None:
        self._shop_name, self._currency = "", None
        if self._shop_path is None or not self._shop_path.exists():
            return
        try:
            with self.open_shop() as shop:
                self._shop_name = shop.name
                self._currency = shop.get_meta("currency")
        except Exception:  # a broken file is reported by whoever opened it
            self._shop_name = self._shop_path.stem

    # -- import hook (the Data tab registers its wizard) -------------------------------------
    def register_import_handler(self, fn: Callable[[Optional[list[str]]], None]) -> None:
        """The Data tab registers the function that opens its import wizard (files preselected
        when a list of paths is given).  File ▸ Import data… calls it."""
        self._import_handler = fn

    def request_import(self, paths: Optional[list[str]] = None) -> bool:
        """Open the import wizard; False when no handler is registered (or it was deleted)."""
        fn = _live(self._import_handler)
        if fn is None:
            self._import_handler = None
            return False
        fn(paths)
        return True

    # -- stored runs (the main window registers itself; the Runs tab asks) ---------------------
    def register_run_opener(self, opener: Any) -> None:
        """The main window registers itself: it has ``can_open_run(kind)`` (safe on a worker
        thread: may import a tab's module, touches no widget) and ``open_run(kind, run_id)``."""
        self._run_opener = opener

    def can_open_run(self, kind: str) -> bool:
        """True when a stored run of ``kind`` can be shown in its tab (see :meth:`open_run`)."""
        fn = _live(getattr(self._run_opener, "can_open_run", None))
        return bool(fn is not None and fn(kind))

    def open_run(self, kind: str, run_id: int) -> bool:
        """Switch to the tab of ``kind`` and show stored run ``run_id`` there; False when no tab can."""
        fn = _live(getattr(self._run_opener, "open_run", None))
        return bool(fn is not None and fn(kind, run_id))

    # -- drill-down (charts and lists ask, the main window shows the Data tab) ------------------
    def show_lines(self, line_filter) -> None:
        """Show the lines of ``line_filter`` (a :class:`~shopinsight.core.lines.LineFilter`, usually
        from :mod:`shopinsight.core.drill`) in the Data tab."""
        self.lines_requested.emit(line_filter)

    # -- language and locale -----------------------------------------------------------------
    @property
    def language(self) -> str:
        """The UI language code: "en" or "zh_CN"."""
        return self._language

    @property
    def locale(self) -> QLocale:
        """The locale numbers and dates are formatted with (follows the UI language)."""
        return self._locale

    def set_language(self, code: str) -> None:
        """Record the language (the main window installs translators), switch the core's catalogs
        (strings made in core: chart titles, segment names, ...) and tell listeners."""
        from ..core import i18n

        self._language = code
        i18n.set_language(code)
        if code == "zh_CN":
            self._locale = QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript,
                                   QLocale.Country.China)
        else:
            self._locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        QLocale.setDefault(self._locale)
        self.language_changed.emit(code)

    # -- formatting --------------------------------------------------------------------------
    def fmt_int(self, n: Any) -> str:
        """An integer with the locale's digit grouping ('—' for missing)."""
        return fmt.integer(n)

    def fmt_number(self, x: Any, decimals: int = 2) -> str:
        """A number with grouping and ``decimals`` decimals."""
        return fmt.number(x, decimals)

    def currency_symbol(self) -> str:
        """The symbol of the shop's currency ('' when unknown), from Babel's locale data."""
        return fmt.currency_symbol(self._currency)

    def fmt_money(self, x: Any, decimals: int = 2) -> str:
        """An amount with the shop's currency symbol (no symbol when the currency is unknown)."""
        return fmt.money(x, self._currency, decimals)

    def fmt_compact_money(self, x: Any) -> str:
        """A large amount in a short form (£1.23M, £350.2k; 万/亿 in Chinese) for cards and labels."""
        return fmt.compact_money(x, self._currency)

    def fmt_percent(self, x: Any, decimals: int = 1, signed: bool = False) -> str:
        """A fraction as a percentage (0.123 → 12.3%)."""
        return fmt.percent(x, decimals, signed)

    def fmt_day(self, day: Any, long: bool = False) -> str:
        """A date ('YYYY-MM-DD', date or datetime) in the language's one date style ("9 Dec 2011",
        "2011年12月9日"); ``long`` is accepted for old callers and gives the same style."""
        return fmt.day(day)

    def fmt_datetime(self, ts: Any) -> str:
        """A 'YYYY-MM-DD HH:MM:SS' moment: the date style plus the short time."""
        return fmt.datetime(ts)

    def weekday_names(self, short: bool = True) -> list[str]:
        """Monday … Sunday in the UI language."""
        return fmt.weekday_names(short)


def _live(fn: Optional[Callable]) -> Optional[Callable]:
    """``fn`` unless it is a method of a Qt object that has been deleted (or None)."""
    if fn is None:
        return None
    import shiboken6
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        return None
    return fn
