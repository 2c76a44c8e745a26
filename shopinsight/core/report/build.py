"""The one-page report: gather its content from the core's own analyses, then write it.

:func:`build_report` (shop, :class:`ReportOptions`, reporter) → :class:`ReportResult`.  The
content is gathered once into plain :class:`Section` blocks (texts, tables, chart images), which
the HTML writer (:mod:`.html`, a Jinja2 template) and the PDF writer (:mod:`.pdf`, Matplotlib)
both lay out, so the two formats say the same.  Every figure comes from the module that defines
it (:mod:`..analytics` / :mod:`..facts` for the KPIs, :mod:`..forecast`, :mod:`..customers`,
:mod:`..anomalies`, :mod:`..recommend.rules`); the report reads stored runs and never writes to
the shop.  The file is written to a temporary name next to the target and renamed into place at
the end: a cancelled or failed build leaves no file (and no half-written one).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from .. import fmt, i18n
from ..errors import InputError
from ..i18n import _
from ..tasks import as_reporter
from .options import ReportOptions, ReportPeriod, as_span, resolve_period

__all__ = ["Block", "Section", "ReportContent", "ReportResult", "build_report", "gather_content"]

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Block:
    """One piece of a section: ``kind`` "text" (``text``; ``style`` "lead"/"muted"), "table"
    (``columns``, ``rows``, ``align`` per column "l"/"r", ``widths`` relative) or "image" (``png``
    bytes drawn ``width_in`` × ``height_in`` inches, ``alt`` text)."""

    kind: str
    text: str = ""
    style: str = ""
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    align: str = ""
    widths: list = field(default_factory=list)
    png: bytes = b""
    width_in: float = 0.0
    height_in: float = 0.0
    alt: str = ""

    @property
    def data_uri(self) -> str:
        import base64
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Section:
    """A titled part of the page; ``span`` "full" or "half" (two halves sit side by side)."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    span: str = "full"


@dataclass
class ReportContent:
    """Everything the writers lay out, already in the report's language."""

    lang: str
    title: str
    subtitle: str
    sections: list[Section]
    footnotes: list[str]
    footer: list[str]
    period: ReportPeriod
    runs: dict = field(default_factory=dict)            # kind → run id used (None: computed now)
    versions: dict = field(default_factory=dict)


@dataclass
class ReportResult:
    """What was written."""

    path: str
    format: str
    lang: str
    period: ReportPeriod
    sections: list[str]
    runs: dict
    seconds: float
    bytes: int
    pages: Optional[int] = None
    unavailable: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "lang": self.lang,
                "period": {"start": self.period.start, "end": self.period.end, "kind": self.period.kind,
                           "previous": [self.period.prev_start, self.period.prev_end],
                           "last_year": [self.period.ly_start, self.period.ly_end],
                           "next": [self.period.next_start, self.period.next_end]},
                "sections": self.sections, "unavailable": self.unavailable, "runs": self.runs,
                "pages": self.pages, "bytes": self.bytes, "seconds": round(self.seconds, 2)}


# ------------------------------------------------------------------------------------------------
# formatting (numbers through the same helpers the rest of the core uses)
# ------------------------------------------------------------------------------------------------
def _money(x, currency: Optional[str], decimals: int = 0) -> str:
    return fmt.money(x, currency, decimals)


def _count(x) -> str:
    return fmt.integer(x)


def _pct(x, signed: bool = True) -> str:
    return fmt.percent(x, 1, signed=signed)


def _points(x) -> str:
    if fmt.is_missing(x):
        return fmt.MISSING
    return _("{n} pts").format(n=("+" if x > 0 else "") + fmt.number(x * 100, 1))


def format_day(day: Optional[str]) -> str:
    """An ISO day in the report's language (e.g. "30 Nov 2011", "2011年11月30日")."""
    return fmt.day(day) if day else fmt.MISSING


def format_range(start: Optional[str], end: Optional[str]) -> str:
    """A period in words: a calendar month by its name, otherwise "first to last"."""
    if not start or not end:
        return fmt.MISSING
    from ..explain.periods import span_label
    return span_label(as_span(start, end))


class _Notes:
    """Numbered footnotes: ``mark(text)`` returns the superscript to put after a figure."""

    def __init__(self):
        self.items: list[str] = []

    def mark(self, text: str) -> str:
        if text not in self.items:
            self.items.append(text)
        return str(self.items.index(text) + 1).translate(SUPERSCRIPTS)


