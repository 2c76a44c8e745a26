"""A chart whose widget changes size after its render was requested (or while it runs) is never
painted cropped or with a blank margin: until the image at the new size arrives the last image is
scaled to the canvas, ``is_drawn()`` is False meanwhile, and the new-size render follows."""
from __future__ import annotations

import threading
import time

from matplotlib.artist import Artist
from matplotlib.patches import Rectangle

from shopinsight.core.charts import new_figure
from shopinsight.gui.widgets.chart import ChartView

RED = (255, 0, 0)


class _Gate(Artist):
    """An artist that makes every render after the first slow (0.5 s), so a resize's render is
    still running when the test paints."""

    def __init__(self):
        super().__init__()
        self.renders = 0

    def draw(self, renderer):
        self.renders += 1
        if self.renders > 1 and threading.current_thread() is not threading.main_thread():
            time.sleep(0.5)


def _figure():
    fig = new_figure()
    fig.set_facecolor("white")
    fig.add_subplot().plot([1, 2, 3])
    # a red band along the figure's bottom tenth: cropping the image cuts it off
    fig.add_artist(Rectangle((0, 0), 1, 0.1, transform=fig.transFigure, color="red", zorder=10))
    gate = _Gate()
    fig.add_artist(gate)
    return fig, gate


def _painted_bottom(view: ChartView):
    canvas = view.canvas()
    img = canvas.grab().toImage()
    c = img.pixelColor(img.width() // 2, img.height() - 3)
    return c.red(), c.green(), c.blue()


def _shown_at(qtbot, width, height):
    fig, gate = _figure()
    v = ChartView(name="size", toolbar=False)
    qtbot.addWidget(v)
    v.resize(width, height)
    v.show()
    qtbot.waitExposed(v)
    v.set_figure(fig)
    qtbot.waitUntil(v.is_drawn, timeout=10000)
    assert _painted_bottom(v) == RED
    return v, gate


def _image_fits(view: ChartView) -> bool:
    canvas = view.canvas()
    return canvas._image.width() == canvas.width() and canvas._image.height() == canvas.height()


def test_shrunk_chart_is_scaled_not_cropped_until_rerendered(qtbot):
    v, gate = _shown_at(qtbot, 500, 500)
    v.resize(500, 300)                          # the layout shrank the chart; its render is slow
    qtbot.wait(100)
    assert not _image_fits(v)                   # the new-size image is still being rendered …
    assert not v.is_drawn()                     # … so screenshots wait for it
    assert _painted_bottom(v) == RED            # and the old image is scaled, not cut off at the bottom
    qtbot.waitUntil(v.is_drawn, timeout=10000)
    assert _image_fits(v) and _painted_bottom(v) == RED


def test_grown_chart_has_no_blank_margin_and_is_rerendered(qtbot):
    v, gate = _shown_at(qtbot, 400, 300)
    v.resize(400, 500)
    qtbot.wait(100)
    assert not v.is_drawn()
    assert _painted_bottom(v) == RED            # not the canvas's empty background below the old image
    qtbot.waitUntil(v.is_drawn, timeout=10000)
    assert _image_fits(v) and _painted_bottom(v) == RED


def test_resize_while_rendering_ends_at_the_new_size(qtbot):
    v, gate = _shown_at(qtbot, 500, 500)
    v.resize(500, 420)                          # a slow render starts at 420 px …
    qtbot.wait(150)
    v.resize(500, 300)                          # … and the chart shrinks again meanwhile
    qtbot.waitUntil(lambda: v.is_drawn() and _image_fits(v), timeout=10000)
    assert v.canvas().height() < 420 and _painted_bottom(v) == RED
