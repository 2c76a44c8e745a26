"""The two periods an explanation compares: a month, ISO week or day and the one before it (or
the same one a year earlier), or any two date ranges."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..errors import InputError, iso_day
from ..i18n import _

__all__ = ["Span", "GRANULARITIES", "parse_period", "previous", "last_year", "resolve", "span_label"]

GRANULARITIES = ("day", "week", "month")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Span:
    """An inclusive range of days; ``unit`` is day, week, month or range (any two dates)."""

    start: str
    end: str
    unit: str = "range"

    @property
    def days(self) -> int:
        return (dt.date.fromisoformat(self.end) - dt.date.fromisoformat(self.start)).days + 1

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "unit": self.unit}


def _unit_of(day: dt.date, unit: str) -> Span:
    if unit == "day":
        return Span(day.isoformat(), day.isoformat(), "day")
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return Span(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week")
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return Span(first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat(), "month")


def parse_period(text: str, granularity: Optional[str] = None, field: str = "period") -> Span:
    """``2011-11`` (month), ``2011-W45`` (ISO week) or ``2011-11-05`` (day); with ``granularity``
    the day, week or month that holds the period's first day."""
    s = str(text).strip()
    try:
        if m := _MONTH.match(s):
            day, unit = dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        elif m := _WEEK.match(s):
            day, unit = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week"
        elif _DAY.match(s):
            day, unit = dt.date.fromisoformat(s), "day"
        else:
            raise ValueError
    except ValueError:
        raise InputError(_("a period is a month (2011-11), an ISO week (2011-W45) or a day (2011-11-05)"),
                         column=field, value=s) from None
    return _unit_of(day, granularity or unit)


def previous(span: Span) -> Span:
    """The period just before ``span``: the month, week or day before, or an equally long range."""
    start = dt.date.fromisoformat(span.start)
    if span.unit in GRANULARITIES:
        return _unit_of(start - dt.timedelta(days=1), span.unit)
    end = start - dt.timedelta(days=1)
    return Span((end - dt.timedelta(days=span.days - 1)).isoformat(), end.isoformat(), "range")


def _year_back(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:              # 29 February
        return d.replace(year=d.year - 1, day=28)


def last_year(span: Span) -> Span:
    """The same period a year earlier: the same month, the same ISO week number, the day 52 weeks
    earlier (same weekday), or the same dates."""
    start = dt.date.fromisoformat(span.start)
    if span.unit == "month":
        return _unit_of(_year_back(start), "month")
    if span.unit == "week":
        y, w, _d = start.isocalendar()
        try:
            return _unit_of(dt.date.fromisocalendar(y - 1, w, 1), "week")
        except ValueError:          # week 53 in a year with 52
            return _unit_of(dt.date.fromisocalendar(y - 1, 52, 1), "week")
    if span.unit == "day":
        return _unit_of(start - dt.timedelta(days=364), "day")
    return Span(_year_back(start).isoformat(), _year_back(dt.date.fromisoformat(span.end)).isoformat(), "range")


def _range(start: Optional[str], end: Optional[str], names: tuple[str, str]) -> Optional[Span]:
    a, b = iso_day(start, names[0]), iso_day(end, names[1])
    if a is None and b is None:
        return None
    if a is None or b is None:
        missing = names[0] if a is None else names[1]
        raise InputError(_("give both ends of the date range"), column=missing, value="")
    if a > b:
        raise InputError(_("the range starts after it ends"), column=names[0], value=f"{a} > {b}")
    return Span(a, b, "range")


def resolve(period: Optional[str], vs: Optional[str], start: Optional[str], end: Optional[str],
            vs_start: Optional[str], vs_end: Optional[str], granularity: Optional[str],
            last_day: Optional[str]) -> tuple[Span, Span]:
    """(before, after) from the options (see :class:`~.pipeline.ExplainOptions`)."""
    if granularity is not None and granularity not in GRANULARITIES:
        raise InputError(_("granularity must be day, week or month"), column="granularity", value=str(granularity))
    rng = _range(start, end, ("from", "to"))
    vs_rng = _range(vs_start, vs_end, ("vs_from", "vs_to"))
    if rng is not None and period:
        raise InputError(_("give either a period or a date range, not both"), column="period", value=str(period))
    if vs_rng is not None and vs:
        raise InputError(_("give either --vs or a comparison date range, not both"), column="vs", value=str(vs))
    if rng is not None:
        after = rng
    elif period:
        after = parse_period(period, granularity)
    else:
        if last_day is None:
            raise InputError(_("the shop has no lines yet; import a sales export first"))
        # the last complete day, week or month of the data (the current one when it is complete)
        last = dt.date.fromisoformat(last_day)
        after = _unit_of(last, granularity or "month")
        if after.end > last_day:
            after = previous(after)
    if vs_rng is not None:
        before = vs_rng
    elif vs in (None, "", "previous"):
        before = previous(after)
    elif vs == "last-year":
        before = last_year(after)
    else:
        before = parse_period(vs, granularity or (after.unit if after.unit in GRANULARITIES else None), "vs")
    return before, after


def span_label(span: Span) -> str:
    """The period in words in the current language: "October 2011", "week 45 of 2011", "5 Oct 2011",
    "2011-10-01 – 2011-10-20"."""
    from babel.dates import format_skeleton

    from .. import fmt

    start = dt.date.fromisoformat(span.start)
    if span.unit == "month":
        return format_skeleton("yMMMM", start, locale=fmt.babel_locale())
    if span.unit == "week":
        y, w, _d = start.isocalendar()
        return _("week {week} of {year}").format(week=w, year=y)
    if span.unit == "day":
        return fmt.day(start)
    from babel.dates import format_interval
    return format_interval(start, dt.date.fromisoformat(span.end), "yMMMd", locale=fmt.babel_locale())
