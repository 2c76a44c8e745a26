"""``ChartView``: a Matplotlib figure built by a core chart function, embedded in Qt.

``view.set_figure(build, data)`` shows the figure ``build()`` returns (a core chart function with its
arguments bound: ``partial(sales_over_time_figure, frame, "W")``) on a ``FigureCanvasQTAgg`` with
Matplotlib's navigation toolbar (pan/zoom/home) plus the app's own actions: save the chart as PNG, SVG
or PDF, copy its data to the clipboard, export its data as CSV.  ``data`` is the DataFrame
the chart was drawn from (None when there is nothing tabular to export).

Only call it on the GUI thread.  The figure is *built* (``build()``: the core chart function's
pandas and Matplotlib work, hundreds of ms for a busy chart) and *rendered* (Matplotlib's Agg drawing: layout, ticks,
text) off the GUI thread, by one short-lived render thread for all charts, and the GUI thread only
paints the finished image: a chart's building and drawing (hundreds of ms to seconds on a busy
machine) never freeze the event loop; until the new figure is built the view keeps what it showed.
``figure()`` asked while a build is pending waits for it (builds it on the calling thread if it has
not started), so callers always get the figure of the last ``set_figure``.  A ready Figure can still
be passed instead of ``build`` (it is then built already, on the caller's thread).  Matplotlib figures are safe to draw from one thread at a time, and a figure
handed to ``set_figure`` is not changed afterwards except by the toolbar's pan/zoom, whose draws stay
synchronous (a drag must follow the mouse).  ``is_drawn()`` turns True once the current figure's
image is painted (screenshots wait for it; ``redraw()`` renders synchronously);
``set_message(text)`` shows a centred message instead of a chart (no data, loading …); until then
the chart shows its ``placeholder`` (what to do to fill it), never a false "Loading…".
"""
from __future__ import annotations

import re
import sys
import threading
import warnings
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QSizePolicy, QStackedLayout,
                               QToolButton, QVBoxLayout, QWidget, QMenu)

__all__ = ["ChartView"]

# a canvas is briefly tiny while Qt lays a tab out; Matplotlib then warns that it could not
# fit the constrained layout, and redraws correctly at the real size a moment later
warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)


