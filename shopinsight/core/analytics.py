"""Descriptive sales analytics over the ``lines`` view: KPIs, sales over time, top products,
sales by country, weekday × hour.  Used by the Overview tab and the ``overview`` CLI verb.

Definitions: net sales, orders and customers are those of :mod:`shopinsight.core.facts`
(GUIDE §4; the same values as ``info``, the Data tab and the quality report).  *Gross sales*
leaves cancellations out; *cancellations* is their (negative) sum; *average order value* is
gross sales ÷ orders.

Queries are parametrised SQL over one date range (inclusive ``'YYYY-MM-DD'`` bounds, None =
open).  :func:`overview` reads the shop twice — one order-level scan (:func:`order_groups`) for
everything but top products, and one covering-index scan for top products.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd

from .i18n import N_, _
from .facts import day_range
from . import fmt, summary
from .store import Shop, interruptible
from .tasks import as_reporter

__all__ = ["PERIODS", "FREQS", "Period", "period_bounds", "order_groups", "kpis", "kpi_table", "sales_over_time", "top_products",
           "sales_by_country", "weekday_hour", "overview", "interruptible", "OverviewOptions", "OverviewResult",
           "run_overview"]

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
    """The date range of ``period`` (one of :data:`PERIODS`) ending on the shop's last day.

    The range never starts before the shop's first day; the previous period is given only
    when the data covers all of it.
    """
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
    # a period longer than the data starts where the data starts (no leading empty days)
    start = max(start, dt.date.fromisoformat(first))
    return Period(start.isoformat(), last,
                  prev_start.isoformat() if has_prev else None, prev_end.isoformat() if has_prev else None)


# -- the order-level scan ---------------------------------------------------------------------
# Every Overview figure except top products is an aggregate of *order groups*: the merchandise
# lines of one (order, day, hour, customer, country, cancellation flag).  One scan builds them
# (≈ 23k groups for a year of the UCI shop); KPIs, sales over time, countries and the weekday ×
# hour grid are then exact pandas aggregations of that small frame.  This is ~4× faster than a
# scan per figure, because the distinct order/customer counts need no SQL temp B-trees each.

# A shop keeps these groups in a summary table (core/summary.py) the Overview job refreshes;
# while it matches the lines, a period's groups are read from it instead of grouping the lines.
_GROUPS_SQL = summary.GROUP_SELECT

_GROUP_COLUMNS = ["order_id", "day", "hour", "customer_id", "country", "is_cancellation", "amount", "units", "lines"]


def order_groups(shop: Shop, start: Optional[str] = None, end: Optional[str] = None) -> pd.DataFrame:
    """Merchandise lines of ``start..end`` summed per (order, day, hour, customer, country,
    cancellation flag): the frame the Overview's figures are computed from."""
    where, params = day_range(start, end)
    if summary.is_fresh(shop.conn):
        try:
            return _group_frame(summary.read_groups(shop.conn, where, params).fetchall())
        except sqlite3.OperationalError:    # the table is gone (dropped by hand): group the lines
            pass
    first, last = shop.date_range()
    # a scan in order_id order keeps the lines of each group together (the import keeps an
    # order's lines adjacent), which makes the GROUP BY much cheaper when most days are read;
    # for a short period the day index is better and the planner picks it by itself
    wide = True
    if first and last and (start or end):
        span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
        lo = dt.date.fromisoformat(max(start or first, first))
        hi = dt.date.fromisoformat(min(end or last, last))
        wide = (hi - lo).days + 1 >= 0.3 * span
    hints = ["INDEXED BY ix_line_items_order", ""] if wide else [""]
    for hint in hints:
        try:
            cur = shop.conn.execute(_GROUPS_SQL.format(hint=hint, where=where), params)
            break
        except sqlite3.OperationalError as exc:
            if "no such index" not in str(exc) or not hint:
                raise
    return _group_frame(cur.fetchall())


def _group_frame(rows: list) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=_GROUP_COLUMNS)
    df["amount"] = df["amount"].astype(float)
    df["units"] = df["units"].astype(float)
    df["is_cancellation"] = df["is_cancellation"].astype(bool)
    return df


