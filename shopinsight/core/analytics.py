"""Descriptive sales analytics over the ``lines`` view: KPIs, sales over time, top products,
sales by country, weekday × hour.  Used by the Overview tab and the ``overview`` CLI verb.

Definitions (GUIDE §4): *net sales* is the sum of ``amount`` over merchandise lines,
cancellations included (negative).  *Gross sales* leaves cancellations out; *cancellations*
is their (negative) sum.  An *order* is a distinct ``order_id`` with at least one merchandise
sale line; *customers* are the distinct known ``customer_id`` of those lines (guests are not
counted); *average order value* is gross sales ÷ orders.

Every query is parametrised SQL over one date range (inclusive ``'YYYY-MM-DD'`` bounds, None =
open); each is a single scan of the day index, well under a second on the 541,909-line UCI shop.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from .store import Shop
from .tasks import as_reporter

__all__ = ["PERIODS", "FREQS", "Period", "period_bounds", "kpis", "sales_over_time", "top_products",
           "sales_by_country", "weekday_hour", "overview"]

PERIODS = ("30d", "90d", "12m", "all")
"""Period choices, each ending on the shop's last day: 30 days, 90 days, 12 months, everything."""
FREQS = ("D", "W", "M")
"""Sales-over-time granularity: day, week (Monday–Sunday), calendar month."""


@dataclass(frozen=True)
class Period:
    """A date range (inclusive) and the equally long range just before it (for the change)."""

    start: Optional[str]
    end: Optional[str]
    prev_start: Optional[str] = None
    prev_end: Optional[str] = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "prev_start": self.prev_start, "prev_end": self.prev_end}


def period_bounds(shop: Shop, period: str = "12m") -> Period:
    """The date range of ``period`` (one of :data:`PERIODS`) ending on the shop's last day."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    first, last = shop.date_range()
    if last is None:
        return Period(None, None)
    if period == "all":
        return Period(first, last)
    end = dt.date.fromisoformat(last)
    days = {"30d": 30, "90d": 90, "12m": 365}[period]
    start = end - dt.timedelta(days=days - 1)
    prev_end = start - dt.timedelta(days=1)
    prev_start = prev_end - dt.timedelta(days=days - 1)
    # no comparison when the data does not reach back to the whole previous period
    has_prev = first is not None and dt.date.fromisoformat(first) <= prev_start
    return Period(start.isoformat(), last,
                  prev_start.isoformat() if has_prev else None, prev_end.isoformat() if has_prev else None)


def _where(start: Optional[str], end: Optional[str]) -> tuple[str, list]:
    clauses, params = [], []
    if start is not None:
        clauses.append("day >= ?")
        params.append(start)
    if end is not None:
        clauses.append("day <= ?")
        params.append(end)
    return (" AND ".join(clauses) or "1"), params


_KPI_SQL = """
SELECT total(CASE WHEN is_merchandise = 1 THEN amount END)                          AS net_sales,
       total(CASE WHEN is_merchandise = 1 AND is_cancellation = 0 THEN amount END)  AS gross_sales,
       total(CASE WHEN is_merchandise = 1 AND is_cancellation = 1 THEN amount END)  AS cancellations,
       count(DISTINCT CASE WHEN is_merchandise = 1 AND is_cancellation = 0 THEN order_id END)    AS orders,
       count(DISTINCT CASE WHEN is_merchandise = 1 AND is_cancellation = 0 THEN customer_id END) AS customers,
       total(CASE WHEN is_merchandise = 1 AND is_cancellation = 0 THEN quantity END) AS units,
       count(*) AS lines