class ChartView(QWidget):
    """A chart with a toolbar; see the module docs."""

    drawn = Signal()
    """Emitted after the canvas painted a new figure."""

    drillRequested = Signal(object)
    """A bar or point was clicked: the :class:`~shopinsight.core.lines.LineFilter` of the lines behind
    it (the main window shows them in the Data tab)."""

    def __init__(self, parent: Optional[QWidget] = None, *, name: str = "chart",
                 min_height: int = 260, toolbar: bool = True, placeholder: str = ""):
        super().__init__(parent)
        self.setObjectName(f"ChartView_{name}")
        self.name = name
        """File-name stem suggested when saving (e.g. 'sales_over_time')."""
        self._fig = None
        self._data = None
        self._drill = None
        self._drill_cache: dict = {}
        self._building: Optional[_Build] = None     # the figure being built off the GUI thread
        self._generation = 0
        self._canvas = None
        self._nav = None
        self._drawn = False
        self._want_toolbar = toolbar
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._bar = QWidget()
        self._bar_layout = QHBoxLayout(self._bar)
        self._bar_layout.setContentsMargins(0, 0, 0, 0)
        self._bar_layout.setSpacing(2)
        self._bar_layout.addStretch(1)
        self.save_button = QToolButton()
        self.save_button.setText(self.tr("Save chart…"))
        self.save_button.setToolTip(self.tr("Save the chart as PNG, SVG or PDF"))
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(lambda: self.save_chart())
        self.data_button = QToolButton()
        self.data_button.setText(self.tr("Data"))
        self.data_button.setToolTip(self.tr("Copy or export the chart's data"))
        self.data_button.setAutoRaise(True)
        self.data_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.data_button)
        self.copy_action = QAction(self.tr("Copy data"), self)
        self.copy_action.triggered.connect(self.copy_data)
        self.export_action = QAction(self.tr("Export data as CSV…"), self)
        self.export_action.triggered.connect(lambda: self.export_csv())
        menu.addAction(self.copy_action)
        menu.addAction(self.export_action)
        self.data_button.setMenu(menu)
        self._bar_layout.addWidget(self.save_button)
        self._bar_layout.addWidget(self.data_button)
        self._bar.setVisible(False)

        self._message = QLabel()
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setStyleSheet("color: #6b7280; font-size: 13px;")
        self._canvas_holder = QWidget()
        self._holder_layout = QVBoxLayout(self._canvas_holder)
        self._holder_layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedLayout()
        self._stack.addWidget(self._message)
        self._stack.addWidget(self._canvas_holder)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._bar)
        lay.addLayout(self._stack, 1)
        # what the chart shows before it has a figure: what to do to get one, or nothing; never a
        # "Loading…" that nothing is loading (tabs say that themselves when they start a job)
        self.set_message(placeholder)

    # -- content -----------------------------------------------------------------------------
    def set_figure(self, fig, data=None, drill=None) -> None:
        """Show a figure and remember ``data`` (the DataFrame behind it) for export.  ``fig`` is a
        zero-argument callable returning a Matplotlib Figure (a core chart builder with its arguments
        bound), built off the GUI thread; or a Figure already built.

        ``drill(key) -> LineFilter | None`` says what the figure's clickable bars and points mean
        (the keys a core builder marked with :mod:`shopinsight.core.drill`): hovering one shows a
        hand cursor and "Click to see these lines", clicking it emits :attr:`drillRequested`."""
        self._generation += 1
        if callable(fig):
            job = _Build(self, fig, data, self._generation, drill)
            self._building = job
            _bridge()                               # made on the GUI thread, before the job can finish
            _RENDER.submit(job)
            return
        self._building = None
        self._show_figure(fig, data, drill)

    def _built(self, job: "_Build") -> None:
        """GUI thread: a build finished; show it unless a newer figure or message replaced it."""
        if job is not self._building:
            return
        self._building = None
        if job.error is not None:
            self.set_message(self.tr("Could not draw this chart."))
            exc = job.error
            sys.excepthook(type(exc), exc, exc.__traceback__)      # a bug: reported as the app reports bugs
            return
        self._show_figure(job.fig, job.data, job.drill)

    def _show_figure(self, fig, data, drill) -> None:
        self._clear_canvas()
        self._fig, self._data = fig, data
        self._drill, self._drill_cache = drill, {}
        self._drawn = False
        canvas = _canvas_class()(fig)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setMinimumSize(QSize(200, 150))
        canvas.rendered.connect(self._on_draw)
        self._canvas = canvas
        if drill is not None:
            canvas.mpl_connect("motion_notify_event", self._hover)
            canvas.mpl_connect("button_press_event", self._click)
        if self._want_toolbar:
            nav = _toolbar_class()(canvas, self._bar, coordinates=False)
            nav.setIconSize(QSize(16, 16))
            # the app's own Save (with data) replaces the toolbar's; keep home/back/forward/pan/zoom
            for act in nav.actions():
                if act.text() in ("Subplots", "Customize", "Save"):
                    act.setVisible(False)
            nav.setStyleSheet("QToolBar { border: 0; background: transparent; }")
            self._nav = nav
            self._bar_layout.insertWidget(0, nav)
            self._bar.setVisible(True)
        self.data_button.setEnabled(data is not None and len(data) > 0)
        self._holder_layout.addWidget(canvas)
        self._stack.setCurrentWidget(self._canvas_holder)
        canvas.draw_idle()

    def set_message(self, text: str) -> None:
        """Show a centred message instead of a chart (loading, no data …)."""
        self._generation += 1
        self._building = None                       # a pending build is dropped
        self._clear_canvas()
        self._fig, self._data = None, None
        self._drill, self._drill_cache = None, {}
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)
        self._bar.setVisible(False)

    def figure(self):
        """The figure of the last :meth:`set_figure` (None when a message is shown); waits for a
        pending build."""
        job = self._building
        if job is not None:
            if _RENDER.take(job):                   # not started: build it here
                job._run_off_gui(deliver=False)
            else:
                job.done.wait()
            self._built(job)
        return self._fig

    def is_building(self) -> bool:
        """True while the figure of the last :meth:`set_figure` is being built."""
        return self._building is not None

    def data(self):
        """The DataFrame behind the chart of the last :meth:`set_figure` (None if none), also while
        its figure is being built."""
        return self._building.data if self._building is not None else self._data

    def canvas(self):
        """The FigureCanvasQTAgg (None when a message is shown)."""
        return self._canvas

    def is_drawn(self) -> bool:
        """True once the current figure was built and painted at the canvas's current size, or when a
        final message is shown (after a resize, False until the image at the new size arrives)."""
        if self._building is not None:
            return False
        if self._fig is None:
            return True
        return self._drawn and (self._canvas is None or self._canvas.image_fits())

    def redraw(self) -> None:
        """Force a synchronous build and draw on the GUI thread (used before screenshots)."""
        self.figure()
        if self._canvas is not None:
            self._canvas.draw_now()

    # -- drill-down ------------------------------------------------------------------------------
    def drill_filter_at(self, x: float, y: float):
        """The LineFilter of the element at Matplotlib display position ``(x, y)``, or None."""
        from ...core import drill

        if self._drill is None or self._fig is None or not drill.has_targets(self._fig):
            return None
        key = drill.hit(self._fig, x, y)
        if key is None:
            return None
        if key not in self._drill_cache:            # hovering asks often; a segment's filter is big
            self._drill_cache[key] = self._drill(key)
        return self._drill_cache[key]

    def _toolbar_busy(self) -> bool:
        return self._nav is not None and bool(getattr(self._nav, "mode", ""))

    def _hover(self, event) -> None:
        flt = None if self._toolbar_busy() or event.x is None else self.drill_filter_at(event.x, event.y)
        if flt is None:
            self._canvas.unsetCursor()
            self._canvas.setToolTip("")
        else:
            self._canvas.setCursor(Qt.CursorShape.PointingHandCursor)
            tip = self.tr("Click to see these lines")
            self._canvas.setToolTip(f"{flt.label}\n{tip}" if flt.label else tip)

    def _click(self, event) -> None:
        if event.button != 1 or self._toolbar_busy() or event.x is None:
            return
        flt = self.drill_filter_at(event.x, event.y)
        if flt is not None:
            self.drillRequested.emit(flt)

    def _on_draw(self) -> None:
        if not self._drawn:
            self._drawn = True
            self.drawn.emit()

    def _clear_canvas(self) -> None:
        if self._nav is not None:
            self._bar_layout.removeWidget(self._nav)
            self._nav.deleteLater()
            self._nav = None
        if self._canvas is not None:
            self._holder_layout.removeWidget(self._canvas)
            self._canvas._wanted = False            # a queued render of it is skipped
            self._canvas.deleteLater()
            self._canvas = None

    # -- export --------------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        from ..settings import current
        return current()

    def _suggest(self, ext: str) -> str:
        folder = self._settings().value("paths/last_export_dir", str(Path.home()))
        stem = re.sub(r"[^\w.-]+", "_", self.name).strip("_") or "chart"
        return str(Path(folder) / f"{stem}.{ext}")

    def _remember(self, path: str) -> None:
        self._settings().setValue("paths/last_export_dir", str(Path(path).parent))

    def save_chart(self, path: Optional[str] = None) -> Optional[Path]:
        """Save the chart (PNG, SVG or PDF by extension); asks for a file when ``path`` is None."""
        if self._fig is None:
            return None
        if path is None:
            filters = ";;".join([self.tr("PNG image (*.png)"), self.tr("SVG vector image (*.svg)"),
                                 self.tr("PDF document (*.pdf)")])
            path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save chart"), self._suggest("png"), filters)
            if not path:
                return None
            if not Path(path).suffix:
                path += "." + re.search(r"\*\.(\w+)", chosen).group(1)
            self._remember(path)
        from ...core.charts import save_figure
        if self._canvas is not None:
            self._canvas.wait_rendered()            # the render thread must not draw it meanwhile
        return save_figure(self._fig, path)

    def copy_data(self) -> None:
        """Copy the chart's data to the clipboard as tab-separated text (pastes into spreadsheets)."""
        if self._data is not None:
            from ...core.export import table_text
            QGuiApplication.clipboard().setText(table_text(self._data))

    def export_csv(self, path: Optional[str] = None) -> Optional[Path]:
        """Write the chart's data as CSV (UTF-8 with BOM so Excel reads Chinese names)."""
        if self._data is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart data"), self._suggest("csv"),
                                                  self.tr("CSV file (*.csv)"))
            if not path:
                return None
            if not path.lower().endswith(".csv"):
                path += ".csv"
            self._remember(path)
        from ...core.export import write_table
        write_table(self._data, path, "data")
        return Path(path)

    def export_to(self, folder: str | Path) -> None:
        """Save the chart (PNG and SVG) and its data (CSV) into ``folder``, named after the chart."""
        out = Path(folder)
        if self.figure() is not None:
            self.save_chart(str(out / f"{self.name}.png"))
            self.save_chart(str(out / f"{self.name}.svg"))
        if self.data() is not None:
            self.export_csv(str(out / f"{self.name}.csv"))


