"""Starting the app: the QApplication, language, the main window, and the headless modes
(``--smoke``: time to the first shown window; ``--screenshots DIR``: one PNG per tab/dialog).
"""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, Qt
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME, __version__

__all__ = ["create_app", "run", "seconds_since_process_start", "wait_until"]

log = logging.getLogger("shopinsight.gui")

SCREENSHOT_SIZE = (1440, 900)       # the headless window's size unless --size says otherwise
# the sizes every screen is checked at (tests, `make screenshots`): a laptop and a desktop
REVIEW_SIZES = ((1280, 800), (1920, 1080))


def seconds_since_process_start() -> Optional[float]:
    """Wall seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        with open("/proc/self/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])       # field 22 (starttime), counted after "pid (comm)"
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def create_app(argv: Optional[list[str]] = None) -> QApplication:
    """The QApplication with the app's names, logging and a last-resort exception hook."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # no organisation: data goes to <AppData>/ShopInsight, matching shopinsight.resources.user_data_dir
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_NAME)
    from .logs import setup_logging
    setup_logging()
    _install_excepthook()
    return app


def _install_excepthook() -> None:
    # an exception escaping a Qt slot would otherwise only print to a console nobody sees
    if getattr(sys.excepthook, "_shopinsight", False):
        return
    previous = sys.excepthook

    def hook(etype, value, tb):
        text = "".join(traceback.format_exception(etype, value, tb))
        log.error("uncaught exception:\n%s", text)
        app = QApplication.instance()
        if app is not None and not getattr(app, "_shopinsight_headless", False) and issubclass(etype, Exception):
            from .dialogs import ErrorDialog
            ErrorDialog(QCoreApplication.translate("MainWindow", "ShopInsight"), value, text,
                        parent=app.activeWindow()).open()
        else:
            previous(etype, value, tb)
    hook._shopinsight = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def wait_until(cond: Callable[[], bool], timeout: float = 60.0, step_ms: int = 20) -> bool:
    """Run the event loop until ``cond()`` is true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not cond():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()
    return True


def _default_shop(settings, headless: bool) -> Optional[Path]:
    from ..core.sample import default_sample_path
    if not headless:
        last = settings.value("recent/last_shop", "")
        if last and Path(str(last)).exists():
            return Path(str(last))
    sample = default_sample_path()
    return sample if sample.exists() else None


def run(shop: Optional[str] = None, *, screenshots: Optional[str] = None, smoke: bool = False,
        json_out: bool = False, lang: Optional[str] = None,
        size: Optional[tuple[int, int]] = None) -> int:
    """Open the main window (and run the event loop, or a headless mode); returns the exit code.
    ``size``: the window's (width, height) in the headless modes (default :data:`SCREENSHOT_SIZE`)."""
    headless = bool(smoke or screenshots)
    t_start = time.perf_counter()
    app = create_app()
    app._shopinsight_headless = headless  # type: ignore[attr-defined]
    from . import settings as settings_mod
    tmpdir = None
    if headless:   # never touch the user's settings from a headless run
        tmpdir = tempfile.TemporaryDirectory(prefix="shopinsight-")
        settings = settings_mod.make_settings(Path(tmpdir.name) / "settings.ini")
    else:
        settings = settings_mod.make_settings()
    settings_mod.set_current(settings)

    code = lang or (None if headless else settings.value("ui/language", "")) or settings_mod.system_language()
    if code not in settings_mod.LANGUAGES and code != settings_mod.PSEUDO:
        code = "en"
    settings_mod.install_translators(code)

    from .context import AppContext
    from .main_window import MainWindow
    from .tasks import TaskRunner

    ctx = AppContext(runner=TaskRunner(), settings=settings)
    ctx.headless = headless
    ctx.runner.show_error_dialogs = not headless
    errors: list[str] = []
    ctx.runner.error_occurred.connect(lambda task, exc, tb: errors.append(f"{task.title}: {exc}"))
    ctx.set_language(code)

    path = Path(shop) if shop else _default_shop(settings, headless)
    if shop and not Path(shop).exists():
        print(f"shopinsight: error: {shop}: no such shop file", file=sys.stderr)
        return 2
    window = MainWindow(ctx)
    if headless:
        window.resize(*(size or SCREENSHOT_SIZE))
    from ..core.store import file_kind
    if path is not None and not headless and file_kind(path) in ("data", "baskets"):
        # a sales export given as the shop (double-clicked CSV): the window offers to import it
        # (a basket list: to mine its bought-together rules)
        QTimer.singleShot(0, lambda: window.open_shop(path))
        opened = False
    else:
        opened = window.open_shop(path) if path is not None else False
    if shop and not opened and headless:
        # --smoke/--screenshots on a file that is not a shop (a CSV, another app's database): say so
        kind = file_kind(shop)
        hint = (" (a sales export: import it with `shopinsight import FILE --db NEW.shop`, or open it in "
                "the app, which offers to)" if kind == "data" else
                " (a basket list: mine it with `shopinsight rules --baskets FILE`, or open it in the app, "
                "which offers to)" if kind == "baskets" else "")
        print(f"shopinsight: error: {shop}: not a shop file{hint}", file=sys.stderr)
        if json_out:
            print(json.dumps({"error": {"kind": "input", "message": f"{shop}: not a shop file{hint}",
                                        "field": "shop"}}, ensure_ascii=False))
        window.close()
        return 2
    window.show()
    if not headless:                # first-use imports (Matplotlib, chart modules) off the GUI thread
        from .warm import warm_up
        warm_up(ctx.runner)
    if path is None and not headless:
        # first start with no shop: build and open the bundled sample shop (progress on the
        # welcome page, which still offers New shop / Open shop meanwhile)
        QTimer.singleShot(0, window.open_sample_shop)
    if smoke:
        app.processEvents()
        shown = time.perf_counter()
        since_start = seconds_since_process_start()
        result = {
            "seconds_to_window": round(since_start if since_start is not None else shown - t_start, 3),
            "seconds_in_gui_start": round(shown - t_start, 3),
            "tensorflow_imported": "tensorflow" in sys.modules,
            "window_visible": window.isVisible(),
            "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
            "shop": str(path) if opened else None,
            "language": code,
            "qt_platform": QApplication.platformName(),
            "version": __version__,
        }
        if json_out:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(f"window shown after {result['seconds_to_window']:.2f} s; tensorflow imported: "
                  f"{result['tensorflow_imported']}")
        window.close()
        return 0
    if screenshots:
        audit = _PseudoAudit(ctx) if code == settings_mod.PSEUDO else None
        check = _ScreenCheck()

        def on_shot(name: str, widget: QWidget) -> None:
            check(name, widget)
            if audit is not None:
                audit(name, widget)
        try:
            files = take_screenshots(window, Path(screenshots), on_shot=on_shot)
        finally:
            window.close()
        result = {"files": [str(f) for f in files], "errors": errors, "language": code,
                  "size": [window.width(), window.height()]}
        result["layout"] = check.findings
        if audit is not None:
            result["untranslated"] = audit.findings
        if json_out:
            print(json.dumps(result, ensure_ascii=False))
        else:
            for f in files:
                print(f)
        for e in errors:
            print(f"shopinsight: task error: {e}", file=sys.stderr)
        for f in check.findings:
            print(f"shopinsight: layout on {f['screen']}: {f['problem']}", file=sys.stderr)
        for f in result.get("untranslated", []):
            print(f"shopinsight: untranslated on {f['screen']} ({f['widget']} {f['where']}): {f['text']!r}",
                  file=sys.stderr)
        return 1 if errors or result.get("untranslated") else 0
    return app.exec()


