"""Time series from the shop store: the history every forecasting model trains on.

A :class:`Panel` holds S series on one regular date grid (T periods) as a ``(T, S)`` array.
Periods with no sales are zeros.  Weekdays on which the shop never trades (the UCI file has
no Saturdays) are *learned* from the shop's daily history and kept as closed days: they stay
in the daily grid with value 0, models forecast 0 for them and metrics skip them.

Weeks run Monday–Sunday and months are calendar months; the grid holds complete periods only,
so a partial last week/month (e.g. December 2011 in the UCI file) never looks like a slump.

The frequency follows the data unless asked for (:func:`detect_freq`): a file with one date
per month is forecast monthly, one date per week weekly.  Each such date stands for its whole
period, so the last month of a monthly file is complete.  Asking for a finer frequency than the
data have is an :class:`InputError`; closed weekdays exist only for daily series.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

import numpy as np
import pandas as pd

from .. import fmt
from ..i18n import N_, _
from ..errors import InputError
from ..tasks import as_reporter
from .calendar import Calendar, load_events, period_ends, resolve_country

__all__ = ["SeriesSpec", "Panel", "load_panel", "learn_closed_weekdays", "TARGETS", "LEVELS",
           "FREQS", "SEASON", "detect_freq", "FREQ_NAMES"]

TARGETS = {"net_sales": "amount", "units": "quantity"}
LEVELS = ("total", "product", "country", "store")
FREQS = ("D", "W", "M")
SEASON = {"D": 7, "W": 52, "M": 12}
YEAR = {"D": 364, "W": 52, "M": 12}          # one year in periods (364 days keeps the weekday)
FREQ_NAMES = {"D": N_("daily"), "W": N_("weekly"), "M": N_("monthly")}
AUTO_FREQ = "auto"
_LEVEL_COLUMN = {"product": "product_id", "country": "country", "store": "store"}


@dataclass(frozen=True)
class SeriesSpec:
    """Which series to build.

    ``products`` picks series by id at any non-total level; otherwise the ``top`` series by net
    sales up to ``until`` are used.  ``until`` (inclusive ISO date) cuts the history.
    """

    target: str = "net_sales"
    level: str = "total"
    freq: str = AUTO_FREQ            # "auto": follow the data (see detect_freq)
    until: Optional[str] = None
    top: int = 20
    products: Optional[tuple[str, ...]] = None
    holiday_country: Optional[str] = "auto"

    def validate(self) -> "SeriesSpec":
        """Raise InputError for unknown choices; returns self."""
        if self.target not in TARGETS:
            raise InputError(_("unknown target; expected one of {choices}").format(choices=fmt.names(sorted(TARGETS))),
                             value=self.target)
        if self.level not in LEVELS:
            raise InputError(_("unknown level; expected one of {choices}").format(choices=fmt.names(LEVELS)),
                             value=self.level)
        if self.freq not in FREQS and self.freq != AUTO_FREQ:
            raise InputError(_("unknown frequency; expected one of {choices}").format(
                choices=fmt.names([*FREQS, AUTO_FREQ])), value=self.freq)
        if self.top < 1:
            raise InputError(_("top must be at least 1"), value=str(self.top))
        return self


@dataclass
class Panel:
    """S series on one regular grid of T periods.

    ``y[t, s]`` is the target of series ``s`` in the period starting ``dates[t]``; ``price`` the
    average selling price (NaN when nothing sold) for product series; ``first[s]`` the first
    period with any sales (earlier zeros are "not yet listed", not demand).
    """

    y: np.ndarray
    dates: pd.DatetimeIndex
    freq: str
    series: list[str]
    labels: dict = field(default_factory=dict)
    target: str = "net_sales"
    level: str = "total"
    closed_weekdays: tuple[int, ...] = ()
    calendar: Calendar = field(default_factory=Calendar)
    price: Optional[np.ndarray] = None
    first: Optional[np.ndarray] = None
    freq_source: str = "asked"       # or "detected" (from the dates in the data)
    yardstick_lag: Optional[int] = None

    def __post_init__(self):
        if self.first is None:
            nz = self.y != 0
            self.first = np.where(nz.any(axis=0), nz.argmax(axis=0), len(self.dates)).astype(int)
        if self.yardstick_lag is None:
            # the yearly seasonal naive once two years of history exist; kept by head() so
            # every backtest window is scored against the same yardstick
            year = YEAR[self.freq]
            self.yardstick_lag = year if len(self.dates) >= 2 * year else SEASON[self.freq]

    @property
    def season(self) -> int:
        """Seasonal period in periods (7 days, 52 weeks, 12 months)."""
        return SEASON[self.freq]

    @property
    def n_periods(self) -> int:
        return len(self.dates)

    def head(self, n: int) -> "Panel":
        """The first ``n`` periods (history up to a backtest origin)."""
        return replace(self, y=self.y[:n], dates=self.dates[:n],
                       price=None if self.price is None else self.price[:n],
                       first=np.minimum(self.first, n))

    def future_dates(self, horizon: int, after: Optional[int] = None) -> pd.DatetimeIndex:
        """Period starts of the ``horizon`` periods after index ``after`` (default: the last)."""
        last = self.dates[-1] if after is None else self.dates[after]
        step = {"D": pd.DateOffset(days=1), "W": pd.DateOffset(weeks=1), "M": pd.DateOffset(months=1)}
        return pd.DatetimeIndex([last + step[self.freq] * k for k in range(1, horizon + 1)])

    def open_mask(self, dates: pd.DatetimeIndex) -> np.ndarray:
        """True for periods the shop can trade in (daily grid: not a learned closed weekday)."""
        if self.freq != "D" or not self.closed_weekdays:
            return np.ones(len(dates), dtype=bool)
        return ~np.isin(dates.day_of_week, self.closed_weekdays)

    def to_long(self) -> pd.DataFrame:
        """Long format ``series, date, value`` (the CLI `series` output)."""
        T, S = self.y.shape
        df = pd.DataFrame({"series": np.repeat(np.array(self.series, dtype=object), T),
                           "date": np.tile(self.dates.strftime("%Y-%m-%d").to_numpy(), S),
                           "value": np.round(self.y.T.reshape(-1), 6)})
        keep = np.concatenate([np.arange(T) >= f for f in self.first]) if S else np.zeros(0, bool)
        return df[keep].reset_index(drop=True)


def learn_closed_weekdays(days: pd.Series, first: pd.Timestamp, last: pd.Timestamp,
                          max_share: float = 0.1, min_weeks: int = 4) -> tuple[int, ...]:
    """Weekdays (0=Mon) on which the shop traded in fewer than ``max_share`` of the weeks.

    ``days`` are the dates that had any sales.  Needs ``min_weeks`` of history, else none.
    """
    grid = pd.date_range(first, last, freq="D")
    if len(grid) < 7 * min_weeks:
        return ()
    traded = pd.DatetimeIndex(pd.to_datetime(days)).day_of_week.value_counts()
    present = grid.day_of_week.value_counts()
    return tuple(int(w) for w in range(7) if traded.get(w, 0) < max_share * present.get(w, 0))


def detect_freq(days) -> str:
    """The frequency of dated values: "M" with at most one date per calendar month, "W" with at
    most one per Monday–Sunday week, else "D".  Dates further apart than a month on average
    (quarterly or yearly data) are an :class:`InputError`: forecasts are daily, weekly or monthly.
    """
    d = pd.DatetimeIndex(pd.to_datetime(pd.Series(days))).normalize().unique().sort_values()
    if len(d) < 3:
        return "D"
    gap = float(np.median(np.diff(d.values).astype("timedelta64[s]").astype(float)) / 86_400)
    months = d.to_period("M")
    if months.nunique() == len(d) and gap >= 27:
        if gap > 45:
            raise InputError(_(
                "the data have one date about every {n} days ({first} … {last}); "
                "forecasts need daily, weekly or monthly data").format(
                    n=fmt.integer(round(gap)), first=fmt.day(d[0]), last=fmt.day(d[-1])), value=f"{d[1]:%Y-%m-%d}")
        return "M"
    weeks = d - pd.to_timedelta(d.day_of_week, unit="D")
    if weeks.nunique() == len(d) and gap >= 6:
        return "W"
    return "D"


def _period_start(day: pd.Timestamp, freq: str) -> pd.Timestamp:
    if freq == "W":
        return day - pd.Timedelta(days=day.day_of_week)
    if freq == "M":
        return day.to_period("M").to_timestamp()
    return day


_ORDER = {"D": 0, "W": 1, "M": 2}
_UNIT = {"D": N_("day"), "W": N_("week"), "M": N_("month")}


def _grid(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Starts of the complete periods between two days (inclusive)."""
    if freq == "D":
        return pd.date_range(first, last, freq="D")
    if freq == "W":
        start = first + pd.Timedelta(days=(7 - first.day_of_week) % 7)       # first Monday
        starts = pd.date_range(start, last, freq="7D")
    else:
        start = first if first.day == 1 else first + pd.offsets.MonthBegin(1)
        starts = pd.date_range(start, last, freq="MS")
    return starts[period_ends(starts, freq) <= last]