def _png(fig, width_in: float, height_in: float, dpi: int = 200) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig.set_size_inches(width_in, height_in)
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=None)
    return buf.getvalue()


def _chart(fig, width_in: float, height_in: float, alt: str) -> Block:
    for ax in fig.axes:          # the section title names the chart: no second title inside it
        ax.set_title("")
    return Block("image", png=_png(fig, width_in, height_in), width_in=width_in, height_in=height_in, alt=alt)


def _unavailable(section: Section, reason: str, out: list) -> Section:
    section.blocks.append(Block("text", _("Not available: {reason}").format(reason=reason), style="muted"))
    out.append(section.key)
    return section


# ------------------------------------------------------------------------------------------------
# sections
# ------------------------------------------------------------------------------------------------
FULL_W, HALF_W = 7.2, 3.5           # drawing widths in inches on an A4 page with 0.5 in margins


def _kpi_section(shop, p: ReportPeriod, currency, notes: _Notes) -> tuple[Section, pd.DataFrame]:
    from ..analytics import Period, kpis, order_groups

    lo = min(d for d in (p.start, p.prev_start, p.ly_start, _chart_start(shop, p)) if d)
    groups = order_groups(shop, lo, p.end)            # also what the sales chart is drawn from
    vs_prev = kpis(shop, Period(p.start, p.end, p.prev_start, p.prev_end), groups=groups)
    vs_ly = kpis(shop, Period(p.start, p.end, p.ly_start, p.ly_end), groups=groups)
    cur = vs_prev["current"]
    period_note = notes.mark(_("Period: {period}; previous period: {prev}; last year: {ly}. A comparison is "
                               "left out (—) when the data do not cover all of it.").format(
        period=format_range(p.start, p.end), prev=format_range(p.prev_start, p.prev_end),
        ly=format_range(p.ly_start, p.ly_end)))
    from ..facts import FACTS

    def defined(label: str, key: str) -> str:         # the definitions of core.facts
        return _("{figure}: {definition}.").format(figure=label, definition=_(FACTS[key]))

    rows_def = [
        ("net_sales", _("Net sales"), lambda v: _money(v, currency), defined(_("Net sales"), "net_sales")),
        ("orders", _("Orders"), _count, defined(_("Orders"), "orders")),
        ("customers", _("Customers"), _count, defined(_("Customers"), "customers")),
        ("aov", _("Average order value"), lambda v: _money(v, currency, 2),
         _("Average order value: sales before cancellations ÷ orders.")),
        ("cancellation_rate", _("Cancellations"), lambda v: _pct(v, signed=False),
         _("Cancellations: cancelled and returned merchandise as a share of sales before cancellations; "
           "its change is in percentage points.")),
    ]
    rows = []
    for key, label, show, definition in rows_def:
        chg = _points if key == "cancellation_rate" else _pct
        rows.append([label + notes.mark(definition), show(cur.get(key)),
                     chg(vs_prev["change"].get(key)) if p.prev_start else fmt.MISSING,
                     chg(vs_ly["change"].get(key)) if p.ly_start else fmt.MISSING])
    sec = Section("kpis", _("How the period went") + period_note)
    sec.blocks.append(Block("table", columns=["", format_range(p.start, p.end), _("vs previous period"),
                                              _("vs last year")], rows=rows, align="lrrr", widths=[3, 2, 2, 2]))
    return sec, groups


def _sales_section(shop, p: ReportPeriod, currency, groups, notes: _Notes) -> Section:
    from ..analytics import Period, sales_over_time
    from ..sales_charts import sales_over_time_figure

    start = dt.date.fromisoformat(_chart_start(shop, p))
    freq = "W" if (dt.date.fromisoformat(p.end) - start).days > 90 else "D"
    df = sales_over_time(shop, freq, Period(start.isoformat(), p.end), groups=groups)
    fig = sales_over_time_figure(df, freq, currency=currency or "")
    if fig.axes and len(df):
        from matplotlib.dates import date2num
        a, b = date2num(pd.Timestamp(p.start)), date2num(pd.Timestamp(p.end) + pd.Timedelta(days=1))
        fig.axes[0].axvspan(a, b, color="#f2c14e", alpha=0.18, lw=0, zorder=0)
    note = notes.mark(_("Sales chart: sales and cancellations {freq} from {a} to {b}; the line is net sales, "
                        "the shaded band the reported period, lighter bars incomplete periods.").format(
        freq=_("per week") if freq == "W" else _("per day"), a=format_day(start.isoformat()), b=format_day(p.end)))
    sec = Section("sales", _("Sales over time") + note)
    sec.blocks.append(_chart(fig, FULL_W, 1.15, _("Sales over time")))
    return sec


