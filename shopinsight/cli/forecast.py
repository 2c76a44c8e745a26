"""Forecast verbs: `series`, `forecast`, `forecast-models`, `price-whatif`.

They call :mod:`shopinsight.core.forecast`, the same functions as the Forecast tab.
scikit-learn (and TensorFlow, for the deep model) are imported only when a verb runs.
"""
from __future__ import annotations

import argparse

from ..core.i18n import _
from ..core.registries import FORECAST
from .common import BadInput, ProgressBar, add_db, add_json, emit, models_listing, open_shop, parse_day
from ..core import fmt


def _series_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--target", choices=["net_sales", "units"], default="net_sales",
                   help="what to forecast (default net_sales: merchandise sales minus cancellations)")
    p.add_argument("--level", choices=["total", "product", "country", "store"], default="total",
                   help="one series for the shop, or one per product / country / store")
    p.add_argument("--freq", choices=["auto", "D", "W", "M"], default="auto",
                   help="day, week (Mon–Sun) or month; default auto: follow the data (one date per "
                        "month → monthly, per week → weekly, else daily)")
    p.add_argument("--until", metavar="DATE", help="use data up to and including DATE only")
    p.add_argument("--top", type=int, default=20, metavar="N",
                   help="number of series (largest net sales) at product/country/store level (default 20)")
    p.add_argument("--products", metavar="IDS", help="comma-separated series ids instead of --top")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("series", help="write the history the forecasting models train on (CSV)",
                       description="Write the series (columns series, date, value). Days without sales "
                                   "are 0; weekdays the shop never trades on are learned and kept as 0.")
    add_db(p)
    _series_options(p)
    p.add_argument("--out", required=True, metavar="FILE.csv", help="output file (.csv or .xlsx)")
    add_json(p)
    p.set_defaults(handler=cmd_series)

    p = sub.add_parser("forecast", help="backtest forecasting models and forecast the next periods",
                       description="Fit the models, optionally score them on a rolling-origin backtest "
                                   "(expanding window), choose the best per series, and forecast with "
                                   "prediction intervals. The run is stored in the shop.")
    add_db(p)
    _series_options(p)
    p.add_argument("--horizon", type=int, required=True, metavar="N", help="periods to forecast")
    p.add_argument("--models", metavar="NAMES",
                   help=FORECAST.models_help() + " " + _("'all' for every model; the baselines always run "
                                                         "(see `forecast-models`)."))
    p.add_argument("--param", action="append", default=[], metavar="MODEL.NAME=VALUE",
                   help=FORECAST.params_help())
    p.add_argument("--backtest", action="store_true",
                   help="score the models on rolling origins, choose per series, and give intervals")
    p.add_argument("--windows", type=int, default=3, metavar="K", help="backtest windows (default 3)")
    p.add_argument("--interval", type=float, default=0.8, metavar="P",
                   help="prediction interval coverage (default 0.8)")
    p.add_argument("--lead-time", type=int, metavar="N",
                   help="with --target units --level product: reorder suggestions for a lead time of N periods")
    p.add_argument("--service-level", type=float, default=0.95, metavar="P",
                   help="service level of the reorder safety stock (default 0.95)")
    p.add_argument("--stock", metavar="FILE.csv",
                   help="with --lead-time: stock per product, a CSV with header product_id,on_hand[,on_order]"
                        "[,pack_size]; order quantity = max(0, reorder point − on hand − on order). "
                        "Without it the reorder point is shown instead of an order quantity")
    p.add_argument("--pack-size", type=int, default=1, metavar="N",
                   help="with --lead-time: round order quantities up to whole packs of N (default 1)")
    p.add_argument("--reorder-out", metavar="FILE.csv", help="write the reorder suggestions here")
    p.add_argument("--out", metavar="FILE.csv",
                   help="forecast rows: series, date, model, forecast, lo, hi, selected (.csv or .xlsx)")
    p.add_argument("--no-save", action="store_true", help="do not store the run in the shop")
    p.add_argument("--explain", action="store_true",
                   help="why this forecast: each chosen forecast split into level & trend, weekday & season, "
                        "holidays & events and price, adding up to it (exact for the linear model and the "
                        "baselines, approximate for gradient boosting and the neural network)")
    add_json(p)
    p.set_defaults(handler=cmd_forecast)

    p = sub.add_parser("forecast-models", help="list the forecasting models and their parameters")
    add_json(p)
    p.set_defaults(handler=cmd_models)

    p = sub.add_parser("price-whatif", help="expected units and revenue of one product across prices")
    add_db(p)
    p.add_argument("--product", required=True, metavar="ID", help="product code")
    p.add_argument("--freq", choices=["D", "W", "M"], default="W", help="period of the regression (default W)")
    p.add_argument("--until", metavar="DATE", help="use data up to and including DATE only")
    p.add_argument("--prices", metavar="P1,P2,...", help="prices to evaluate (default: ±30%% of the last)")
    p.add_argument("--out", metavar="FILE.csv", help="write price, units, revenue")
    add_json(p)
    p.set_defaults(handler=cmd_price)


