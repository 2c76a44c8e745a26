"""Verbs `recommend`, `rules` and `similar`: product recommendations and frequently bought together."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core.registries import RECOMMEND
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, parse_day
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("recommend", help="recommend products to every customer (and evaluate models)",
                       description="Top-k product recommendations for every customer known at the "
                                   "cutoff, with a reason for each. The first model listed makes "
                                   "the recommendations; --evaluate compares all of them with "
                                   "the yardsticks (" + ", ".join(RECOMMEND.always) + ") on the "
                                   "purchases after --until.")
    add_db(p)
    p.add_argument("--models", default=",".join(RECOMMEND.defaults), metavar="NAMES",
                   help=RECOMMEND.models_help())
    p.add_argument("--param", action="append", default=[], metavar="MODEL.NAME=VALUE",
                   help=RECOMMEND.params_help())
    p.add_argument("--k", type=int, default=10, help="products per customer (default 10)")
    p.add_argument("--until", metavar="DATE",
                   help="train only on lines up to and including DATE (ISO)")
    p.add_argument("--exclude-purchased", action="store_true",
                   help="never recommend products the customer already bought")
    p.add_argument("--evaluate", action="store_true",
                   help="score the models on purchases after --until (default: the last 28 days)")
    tune = p.add_mutually_exclusive_group()
    tune.add_argument("--tune", action="store_true",
                      help="tune the model's parameters on a validation split first (slower; the result is "
                           "stored and reused by later runs on similar data)")
    tune.add_argument("--no-tune", action="store_true",
                      help="do not tune (the default): reuse parameters tuned by an earlier run on nearly "
                           "the same data, else the model's defaults")
    p.add_argument("--out", metavar="FILE", help="write all recommendations to FILE (.csv or .xlsx)")
    add_json(p)
    p.set_defaults(handler=cmd_recommend)

    p = sub.add_parser("rules", help="frequently bought together (association rules)",
                       description="Association rules over orders: support, confidence, lift. "
                                   "Mines the shop's orders (--db), or a basket-list file (--baskets).")
    add_db(p, required=False)
    p.add_argument("--baskets", metavar="FILE",
                   help="mine a basket-list file instead of a shop: one basket per line, items separated "
                        "by commas, no header (the classic market-basket format)")
    p.add_argument("--min-support", type=_fraction, default=None, metavar="S",
                   help="minimum share of orders, e.g. 0.005 or 0.5%% "
                        "(default: chosen to give about 200 rules)")
    p.add_argument("--min-lift", type=float, default=1.0, metavar="L", help="minimum lift (default 1)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="C",
                   help="minimum confidence (default 0)")
    p.add_argument("--max-size", type=int, choices=(2, 3), default=3,
                   help="products per rule: 2 (A → B) or 3 (A + B → C; default)")
    p.add_argument("--until", metavar="DATE", help="use only orders up to and including DATE")
    p.add_argument("--out", metavar="FILE", help="write the rules to FILE (.csv or .xlsx)")
    add_json(p)
    p.set_defaults(handler=cmd_rules)

    p = sub.add_parser("similar", help="products similar to one product, and bought with it")
    add_db(p)
    p.add_argument("product_id", metavar="PRODUCT_ID")
    p.add_argument("--k", type=int, default=10, help="how many products (default 10)")
    p.add_argument("--model", default="itemknn", help=RECOMMEND.models_help("itemknn", several=False))
    p.add_argument("--until", metavar="DATE", help="use only lines up to and including DATE")
    add_json(p)
    p.set_defaults(handler=cmd_similar)


def _fraction(text: str) -> float:
    t = text.strip()
    try:
        v = float(t[:-1]) / 100 if t.endswith("%") else float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number or percentage") from None
    if not 0 < v <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be a share of orders between 0 and 1")
    return v


def _check_out(path):
    if path and not Path(path).resolve().parent.exists():
        raise BadInput(f"--out: folder of {path} does not exist")


def cmd_recommend(args: argparse.Namespace) -> int:
    from ..core.export import write_table
    from ..core.recommend.pipeline import OUT_COLUMNS, RecommendOptions, run_recommend

    if args.k < 1:
        raise BadInput(f"--k: must be at least 1, not {args.k}")
    until = parse_day(args.until, "--until")
    _check_out(args.out)
    models = RECOMMEND.parse_names(args.models)
    model_params = RECOMMEND.parse_params(args.param)
    if set(model_params) - {models[0]}:
        raise BadInput(f"--param: only the model that recommends ({models[0]}) takes parameters here")
    options = RecommendOptions(models=tuple(models), k=args.k, until=until, exclude_purchased=args.exclude_purchased,
                               evaluate=args.evaluate, tune=args.tune, model_params=model_params).validate()
    bar = ProgressBar()
    with open_shop(args.db) as shop:
        res = run_recommend(shop, options, bar)
    bar.done()
    recs = res.recommendations
    if args.out:
        write_table(recs[OUT_COLUMNS], args.out, "recommendations")
    result = res.to_dict(recommendations=not args.out)
    result["out"] = args.out

    def human(r: dict) -> str:
        lines = [f"{RECOMMEND.label(r['model'])}: top {r['k']} for {r['customers']} customers "
                 f"(trained on {r['data_from']} … {r['data_to']}; run {r['run_id']}, {r['seconds']} s)"]
        if res.evaluation is not None:
            ev = res.evaluation
            lines.append(f"\nEvaluation on purchases after the cutoff (k={args.k}, full ranking):")
            lines.append(ev.assign(model=ev["model"].map(RECOMMEND.label))[
                ["model", "mode", "precision", "recall", "ndcg", "hit_rate", "coverage", "customers",
                 "fit_seconds"]].round(3).to_string(index=False))
        if args.out:
            lines.append(f"\nwrote {r['rows']} rows to {args.out}")
        else:
            lines.append("\n" + recs[OUT_COLUMNS].head(20).to_string(index=False))
            if len(recs) > 20:
                lines.append(f"... {len(recs) - 20} more rows (use --out FILE.csv)")
        return "\n".join(lines)
    emit(args, result, human)
    return 0


def cmd_rules(args: argparse.Namespace) -> int:

    from ..core.export import write_table
    from ..core.recommend.rules import RulesOptions, mine_basket_list, run_rules

    until = parse_day(args.until, "--until")
    _check_out(args.out)
    if bool(args.db) == bool(args.baskets):
        raise BadInput("rules: give either --db SHOP (the shop's orders) or --baskets FILE (a basket list)")
    if args.baskets and args.until:
        raise BadInput("--until: a basket list has no dates")
    options = RulesOptions(min_support=args.min_support, min_confidence=args.min_confidence,
                           min_lift=args.min_lift, max_size=args.max_size, until=until).validate()
    bar = ProgressBar()
    if args.baskets:
        res = mine_basket_list(args.baskets, options, bar)
    else:
        with open_shop(args.db) as shop:
            res = run_rules(shop, options, bar)
    bar.done()
    rules = res.rules
    if args.out:
        write_table(rules, args.out, "rules")
    result = {**res.to_dict(rules=not args.out), "out": args.out}

    def human(r: dict) -> str:
        what = f"{fmt.integer(r['baskets'])} baskets" if "baskets" in r else f"{fmt.integer(r['orders'])} orders"
        head = (f"{r['rules']} rules from {what} (support ≥ {fmt.percent(r['min_support'], 2)} = "
                f"{r['min_orders']} orders, lift ≥ {args.min_lift}); {r['seconds']} s")
        body = rules[["antecedent_name", "consequent_name", "orders", "confidence", "lift"]] \
            .head(25).round(3).to_string(index=False) if len(rules) else "(no rules)"
        tail = f"\nwrote {len(rules)} rules to {args.out}" if args.out else ""
        return f"{head}\n{body}{tail}"
    emit(args, result, human)
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    from ..core.recommend.pipeline import similar_products

    if args.k < 1:
        raise BadInput(f"--k: must be at least 1, not {args.k}")
    until = parse_day(args.until, "--until")
    with open_shop(args.db) as shop:
        res = similar_products(shop, args.product_id, k=args.k, model=args.model, until=until)
    result = {"product_id": res["product_id"], "product_name": res["product_name"],
              "model": res["model"], "similar": res["similar"].round(4).to_dict("records"),
              "bought_together": res["together"].round(4).to_dict("records")}

    def human(r: dict) -> str:
        return (f"{r['product_id']} {r['product_name']}\n\nSimilar ({RECOMMEND.label(r['model'])}):\n"
                + (res["similar"].round(3).to_string(index=False) if len(res["similar"]) else "(none)")
                + "\n\nFrequently bought together:\n"
                + (res["together"][["product_id", "product_name", "orders", "lift"]].round(2)
                   .to_string(index=False) if len(res["together"]) else "(none)"))
    emit(args, result, human)
    return 0