def _chart_start(shop, p: ReportPeriod) -> str:
    """The sales chart shows the year up to the period's end (less when the data are shorter)."""
    first = shop.date_range()[0]
    return max(dt.date.fromisoformat(p.end) - dt.timedelta(days=364), dt.date.fromisoformat(first[:10])).isoformat()


def _explain_section(shop, p: ReportPeriod, currency, notes: _Notes, rep, missing: list) -> Section:
    from ..explain import ExplainOptions, bridge_figure, run_explain

    sec = Section("what_changed", _("What changed"))
    if not p.prev_start:
        return _unavailable(sec, _("no previous period to compare with"), missing)
    opts = (ExplainOptions(period=p.start[:7], vs="previous") if p.kind == "month" else
            ExplainOptions(start=p.start, end=p.end, vs_start=p.prev_start, vs_end=p.prev_end))
    try:
        res = run_explain(shop, opts, rep)
    except InputError as exc:
        return _unavailable(sec, str(exc), missing)
    sec.title += notes.mark(_("What changed: net sales of {a} against {b}, split exactly (log-mean Divisia, "
                              "LMDI-I) into orders of returning, new and guest customers, items per order, price, "
                              "product mix and cancellations; the parts add up to the change.").format(
        a=format_range(p.start, p.end), b=format_range(p.prev_start, p.prev_end)))
    sec.blocks.append(Block("text", res.text))
    fig = bridge_figure(res)
    sec.blocks.append(_chart(fig, FULL_W, 1.3, _("What changed")))
    return sec


def quick_forecast(p: ReportPeriod):
    """The forecast made for a report when no stored run answers it: total daily net sales up to
    the period's end, the baselines and the linear model, three backtest windows, for the next
    period.  Returns (SeriesSpec, ForecastOptions); a run stored with these is used as it is."""
    from ..forecast.pipeline import ForecastOptions
    from ..forecast.series import SeriesSpec

    horizon = (dt.date.fromisoformat(p.next_end) - dt.date.fromisoformat(p.next_start)).days + 1
    return (SeriesSpec(target="net_sales", level="total", freq="D", until=p.end),
            ForecastOptions(horizon=horizon, models=("naive", "seasonal_naive", "moving_average", "linear"),
                            windows=3))