class _Build:
    """One figure to build off the GUI thread for a :class:`ChartView` (a :class:`_RenderQueue` job)."""

    def __init__(self, view: ChartView, builder, data, generation: int, drill=None) -> None:
        self.view, self.builder, self.data, self.generation, self.drill = view, builder, data, generation, drill
        self.fig = None
        self.error: Optional[BaseException] = None
        self.done = threading.Event()

    def _still_wanted(self) -> bool:
        return True

    def _run_off_gui(self, deliver: bool = True) -> None:
        try:
            self.fig = self.builder()
        except Exception as exc:      # noqa: BLE001 - handed to the GUI thread, reported there
            self.error = exc
        finally:
            self.done.set()
        if deliver:
            _bridge().built.emit(self)


class _RenderQueue:
    """Builds charts' figures and renders canvases' figures off the GUI thread, one at a time (a
    second thread would only contend for the GIL with the GUI thread, and a figure is drawn by one
    thread at a time).  The thread lives while there is work and ends when the queue is empty, so
    nothing is left running between renders."""

    def __init__(self) -> None:
        import threading
        from collections import deque

        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._queue: deque = deque()
        self._thread = None
        self._current = None

    def submit(self, canvas) -> None:
        import threading

        with self._lock:
            self._queue.append(canvas)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="chart-render", daemon=True)
                self._thread.start()

    def take(self, job) -> bool:
        """Drop ``job`` from the queue if it has not started; True if it was dropped."""
        with self._lock:
            try:
                self._queue.remove(job)
            except ValueError:
                return False
            return True

    def wait(self, canvas) -> None:
        """Block until ``canvas`` is neither queued nor being rendered (drop it from the queue)."""
        with self._lock:
            try:
                self._queue.remove(canvas)
            except ValueError:
                pass
            while self._current is canvas:
                self._idle.wait(0.05)

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._thread = None
                    return
                job = self._current = self._queue.popleft()     # a canvas to render or a _Build
            try:
                if job._still_wanted():
                    job._run_off_gui()
                else:
                    job._skipped()                          # hidden or gone: render when shown
            finally:
                with self._lock:
                    self._current = None
                    self._idle.notify_all()