def _kpi_values(g: pd.DataFrame) -> dict:
    from .facts import facts_from_order_groups

    sale = g[~g["is_cancellation"]]
    gross = float(sale["amount"].sum())
    canc = float(g.loc[g["is_cancellation"], "amount"].sum())
    facts = facts_from_order_groups(g)                 # orders, customers, net sales: core.facts
    orders = facts["orders"]
    out = {
        "net_sales": facts["net_sales"],
        "gross_sales": round(gross, 2),
        "cancellations": round(canc, 2),
        "orders": orders,
        "customers": facts["customers"],
        "units": round(float(sale["units"].sum()), 2),
        "lines": int(g["lines"].sum()),
        "aov": round(gross / orders, 2) if orders else None,
        "cancellation_rate": (-canc / gross) if gross > 0 else None,
    }
    return out


KPI_KEYS = ("net_sales", "orders", "customers", "aov", "cancellation_rate")


def _in(g: pd.DataFrame, start: Optional[str], end: Optional[str]) -> pd.DataFrame:
    mask = np.ones(len(g), dtype=bool)
    if start is not None:
        mask &= (g["day"] >= start).to_numpy()
    if end is not None:
        mask &= (g["day"] <= end).to_numpy()
    return g[mask]


def _resolve(shop: Shop, period: "Period | str") -> Period:
    return period_bounds(shop, period) if isinstance(period, str) else period


def kpis(shop: Shop, period: Period | str = "12m", groups: Optional[pd.DataFrame] = None) -> dict:
    """Headline numbers of a period with their change against the previous equal period.

    Returns ``{"period": {...}, "current": {...}, "previous": {...} | None,
    "change": {key: relative change | None}}``; for ``cancellation_rate`` the change is the
    difference in rate points, for the others ``current / previous - 1``.  ``groups`` is an
    :func:`order_groups` frame covering both periods (read from the shop when None).
    """
    p = _resolve(shop, period)
    g = groups if groups is not None else order_groups(shop, p.prev_start or p.start, p.end)
    cur = _kpi_values(_in(g, p.start, p.end))
    prev = _kpi_values(_in(g, p.prev_start, p.prev_end)) if p.prev_start else None
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


def kpi_table(k: dict) -> pd.DataFrame:
    """The key figures of :func:`kpis` as a table: measure, current, previous, change (the
    Overview's export)."""
    previous = k.get("previous") or {}
    return pd.DataFrame([{"measure": key, "current": k["current"].get(key), "previous": previous.get(key),
                          "change": k["change"].get(key)}
                         for key in ("net_sales", "gross_sales", "cancellations", "orders", "customers", "aov",
                                     "cancellation_rate", "units")])


