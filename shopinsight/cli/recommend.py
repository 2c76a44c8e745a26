"""Verbs `recommend`, `rules` and `similar`: product recommendations and frequently bought together."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core.registries import RECOMMEND
from ..core.i18n import _, ngettext
from .common import BadInput, ProgressBar, add_db, add_json, emit, frame_text, open_shop, parse_day
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("recommend", help="recommend products to every customer (and evaluate models)",
                       description=_("Top-k product recommendations for every customer known at the "
                                     "cutoff, with a reason for each. The first model listed makes "
                                     "the recommendations; --evaluate compares all of them with "
                                     "the yardsticks ({yardsticks}) on the "
                                     "purchases after --until.").format(yardsticks=", ".join(RECOMMEND.always)))
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
        raise argparse.ArgumentTypeError(_("{value} is not a number or percentage").format(value=repr(text))) from None
    if not 0 < v <= 1:
        raise argparse.ArgumentTypeError(_("{value} must be a share of orders between 0 and 1").format(value=repr(text)))
    return v


def _check_out(path):
    if path and not Path(path).resolve().parent.exists():
        raise BadInput(_("--out: folder of {file} does not exist").format(file=path))


def cmd_recommend(args: argparse.Namespace) -> int:
    from ..core.export import write_table
    from ..core.recommend.pipeline import OUT_COLUMNS, RecommendOptions, run_recommend

    if args.k < 1:
        raise BadInput(_("--k: must be at least 1, not {value}").format(value=args.k))
    until = parse_day(args.until, "--until")
    _check_out(args.out)
    models = RECOMMEND.parse_names(args.models)
    model_params = RECOMMEND.parse_params(args.param)
    if set(model_params) - {models[0]}:
        raise BadInput(_("--param: only the model that recommends ({model}) takes parameters here").format(
            model=models[0]))
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
        lines = [f"{RECOMMEND.label(r['model'])}: " + _(
            "top {k} for {n} customers (trained on {first} … {last}; run {id}, {seconds} s)").format(
                k=r["k"], n=fmt.integer(r["customers"]), first=fmt.day(r["data_from"]), last=fmt.day(r["data_to"]),
                id=r["run_id"], seconds=fmt.number(r["seconds"], 1))]
        lines.extend(res.bounded_notes())
        if res.evaluation is not None:
            ev = res.evaluation
            lines.append("\n" + _("Evaluation on purchases after the cutoff (k={k}, full ranking):").format(k=args.k))
            modes = {"include": _("incl. repurchases"), "exclude": _("new products only")}
            lines.append(frame_text(ev.assign(model=ev["model"].map(RECOMMEND.label),
                                              mode=ev["mode"].map(lambda m: modes.get(m, m)))[
                ["model", "mode", "precision", "recall", "ndcg", "hit_rate", "coverage", "customers",
                 "fit_seconds"]].round(3)))
        if args.out:
            lines.append("\n" + _("wrote {n} rows to {file}").format(n=fmt.integer(r["rows"]), file=args.out))
        else:
            lines.append("\n" + frame_text(recs[OUT_COLUMNS].head(20)))
            if len(recs) > 20:
                lines.append("... " + _("{n} more rows (use --out FILE.csv)").format(n=fmt.integer(len(recs) - 20)))
        return "\n".join(lines)
    emit(args, result, human)
    return 0


def cmd_rules(args: argparse.Namespace) -> int:

    from ..core.export import write_table
    from ..core.recommend.rules import RulesOptions, mine_basket_list, run_rules

    until = parse_day(args.until, "--until")
    _check_out(args.out)
    if bool(args.db) == bool(args.baskets):
        raise BadInput(_("rules: give either --db SHOP (the shop's orders) or --baskets FILE (a basket list)"))
    if args.baskets and args.until:
        raise BadInput(_("--until: a basket list has no dates"))
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
        def count(n: int) -> str:      # a basket list's rows are baskets, a shop's orders
            text = (ngettext("{n} basket", "{n} baskets", n) if r.get("unit") == "baskets"
                    else ngettext("{n} order", "{n} orders", n))
            return text.format(n=fmt.integer(n))

        head = _("{n} rules from {what} (support ≥ {support} = {count}, lift ≥ {lift}); {seconds} s").format(
            n=fmt.integer(r["rules"]), what=count(r["orders"]), support=fmt.percent(r["min_support"], 2),
            count=count(r["min_orders"]), lift=fmt.number(args.min_lift, 2), seconds=fmt.number(r["seconds"], 1))
        shown = rules[["antecedent_name", "consequent_name", "orders", "confidence", "lift"]].head(25).round(3)
        if r.get("unit") == "baskets":
            shown = shown.rename(columns={"orders": "baskets"})
        body = frame_text(shown) if len(rules) else _("(no rules)")
        tail = "\n" + _("wrote {n} rules to {file}").format(n=fmt.integer(len(rules)), file=args.out) if args.out else ""
        return f"{head}\n{body}{tail}"
    emit(args, result, human)
    return 0


def cmd_similar(args: argparse.Namespace) -> int:
    from ..core.recommend.pipeline import similar_products

    if args.k < 1:
        raise BadInput(_("--k: must be at least 1, not {value}").format(value=args.k))
    until = parse_day(args.until, "--until")
    with open_shop(args.db) as shop:
        res = similar_products(shop, args.product_id, k=args.k, model=args.model, until=until)
    result = {"product_id": res["product_id"], "product_name": res["product_name"],
              "model": res["model"], "similar": res["similar"].round(4).to_dict("records"),
              "bought_together": res["together"].round(4).to_dict("records")}

    def human(r: dict) -> str:
        return (f"{r['product_id']} {r['product_name']}\n\n"
                + _("Similar ({model}):").format(model=RECOMMEND.label(r["model"])) + "\n"
                + (frame_text(res["similar"].round(3)) if len(res["similar"]) else _("(none)"))
                + "\n\n" + _("Frequently bought together:") + "\n"
                + (frame_text(res["together"][["product_id", "product_name", "orders", "lift"]].round(2))
                   if len(res["together"]) else _("(none)")))
    emit(args, result, human)
    return 0