_RENDER = _RenderQueue()
_CANVAS = None
_BRIDGE = None
_TOOLBAR = None


def _toolbar_class():
    """Matplotlib's Qt navigation toolbar whose icons are made once per process.  (Matplotlib's icon
    engine reads and renders each icon's SVG again on every paint of every toolbar: a dozen charts
    cost the GUI thread tens of ms per repaint.)"""
    global _TOOLBAR
    if _TOOLBAR is None:
        from matplotlib.backends.backend_qtagg import NavigationToolbar2QT
        from PySide6.QtGui import QIcon

        icons: dict = {}

        class Toolbar(NavigationToolbar2QT):
            def _icon(self, name):
                icon = icons.get(name)
                if icon is None:
                    drawn = super()._icon(name)
                    icon = QIcon()
                    for px in (16, 24, 32):
                        icon.addPixmap(drawn.pixmap(QSize(px, px)))
                    icons[name] = icon
                return icon

        _TOOLBAR = Toolbar
    return _TOOLBAR


def _bridge():
    """The QObject (made on the GUI thread) whose signal carries finished renders there, queued —
    the task runner's pattern; a canvas deleted meanwhile is skipped."""
    global _BRIDGE
    if _BRIDGE is None:
        from PySide6.QtCore import QObject, Qt

        class _RenderBridge(QObject):
            rendered = Signal(object)
            built = Signal(object)

        def deliver(payload) -> None:
            import shiboken6
            canvas, pixels, generation = payload
            if shiboken6.isValid(canvas):
                canvas._show_image(pixels, generation)

        def built(job) -> None:
            import shiboken6
            if shiboken6.isValid(job.view):
                job.view._built(job)

        _BRIDGE = _RenderBridge()
        _BRIDGE.rendered.connect(deliver, Qt.ConnectionType.QueuedConnection)
        _BRIDGE.built.connect(built, Qt.ConnectionType.QueuedConnection)
    return _BRIDGE


