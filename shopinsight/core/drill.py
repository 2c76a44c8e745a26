"""Drill-down: from a chart's bar or point to exactly the lines behind it.  No Qt.

Two halves, both used by the GUI's :class:`~shopinsight.gui.widgets.chart.ChartView` (and testable
without it):

* **What a chart's clickable elements are.**  A chart builder marks its bars or points with the
  *keys* they stand for (a period's first day, a product code, a country, a segment, a line id …):
  :func:`add_bars`, :func:`add_points`, :func:`add_grid` (heatmap cells).  :func:`hit` maps a click's display position (Matplotlib's
  pixels, origin bottom left) back to the key under it.  A vertical bar answers a click anywhere in
  its column and a horizontal bar anywhere in its row, its label included, so a small bar is as
  easy to hit as a big one.
* **The lines behind a key.**  The ``*_lines`` functions return a
  :class:`~shopinsight.core.lines.LineFilter` that selects exactly the lines a figure was computed
  from (the same day range, flags and keys as the analysis' own SQL), with a ``label`` saying so in
  words.  The Data tab shows that filter; ``shopinsight lines`` takes the same keys.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Optional, Sequence

import numpy as np

from . import fmt
from .i18n import _
from .lines import LineFilter

__all__ = ["add_bars", "add_points", "add_grid", "has_targets", "hit", "day_span", "period_lines",
           "product_lines", "country_lines", "overview_lines", "customer_lines", "segment_lines", "cohort_lines",
           "anomaly_lines", "context_lines", "forecast_lines", "together_lines", "history_lines"]

_ATTR = "_shopinsight_drill"


# -- clickable elements ----------------------------------------------------------------------------
@dataclass
class _Bars:
    ax: Any
    bars: list
    keys: list
    axis: str                     # "x": vertical bars (a click in the column), "y": horizontal (the row)


@dataclass
class _Points:
    ax: Any
    x: np.ndarray                 # data coordinates (dates as Matplotlib date numbers)
    y: np.ndarray
    keys: list
    along: str                    # "x": the nearest point by x (a time series); "xy": within radius
    radius: float


@dataclass
class _Grid:
    ax: Any
    keys: list                    # keys[row][col]: the cell drawn at data (col, row) by imshow


def _targets(fig) -> list:
    found = getattr(fig, _ATTR, None)
    if found is None:
        found = []
        setattr(fig, _ATTR, found)
    return found


def add_bars(ax, bars: Sequence, keys: Sequence, axis: str = "x") -> None:
    """Make ``bars`` (the Rectangles of ``ax.bar``/``ax.barh``) clickable: bar ``i`` stands for
    ``keys[i]`` (None: not clickable).  ``axis`` is "x" for vertical bars, "y" for horizontal."""
    if axis not in ("x", "y"):
        raise ValueError("axis must be 'x' or 'y'")
    bars, keys = list(bars), list(keys)
    if len(bars) != len(keys):
        raise ValueError(f"{len(bars)} bars but {len(keys)} keys")
    _targets(ax.figure).append(_Bars(ax, bars, keys, axis))


def add_points(ax, x, y, keys: Sequence, along: str = "xy", radius: float = 8.0) -> None:
    """Make points clickable: point ``i`` at data ``(x[i], y[i])`` stands for ``keys[i]``.

    ``along="x"`` picks the point nearest by x within half the spacing of the points (a time
    series: a click anywhere above or below a date); ``"xy"`` the nearest point within ``radius``
    pixels (a scatter).  ``x`` may hold dates (converted to Matplotlib date numbers)."""
    if along not in ("x", "xy"):
        raise ValueError("along must be 'x' or 'xy'")
    xs = _numbers(x)
    ys = np.asarray(y, dtype=float) if y is not None else np.zeros(len(xs))
    keys = list(keys)
    if not (len(xs) == len(ys) == len(keys)):
        raise ValueError("x, y and keys differ in length")
    _targets(ax.figure).append(_Points(ax, xs, ys, keys, along, float(radius)))


def add_grid(ax, keys: Sequence[Sequence]) -> None:
    """Make the cells of a heatmap drawn by ``ax.imshow`` (default extent: cell ``(row, col)``
    centred on data ``(col, row)``) clickable: ``keys[row][col]`` (None: not clickable)."""
    _targets(ax.figure).append(_Grid(ax, [list(r) for r in keys]))


def _numbers(x) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype.kind in "Mm" or arr.dtype == object:
        from matplotlib.dates import date2num
        import pandas as pd
        return np.asarray(date2num(pd.to_datetime(arr)), dtype=float)
    return arr.astype(float)


def has_targets(fig) -> bool:
    """True when ``fig`` has clickable elements."""
    return bool(fig is not None and getattr(fig, _ATTR, None))


def hit(fig, x: float, y: float) -> Any:
    """The key of the element at display position ``(x, y)`` of ``fig`` (pixels from the bottom
    left, as Matplotlib's events give them), or None.  The figure must have been drawn once (its
    axes are placed when it is drawn)."""
    for t in reversed(getattr(fig, _ATTR, None) or []):
        ax = t.ax
        if not ax.get_visible() or not _reaches(t, x, y):
            continue
        key = _HIT[type(t)](t, x, y)
        if key is not None:
            return key
    return None


def _reaches(t, x: float, y: float) -> bool:
    """Inside the axes; for bars also on their labels (a horizontal bar's row left of the axes, a
    vertical bar's column below them)."""
    box = t.ax.bbox
    if isinstance(t, _Bars) and t.axis == "y":
        return box.y0 <= y <= box.y1 and x <= box.x1
    if isinstance(t, _Bars):
        return box.x0 <= x <= box.x1 and y <= box.y1
    return t.ax.contains_point((x, y))


def _hit_grid(t: _Grid, x: float, y: float) -> Any:
    dx, dy = t.ax.transData.inverted().transform((x, y))
    row, col = int(np.floor(dy + 0.5)), int(np.floor(dx + 0.5))
    if 0 <= row < len(t.keys) and 0 <= col < len(t.keys[row]):
        return t.keys[row][col]
    return None


def _hit_bars(t: _Bars, x: float, y: float) -> Any:
    inv = t.ax.transData.inverted()
    dx, dy = inv.transform((x, y))
    for bar, key in zip(t.bars, t.keys):
        if key is None or not bar.get_visible():
            continue
        if t.axis == "x":
            lo, hi = sorted((bar.get_x(), bar.get_x() + bar.get_width()))
            if lo <= dx <= hi:
                return key
        else:
            lo, hi = sorted((bar.get_y(), bar.get_y() + bar.get_height()))
            if lo <= dy <= hi:
                return key
    return None


def _hit_points(t: _Points, x: float, y: float) -> Any:
    if not len(t.keys):
        return None
    pts = t.ax.transData.transform(np.column_stack([t.x, np.where(np.isfinite(t.y), t.y, 0.0)]))
    if t.along == "x":
        d = np.abs(pts[:, 0] - x)
        i = int(np.argmin(d))
        gaps = np.diff(np.sort(pts[:, 0]))
        reach = max(t.radius, float(np.median(gaps)) / 2 if len(gaps) else 0.0)
    else:
        d = np.hypot(pts[:, 0] - x, pts[:, 1] - y)
        i = int(np.argmin(d))
        reach = t.radius
    return t.keys[i] if d[i] <= reach else None


_HIT = {_Bars: _hit_bars, _Points: _hit_points, _Grid: _hit_grid}


# -- the lines behind a key --------------------------------------------------------------------------
def day_span(start: str, freq: str) -> tuple[str, str]:
    """First and last day of the period (``D`` day, ``W`` week, ``M`` month) starting on ``start``."""
    d0 = dt.date.fromisoformat(str(start)[:10])
    if freq == "D":
        d1 = d0
    elif freq == "W":
        d1 = d0 + dt.timedelta(days=6)
    elif freq == "M":
        nxt = dt.date(d0.year + (d0.month == 12), d0.month % 12 + 1, 1)
        d1 = nxt - dt.timedelta(days=1)
    else:
        raise ValueError(f"freq must be D, W or M, not {freq!r}")
    return d0.isoformat(), d1.isoformat()


def _clip(first: str, last: str, within: Optional[tuple]) -> tuple[str, str]:
    if within:
        lo, hi = within
        first = max(first, lo) if lo else first
        last = min(last, hi) if hi else last
    return first, last


def _days_text(first: Optional[str], last: Optional[str]) -> str:
    if not first and not last:
        return ""
    if first == last:
        return fmt.day(first)
    return f"{fmt.day(first)} – {fmt.day(last)}"


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def period_lines(start: str, freq: str, within: Optional[tuple] = None, **keys) -> LineFilter:
    """The merchandise lines (cancellations included: net sales) of one day, week or month, cut
    to ``within`` = (first, last day) when the chart's period ends inside it — a sales-over-time
    bar, a forecast history point.  ``keys`` narrow further (``product_ids=(…,)`` …)."""
    first, last = _clip(*day_span(start, freq), within)
    return LineFilter(date_from=first, date_to=last, flag="merchandise", **keys,
                      label=_join(_("Net sales"), _days_text(first, last)))


def _product_text(code, name=None) -> str:
    text = _("Product {code}").format(code=code)
    return f"{text} {name}" if name and str(name) != str(code) else text


def product_lines(product_id: str, name: Optional[str] = None, first: Optional[str] = None,
                  last: Optional[str] = None) -> LineFilter:
    """A product's merchandise lines in ``first..last``: the lines of its bar of top products."""
    what = _product_text(product_id, name)
    return LineFilter(date_from=first, date_to=last, flag="merchandise", product_ids=(str(product_id),),
                      label=_join(what, _days_text(first, last)))


def country_lines(country: str, first: Optional[str] = None, last: Optional[str] = None,
                  unknown: bool = False, shown: Optional[str] = None) -> LineFilter:
    """A country's merchandise lines in ``first..last``; ``unknown`` selects the lines without a
    country (NULL or blank), as the chart's "Unknown" bar counts them."""
    key = "" if unknown else str(country)
    what = _("Country {name}").format(name=shown or country)
    return LineFilter(date_from=first, date_to=last, flag="merchandise", countries=(key,),
                      label=_join(what, _days_text(first, last)))


def overview_lines(chart: str, key: Any, period: Optional[dict], freq: str = "W",
                   other_label: str = "Other", unknown_label: str = "Unknown",
                   names: Optional[dict] = None) -> Optional[LineFilter]:
    """The lines behind a bar of an Overview chart (:mod:`~shopinsight.core.sales_charts`) drawn for
    ``period`` (``{"start", "end"}``, :class:`~shopinsight.core.analytics.Period` as a dict):
    ``sales_over_time`` (key: a period's first day, ``freq``), ``top_products`` (a product code;
    ``names`` gives product names), ``countries`` (a country; ``unknown_label`` is the lines without
    one, ``other_label`` many countries: None, not one set of lines), ``weekday_hour`` (a cell
    ``(weekday, hour)``: the merchandise sale lines of that hour on that day of the week)."""
    first, last = (period or {}).get("start"), (period or {}).get("end")
    if key is None:
        return None
    if chart == "sales_over_time":
        return period_lines(str(key), freq, (first, last))
    if chart == "top_products":
        return product_lines(str(key), (names or {}).get(key), first, last)
    if chart == "weekday_hour":
        weekday, hour = (int(v) for v in key)
        when = f"{fmt.weekday_names(short=False)[weekday]} {hour:02d}:00–{hour:02d}:59"
        return LineFilter(date_from=first, date_to=last, flag="merchandise_sales", weekdays=(weekday,),
                          hours=(hour,), label=_join(when, _days_text(first, last)))
    if chart == "countries":
        if key == other_label:
            return None
        return country_lines(str(key), first, last, unknown=key == unknown_label)
    raise ValueError(f"unknown overview chart {chart!r}")


def customer_lines(customer_id: str, flag: str = "all", order_id: Optional[str] = None) -> LineFilter:
    """One customer's lines (``flag="merchandise"``: those its orders and net sales count), or
    those of one of its orders (a bar of the customer's order history)."""
    what = _("Customer {id}").format(id=customer_id)
    if order_id is None:
        return LineFilter(customer_ids=(str(customer_id),), flag=flag, label=what)
    return LineFilter(customer_ids=(str(customer_id),), order_ids=(str(order_id),), flag=flag,
                      label=_join(what, _("Order {id}").format(id=order_id)))


def segment_lines(rfm, segment: str, until: Optional[str] = None) -> LineFilter:
    """The merchandise lines of the customers of one RFM segment (``rfm``: the per-customer frame
    of :func:`~shopinsight.core.customers.segments`, indexed by customer id), up to ``until`` (the
    day the segments were computed as of): the lines its customers count and net sales come from."""
    from .customers.rfm import segment_label

    ids = tuple(str(c) for c in rfm.index[rfm["segment"] == segment])
    what = _("Segment {name}").format(name=segment_label(segment))
    n = _("{n} customers").format(n=fmt.integer(len(ids)))
    return LineFilter(date_to=until, flag="merchandise", customer_ids=ids, label=_join(what, n))


def cohort_lines(features, cohort: str, period: int) -> LineFilter:
    """The merchandise lines, in month ``cohort + period``, of the customers whose first purchase
    was in month ``cohort`` ('YYYY-MM'): the customers a cell of the cohort heatmap counts as active
    (their sale lines) and its net sales.  ``features`` is the per-customer frame of
    :func:`~shopinsight.core.customers.segments` (``first_day`` as days since 1970)."""
    import pandas as pd

    first = pd.to_datetime(features["first_day"].to_numpy().astype("datetime64[D]"))
    ids = tuple(str(c) for c in features.index[first.strftime("%Y-%m") == str(cohort)])
    start = pd.Period(str(cohort), "M") + int(period)
    first_day, last_day = day_span(start.start_time.strftime("%Y-%m-%d"), "M")
    what = _("Cohort {month}").format(month=cohort)
    n = _("{n} customers").format(n=fmt.integer(len(ids)))
    return LineFilter(date_from=first_day, date_to=last_day, flag="merchandise", customer_ids=ids,
                      label=_join(what, n, _days_text(first_day, last_day)))


def anomaly_lines(item: dict) -> LineFilter:
    """The lines behind an anomaly inbox item (``key`` line:ID, order:ID, day:D, week:MONDAY,
    customer:ID): the line itself; the order's lines the detector counted (cancellations are
    separate orders); every line of the day or week; every line of the customer."""
    key = str(item.get("key") or "")
    kind, _sep, ident = key.partition(":")
    if kind == "line":
        return LineFilter(line_ids=(int(ident),), label=_("Line {id}").format(id=ident))
    if kind == "order":
        return LineFilter(order_ids=(ident,), flag="sales", label=_("Order {id}").format(id=ident))
    if kind == "day":
        return LineFilter(date_from=ident, date_to=ident, label=_days_text(ident, ident))
    if kind == "week":
        first, last = day_span(ident, "W")
        return LineFilter(date_from=first, date_to=last, label=_join(_("Week"), _days_text(first, last)))
    if kind == "customer":
        return customer_lines(ident)
    raise ValueError(f"not an anomaly item key: {key!r}")


def context_lines(key: str) -> LineFilter:
    """The lines behind a bar or point of an anomaly's context chart
    (:func:`~shopinsight.core.anomalies.charts.context_figure`): a line of the price history; an
    order of the customer's orders (all its lines: the bar is their total, a cancellation order
    below zero); a day of the net-sales line (its merchandise lines)."""
    kind, _sep, ident = str(key).partition(":")
    if kind == "line":
        return LineFilter(line_ids=(int(ident),), label=_("Line {id}").format(id=ident))
    if kind == "order":
        return LineFilter(order_ids=(ident,), label=_("Order {id}").format(id=ident))
    if kind == "day":
        return period_lines(ident, "D")
    raise ValueError(f"not a context chart key: {key!r}")


def forecast_lines(result, series: str, date: str) -> LineFilter:
    """The merchandise lines one history point of a forecast series adds up (its period, and the
    series' product, country or store)."""
    spec = result.spec
    keys = {}
    if spec.level != "total":
        field = {"product": "product_ids", "country": "countries", "store": "stores"}[spec.level]
        keys[field] = (str(series),)
    flt = period_lines(date, spec.freq, **keys)
    if spec.level != "total":
        name = str((getattr(result, "labels", None) or {}).get(series, series))
        if spec.level == "product":
            what = _product_text(series, name)
        elif spec.level == "country":
            what = _("Country {name}").format(name=series)
        else:
            what = name
        flt = replace(flt, label=_join(what, flt.label))
    return flt



def together_lines(baskets, product_id: str, other_id: str) -> LineFilter:
    """The lines behind a bar of the "bought together with ``product_id``" chart
    (:func:`~shopinsight.core.recommend.charts.together_figure`): the merchandise sale lines of both
    products in the orders of ``baskets`` (a model's training baskets,
    :class:`~shopinsight.core.recommend.rules.Baskets` with their order ids) that hold both — as
    many orders as the bar counts."""
    orders = baskets.shared_orders(product_id, other_id)
    pid, oid = (str(baskets.product_ids[baskets.col(p)]) for p in (product_id, other_id))
    with_text = _("bought with {product}").format(product=_product_text(pid, baskets.name(baskets.col(pid))))
    n = _("{n} orders").format(n=fmt.integer(len(orders)))
    return LineFilter(date_from=baskets.data_from, date_to=baskets.data_to, flag="merchandise_sales",
                      order_ids=tuple(orders), product_ids=(oid, pid),
                      label=_join(_product_text(oid, baskets.name(baskets.col(oid))), with_text, n))


def history_lines(interactions, customer_id: str, product_id: str) -> LineFilter:
    """The lines behind a row of a customer's purchase history in a model's training data
    (:meth:`~shopinsight.core.recommend.interactions.Interactions.history`): the customer's
    merchandise sale lines of that product in the data's days — its orders are the row's "orders"."""
    col = interactions.product_col(product_id)
    flt = product_lines(str(interactions.product_ids[col]), interactions.product_name(col),
                        interactions.data_from, interactions.data_to)
    return replace(flt, flag="merchandise_sales", customer_ids=(str(customer_id),),
                   label=_join(_("Customer {id}").format(id=customer_id), flt.label))
