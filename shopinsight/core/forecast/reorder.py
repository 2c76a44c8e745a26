"""Reorder suggestions: demand over the lead time plus safety stock at a service level.

Per product (a units forecast at product level):

* ``demand over lead time`` = the chosen model's forecast summed over the first ``L`` periods;
* ``safety stock = z(service) · σ_L`` where ``σ_L`` is the spread of *that product's own* demand
  over ``L`` periods around its forecast, measured in units from the backtest: the errors
  ``actual − forecast`` of the product's chosen model at horizon steps ``1..L`` of every backtest
  window give a per-period spread ``σ`` (root mean square, so a biased model counts against
  itself), and ``σ_L = σ · √L`` (errors of different periods taken as independent).  Errors
  beyond the lead time and other products' errors are never used.  Without a backtest the
  spread of the product's own recent demand stands in (``sigma_source`` says which);
* ``reorder point = demand over lead time + safety stock``;
* with stock known (on hand and on order, see :func:`read_stock_csv`)
  ``order quantity = max(0, reorder point − on hand − on order)``, rounded up to whole packs.
  Without stock data there is no order quantity: the row says
  ``stock unknown: showing the reorder point`` (:data:`STOCK_UNKNOWN`).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

import numpy as np
import pandas as pd

from ..errors import InputError
from ..i18n import _

__all__ = ["reorder_table", "series_table", "reorder_for_series", "lead_time_sigma", "read_stock_csv", "parse_stock",
           "StockLevel", "STOCK_UNKNOWN", "REORDER_COLUMNS"]

STOCK_UNKNOWN = "stock unknown: showing the reorder point"

REORDER_COLUMNS = ["series", "name", "model", "forecast_total", "demand_lead_time", "sigma",
                   "sigma_lead_time", "sigma_source", "safety_stock", "reorder_point", "on_hand",
                   "on_order", "pack_size", "order_qty", "order_by", "note"]


@dataclass(frozen=True)
class StockLevel:
    """Stock of one product: units on hand, units already ordered, and the pack size (1 = any)."""

    on_hand: float
    on_order: float = 0.0
    pack_size: int = 1


def _z(service_level: float) -> float:
    from scipy.stats import norm

    if not 0.5 <= service_level < 1:
        raise InputError(_("service level must be within 0.5..0.999"), value=str(service_level))
    return float(norm.ppf(service_level))


def reorder_for_series(forecast: np.ndarray, dates: pd.DatetimeIndex | list, sigma: float,
                       lead_time: int, service_level: float = 0.95,
                       stock: Optional[StockLevel] = None) -> dict:
    """One product.

    ``sigma`` is the per-period spread of demand around the forecast (units); the safety stock is
    ``z · sigma · √lead_time``.  With ``stock``, ``order_qty = max(0, reorder point − on hand −
    on order)`` rounded up to whole packs, and ``order_by`` is the first forecast date on which
    the projected stock position (on hand + on order − forecast demand so far) is at or below
    that date's reorder point (None when not within the horizon).  Without ``stock``,
    ``order_qty`` and ``order_by`` are None and ``note`` is :data:`STOCK_UNKNOWN`.
    """
    if lead_time < 1 or lead_time > len(forecast):
        raise InputError(_("lead time must be within 1..{n} periods (the horizon)").format(n=len(forecast)),
                         value=str(lead_time))
    z = _z(service_level)
    f = np.clip(np.nan_to_num(np.asarray(forecast, float)), 0, None)
    dates = pd.DatetimeIndex(dates)
    sigma = float(sigma) if sigma is not None and np.isfinite(sigma) else 0.0
    safety = z * sigma * math.sqrt(lead_time)
    demand_lt = float(f[:lead_time].sum())
    reorder_point = demand_lt + safety
    out = {"demand_lead_time": demand_lt, "safety_stock": float(safety),
           "reorder_point": float(reorder_point)}
    if stock is None:
        return {**out, "on_hand": None, "on_order": None, "pack_size": None, "order_qty": None,
                "order_by": None, "note": STOCK_UNKNOWN}
    position = float(stock.on_hand) + float(stock.on_order)
    pack = max(1, int(stock.pack_size))
    need = max(0.0, reorder_point - position)
    qty = int(math.ceil(need / pack - 1e-9)) * pack if need > 0 else 0
    order_by = None
    projected = position - np.concatenate([[0.0], np.cumsum(f)])     # position before each period
    for j in range(len(f) - lead_time + 1):
        if projected[j] <= f[j:j + lead_time].sum() + safety:
            order_by = str(pd.Timestamp(dates[j]).date())
            break
    return {**out, "on_hand": float(stock.on_hand), "on_order": float(stock.on_order), "pack_size": pack,
            "order_qty": qty, "order_by": order_by, "note": ""}


def lead_time_sigma(result, series: str, lead_time: int) -> tuple[float, str]:
    """Per-period spread (units) of one product's demand around its forecast over ``lead_time``.

    From the product's own backtest: errors ``actual − forecast`` of its chosen model at horizon
    steps ``1..lead_time`` of each window (root mean square).  Without backtest errors, the
    standard deviation of the product's last ``4 · lead_time`` periods of demand.
    Returns ``(sigma, source)`` with source ``"backtest"`` or ``"history"``.
    """
    bt = result.backtest
    model = result.selected.get(series)
    if bt is not None and len(bt) and model is not None:
        g = bt[(bt["series"].astype(str) == str(series)) & (bt["model"] == model)]
        if len(g):
            g = g.sort_values(["origin", "date"])
            step = g.groupby("origin").cumcount()             # 0 = first period after the origin
            g = g[step < lead_time]
            err = (g["actual"].astype(float) - g["forecast"].astype(float)).to_numpy()
            err = err[np.isfinite(err)]
            if len(err):
                return float(np.sqrt(np.mean(err ** 2))), "backtest"
    hist = result.history[result.history["series"].astype(str) == str(series)]["value"].tail(4 * lead_time)
    return (float(hist.std()) if len(hist) > 1 else 0.0), "history"


def reorder_table(result, lead_time: int, service_level: float = 0.95,
                  stock: Optional[Mapping[str, StockLevel]] = None, pack_size: int = 1) -> pd.DataFrame:
    """Suggestions for every series of a per-product units forecast (``ForecastResult``).

    ``stock`` maps product id → :class:`StockLevel` (products missing from it get no order
    quantity, only the reorder point); ``pack_size`` applies to products whose stock level
    does not name one.
    """
    if result.spec.target != "units" or result.spec.level != "product":
        raise InputError(_("reorder suggestions need a per-product forecast of units "
                           "(target 'units', level 'product')"))
    if pack_size < 1:
        raise InputError(_("pack size must be at least 1"), value=str(pack_size))
    sel = result.selected_forecasts()
    stock = stock or {}
    rows = []
    for series in result.selected:                 # the panel's order (largest first)
        g = sel[sel["series"] == series].sort_values("date")
        sigma, source = lead_time_sigma(result, series, lead_time)
        st = stock.get(str(series))
        if st is not None and st.pack_size == 1 and pack_size > 1:
            st = StockLevel(st.on_hand, st.on_order, pack_size)
        r = reorder_for_series(g["forecast"].to_numpy(), pd.to_datetime(g["date"]), sigma, lead_time,
                               service_level, st)
        rows.append({"series": series, "name": result.labels.get(series, series),
                     "model": g["model"].iloc[0], "forecast_total": float(g["forecast"].sum()),
                     "sigma": sigma, "sigma_lead_time": sigma * math.sqrt(lead_time),
                     "sigma_source": source, **r})
    return pd.DataFrame(rows, columns=REORDER_COLUMNS)


# -- stock input -------------------------------------------------------------------------------------

_STOCK_COLUMNS = ("product_id", "on_hand", "on_order", "pack_size")


def series_table(result, lead_time: Optional[int] = None, service_level: float = 0.95,
                 stock: Optional[dict] = None, pack_size: int = 1) -> tuple[pd.DataFrame, int]:
    """One row per chosen series (largest first): its model and forecast over the horizon with the
    interval's sums; with ``lead_time`` (per-product unit forecasts) the reorder figures instead of the
    interval sums (sums of per-period bounds are not an interval of the total), the order first.
    Returns ``(table, n)`` where ``n`` counts the products whose stock is unknown."""
    sel = result.selected_forecasts()
    tab = sel.groupby("series", sort=False).agg(model=("model", "first"), forecast=("forecast", "sum"),
                                                lo=("lo", "sum"), hi=("hi", "sum"))
    tab = tab.reindex([x for x in result.selected if x in tab.index]).reset_index()
    tab.insert(1, "name", tab["series"].map(lambda x: result.labels.get(x, x)))
    if lead_time is None:
        return tab, 0
    ro = reorder_table(result, lead_time, service_level, stock=stock, pack_size=pack_size)
    tab = tab.drop(columns=["lo", "hi"]).merge(
        ro[["series", "demand_lead_time", "safety_stock", "reorder_point", "on_hand", "on_order",
            "order_qty", "order_by", "note"]], on="series", how="left")
    tab["order_qty"] = tab["order_qty"].astype("Int64")
    # what the buyer acts on first: the order (or why there is none), then how it was reached
    tab = tab[["series", "name", "order_qty", "note", "reorder_point", "on_hand", "on_order", "order_by",
               "safety_stock", "demand_lead_time", "forecast", "model"]]
    return tab, int(ro["order_qty"].isna().sum())


def _number(text: str, *, file, line, column, integer=False) -> float:
    value = (text or "").strip()
    try:
        x = float(value) if value else (0.0 if column != "on_hand" else None)
    except ValueError:
        x = None
    if x is None or not math.isfinite(x) or x < 0 or (integer and (x < 1 or x != int(x))):
        what = (_("expected a whole number of at least 1") if integer
                else _("expected a number of units, 0 or more"))
        raise InputError(what, file=file, line=line, column=column, value=value)
    return x


def parse_stock(rows, file: str = "stock") -> dict[str, StockLevel]:
    """Stock levels from rows of text (the first row is the header
    ``product_id,on_hand[,on_order][,pack_size]``, in any order).  Errors name file, line,
    column and value."""
    it = iter(rows)
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(it)]
    except StopIteration:
        raise InputError(_("empty stock file: expected a header product_id,on_hand[,on_order]"),
                         file=file, line=1) from None
    for need in ("product_id", "on_hand"):
        if need not in header:
            raise InputError(_("missing column {name} (expected product_id,on_hand[,on_order])").format(
                name=repr(need)),
                             file=file, line=1, column=need)
    unknown = [h for h in header if h not in _STOCK_COLUMNS]
    if unknown:
        raise InputError(_("unknown column (expected product_id,on_hand[,on_order][,pack_size])"),
                         file=file, line=1, column=unknown[0])
    idx = {h: header.index(h) for h in _STOCK_COLUMNS if h in header}
    out: dict[str, StockLevel] = {}
    first_line: dict[str, int] = {}
    for n, row in enumerate(it, start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            raise InputError(_("{n} fields, the header has {m}").format(n=len(row), m=len(header)), file=file,
                             line=n,
                             value=",".join(row))
        cell = {h: (row[i] if i < len(row) else "") for h, i in idx.items()}
        pid = cell["product_id"].strip()
        if not pid:
            raise InputError(_("product_id is empty"), file=file, line=n, column="product_id", value="")
        if pid in out:
            raise InputError(_("product listed twice (first on line {n})").format(n=first_line[pid]), file=file,
                             line=n,
                             column="product_id", value=pid)
        on_hand = _number(cell["on_hand"], file=file, line=n, column="on_hand")
        on_order = _number(cell.get("on_order", ""), file=file, line=n, column="on_order")
        pack = _number(cell["pack_size"], file=file, line=n, column="pack_size", integer=True) \
            if cell.get("pack_size", "").strip() else 1
        out[pid] = StockLevel(on_hand, on_order, int(pack))
        first_line[pid] = n
    return out


def read_stock_csv(path) -> dict[str, StockLevel]:
    """Read a stock CSV (``product_id,on_hand[,on_order][,pack_size]``, comma-separated, UTF-8)."""
    p = Path(path)
    try:
        with open(p, newline="", encoding="utf-8-sig") as fh:
            return parse_stock(csv.reader(fh), file=str(path))
    except OSError as exc:
        raise InputError(_("cannot read the stock file: {error}").format(error=exc.strerror or exc),
                         file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text (byte {n})").format(n=exc.start), file=str(path)) from None
    except csv.Error as exc:
        raise InputError(_("not a CSV file: {error}").format(error=exc), file=str(path)) from None