def _forecast_section(shop, p: ReportPeriod, currency, notes: _Notes, rep, runs: dict, missing: list) -> Section:
    from ..forecast.charts import forecast_figure
    from ..forecast.pipeline import load_forecast, run_forecast

    sec = Section("forecast", _("Next period's forecast"), span="half")
    res = load_forecast(shop)
    if res is not None and (res.spec.level != "total" or res.spec.target != "net_sales"
                            or not len(res.history) or str(res.history["date"].max())[:10] != p.end):
        res = None                    # a stored run of another series or cut-off does not answer this
    runs["forecast"] = res.run_id if res is not None else None
    if res is None:
        try:
            spec, opts = quick_forecast(p)
            res = run_forecast(shop, spec, opts, save=False, progress=rep)
        except InputError as exc:
            return _unavailable(sec, str(exc), missing)
    fc = res.selected_forecasts()
    series = next(iter(res.selected), None)
    if series is None or fc.empty:
        return _unavailable(sec, _("no forecast for this shop"), missing)
    fc = fc[fc["series"] == series]
    dates = fc["date"].astype(str).str[:10]
    total = float(fc["forecast"].sum())
    model_id = res.selected[series]
    m = res.to_dict()["metrics"].get(model_id, {})
    model = _model_label(model_id)
    errors = period_total_errors(res, series, model_id)
    if len(errors):
        # how wrong the model's totals of a whole window were in the backtest, applied to this total
        lo, hi = total * (1 + min(errors.min(), 0.0)), total * (1 + max(errors.max(), 0.0))
        how = _("the range applies the largest shortfall and the largest excess of a window's total against its "
                "forecast in the {n} backtest windows of {h} days").format(n=len(errors), h=res.options.horizon)
    else:
        lo, hi = float(fc["lo"].sum()), float(fc["hi"].sum())
        how = _("the range adds up the daily {level:.0%} interval bounds (wider than the interval of the "
                "total)").format(level=res.options.level)
    note = notes.mark(_("Forecast: daily net sales from {a} to {b} by the model chosen in a rolling-origin backtest "
                        "({model}); {how}. Skill = 1 − MASE ÷ MASE of repeating last season; WAPE = absolute "
                        "errors ÷ actual sales, over the backtest windows.").format(
        a=format_day(dates.min()), b=format_day(dates.max()), model=model, how=how))
    sec.title += note
    text = _("{total} expected from {a} to {b}").format(total=_money(total, currency), a=format_day(dates.min()),
                                                         b=format_day(dates.max()))
    if np.isfinite(lo) and np.isfinite(hi) and (len(errors) or fc["lo"].notna().all()):
        text += " " + _("(range {lo} – {hi})").format(lo=_money(lo, currency), hi=_money(hi, currency))
    sec.blocks.append(Block("text", text + ".", style="lead"))
    skill, wape = m.get("skill"), m.get("wape")
    trust = []
    if skill is not None:
        trust.append(_("backtest skill {skill} against repeating last season").format(skill=_pct(skill)))
    if len(errors):
        trust.append(_("window totals off by {e} on average").format(e=_pct(float(np.mean(np.abs(errors))),
                                                                           signed=False)))
    elif wape is not None:
        trust.append(_("typical error (WAPE) {wape}").format(wape=_pct(wape, signed=False)))
    trust.append(_("model: {model}").format(model=model))
    sec.blocks.append(Block("text", "; ".join(trust) + ".", style="muted"))
    fig = forecast_figure(res, series, show_backtest=False, history_periods=56)
    _date_axis(fig)
    sec.blocks.append(_chart(fig, HALF_W, 0.95, _("Next period's forecast")))
    return sec


def period_total_errors(res, series: str, model: str) -> np.ndarray:
    """(actual − forecast) ÷ forecast of the total of each backtest window of ``model`` on ``series``
    (each window is as long as the run's horizon); empty without a backtest."""
    b = res.backtest
    if b is None or b.empty or not {"origin", "forecast", "actual"} <= set(b.columns):
        return np.array([])
    b = b[(b["series"].astype(str) == str(series)) & (b["model"] == model)]
    g = b.groupby("origin")[["forecast", "actual"]].sum()
    g = g[g["forecast"].abs() > 1e-9]
    return ((g["actual"] - g["forecast"]) / g["forecast"].abs()).to_numpy(dtype=float)


def _model_label(model_id: str) -> str:
    from ..forecast.models.registry import get_model
    try:
        return get_model(model_id).label
    except InputError:           # a model of another version: its id
        return model_id


def _date_axis(fig) -> None:
    """Few, translated date ticks on a narrow chart (the Overview's tick format)."""
    from ..charts import date_axis
    for ax in fig.axes:
        date_axis(ax.xaxis, minticks=3, maxticks=5)


def _customers_section(shop, p: ReportPeriod, currency, notes: _Notes, top: int, rep, missing: list) -> Section:
    from ..customers import load_history, segments
    from ..customers.data import day_text
    from ..customers.rfm import segment_label

    sec = Section("customers", _("Customers to win back"), span="half")
    history = load_history(shop, p.end)
    if history.purchases.empty:
        return _unavailable(sec, _("the shop has no known customers"), missing)
    seg = segments(history, kmeans=False, progress=rep)
    rfm, feats = seg["rfm"], seg["features"]
    if rfm.empty:
        return _unavailable(sec, _("the shop has no known customers"), missing)
    risk = rfm[rfm["segment"].isin(["Can't lose", "At risk"])].sort_values("monetary", ascending=False).head(top)
    sec.title += notes.mark(_("Customers to win back: the customers in the RFM segments \"Can't lose\" and "
                              "\"At risk\" (bought often or spent well, but not recently) as of {d}, by amount "
                              "spent to date.").format(d=format_day(p.end)))
    if risk.empty:
        sec.blocks.append(Block("text", _("No customer is at risk."), style="muted"))
        return sec
    rows = [[str(cid), segment_label(r["segment"]), format_day(day_text(int(feats.loc[cid, "last_day"]))),
             _count(r["frequency"]), _money(r["monetary"], currency)] for cid, r in risk.iterrows()]
    sec.blocks.append(Block("table", columns=[_("Customer"), _("Segment"), _("Last order"), _("Orders"),
                                              _("Spent")], rows=rows, align="lllrr", widths=[2, 2.2, 2.6, 1.3, 2]))
    return sec