def _period_index(days: pd.Series, grid: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Index into ``grid`` of the period holding each day (-1 outside the grid)."""
    d = pd.DatetimeIndex(pd.to_datetime(days))
    if freq == "D":
        start = d
    elif freq == "W":
        start = d - pd.to_timedelta(d.day_of_week, unit="D")
    else:
        start = d.to_period("M").to_timestamp()
    pos = grid.get_indexer(start)
    return pos


def load_panel(shop, spec: SeriesSpec, progress=None, should_stop=None) -> Panel:
    """Build the series of ``spec`` from the shop's merchandise lines (GUIDE §4 net sales)."""
    spec.validate()
    rep = as_reporter(progress, should_stop)
    until = spec.until or shop.scalar("SELECT max(day) FROM line_items WHERE is_merchandise = 1")
    if until is None:
        raise InputError(_("the shop holds no sales lines yet: import a file first"))
    rep(0.05, _("reading daily totals"))
    daily = shop.query_df(
        "SELECT day, total(amount) AS net_sales, total(quantity) AS units, count(*) AS n "
        "FROM lines WHERE is_merchandise = 1 AND day <= ? GROUP BY day ORDER BY day", (until,))
    if daily.empty:
        raise InputError(_("no sales on or before {day}").format(day=fmt.day(until)), value=until)
    first_day, last_day = pd.Timestamp(daily["day"].iloc[0]), pd.Timestamp(until)
    native = detect_freq(daily["day"])
    if spec.freq == AUTO_FREQ:
        freq, source = native, "detected"
    else:
        freq, source = spec.freq, "asked"
        if _ORDER[freq] < _ORDER[native]:
            raise InputError(_(
                "the data have one date per {unit}: a {wanted} forecast needs {wanted} data; use frequency "
                "{native} (or leave the frequency out to follow the data)").format(
                    unit=_(_UNIT[native]), wanted=_(FREQ_NAMES[freq]), native=native), value=freq)
    if native != "D":
        # a weekly or monthly date stands for its whole period: the first and the last
        # period of the file are complete
        first_day = _period_start(first_day, native)
        last_day = max(last_day, period_ends(pd.DatetimeIndex(
            [_period_start(pd.Timestamp(daily["day"].iloc[-1]), native)]), native)[0])
    closed = learn_closed_weekdays(daily["day"], first_day, last_day) if native == "D" and freq == "D" else ()
    grid = _grid(first_day, last_day, freq)
    if len(grid) < 3:
        raise InputError(_("too little history for frequency {freq}: {n} complete periods").format(
            freq=freq, n=fmt.integer(len(grid))))

    country = spec.holiday_country
    if country == "auto":
        country = shop.scalar("SELECT country FROM lines WHERE country IS NOT NULL "
                              "GROUP BY country ORDER BY count(*) DESC LIMIT 1")
    calendar = Calendar(resolve_country(country), load_events(shop))

    rep(0.3, _("reading series"))
    price = None
    labels: dict = {}
    if spec.level == "total":
        ids = ["total"]
        pos = _period_index(daily["day"], grid, freq)
        y = np.zeros((len(grid), 1))
        ok = pos >= 0
        np.add.at(y[:, 0], pos[ok], daily[spec.target].to_numpy(float)[ok])
        labels = {"total": _("Whole shop")}
    else:
        col = _LEVEL_COLUMN[spec.level]
        if spec.products:
            ids = [str(p) for p in spec.products]
        else:
            ids = [r for r in shop.query_df(
                f"SELECT {col} AS id FROM lines WHERE is_merchandise = 1 AND {col} IS NOT NULL "
                f"AND day <= ? GROUP BY {col} ORDER BY total(amount) DESC LIMIT ?",
                (until, spec.top))["id"]]
        if not ids:
            raise InputError(_("no {level} series with sales on or before {day}").format(
                level=spec.level, day=fmt.day(until)))
        rows = []
        for i in range(0, len(ids), 500):           # SQLite parameter limit
            chunk = ids[i:i + 500]
            rows.append(shop.query_df(
                f"SELECT {col} AS id, day, total(amount) AS net_sales, total(quantity) AS units, "
                f"total(CASE WHEN quantity > 0 AND amount > 0 THEN amount END) AS gross, "
                f"total(CASE WHEN quantity > 0 AND amount > 0 THEN quantity END) AS gross_units "
                f"FROM lines WHERE is_merchandise = 1 AND day <= ? AND {col} IN "
                f"({','.join('?' * len(chunk))}) GROUP BY {col}, day", (until, *chunk)))
            rep(0.3 + 0.6 * min(1.0, (i + 500) / len(ids)), _("reading series"))
        df = pd.concat(rows, ignore_index=True)
        missing = sorted(set(ids) - set(df["id"]))
        if spec.products and missing:
            raise InputError(_("no sales on or before {day} for {level} {name}").format(
                day=fmt.day(until), level=spec.level, name=repr(missing[0])),
                             value=missing[0])
        col_of = {s: j for j, s in enumerate(ids)}
        pos = _period_index(df["day"], grid, freq)
        ok = pos >= 0
        j = df["id"].map(col_of).to_numpy()
        y = np.zeros((len(grid), len(ids)))
        np.add.at(y, (pos[ok], j[ok]), df[spec.target].to_numpy(float)[ok])
        if spec.level == "product":
            gross = np.zeros_like(y)
            units = np.zeros_like(y)
            np.add.at(gross, (pos[ok], j[ok]), df["gross"].to_numpy(float)[ok])
            np.add.at(units, (pos[ok], j[ok]), df["gross_units"].to_numpy(float)[ok])
            with np.errstate(invalid="ignore", divide="ignore"):
                price = np.where(units > 0, gross / units, np.nan)
            names = shop.query_df(
                "SELECT product_id, product_name FROM products WHERE product_id IN "
                f"({','.join('?' * min(len(ids), 900))})", ids[:900])
            labels = dict(zip(names["product_id"], names["product_name"]))
        else:
            labels = {s: s for s in ids}
    rep(1.0, _("series ready"))
    return Panel(y=y, dates=grid, freq=freq, series=list(ids), labels=labels,
                 target=spec.target, level=spec.level, closed_weekdays=closed,
                 calendar=calendar, price=price, freq_source=source)
