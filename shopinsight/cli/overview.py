"""``shopinsight overview``: the Overview tab's figures and charts, headless."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core import fmt
from ..core.i18n import _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, pad


def register(sub) -> None:
    p = sub.add_parser("overview", help="key figures, sales over time, top products, countries, weekday × hour",
                       description="What the Overview tab shows: KPIs with the change against the previous "
                                   "period, and the tables behind its charts (optionally the charts as PNG/SVG/PDF).")
    add_db(p)
    p.add_argument("--period", choices=["30d", "90d", "12m", "all"], default="12m",
                   help="period ending on the shop's last day (default 12m)")
    p.add_argument("--freq", choices=["D", "W", "M"], default="W", help="sales over time per day, week or month")
    p.add_argument("--top", type=int, default=10, metavar="N", help="products and countries to list (default 10)")
    p.add_argument("--charts", metavar="DIR", help="also save the four charts into DIR")
    p.add_argument("--format", choices=["png", "svg", "pdf"], default="png", help="chart file format (default png)")
    add_json(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..core.analytics import OverviewOptions, run_overview

    if args.top < 1:
        raise BadInput(_("--top must be at least 1"))
    options = OverviewOptions(args.period, args.freq, args.top).validate()
    bar = ProgressBar()
    with open_shop(args.db) as shop:
        if shop.is_empty():
            raise BadInput(_("{shop}: the shop has no lines yet (import a file first)").format(shop=args.db))
        res = run_overview(shop, options, bar)
        currency = res.currency or ""
    bar.done()
    files = []
    if args.charts:
        from ..core import sales_charts as sc
        from ..core.charts import save_figure
        folder = Path(args.charts)
        folder.mkdir(parents=True, exist_ok=True)
        figs = {"sales_over_time": sc.sales_over_time_figure(res.sales_over_time, args.freq, currency),
                "top_products": sc.top_products_figure(res.top_products, currency),
                "sales_by_country": sc.countries_figure(res.countries, currency),
                "weekday_hour": sc.weekday_hour_figure(res.weekday_hour, currency)}
        for name, fig in figs.items():
            files.append(str(save_figure(fig, folder / f"{name}.{args.format}")))
    result = {**res.to_dict(), "charts": files}
    emit(args, result, _human)
    return 0


def _human(r: dict) -> str:
    k, c, p = r["kpis"], r["change"], r["period"]

    def money(v) -> str:
        return fmt.money(v or 0, r["currency"])

    def ch(key: str) -> str:
        v = c.get(key)
        return "" if v is None else "  (" + _("{change} vs previous period").format(
            change=fmt.percent(v, signed=True)) + ")"

    def kpi(label: str, value: str, tail: str) -> str:
        return f"  {pad(label, 16)} {value:>14}{tail}"

    lines = [_("Period {start} – {end}").format(start=fmt.day(p["start"]), end=fmt.day(p["end"])),
             kpi(_("net sales"), money(k["net_sales"]), ch("net_sales")),
             kpi(_("orders"), fmt.integer(k["orders"]), ch("orders")),
             kpi(_("customers"), fmt.integer(k["customers"]), ch("customers")),
             kpi(_("avg order value"), money(k["aov"]), ch("aov")),
             kpi(_("cancellations"), money(k["cancellations"]), "  (" + _("{share} of sales").format(
                 share=fmt.percent(k["cancellation_rate"] or 0)) + ")"),
             _("Top products:")]
    for t in r["top_products"]:
        lines.append(f"  {t['product_id']:<10} {str(t['product_name'])[:40]:<40} {money(t['net_sales']):>12}")
    lines.append(_("Countries:"))
    for t in r["countries"]:
        lines.append(f"  {t['country']:<24} {money(t['net_sales']):>14}  {fmt.percent(t['share']):>6}")
    if r["charts"]:
        lines.append(_("Charts: {files}").format(files=", ".join(r["charts"])))
    return "\n".join(lines)
