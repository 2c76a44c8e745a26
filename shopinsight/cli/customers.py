"""Customer verbs: `customers` (purchase probability, churn risk, value), `segments`, `cohorts`."""
from __future__ import annotations

import argparse

from ..core.registries import CUSTOMERS
from ..core.i18n import N_, Labels, _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, parse_day
from ..core import fmt
from .common import pad as _pad


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "customers", help="who will buy again soon: purchase probability, churn risk, expected value",
        description="Score every customer: probability of a purchase in the next --horizon days, churn "
                    "risk, expected spend, RFM segment and the top reasons. Models are trained on "
                    "earlier cutoffs of the shop's own history (time-based, no look-ahead).")
    add_db(p)
    p.add_argument("--horizon", type=int, default=90, metavar="DAYS", help="prediction window (default 90)")
    p.add_argument("--until", metavar="DATE", help="use only lines up to and including DATE (ISO)")
    p.add_argument("--models", metavar="NAMES", help=CUSTOMERS.models_help())
    p.add_argument("--param", action="append", default=[], metavar="MODEL.NAME=VALUE",
                   help=CUSTOMERS.params_help())
    p.add_argument("--evaluate", action="store_true",
                   help="also backtest: train as of (last day − horizon) and score against what happened")
    p.add_argument("--threshold", type=float, default=0.5, help="probability threshold for precision/recall")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", metavar="FILE", help="write the per-customer table (.csv or .xlsx)")
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help="replace customer ids by keyed pseudonyms in --out and in the printed/JSON output "
                        "(key kept outside the shop)")
    p.add_argument("--pseudonym-key-file", metavar="FILE",
                   help="the pseudonym key (default: $SHOPINSIGHT_PSEUDONYM_KEY_FILE, else the one kept in "
                        "your config folder)")
    p.add_argument("--no-save", action="store_true", help="do not store the run in the shop")
    add_json(p)
    p.set_defaults(handler=cmd_customers)

    p = sub.add_parser("segments", help="RFM scores, named segments and k-means clusters",
                       description="RFM quintile scores and named segments (rules in the README), plus "
                                   "k-means clusters of log-RFM with k chosen by silhouette.")
    add_db(p)
    p.add_argument("--until", metavar="DATE", help="as of DATE (ISO); default the last day")
    p.add_argument("--out", metavar="FILE", help="write per-customer RFM scores and segment (.csv/.xlsx)")
    p.add_argument("--no-kmeans", action="store_true", help="skip the k-means clusters")
    add_json(p)
    p.set_defaults(handler=cmd_segments)

    p = sub.add_parser("cohorts", help="monthly acquisition cohorts: retention and revenue",
                       description="Customers grouped by the month of their first purchase; for each month "
                                   "after: share who bought (retention) and net sales.")
    add_db(p)
    p.add_argument("--until", metavar="DATE", help="use only lines up to and including DATE (ISO)")
    p.add_argument("--out", metavar="FILE", help="write the table (.csv)")
    p.add_argument("--matrix", choices=["long", "retention", "revenue"], default="long",
                   help="--out layout: long (one row per cohort and month, default) or a wide matrix")
    add_json(p)
    p.set_defaults(handler=cmd_cohorts)


def _f(v, pattern="{:.3f}"):
    try:
        return pattern.format(v) if v is not None and v == v else "–"
    except (TypeError, ValueError):
        return str(v)