def _spec(args):
    from ..core.forecast import SeriesSpec

    products = tuple(x.strip() for x in args.products.split(",") if x.strip()) if args.products else None
    if args.top < 1:
        raise BadInput(f"--top: must be at least 1 (got {args.top})")
    return SeriesSpec(target=args.target, level=args.level, freq=args.freq,
                      until=parse_day(args.until, "--until"), top=args.top, products=products)


def cmd_series(args) -> int:
    from ..core.forecast import load_panel
    from ..core.export import write_table

    shop = open_shop(args.db)
    bar = ProgressBar()
    panel = load_panel(shop, _spec(args), progress=bar)
    bar.done()
    df = panel.to_long()
    write_table(df, args.out, "series")
    days = {0: "Mon", 1: "Tue", 2: "Wed", 3: "Thu", 4: "Fri", 5: "Sat", 6: "Sun"}
    result = {"out": args.out, "rows": len(df), "series": len(panel.series), "freq": panel.freq,
              "freq_source": panel.freq_source,
              "first": panel.dates[0].strftime("%Y-%m-%d"), "last": panel.dates[-1].strftime("%Y-%m-%d"),
              "closed_weekdays": [days[d] for d in panel.closed_weekdays]}
    emit(args, result, lambda r: (f"wrote {r['rows']} rows ({r['series']} series, {r['first']} … {r['last']}) "
                                  f"to {r['out']}" + (f"; closed on {', '.join(r['closed_weekdays'])}"
                                                      if r['closed_weekdays'] else "")))
    return 0


def cmd_forecast(args) -> int:
    from ..core.forecast import ForecastOptions, run_forecast
    from ..core.export import write_table
    from ..core.forecast.models.registry import parse_model_list

    if args.horizon < 1:
        raise BadInput(f"--horizon: must be at least 1 (got {args.horizon})")
    if args.backtest and args.windows < 1:
        raise BadInput(f"--windows: must be at least 1 (got {args.windows})")
    spec = _spec(args)
    models = tuple(parse_model_list(args.models))
    params = FORECAST.parse_params(args.param)
    opts = ForecastOptions(horizon=args.horizon, models=models, params=params,
                           windows=args.windows if args.backtest else 0, level=args.interval)
    if args.lead_time is not None and (spec.target != "units" or spec.level != "product"):
        raise BadInput("--lead-time needs --target units --level product")
    if args.lead_time is None and (args.stock or args.reorder_out):
        raise BadInput("--stock and --reorder-out need --lead-time")
    if args.lead_time is not None and not 1 <= args.lead_time <= args.horizon:
        raise BadInput(f"--lead-time: must be within 1..{args.horizon} periods (the horizon), got {args.lead_time}")
    if not 0.5 <= args.service_level < 1:
        raise BadInput(f"--service-level: must be within 0.5..0.999 (got {args.service_level})")
    if args.pack_size < 1:
        raise BadInput(f"--pack-size: must be at least 1 (got {args.pack_size})")
    stock = None
    if args.stock:
        from ..core.forecast.reorder import read_stock_csv
        stock = read_stock_csv(args.stock)          # bad file → InputError → exit 2, before the run
    shop = open_shop(args.db)
    bar = ProgressBar()
    result = run_forecast(shop, spec, opts, save=not args.no_save, progress=bar)
    bar.done()
    out = result.to_dict()
    if args.out:
        write_table(result.forecasts, args.out, "forecast")
        out["out"] = args.out
    if args.lead_time is not None:
        from ..core.forecast.reorder import reorder_table

        reorder = reorder_table(result, args.lead_time, args.service_level, stock=stock,
                                pack_size=args.pack_size)
        if args.reorder_out:
            write_table(reorder, args.reorder_out, "reorder")
            out["reorder_out"] = args.reorder_out
        out["reorder"] = reorder.head(50).astype(object).where(reorder.head(50).notna(), None).to_dict("records")
        if stock is not None:
            matched = len(set(stock) & {str(x) for x in result.selected})
            out["stock"] = {"file": args.stock, "products": len(stock), "in_forecast": matched,
                            "unknown": int(reorder["order_qty"].isna().sum())}
    if args.explain:
        from ..core.forecast.explain import explanation_dict
        out["explain"] = explanation_dict(result)
    emit(args, out, _human_forecast)
    return 0


