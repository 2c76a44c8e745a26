"""What a report covers and where it goes: :class:`ReportOptions` and the periods it compares."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..i18n import LANGUAGES, _

__all__ = ["ReportOptions", "ReportPeriod", "FORMATS", "resolve_period", "report_months", "month_label", "as_span"]

FORMATS = ("html", "pdf")
_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def _day(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(_("must be an ISO date (YYYY-MM-DD)"), column=name, value=str(value)) from None


def _month(value: str) -> tuple[dt.date, dt.date]:
    try:
        y, m = (int(p) for p in str(value).split("-"))
        first = dt.date(y, m, 1)
    except (ValueError, TypeError):
        raise InputError(_("a month is written YYYY-MM, e.g. 2011-11"), column="month", value=str(value)) from None
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


@dataclass(frozen=True)
class ReportOptions:
    """One report: the period (``month`` "YYYY-MM", or ``start``/``end`` ISO days, or neither =
    the last complete month of the data), the language (``lang`` "en"/"zh_CN", None = the current
    one), the output file ``out`` and its ``format`` ("html"/"pdf", None = from the suffix)."""

    out: str = ""
    month: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    lang: Optional[str] = None
    format: Optional[str] = None
    top: int = 5

    def validate(self) -> "ReportOptions":
        """Raise :class:`InputError` naming the field and value; returns self."""
        if not str(self.out or "").strip():
            raise InputError(_("choose the file to write (.pdf or .html)"), column="out", value="")
        fmt = self.resolved_format()
        if fmt not in FORMATS:
            raise InputError(_("the report is written as .pdf or .html"), column="out", value=str(self.out))
        parent = Path(self.out).expanduser().resolve().parent
        if not parent.is_dir():
            raise InputError(_("the folder does not exist"), file=str(parent), column="out", value=str(self.out))
        if self.month and (self.start or self.end):
            raise InputError(_("give a month or a from/to range, not both"), column="month", value=str(self.month))
        if self.month:
            _month(self.month)
        start, end = _day(self.start, "from"), _day(self.end, "to")
        if (start is None) != (end is None):
            raise InputError(_("give both ends of the range (from and to)"), column="from" if start is None else "to",
                             value=str(self.start or self.end))
        if start and end and start > end:
            raise InputError(_("the range starts after it ends"), column="from", value=f"{start} > {end}")
        if self.lang is not None and self.lang not in LANGUAGES:
            raise InputError(_("the language is en or zh_CN"), column="lang", value=str(self.lang))
        if int(self.top) < 1:
            raise InputError(_("must be at least 1"), column="top", value=str(self.top))
        return self

    def resolved_format(self) -> str:
        """``format`` or, when None, the one the file's suffix names ("" when neither says)."""
        if self.format:
            return str(self.format).lower()
        return _SUFFIXES.get(Path(str(self.out)).suffix.lower(), "")


@dataclass(frozen=True)
class ReportPeriod:
    """The reported days (inclusive ISO) and the two it is compared with (None when the data do
    not reach back over all of it).  ``kind`` is "month" or "range"."""

    kind: str
    start: str
    end: str
    prev_start: Optional[str]
    prev_end: Optional[str]
    ly_start: Optional[str]
    ly_end: Optional[str]
    next_start: str
    next_end: str

    @property
    def days(self) -> int:
        return (dt.date.fromisoformat(self.end) - dt.date.fromisoformat(self.start)).days + 1


def as_span(start: str, end: str):
    """``start..end`` as an explain :class:`~..explain.periods.Span`: a whole calendar month is a
    month (compared with the month before and the same month a year earlier), anything else a
    range (compared with the equally long range before and the same dates a year earlier)."""
    from ..explain.periods import Span, parse_period

    month = parse_period(start[:7])
    return month if (month.start, month.end) == (start, end) else Span(start, end, "range")


def resolve_period(options: ReportOptions, first_day: Optional[str], last_day: Optional[str]) -> ReportPeriod:
    """The period of ``options`` on a shop whose lines span ``first_day..last_day``.

    Periods and their comparisons are the ones ``explain`` uses (:mod:`..explain.periods`): a month
    is compared with the month before and the same month a year earlier; a range with the equally
    long range just before it and the same dates a year earlier.  A comparison is given only when
    the data cover all of it.  Without a month or range: the last complete calendar month of the
    data (the whole data when they span less than one)."""
    from ..explain.periods import Span, last_year, parse_period, previous, resolve

    if not first_day or not last_day:
        raise InputError(_("the shop has no sales yet"), column="month", value="")
    first, last = first_day[:10], last_day[:10]
    if options.month:
        _month(options.month)
        span = parse_period(options.month)
    elif options.start:
        span = as_span(_day(options.start, "from").isoformat(), _day(options.end, "to").isoformat())
    else:
        span = resolve(None, None, None, None, None, None, "month", last)[1]
        if span.start < first:
            span = Span(first, last, "range")
    if span.end < first or span.start > last:
        raise InputError(_("the shop has no sales in this period (its data run from {a} to {b})").format(
            a=first, b=last), column="month" if options.month else "from", value=f"{span.start}..{span.end}")
    prev, ly = previous(span), last_year(span)
    # the next period: the one whose previous period is this one
    after = dt.date.fromisoformat(span.end) + dt.timedelta(days=1)
    nxt = parse_period(after.isoformat()[:7]) if span.unit == "month" else \
        Span(after.isoformat(), (after + dt.timedelta(days=span.days - 1)).isoformat(), "range")
    prev_ok, ly_ok = prev.start >= first, ly.start >= first
    return ReportPeriod("month" if span.unit == "month" else "range", span.start, span.end,
                        prev.start if prev_ok else None, prev.end if prev_ok else None,
                        ly.start if ly_ok else None, ly.end if ly_ok else None, nxt.start, nxt.end)


def report_months(first_day: Optional[str], last_day: Optional[str]) -> list[str]:
    """The months ("YYYY-MM") a shop whose lines span ``first_day..last_day`` can report on,
    newest first (the choices of the Export report dialog)."""
    if not first_day or not last_day:
        return []
    a, b = dt.date.fromisoformat(first_day[:10]).replace(day=1), dt.date.fromisoformat(last_day[:10]).replace(day=1)
    out = []
    while b >= a:
        out.append(f"{b.year}-{b.month:02d}")
        b = (b - dt.timedelta(days=1)).replace(day=1)
    return out


def month_label(month: str) -> str:
    """A month ("YYYY-MM") in words in the current language, as the report names it."""
    from ..explain.periods import parse_period, span_label
    return span_label(parse_period(month))