def cmd_customers(args) -> int:
    if args.horizon < 1:
        raise BadInput(_("--horizon: {value} must be at least 1 day").format(value=args.horizon))
    if not 0 < args.threshold < 1:
        raise BadInput(_("--threshold: {value} must be between 0 and 1").format(value=args.threshold))
    until = parse_day(args.until, "--until")
    models = CUSTOMERS.parse_names(args.models) if args.models else None
    model_params = CUSTOMERS.parse_params(args.param)
    for name in model_params:
        if name not in (models or CUSTOMERS.defaults):
            raise BadInput(_("--param {name}.…: the model {name} is not among --models").format(name=name))
    from ..core.customers import CustomerOptions, run_customers
    from ..core.customers.export import export_scores

    options = CustomerOptions(horizon=args.horizon, until=until, models=tuple(models) if models else
                              CustomerOptions.models, evaluate=args.evaluate, threshold=args.threshold,
                              seed=args.seed, model_params=model_params or {}).validate()
    shop = open_shop(args.db)
    bar = ProgressBar()
    try:
        res = run_customers(shop, options, bar, save=not args.no_save)
    finally:
        bar.done()
    if args.out:
        export_scores(res.scores, args.out, shop=shop, pseudonymise_ids=args.pseudonymise,
                      key_file=args.pseudonym_key_file)
    result = res.to_dict()
    if args.pseudonymise:     # the same pseudonyms as in --out: no raw id on the terminal or in JSON
        from ..core.customers.export import pseudonymise
        from ..core.privacy import resolve_key
        import pandas as pd
        ids = pd.Series([str(r["customer_id"]) for r in result["top_customers"]], dtype=object)
        for r, p in zip(result["top_customers"], pseudonymise(ids, resolve_key(shop, args.pseudonym_key_file))):
            r["customer_id"] = p
    result["out"] = args.out
    emit(args, result, _human_customers)
    return 0


def _human_customers(r: dict) -> str:
    stages = Labels({"validation": N_("validation"), "test": N_("test")})
    out = [_("Customers as of {day}: {n}; probability of an order in the next {days} days").format(
        day=fmt.day(r["asof"]), n=fmt.integer(r["customers"]), days=r["horizon"])]
    for m in r["messages"]:
        out.append(_("note: {text}").format(text=m))
    if r["chosen_model"]:
        out.append(_("chosen model: {model} (trained on cutoffs {days})").format(
            model=CUSTOMERS.label(r["chosen_model"]), days=_(", ").join(fmt.day(d) for d in r["training_cutoffs"])))
        for stage, models in r["metrics"].items():
            out.append("\n" + _("{stage} metrics:").format(stage=stages.get(stage, stage)))
            out.append("  " + _pad(_("model"), 42) + f" {'ROC AUC':>8} {'PR AUC':>7} {'Brier':>7} "
                       + _pad(_("base"), 7, True) + " " + f"{'lift@10%':>8} " + _pad(_("sec"), 6, True))
            for name, m in models.items():
                out.append(f"  {_pad(CUSTOMERS.label(name)[:42], 42)} {_f(m.get('roc_auc')):>8} {_f(m.get('pr_auc')):>7} "
                           f"{_f(m.get('brier')):>7} {_f(m.get('brier_base_rate')):>7} "
                           f"{_f(m.get('top_decile_lift'), '{:.2f}'):>8} {_f(m.get('seconds'), '{:.1f}'):>6}")
        for key in ("expected_value_validation", "expected_value_test"):
            v = r.get(key)
            if v:
                out.append(_("expected value ({stage}): MAE {mae} vs naive 'same as last period' {naive}").format(
                    stage=stages.get(key.split("_")[-1], key), mae=fmt.number(v["mae"], 0),
                    naive=fmt.number(v["mae_naive"], 0)))
    if r.get("importance"):
        out.append("\n" + _("what the chosen model relies on (drop in validation AUC when shuffled):"))
        for row in r["importance"][:6]:
            out.append(f"  {row['importance']:+.3f}  {row['description']}")
    from ..core.customers.rfm import segment_label

    out.append("\n" + _("segments: {segments}").format(
        segments=_(", ").join(f"{segment_label(k)} {fmt.integer(v)}" for k, v in r["segments"].items())))
    out.append("\n" + (_("most likely to buy:") if r["chosen_model"] else _("biggest customers (no model):")))
    for c in r["top_customers"][:5]:
        p = c["purchase_probability"]
        out.append(f"  {c['customer_id']:<10} {_f(p, '{:.0%}'):>5}  {_pad(segment_label(c['segment']), 12)} "
                   f"{c['top_reasons']}")
    if r["out"]:
        out.append("\n" + _("wrote {file}").format(file=r["out"]))
    if r["run_id"]:
        out.append(_("stored as run {id}").format(id=r["run_id"]))
    return "\n".join(out)


