"""Forecast verbs: `series`, `forecast`, `forecast-models`, `price-whatif`.

They call :mod:`shopinsight.core.forecast`, the same functions as the Forecast tab.
scikit-learn (and TensorFlow, for the deep model) are imported only when a verb runs.
"""
from __future__ import annotations

import argparse

from ..core.i18n import _
from ..core.registries import FORECAST
from .common import BadInput, ProgressBar, add_db, add_json, emit, models_listing, open_shop, pad, parse_day
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
        raise BadInput(_("{option}: must be at least 1 (got {value})").format(option="--top", value=args.top))
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
    emit(args, result, lambda r: (
        _("wrote {n} rows ({series} series, {first} … {last}) to {file}").format(
            n=fmt.integer(r["rows"]), series=fmt.integer(r["series"]), first=fmt.day(r["first"]),
            last=fmt.day(r["last"]), file=r["out"])
        + ("; " + _("closed on {days}").format(days=_(", ").join(fmt.weekday_names()[d] for d in panel.closed_weekdays)) if r["closed_weekdays"] else "")))
    return 0


def cmd_forecast(args) -> int:
    from ..core.forecast import ForecastOptions, run_forecast
    from ..core.export import write_table
    from ..core.forecast.models.registry import parse_model_list

    if args.horizon < 1:
        raise BadInput(_("{option}: must be at least 1 (got {value})").format(option="--horizon", value=args.horizon))
    if args.backtest and args.windows < 1:
        raise BadInput(_("{option}: must be at least 1 (got {value})").format(option="--windows", value=args.windows))
    spec = _spec(args)
    parse_model_list(args.models)       # unknown or unavailable model: before any work
    # the models the user named (the core adds the baselines; without a backtest it chooses among
    # the named ones first)
    models = tuple(FORECAST.parse_names(args.models))
    params = FORECAST.parse_params(args.param)
    opts = ForecastOptions(horizon=args.horizon, models=models, params=params,
                           windows=args.windows if args.backtest else 0, level=args.interval)
    if args.lead_time is not None and (spec.target != "units" or spec.level != "product"):
        raise BadInput(_("--lead-time needs --target units --level product"))
    if args.lead_time is None and (args.stock or args.reorder_out):
        raise BadInput(_("--stock and --reorder-out need --lead-time"))
    if args.lead_time is not None and not 1 <= args.lead_time <= args.horizon:
        raise BadInput(_("--lead-time: must be within 1..{n} periods (the horizon), got {value}").format(
            n=args.horizon, value=args.lead_time))
    if not 0.5 <= args.service_level < 1:
        raise BadInput(_("--service-level: must be within 0.5..0.999 (got {value})").format(value=args.service_level))
    if args.pack_size < 1:
        raise BadInput(_("{option}: must be at least 1 (got {value})").format(option="--pack-size",
                                                                                value=args.pack_size))
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
    from ..core.forecast.pipeline import chosen_text
    from ..core.runs import value_label

    lines = [_("{n} series · {target} · {freq} ({source}) · horizon {horizon} · history to {until} · {seconds} s")
             .format(n=fmt.integer(r["series"]), target=value_label(r["target"]), freq=value_label(r["freq"]),
                     source=value_label(r["freq_source"]), horizon=r["horizon"], until=fmt.day(r["until"]),
                     seconds=fmt.number(r["seconds"], 1))
             + (" · " + _("run {id}").format(id=r["run_id"]) if r["run_id"] else "")]
    if r["metrics"]:
        lines.append(pad(_("model"), 26) + f" {'MAE':>12s} {'RMSE':>12s} {'WAPE':>7s} {'MASE':>6s} "
                     + pad(_("skill"), 7, right=True) + " " + pad(_("cover"), 6, right=True))
        for m, v in r["metrics"].items():
            def f(x, spec):
                return format(x, spec) if x is not None else "—"
            lines.append(pad(FORECAST.label(m)[:26], 26) + f" {f(v['mae'], '12,.1f')} {f(v['rmse'], '12,.1f')} "
                         f"{f(v['wape'], '7.3f')} {f(v['mase'], '6.3f')} {f(v['skill'], '+7.1%')} "
                         f"{f(v['coverage'], '6.1%')}")
    lines.append(_("chosen: {models}").format(models=chosen_text(r["selected_counts"])))
    lines += [_("note: {text}").format(text=n) for n in r.get("notes", [])]
    if r.get("stock"):
        st = r["stock"]
        lines.append(_("stock: {products} products in {file}, {in_forecast} of them forecast; {unknown} forecast "
                       "products without stock (reorder point shown)").format(
            products=fmt.integer(st["products"]), file=st["file"], in_forecast=fmt.integer(st["in_forecast"]),
            unknown=fmt.integer(st["unknown"])))
    for row in r.get("reorder", [])[:20]:
        what = f"{row['series']} {str(row['name'])[:30]}"
        point = _("reorder point {point} (safety stock {safety})").format(
            point=fmt.number(row["reorder_point"], 0), safety=fmt.number(row["safety_stock"], 0))
        if row["order_qty"] is None:
            lines.append(f"  {what}: {row['note']} — {point}")
        elif row["order_qty"] > 0:
            lines.append("  " + _("order {n} × {product} now").format(n=fmt.integer(row["order_qty"]), product=what)
                         + f" — {point}")
        else:
            lines.append(f"  {what}: " + (_("nothing to order now, reorder by {day}").format(day=fmt.day(row["order_by"]))
                                          if row["order_by"] else _("nothing to order now")) + f" — {point}")
    if r.get("explain"):
        lines += _human_explain(r["explain"])
    if r.get("out"):
        lines.append(_("forecasts written to {file}").format(file=r["out"]))
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
            raise BadInput(_("--prices {value}: expected numbers separated by commas").format(
                value=repr(args.prices))) from None
    shop = open_shop(args.db)
    pw = price_whatif(shop, args.product, until=parse_day(args.until, "--until"), freq=args.freq, prices=prices)
    if args.out:
        write_table(pw.table, args.out, "price_whatif")
    out = {"product": pw.product_id, "name": pw.name, "last_price": pw.current_price,
           "price_coef": pw.price_coef, "recent_coef": pw.recent_coef, "recent_units": pw.recent_units,
           "periods": pw.n_periods, "price_cv": pw.price_cv, "r2": pw.r2, "warnings": pw.warnings,
           "table": pw.table.round(4).to_dict("records")}

    def human(r):
        rows = [f"{r['product']} {r['name']}: " + _("last price {price}, {n} periods, R² {r2}").format(
            price=fmt.number(r["last_price"], 2), n=fmt.integer(r["periods"]), r2=fmt.number(r["r2"], 2))]
        rows += ["  " + _("price {price}  units {units}  revenue {revenue}").format(
                     price=pad(fmt.number(t["price"], 2), 8, right=True), units=pad(fmt.number(t["units"], 1), 10, right=True),
                     revenue=pad(fmt.number(t["revenue"], 2), 12, right=True))
                 + ("  " + _("(outside observed prices)") if t["extrapolated"] else "") for t in r["table"]]
        rows += [_("warning: {text}").format(text=w) for w in r["warnings"]]
        return "\n".join(rows)
    emit(args, out, human)
    return 0