# -- screenshots ---------------------------------------------------------------------------------
def _slug(s: str) -> str:
    import re
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


class _PseudoAudit:
    """``on_shot`` for :func:`take_screenshots` under the pseudo-locale: records every visible text
    with words that bypassed translation (judged by :func:`shopinsight.core.pseudo.unmarked`)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.findings: list[dict] = []
        self._seen: set = set()
        self._vocab: Optional[set] = None

    def __call__(self, name: str, widget: QWidget) -> None:
        from ..core import pseudo
        from .text_audit import visible_texts

        if self._vocab is None and self.ctx.shop_path is not None:
            with self.ctx.open_shop() as shop:
                self._vocab = pseudo.data_vocabulary(shop)
        for cls, where, text in visible_texts(widget):
            words = pseudo.unmarked(text, self._vocab or (), self.ctx.currency)
            if words and (where, text) not in self._seen:
                self._seen.add((where, text))
                self.findings.append({"screen": name, "widget": cls, "where": where, "text": text, "words": words})


class _ScreenCheck:
    """``on_shot`` for :func:`take_screenshots`: records clipped table headers and cut-off buttons
    (:mod:`shopinsight.gui.screen_check`) on every screen, once each."""

    def __init__(self):
        self.findings: list[dict] = []
        self._seen: set = set()

    def __call__(self, name: str, widget: QWidget) -> None:
        from .screen_check import screen_problems

        for problem in screen_problems(widget):
            if problem not in self._seen:
                self._seen.add(problem)
                self.findings.append({"screen": name, "problem": problem})


# a small basket list for the basket-rules dialog's screenshot (one basket per line; item codes, so
# that the pseudo-locale audit does not take an item for an untranslated word)
_SHOT_BASKETS = ("SKU-101,SKU-102\nSKU-101,SKU-103,SKU-102\nSKU-201,SKU-202\nSKU-101,SKU-102,SKU-104\n"
                 "SKU-201,SKU-202,SKU-101\nSKU-102,SKU-104\nSKU-101,SKU-102\nSKU-201,SKU-202,SKU-203\n"
                 "SKU-103,SKU-101\nSKU-202,SKU-203,SKU-201\n")


def _basket_rules_shot(window, out: Path, save) -> None:
    """The dialog a basket-list file opens (see gui/basket_rules.py), on a small list written beside
    the screenshots and removed again."""
    from .basket_rules import BasketRulesDialog, offer_basket_rules

    path = out / "groceries.csv"
    path.write_text(_SHOT_BASKETS, encoding="utf-8")
    try:
        dialog = offer_basket_rules(window, window.ctx, path)
        if isinstance(dialog, BasketRulesDialog):
            wait_until(dialog.is_ready, timeout=60)
            save("basket-rules", dialog)
            dialog.close()
    finally:
        path.unlink(missing_ok=True)


def take_screenshots(window, out: Path, timeout: float = 180.0,
                     on_shot: Optional[Callable[[str, QWidget], None]] = None) -> list[Path]:
    """Grab every tab (after its content and charts are drawn), the tab's dialogs, About and
    the first-start page as PNGs in ``out``; returns the files.  ``on_shot(name, widget)`` is
    called on each screen just before it is grabbed (the pseudo-locale audit)."""
    from .widgets.chart import ChartView

    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    ctx = window.ctx

    def save(name: str, widget: QWidget) -> Path:
        if widget.isWindow() and widget is not window:    # a dialog: never larger than the window
            fit = widget.size().boundedTo(window.size())
            if fit != widget.size():
                widget.resize(fit)
        widget.show()
        wait_until(lambda: False, timeout=0.15)      # let layouts settle and paint
        charts = [chart for chart in widget.findChildren(ChartView) if chart.isVisible()]
        for chart in charts:
            chart.redraw()
        QApplication.processEvents()
        # a layout that settled during the redraws resized a chart: wait for its render at the new size
        if not wait_until(lambda: all(chart.is_drawn() for chart in charts), timeout=15):
            log.warning("%s: a chart was not drawn at its size; screenshot taken anyway", name)
        if on_shot is not None:
            on_shot(name, widget)
        p = out / f"{len(files) + 1:02d}-{_slug(name)}.png"
        if not widget.grab().save(str(p)):
            raise RuntimeError(f"could not write {p}")
        files.append(p)
        return p

    if ctx.shop_path is not None:
        for i in range(len(window.tab_widgets)):
            window.tabs.setCurrentIndex(i)
            tab = window.tab_widgets[i]     # lazy tabs are built when first shown

            def ready(tab=tab) -> bool:
                if hasattr(tab, "is_ready") and not tab.is_ready():
                    return False
                return not any(t.kind in ("overview", "overview-sales") for t in ctx.runner.running_tasks()) \
                    or type(tab).__name__ != "OverviewTab"

            if not wait_until(ready, timeout=timeout):
                log.warning("tab %s not ready after %.0f s; screenshot taken anyway", type(tab).__name__, timeout)
            save(f"tab-{type(tab).__name__.removesuffix('Tab')}", window)
            if hasattr(tab, "screenshot_extras"):
                tab.screenshot_extras(lambda name, w: save(name, w))
    report = window.report_dialog()
    if report is not None:
        save("report-dialog", report)
        report.close()
    _basket_rules_shot(window, out, save)
    about = window.show_about()
    save("about", about)
    about.close()
    window.close_shop()
    save("welcome", window)
    return files