def cmd_segments(args) -> int:
    until = parse_day(args.until, "--until")
    from ..core.customers import load_history, segments
    from ..core.customers.export import export_scores

    shop = open_shop(args.db)
    bar = ProgressBar()
    try:
        h = load_history(shop, until)
        seg = segments(h, kmeans=not args.no_kmeans, progress=bar)
    finally:
        bar.done()
    if args.out and not seg["rfm"].empty:
        export_scores(seg["rfm"].reset_index(), args.out)
    summary = seg["summary"]
    result = {
        "customers": int(len(seg["rfm"])),
        "segments": summary.round(4).to_dict(orient="records") if not summary.empty else [],
        "kmeans": {"k": seg["kmeans"].get("k"), "silhouette": seg["kmeans"].get("silhouette"),
                   "clusters": seg["clusters"].round(2).to_dict(orient="records")
                   if not seg["clusters"].empty else []},
        "messages": seg["messages"], "out": args.out,
    }
    emit(args, result, _human_segments)
    return 0


def _human_segments(r: dict) -> str:
    from ..core.customers.rfm import segment_label, segment_rule
    from ..core.i18n import ngettext

    # the words follow --lang / the locale; --json keeps the ids and English rules
    out = [ngettext("{n} customer", "{n} customers", r["customers"]).format(n=fmt.integer(r['customers']))]
    out += [_("note: {message}").format(message=m) for m in r["messages"]]
    out.append(" ".join([_pad(_("segment"), 12), _pad(_("customers"), 9, True), _pad(_("share"), 6, True),
                         _pad(_("revenue"), 8, True)]) + "  " + _("rule"))
    for s in r["segments"]:
        out.append(f"{_pad(segment_label(s['segment']), 12)} {s['customers']:>9,} {s['customer_share']:>6.0%} "
                   f"{s['revenue_share']:>8.0%}  {segment_rule(s['segment']) or s['rule']}")
    if r["kmeans"]["k"]:
        out.append("\n" + _("k-means: k = {k} (best silhouette)").format(k=r["kmeans"]["k"]))
        for c in r["kmeans"]["clusters"]:
            out.append("  " + _("cluster {n}: {description}").format(n=c["cluster"], description=c["description"]))
    return "\n".join(out)


def cmd_cohorts(args) -> int:
    until = parse_day(args.until, "--until")
    from ..core.customers import cohort_matrix, cohort_table, load_history
    from ..core.export import write_table

    with open_shop(args.db) as shop:
        t = cohort_table(load_history(shop, until))
    retention = cohort_matrix(t, "retention")
    revenue = cohort_matrix(t, "net_sales") if args.matrix == "revenue" else None
    if args.out:
        write_table({"long": t, "retention": retention, "revenue": revenue}[args.matrix], args.out, "cohorts")
    result = {"cohorts": int(t["cohort"].nunique()) if not t.empty else 0,
              "customers": int(t.drop_duplicates("cohort")["cohort_size"].sum()) if not t.empty else 0,
              "matrix": args.matrix, "retention": retention.round(4).to_dict(orient="records"),
              "out": args.out}
    if revenue is not None:
        result["revenue"] = revenue.round(2).to_dict(orient="records")
    emit(args, result, _human_cohorts)
    return 0


def _human_cohorts(r: dict) -> str:
    revenue = r["matrix"] == "revenue"
    what = (_("Net sales per cohort in month k") if revenue else _("Retention (% buying in month k)"))
    out = [_("{n} monthly cohorts, {customers} customers. {what}:").format(
        n=fmt.integer(r["cohorts"]), customers=fmt.integer(r["customers"]), what=what)]
    for row in r["revenue" if revenue else "retention"]:
        vals = [row[k] for k in row if k.startswith("m") and row[k] == row[k]][:13]
        ms = [f"{v:>9,.0f}" if revenue else f"{v * 100:4.0f}" for v in vals]
        out.append(f"  {row['cohort']} ({row['cohort_size']:>4}) " + " ".join(ms))
    if r["out"]:
        out.append(_("wrote {file}").format(file=r["out"]))
    return "\n".join(out)