def _human_forecast(r: dict) -> str:
    lines = [f"{r['series']} series · {r['target']} · {r['freq']} ({r['freq_source']}) · horizon {r['horizon']} · "
             f"history to {r['until']} · {r['seconds']} s" + (f" · run {r['run_id']}" if r["run_id"] else "")]
    if r["metrics"]:
        lines.append(f"{'model':26s} {'MAE':>12s} {'RMSE':>12s} {'WAPE':>7s} {'MASE':>6s} {'skill':>7s} {'cover':>6s}")
        for m, v in r["metrics"].items():
            def f(x, spec):
                return format(x, spec) if x is not None else "—"
            lines.append(f"{FORECAST.label(m)[:26]:26s} {f(v['mae'], '12,.1f')} {f(v['rmse'], '12,.1f')} {f(v['wape'], '7.3f')} "
                         f"{f(v['mase'], '6.3f')} {f(v['skill'], '+7.1%')} {f(v['coverage'], '6.1%')}")
    lines.append("chosen: " + ", ".join(f"{FORECAST.label(k)} ({v})" for k, v in r["selected_counts"].items()))
    lines += [f"note: {n}" for n in r.get("notes", [])]
    if r.get("stock"):
        st = r["stock"]
        lines.append(f"stock: {st['products']} products in {st['file']}, {st['in_forecast']} of them forecast; "
                     f"{st['unknown']} forecast products without stock (reorder point shown)")
    for row in r.get("reorder", [])[:20]:
        what = f"{row['series']} {str(row['name'])[:30]}"
        point = f"reorder point {fmt.number(row['reorder_point'], 0)} (safety stock {fmt.number(row['safety_stock'], 0)})"
        if row["order_qty"] is None:
            lines.append(f"  {what}: {row['note']} — {point}")
        elif row["order_qty"] > 0:
            lines.append(f"  order {fmt.integer(row['order_qty'])} × {what} now — {point}")
        else:
            lines.append(f"  {what}: nothing to order now"
                         + (f", reorder by {row['order_by']}" if row["order_by"] else "") + f" — {point}")
    if r.get("explain"):
        lines += _human_explain(r["explain"])
    if r.get("out"):
        lines.append(f"forecasts written to {r['out']}")
    return "\n".join(lines)


_EXPLAIN_SHOWN = 10          # series listed in the human output (--json has them all)


def _human_explain(ex: dict) -> list[str]:
    """Per series: the horizon's forecast = the sum of its parts, and how they were found."""
    out = [_("Why this forecast (sums over the horizon):")]
    for s, e in list(ex["series"].items())[:_EXPLAIN_SHOWN]:
        if not e["available"]:
            out.append(f"  {s}: {e['reason']}")
            continue
        t = e["totals"]
        parts = " + ".join(f"{ex['parts'][p]} {fmt.number(t[p], 1)}" for p in t if p != "forecast")
        out.append(f"  {s} ({FORECAST.label(e['model'])}): {fmt.number(t['forecast'], 1)} = {parts}")
        out.append(f"    {e['how']}")
    if len(ex["series"]) > _EXPLAIN_SHOWN:
        out.append("  " + _("… and {n} more series (all of them, per period, with --json)").format(
            n=len(ex["series"]) - _EXPLAIN_SHOWN))
    return out


def cmd_models(args) -> int:
    emit(args, FORECAST.describe(), lambda r: models_listing(FORECAST, r))
    return 0


def cmd_price(args) -> int:
    import numpy as np

    from ..core.export import write_table
    from ..core.forecast.price_whatif import price_whatif

    prices = None
    if args.prices:
        try:
            prices = np.array([float(x) for x in args.prices.split(",") if x.strip()])
        except ValueError:
            raise BadInput(f"--prices {args.prices!r}: expected numbers separated by commas") from None
    shop = open_shop(args.db)
    pw = price_whatif(shop, args.product, until=parse_day(args.until, "--until"), freq=args.freq, prices=prices)
    if args.out:
        write_table(pw.table, args.out, "price_whatif")
    out = {"product": pw.product_id, "name": pw.name, "last_price": pw.current_price,
           "price_coef": pw.price_coef, "recent_coef": pw.recent_coef, "recent_units": pw.recent_units,
           "periods": pw.n_periods, "price_cv": pw.price_cv, "r2": pw.r2, "warnings": pw.warnings,
           "table": pw.table.round(4).to_dict("records")}

    def human(r):
        rows = [f"{r['product']} {r['name']}: last price {r['last_price']:.2f}, {r['periods']} periods, R² {r['r2']:.2f}"]
        rows += [f"  price {t['price']:8.2f}  units {t['units']:10.1f}  revenue {t['revenue']:12.2f}"
                 + ("  (outside observed prices)" if t["extrapolated"] else "") for t in r["table"]]
        rows += [f"warning: {w}" for w in r["warnings"]]
        return "\n".join(rows)
    emit(args, out, human)
    return 0