def sales_over_time(shop: Shop, freq: str = "W", period: Period | str = "12m",
                    groups: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Sales per day, week (starting Monday) or month over the period.

    Columns: ``period_start`` (date string), ``gross_sales``, ``cancellations`` (≤ 0),
    ``net_sales``, ``orders``, ``partial`` (the period is cut by the data range, so its total
    is not comparable).  Days without sales count as zero.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    p = _resolve(shop, period)
    g = _in(groups, p.start, p.end) if groups is not None else order_groups(shop, p.start, p.end)
    cols = ["period_start", "gross_sales", "cancellations", "net_sales", "orders", "partial"]
    if g.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            cols, [str, float, float, float, "int64", bool])})
    sale = g[~g["is_cancellation"]]
    daily = pd.DataFrame({
        "gross_sales": sale.groupby("day")["amount"].sum(),
        "cancellations": g[g["is_cancellation"]].groupby("day")["amount"].sum(),
        "orders": sale.groupby("day")["order_id"].nunique(),
    }).fillna(0.0)
    daily.index = pd.to_datetime(daily.index)
    first = pd.Timestamp(p.start) if p.start else daily.index.min()
    last = pd.Timestamp(p.end) if p.end else daily.index.max()
    daily = daily.reindex(pd.date_range(first, last, freq="D"), fill_value=0.0)
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
    ``units``, ``share`` (of the period's net sales).  One scan of the covering day index.
    """
    if by not in ("net_sales", "units"):
        raise ValueError("by must be 'net_sales' or 'units'")
    p = _resolve(shop, period)
    where, params = day_range(p.start, p.end)
    df = shop.query_df(
        f"WITH per AS (SELECT product_id, total(amount) AS net_sales, total(quantity) AS units "
        f"             FROM line_items WHERE is_merchandise = 1 AND {where} GROUP BY product_id) "
        f"SELECT t.product_id, coalesce(pr.product_name, t.product_id) AS product_name, t.net_sales, "
        f"       t.units, (SELECT total(net_sales) FROM per) AS total "
        f"FROM (SELECT * FROM per WHERE product_id IS NOT NULL ORDER BY {by} DESC, product_id LIMIT ?) t "
        f"LEFT JOIN products pr ON pr.product_id = t.product_id ORDER BY t.{by} DESC, t.product_id",
        [*params, int(n)])
    total = float(df["total"].iloc[0]) if len(df) else 0.0
    df = df.drop(columns="total")
    df["net_sales"] = df["net_sales"].astype(float).round(2)
    df["share"] = (df["net_sales"] / total).round(6) if total else np.nan
    return df


def sales_by_country(shop: Shop, period: Period | str = "12m", n: int = 10,
                     other_label: str = "Other", unknown_label: str = "Unknown",
                     groups: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Net sales per country, the ``n`` largest and the rest summed as ``other_label``.

    Columns: ``country``, ``net_sales``, ``orders``, ``customers``, ``share``.
    """
    p = _resolve(shop, period)
    g = _in(groups, p.start, p.end) if groups is not None else order_groups(shop, p.start, p.end)
    g = g.assign(country=g["country"].fillna("").astype(str).str.strip().replace("", unknown_label))
    sale = g[~g["is_cancellation"]]
    df = pd.DataFrame({"net_sales": g.groupby("country")["amount"].sum(),
                       "orders": sale.groupby("country")["order_id"].nunique(),
                       "customers": sale.groupby("country")["customer_id"].nunique()}).fillna(0)
    df = df.reset_index(names="country").sort_values(["net_sales", "country"], ascending=[False, True],
                                                     kind="stable", ignore_index=True)
    df[["orders", "customers"]] = df[["orders", "customers"]].astype("int64")
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


def weekday_hour(shop: Shop, period: Period | str = "12m", value: str = "net_sales",
                 groups: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Sales by day of week (rows Monday=0 … Sunday=6) × hour of day (columns 0–23).

    ``value`` is ``net_sales`` (sale lines, cancellations left out so the pattern shows when
    people buy) or ``orders``.  Lines without a time of day are left out; an all-zero frame
    means the data has no times.
    """
    if value not in ("net_sales", "orders"):
        raise ValueError("value must be 'net_sales' or 'orders'")
    p = _resolve(shop, period)
    g = _in(groups, p.start, p.end) if groups is not None else order_groups(shop, p.start, p.end)
    sale = g[~g["is_cancellation"] & g["hour"].notna()]
    grid = pd.DataFrame(0.0, index=pd.RangeIndex(7, name="weekday"), columns=pd.RangeIndex(24, name="hour"))
    if not sale.empty:
        wd = pd.to_datetime(sale["day"]).dt.weekday.to_numpy()
        hr = sale["hour"].astype(int).to_numpy()
        keyed = sale.assign(weekday=wd, hour=hr)
        keyed = keyed[(keyed["hour"] >= 0) & (keyed["hour"] <= 23)]
        agg = (keyed.groupby(["weekday", "hour"])["amount"].sum() if value == "net_sales"
               else keyed.groupby(["weekday", "hour"])["order_id"].nunique())
        for (w, h), v in agg.items():
            grid.iat[int(w), int(h)] = float(v)
    return grid.round(2)


_PARTS = ("kpis", "sales_over_time", "top_products", "countries", "weekday_hour")


@dataclass(frozen=True)
class OverviewOptions:
    """What the Overview shows: the ``period`` (ending on the shop's last day, see :data:`PERIODS`),
    sales over time per ``freq`` (:data:`FREQS`), and the ``top`` products and countries."""

    period: str = "12m"
    freq: str = "W"
    top: int = 10

    def validate(self) -> "OverviewOptions":
        from .errors import InputError
        if self.period not in PERIODS:
            raise InputError(_("choose one of {choices}").format(choices=fmt.names(PERIODS)), column="period",
                             value=str(self.period))
        if self.freq not in FREQS:
            raise InputError(_("choose one of {choices}").format(choices=fmt.names(FREQS)), column="freq",
                             value=str(self.freq))
        if int(self.top) < 1:
            raise InputError(_("must be at least 1"), column="top", value=str(self.top))
        return self


@dataclass
class OverviewResult:
    """The Overview's figures: ``period`` (dict), ``kpis`` (dict) and four tables."""

    options: OverviewOptions
    period: dict
    kpis: dict
    sales_over_time: pd.DataFrame
    top_products: pd.DataFrame
    countries: pd.DataFrame
    weekday_hour: pd.DataFrame
    currency: Optional[str] = None
    run_id: Optional[int] = None
    created_at: Optional[str] = None

    def part(self, key: str) -> Any:
        return getattr(self, key)

    def save(self, shop: Shop, reporter=None) -> int:
        """Store the figures as a run of kind ``overview`` (e.g. to compare periods later)."""
        tables = {k: getattr(self, k) for k in ("sales_over_time", "top_products", "countries")}
        tables["weekday_hour"] = self.weekday_hour.reset_index(drop=True)
        self.run_id = shop.save_run("overview", params={"period": self.options.period, "freq": self.options.freq,
                                                        "top": self.options.top},
                                    metrics={"period": self.period, "kpis": self.kpis, "currency": self.currency},
                                    tables=tables, data_from=self.period.get("start"), data_to=self.period.get("end"),
                                    summary=f"overview {self.options.period}", reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop: Shop, run_id: Optional[int] = None) -> Optional["OverviewResult"]:
        """A stored overview (the newest when ``run_id`` is None), or None."""
        from .results import load_stored

        stored = load_stored(shop, "overview", run_id, OverviewOptions)
        if stored is None:
            return None
        run, t, m = stored.run, stored.table, stored.run.metrics
        return cls(stored.options, m.get("period", {}), m.get("kpis", {}), t("sales_over_time"), t("top_products"),
                   t("countries"), t("weekday_hour"), m.get("currency"), run.run_id, run.created_at)

    def to_dict(self) -> dict:
        """The figures as one JSON-able object (``overview --json``)."""
        return {"period": self.period, "currency": self.currency or None, "kpis": self.kpis["current"],
                "previous": self.kpis["previous"], "change": self.kpis["change"],
                "sales_over_time": self.sales_over_time.to_dict(orient="records"),
                "top_products": self.top_products.to_dict(orient="records"),
                "countries": self.countries.to_dict(orient="records"),
                "weekday_hour": {"weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                                 "values": self.weekday_hour.to_numpy().tolist()}}


def run_overview(shop: Shop, options: OverviewOptions = OverviewOptions(), reporter=None, *,
                 partial: Optional[Callable[[str, Any], None]] = None, other_label: str = "Other",
                 unknown_label: str = "Unknown") -> OverviewResult:
    """The Overview's figures for ``options`` (see :func:`overview`).  No run is stored; the shop's
    order-group summary (:mod:`shopinsight.core.summary`) is brought up to date first."""
    from .errors import InputError
    options.validate()
    if shop.is_empty():
        raise InputError(_("the shop has no lines yet (import a file first)"))
    rep = as_reporter(reporter)
    # the order groups kept in the shop: regrouped only for the days of new lines (core.summary)
    summary.refresh(shop, rep.sub(0.0, 0.3))
    out = overview(shop, options.period, options.freq, int(options.top), progress=rep.sub(0.3, 1.0),
                   partial=partial, other_label=other_label, unknown_label=unknown_label)
    return OverviewResult(options, out["period"], out["kpis"], *(out[k] for k in _PARTS[1:]),
                          currency=shop.get_meta("currency"))


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
    rep(0.0, _("reading orders"))
    with interruptible(shop, rep):
        g = order_groups(shop, p.prev_start or p.start, p.end)
    cur = _in(g, p.start, p.end)
    steps = [("kpis", N_("key figures"), lambda: kpis(shop, p, groups=g)),
             ("sales_over_time", N_("sales over time"), lambda: sales_over_time(shop, freq, p, groups=cur)),
             ("countries", N_("sales by country"),
              lambda: sales_by_country(shop, p, n, other_label=other_label, unknown_label=unknown_label,
                                       groups=cur)),
             ("weekday_hour", N_("day of week and hour"), lambda: weekday_hour(shop, p, groups=cur)),
             ("top_products", N_("top products"), lambda: top_products(shop, p, n))]
    for i, (key, message, fn) in enumerate(steps):
        rep(0.55 + 0.45 * i / len(steps), _(message))
        with interruptible(shop, rep):
            out[key] = fn()
        if partial is not None:
            partial(key, out[key])
    rep(1.0, _("done"))
    return out