def _canvas_class():
    """Matplotlib's Qt canvas, with two changes.  Its figure is rendered by the render thread
    (:class:`_RenderQueue`) and ``paintEvent`` only paints the last finished image, so drawing never
    stalls the GUI thread (Matplotlib's own canvas renders synchronously inside ``paintEvent``).
    And the mouse wheel scrolls the page the chart is on (the charts have no wheel zoom; Matplotlib's
    canvas would swallow the event).  Built on first use, so Matplotlib is not imported at start-up."""
    global _CANVAS
    if _CANVAS is None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from PySide6.QtCore import QPoint, QRectF
        from PySide6.QtGui import QImage, QPainter

        class PageScrollingCanvas(FigureCanvasQTAgg):
            rendered = Signal()
            """The figure's latest image is painted (GUI thread)."""

            def __init__(self, figure) -> None:
                super().__init__(figure)
                self._image = None          # the last finished render, as a QImage
                self._generation = 0        # bumps with every requested render
                self._pending = False       # a render is queued or running
                self._deferred = False      # asked to draw while hidden: render when shown
                self._shown = 0             # the generation of ``_image``
                self._wanted = False        # shown and alive (a plain flag the render thread reads)
                self._asked_for = None      # the size a paint last asked a render for

            def wheelEvent(self, event) -> None:     # noqa: N802 (Qt's name)
                event.ignore()                        # → the parent scroll area scrolls

            def draw(self) -> None:
                """Request a render; the render thread does it and the GUI thread paints the result.
                While the toolbar pans or zooms, draw at once (the figure changes under the mouse)."""
                if self.toolbar is not None and getattr(self.toolbar, "mode", ""):
                    self.draw_now()
                    return
                if not self.isVisible():              # a tab not shown: its charts render when shown
                    self._deferred = True
                    return
                self._generation += 1
                if not self._pending:
                    self._pending = True
                    _RENDER.submit(self)

            def draw_now(self) -> None:
                """Render synchronously on the calling (GUI) thread."""
                _RENDER.wait(self)
                self._pending = False
                self._generation += 1
                self._image, self._shown = self._render_image(), self._generation
                self.update()
                self.rendered.emit()

            def wait_rendered(self) -> None:
                _RENDER.wait(self)

            def _render_pixels(self):
                """Draw the figure with Agg: (RGBA bytes, width, height).  Any thread, one at a time."""
                renderer = self.get_renderer()
                renderer.clear()
                self.figure.draw(renderer)
                buf = memoryview(renderer.buffer_rgba())
                return bytes(buf), buf.shape[1], buf.shape[0]

            def _image_of(self, pixels):
                """GUI thread: the QImage of :meth:`_render_pixels`' answer."""
                data, width, height = pixels
                image = QImage(data, width, height, QImage.Format.Format_RGBA8888).copy()
                image.setDevicePixelRatio(self.device_pixel_ratio)
                return image

            def _render_image(self):
                return self._image_of(self._render_pixels())

            def _run_off_gui(self) -> None:
                """Render thread: draw the figure and hand the image to the GUI thread."""
                generation = self._generation
                try:
                    pixels = self._render_pixels()
                except Exception:             # a figure changed mid-render: draw it again next time
                    import traceback
                    traceback.print_exc()
                    pixels = None
                _bridge().rendered.emit((self, pixels, generation))

            def hideEvent(self, event) -> None:      # noqa: N802 (Qt's name)
                self._wanted = False
                super().hideEvent(event)

            def showEvent(self, event) -> None:      # noqa: N802 (Qt's name)
                super().showEvent(event)
                self._wanted = True
                if self._deferred:
                    self._deferred = False
                    self.draw_idle()

            def _still_wanted(self) -> bool:
                """Render thread: is the canvas still shown?  (A plain flag: no Qt call off the GUI thread.)"""
                return self._wanted

            def _skipped(self) -> None:
                _bridge().rendered.emit((self, None, -1))

            def _show_image(self, pixels, generation: int) -> None:
                self._pending = False
                if generation < 0:                     # skipped while hidden
                    self._deferred = True
                    if self.isVisible():
                        self._deferred = False
                        self.draw_idle()
                    return
                if generation < self._shown:           # a synchronous draw_now() came in between
                    return
                if pixels is not None:
                    self._image, self._shown = self._image_of(pixels), generation
                    self.update()
                if generation != self._generation:     # asked again while rendering
                    self.draw()
                elif pixels is not None:
                    self.rendered.emit()

            def image_fits(self) -> bool:
                """GUI thread: is the last finished image the canvas's current size?  (Not after a
                resize whose render has not arrived yet.)"""
                image = self._image
                if image is None:
                    return False
                size = image.deviceIndependentSize()     # Agg truncates w/dpi*dpi: ±1 px is a fit
                return abs(size.width() - self.width()) <= 1 and abs(size.height() - self.height()) <= 1

            def paintEvent(self, event) -> None:     # noqa: N802 (Qt's name)
                self._draw_idle()                    # requests a render if one is pending
                painter = QPainter(self)
                try:
                    rect = event.rect()
                    painter.eraseRect(rect)
                    if self._image is not None:
                        if self.image_fits():
                            painter.drawImage(QPoint(0, 0), self._image)
                        else:
                            # the canvas was resized after this image's render was asked for (or while
                            # it ran): show the whole chart scaled to the canvas until the render at the
                            # new size arrives, never its top-left part cropped or beside a blank margin
                            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                            painter.drawImage(QRectF(self.rect()), self._image)
                            size = (self.width(), self.height())
                            if not self._pending and not self._deferred and self._asked_for != size:
                                self._asked_for = size      # once per size: never a render loop
                                self.draw_idle()
                    self._draw_rect_callback(painter)
                finally:
                    painter.end()

        _bridge()                             # made here, on the GUI thread
        _CANVAS = PageScrollingCanvas
    return _CANVAS