FROM lines WHERE {where}
"""


def _kpi_values(shop: Shop, start: Optional[str], end: Optional[str]) -> dict:
    where, params = _where(start, end)
    row = shop.conn.execute(_KPI_SQL.format(where=where), params).fetchone()
    names = ["net_sales", "gross_sales", "cancellations", "orders", "customers", "units", "lines"]
    out = dict(zip(names, row))
    out["aov"] = out["gross_sales"] / out["orders"] if out["orders"] else None
    out["cancellation_rate"] = (-out["cancellations"] / out["gross_sales"]) if out["gross_sales"] > 0 else None
    for k in ("net_sales", "gross_sales", "cancellations", "units"):
        out[k] = round(float(out[k]), 2)
    if out["aov"] is not None:
        out["aov"] = round(out["aov"], 2)
    return out


KPI_KEYS = ("net_sales", "orders", "customers", "aov", "cancellation_rate")


def kpis(shop: Shop, period: Period | str = "12m") -> dict:
    """Headline numbers of a period with their change against the previous equal period.

    Returns ``{"period": {...}, "current": {...}, "previous": {...} | None,
    "change": {key: relative change | None}}``; for ``cancellation_rate`` the change is the
    difference in rate points, for the others ``current / previous - 1``.
    """
    p = period_bounds(shop, period) if isinstance(period, str) else period
    cur = _kpi_values(shop, p.start, p.end)
    prev = _kpi_values(shop, p.prev_start, p.prev_end) if p.prev_start else None
    change: dict[str, Optional[float]] = {}
    for k in KPI_KEYS:
        a, b = cur.get(k), (prev or {}).get(k)
        if a is None or b is None:
            change[k] = None
        elif k == "cancellation_rate":
            change[k] = round(a - b, 6)
        else:
            change[k] = round(a / b - 1.0, 6) if b else None
    return {"period": p.to_dict(), "current": cur, "previous": prev, "change": change}


def sales_over_time(shop: Shop, freq: str = "W", period: Period | str = "12m") -> pd.DataFrame:
    """Sales per day, week (starting Monday) or month over the period.

    Columns: ``period_start`` (date string), ``gross_sales``, ``cancellations`` (≤ 0),
    ``net_sales``, ``orders``, ``partial`` (the period is cut by the data range, so its total
    is not comparable).  Days without sales count as zero.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    p = period_bounds(shop, period) if isinstance(period, str) else period
    where, params = _where(p.start, p.end)
    df = shop.query_df(
        f"SELECT day, total(CASE WHEN is_cancellation = 0 THEN amount END) AS gross_sales, "
        f"total(CASE WHEN is_cancellation = 1 THEN amount END) AS cancellations, "
        f"count(DISTINCT CASE WHEN is_cancellation = 0 THEN order_id END) AS orders "
        f"FROM lines WHERE is_merchandise = 1 AND {where} GROUP BY day ORDER BY day", params)
    cols = ["period_start", "gross_sales", "cancellations", "net_sales", "orders", "partial"]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            cols, [str, float, float, float, "int64", bool])})
    df["day"] = pd.to_datetime(df["day"])
    first = pd.Timestamp(p.start) if p.start else df["day"].min()
    last = pd.Timestamp(p.end) if p.end else df["day"].max()
    daily = df.set_index("day")[["gross_sales", "cancellations", "orders"]]
    daily = daily.reindex(pd.date_range(first, last, freq="D"), fill_value=0)
    if freq == "D":
        out = daily
        partial = np.zeros(len(out), dtype=bool)
    else:
        rule = "W-MON" if freq == "W" else "MS"
        out = daily.resample(rule, label="left", closed="left").sum()
        starts = out.index
        ends = (starts + pd.offsets.Week(1) if freq == "W" else starts + pd.offsets.MonthBegin(1)) \
            - pd.Timedelta(days=1)
        partial = np.asarray((starts < first) | (ends > last))
    out = out.reset_index(names="period_start")
    out["net_sales"] = out["gross_sales"] + out["cancellations"]
    out["partial"] = partial
    out["period_start"] = out["period_start"].dt.strftime("%Y-%m-%d")
    out["orders"] = out["orders"].astype("int64")
    for c in ("gross_sales", "cancellations", "net_sales"):
        out[c] = out[c].astype(float).round(2)
    return out[cols]


def top_products(shop: Shop, period: Period | str = "12m", n: int = 10, by: str = "net_sales") -> pd.DataFrame:
    """The ``n`` best products of the period by ``net_sales`` or ``units``.

    Columns: ``product_id``, ``product_name`` (its most frequent name), ``net_sales``,
    ``units``, ``orders``, ``share`` (of the period's net sales).
    """
    if by not in ("net_sales", "units"):
        raise ValueError("by must be 'net_sales' or 'units'")
    p = period_bounds(shop, period) if isinstance(period, str) else period
    where, params = _where(p.start, p.end)
    total = shop.scalar(f"SELECT total(amount) FROM lines WHERE is_merchandise = 1 AND {where}", params) or 0.0
    df = shop.query_df(
        f"SELECT t.product_id, coalesce(pr.product_name, t.product_id) AS product_name, "
        f"t.net_sales, t.units, t.orders FROM ("
        f"  SELECT product_id, total(amount) AS net_sales, total(quantity) AS units, "
        f"         count(DISTINCT order_id) AS orders "
        f"  FROM lines WHERE is_merchandise = 1 AND product_id IS NOT NULL AND {where} "
        f"  GROUP BY product_id ORDER BY {by} DESC, product_id LIMIT ?) t "
        f"LEFT JOIN products pr ON pr.product_id = t.product_id ORDER BY t.{by} DESC, t.product_id",
        [*params, int(n)])
    df["net_sales"] = df["net_sales"].astype(float).round(2)
    df["share"] = (df["net_sales"] / total).round(6) if total else np.nan
    return df