def _anomalies_section(shop, p: ReportPeriod, currency, notes: _Notes, top: int, runs: dict, missing: list) -> Section:
    from ..anomalies import AnomalyResult
    from ..anomalies.reasons import reasons_text

    sec = Section("anomalies", _("Anomalies awaiting review"))
    res = AnomalyResult.load(shop)
    runs["anomalies"] = res.run_id if res is not None else None
    if res is None:
        return _unavailable(sec, _("no anomaly run yet (Find anomalies in the Anomalies tab)"), missing)
    items = res.items[res.items["state"].fillna("new") == "new"].head(min(top, 3))
    sec.title += notes.mark(_("Anomalies: the highest-ranked items of anomaly run {run} ({a} – {b}) not yet "
                              "confirmed or dismissed.").format(run=res.run_id, a=format_day(res.data_from),
                                                                b=format_day(res.data_to)))
    if items.empty:
        sec.blocks.append(Block("text", _("Nothing awaits review."), style="muted"))
        return sec
    import json
    rows = [[fmt.datetime(r["when"] or r["day"]), str(r["what"] or ""),
             reasons_text(json.loads(r["reasons_json"] or "[]")[:1], res.currency)] for _i, r in items.iterrows()]
    sec.blocks.append(Block("table", columns=[_("When"), _("What"), _("Why")], rows=rows, align="lll",
                            widths=[2.1, 2.6, 6.5]))
    return sec


def _products_section(shop, p: ReportPeriod, currency, notes: _Notes, top: int, rep, missing: list) -> Section:
    from ..analytics import Period, top_products
    from ..charts import short_label
    from ..recommend.rules import bought_together, load_baskets

    sec = Section("products", _("Best sellers and what sells with them"))
    best = top_products(shop, Period(p.start, p.end), n=top)
    sec.title += notes.mark(_("Best sellers: products by net sales in {period}; share of the period's net sales. "
                              "Bought with: the product most often in the same orders of the period (at least "
                              "2 orders, lift > 1: more often than chance).").format(period=format_range(p.start, p.end)))
    if best.empty:
        return _unavailable(sec, _("no product sales in this period"), missing)
    try:
        baskets = load_baskets(shop, until=p.end, since=p.start)
    except InputError:
        baskets = None
    rows = []
    for i, r in enumerate(best.itertuples(index=False)):
        rep(i / max(len(best), 1), _("bought together"))
        with_ = "—"
        if baskets is not None:
            try:
                bt = bought_together(baskets, str(r.product_id), n=1)
            except InputError:
                bt = pd.DataFrame()
            if len(bt):
                b = bt.iloc[0]
                with_ = _("{name} ({n} orders)").format(name=short_label(b["product_name"] or b["product_id"], 34),
                                                       n=_count(b["orders"]))
        rows.append([short_label(r.product_name, 34), _money(r.net_sales, currency),
                     _pct(r.share, signed=False), with_])
    sec.blocks.append(Block("table", columns=[_("Product"), _("Net sales"), _("Share"), _("Often bought with")],
                            rows=rows, align="lrrl", widths=[4, 1.6, 1.1, 4.5]))
    return sec


def _quality_line(shop, p: ReportPeriod, notes: _Notes) -> Section:
    from ..facts import day_range, shop_facts

    f = shop_facts(shop.conn, p.start, p.end)
    where, params = day_range(p.start, p.end)
    guest = shop.conn.execute(f"SELECT total(customer_id IS NULL AND line_kind <> 'summary') FROM line_items "
                              f"WHERE is_merchandise = 1 AND {where}", params).fetchone()[0] or 0
    rejected = shop.conn.execute("SELECT count(*) FROM rejected_rows").fetchone()[0]
    lines = f["lines"] or 0
    text = _("Data quality: {lines} lines in the period, {canc} of them cancelled or returned, {other} postage, "
             "fees or adjustments (not in sales), {guest} merchandise lines without a customer ({share}); {rejected} "
             "rows of the shop's files were rejected at import.").format(
        lines=_count(lines), canc=_count(f["cancellation_lines"]), other=_count(lines - f["merchandise_lines"]),
        guest=_count(guest), share=_pct(guest / max(f["merchandise_lines"], 1), signed=False),
        rejected=_count(rejected))
    text += notes.mark(_("Data quality: lines of {period} as imported; rejected rows over all imports (see the "
                         "Data tab).").format(period=format_range(p.start, p.end)))
    sec = Section("quality", "")
    sec.blocks.append(Block("text", text, style="muted"))
    return sec


# ------------------------------------------------------------------------------------------------
# the whole report
# ------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _language(lang: Optional[str]):
    before = i18n.current_language()
    if lang is None or lang == before:
        yield
        return
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


def gather_content(shop, options: ReportOptions, reporter=None) -> tuple[ReportContent, list[str]]:
    """The report's sections in the current language; returns (content, sections left out)."""
    from ..store import library_versions, shop_name

    rep = as_reporter(reporter)
    first, last = shop.date_range()
    p = resolve_period(options, first, last)
    currency = shop.get_meta("currency")
    notes, runs, missing = _Notes(), {}, []
    rep(0.0, _("key figures"))
    kpi, groups = _kpi_section(shop, p, currency, notes)
    rep(0.1, _("sales chart"))
    sales = _sales_section(shop, p, currency, groups, notes)
    rep(0.2, _("what changed"))
    explain = _explain_section(shop, p, currency, notes, rep.sub(0.2, 0.3), missing)
    rep(0.3, _("forecast"))
    forecast = _forecast_section(shop, p, currency, notes, rep.sub(0.3, 0.6), runs, missing)
    rep(0.6, _("customers"))
    customers = _customers_section(shop, p, currency, notes, options.top, rep.sub(0.6, 0.75), missing)
    rep(0.75, _("best sellers"))
    products = _products_section(shop, p, currency, notes, options.top, rep.sub(0.75, 0.85), missing)
    rep(0.85, _("anomalies"))
    anomalies = _anomalies_section(shop, p, currency, notes, options.top, runs, missing)
    quality = _quality_line(shop, p, notes)
    versions = library_versions()
    name = shop.get_meta("name") or shop_name(shop.path) or Path(shop.path).stem
    title = _("Monthly report") if p.kind == "month" else _("Report")
    subtitle = _("{shop} · {period} · made {now}").format(
        shop=name, period=format_range(p.start, p.end), now=format_day(dt.date.today().isoformat()))
    kinds = {"forecast": _("forecast"), "anomalies": _("anomalies")}
    run_text = ", ".join(_("{kind} run {id}").format(kind=kinds.get(k, k), id=v) for k, v in runs.items()
                         if v is not None)
    footer = [_("Stored runs used: {runs}; everything else was computed for this report.").format(
                  runs=run_text or _("none")),
              _("ShopInsight {v} · {libs}").format(
                  v=versions.get("shopinsight", ""),
                  libs=", ".join(f"{k} {v}" for k, v in versions.items() if k != "shopinsight"))]
    content = ReportContent(i18n.current_language(), title, subtitle,
                            [kpi, sales, explain, forecast, customers, products, anomalies, quality],
                            notes.items, footer, p, runs, versions)
    return content, missing


def build_report(shop, options: ReportOptions, reporter=None) -> ReportResult:
    """Gather the content, write the HTML or PDF to a temporary file next to ``options.out`` and
    rename it into place.  Progress and cancel through ``reporter``; :class:`Cancelled` (or any
    error) leaves no file behind, and an existing file at ``out`` is kept as it was."""
    t0 = time.perf_counter()
    rep = as_reporter(reporter)
    options.validate()
    fmt = options.resolved_format()
    target = Path(options.out).expanduser()
    with _language(options.lang):
        content, missing = gather_content(shop, options, rep.sub(0.0, 0.85))
        rep(0.85, _("writing the report"))
        tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
        pages = None
        try:
            if fmt == "html":
                from .html import write_html
                write_html(content, tmp)
            else:
                from .pdf import write_pdf
                pages = write_pdf(content, tmp, rep.sub(0.85, 0.99))
            rep.check()                        # the last chance to cancel: nothing is in place yet
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        rep.mark_committed()
        lang = content.lang
    rep(1.0, _("done"))
    return ReportResult(str(target), fmt, lang, content.period, [s.key for s in content.sections],
                        content.runs, time.perf_counter() - t0, target.stat().st_size, pages, missing)