def sales_by_country(shop: Shop, period: Period | str = "12m", n: int = 10,
                     other_label: str = "Other", unknown_label: str = "Unknown") -> pd.DataFrame:
    """Net sales per country, the ``n`` largest and the rest summed as ``other_label``.

    Columns: ``country``, ``net_sales``, ``orders``, ``customers``, ``share``.
    """
    p = period_bounds(shop, period) if isinstance(period, str) else period
    where, params = _where(p.start, p.end)
    df = shop.query_df(
        f"SELECT coalesce(nullif(trim(country), ''), ?) AS country, total(amount) AS net_sales, "
        f"count(DISTINCT CASE WHEN is_cancellation = 0 THEN order_id END) AS orders, "
        f"count(DISTINCT CASE WHEN is_cancellation = 0 THEN customer_id END) AS customers "
        f"FROM lines WHERE is_merchandise = 1 AND {where} GROUP BY 1 ORDER BY net_sales DESC, country",
        [unknown_label, *params])
    if len(df) > n:
        head, rest = df.iloc[:n], df.iloc[n:]
        # orders/customers of "Other" are sums over countries (a customer rarely spans countries)
        other = pd.DataFrame([{"country": other_label, "net_sales": rest["net_sales"].sum(),
                               "orders": int(rest["orders"].sum()), "customers": int(rest["customers"].sum())}])
        df = pd.concat([head, other], ignore_index=True)
    total = df["net_sales"].sum()
    df["net_sales"] = df["net_sales"].astype(float).round(2)
    df["share"] = (df["net_sales"] / total).round(6) if total else np.nan
    return df


def weekday_hour(shop: Shop, period: Period | str = "12m", value: str = "net_sales") -> pd.DataFrame:
    """Sales by day of week (rows Monday=0 … Sunday=6) × hour of day (columns 0–23).

    ``value`` is ``net_sales`` (sale lines, cancellations left out so the pattern shows when
    people buy) or ``orders``.  Lines without a time of day are left out; an all-zero frame
    means the data has no times.
    """
    if value not in ("net_sales", "orders"):
        raise ValueError("value must be 'net_sales' or 'orders'")
    p = period_bounds(shop, period) if isinstance(period, str) else period
    where, params = _where(p.start, p.end)
    agg = "total(amount)" if value == "net_sales" else "count(DISTINCT order_id)"
    df = shop.query_df(
        f"SELECT (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 AS weekday, "
        f"CAST(substr(ordered_at, 12, 2) AS INTEGER) AS hour, {agg} AS value "
        f"FROM lines WHERE is_merchandise = 1 AND is_cancellation = 0 AND length(ordered_at) >= 13 "
        f"AND {where} GROUP BY 1, 2", params)
    grid = pd.DataFrame(0.0, index=pd.RangeIndex(7, name="weekday"), columns=pd.RangeIndex(24, name="hour"))
    for wd, hr, v in df.itertuples(index=False):
        if 0 <= hr <= 23:
            grid.iat[int(wd), int(hr)] = float(v)
    return grid.round(2)


def overview(shop: Shop, period: str = "12m", freq: str = "W", n: int = 10,
             progress=None, should_stop=None, partial: Optional[Callable[[str, Any], None]] = None,
             other_label: str = "Other", unknown_label: str = "Unknown") -> dict:
    """Everything the Overview shows, computed in one go with progress and cancel.

    Returns ``{"period", "kpis", "sales_over_time", "top_products", "countries", "weekday_hour"}``
    (DataFrames for the tables).  ``partial(name, value)`` is called as each part is ready,
    so a view can show the key figures while the slower parts are still running.
    """
    rep = as_reporter(progress, should_stop)
    p = period_bounds(shop, period)
    out: dict[str, Any] = {"period": p.to_dict()}
    steps = [("kpis", "key figures", lambda: kpis(shop, p)),
             ("sales_over_time", "sales over time", lambda: sales_over_time(shop, freq, p)),
             ("top_products", "top products", lambda: top_products(shop, p, n)),
             ("countries", "sales by country",
              lambda: sales_by_country(shop, p, n, other_label=other_label, unknown_label=unknown_label)),
             ("weekday_hour", "day of week and hour", lambda: weekday_hour(shop, p))]
    for i, (key, message, fn) in enumerate(steps):
        rep(i / len(steps), message)
        out[key] = fn()
        if partial is not None:
            partial(key, out[key])
    rep(1.0, "done")
    return out
