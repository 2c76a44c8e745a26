"""`shopinsight anomalies`: rank unusual lines, orders, days and customers; review them; self-test.

The same core calls as the Anomalies tab (:mod:`shopinsight.core.anomalies`).
"""
from __future__ import annotations

import argparse

from ..core import fmt
from ..core.i18n import N_, Labels, _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, parse_day

#: review states as shown (the ids stay in --json and --review)
STATE_LABELS = Labels({"new": N_("new"), "confirmed": N_("confirmed"), "dismissed": N_("dismissed")})


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "anomalies", help="rank unusual lines, orders, days and customers, with reasons",
        description="Rank unusual items (price typos, quantity spikes, repeated orders, days with lost "
                    "lines, customers who cancel again and again) with reasons in words. The run is stored "
                    "in the shop; dismissed items are not raised again. --review stores a verdict, "
                    "--self-test injects known problems into a copy of the shop and counts what is found.")
    add_db(p)
    p.add_argument("--level", choices=["lines", "orders", "days", "customers", "all"], default="all",
                   help="what to look at (default all)")
    p.add_argument("--since", metavar="DATE", help="items on or after DATE")
    p.add_argument("--until", metavar="DATE", help="items on or before DATE (nothing later is used)")
    p.add_argument("--top", type=int, default=50, metavar="N", help="items to print (default 50)")
    p.add_argument("--models", metavar="NAMES", default="rules,iforest",
                   help="comma-separated scorers: rules, iforest, autoencoder (full edition; slower) "
                        "(default rules,iforest)")
    p.add_argument("--out", metavar="FILE.csv", help="write the ranked items (.csv or .xlsx)")
    p.add_argument("--review", action="append", default=[], metavar="KEY=STATE",
                   help="store a verdict: KEY is line:ID, order:ID, day:DATE, week:MONDAY or customer:ID; STATE is "
                        "confirmed, dismissed or new (repeatable)")
    p.add_argument("--self-test", action="store_true",
                   help="inject known problems into a copy of recent history and report what is found")
    p.add_argument("--seed", type=int, default=0, help="seed of the self-test (default 0)")
    p.add_argument("--no-save", action="store_true", help="do not store the run in the shop")
    add_json(p)
    p.set_defaults(handler=cmd_anomalies)


def _models(text: str) -> tuple[str, ...]:
    return tuple(m.strip() for m in (text or "").split(",") if m.strip())


def cmd_anomalies(args) -> int:
    from ..core.anomalies import AnomalyOptions, run_anomalies, set_review
    from ..core.export import write_table

    if args.top < 1:
        raise BadInput(_("--top: must be at least 1 (got {value})").format(value=args.top))
    reviews = []
    for item in args.review:
        key, eq, state = item.rpartition("=")
        if not eq or not key:
            raise BadInput(_("--review {item}: expected KEY=confirmed|dismissed|new, e.g. order:581483=dismissed")
                           .format(item=repr(item)))
        reviews.append((key.strip(), state.strip()))
    opts = AnomalyOptions(level=args.level, since=parse_day(args.since, "--since"),
                          until=parse_day(args.until, "--until"), top=args.top, models=_models(args.models))
    if reviews:
        from ..core.anomalies import check_review
        for key, state in reviews:        # check all before storing any
            check_review(key, state)
        shop = open_shop(args.db)
        done = [set_review(shop, key, state) for key, state in reviews]
        emit(args, {"reviews": done}, _human_reviews)
        return 0
    if args.self_test:
        from ..core.anomalies import run_self_test
        shop = open_shop(args.db)
        bar = ProgressBar(enabled=True)
        res = run_self_test(shop, seed=args.seed, top=100, save=not args.no_save, progress=bar)
        bar.done()
        emit(args, res.to_dict(), lambda r: r["summary"] + " · " + _("precision of the top 40 {value}").format(
            value=fmt.number(r["precision"], 2)))
        return 0
    opts.validate()
    shop = open_shop(args.db)
    bar = ProgressBar()
    result = run_anomalies(shop, opts, save=not args.no_save, progress=bar)
    bar.done()
    out = result.to_dict(args.top)
    if args.out:
        write_table(result.table(), args.out, "anomalies")
        out["out"] = args.out
    emit(args, out, _human)
    return 0


def _human_reviews(r: dict) -> str:
    def state(d: dict) -> str:
        text = STATE_LABELS.get(d["state"], d["state"])
        return text if d["known_item"] else _("{state} (not in a stored run)").format(state=text)
    return "\n".join(_("{heading}: {text}").format(heading=d["key"], text=state(d)) for d in r["reviews"])


def _human(r: dict) -> str:
    from ..core.anomalies.levels import LEVEL_NAMES

    counts = _(", ").join(f"{LEVEL_NAMES.get(k, k)} {fmt.integer(v)}" for k, v in r["flagged"].items())
    lines = [_("{n} items flagged ({counts}); {dismissed} dismissed left out · {seconds} s").format(
        n=fmt.integer(sum(r["flagged"].values())), counts=counts, dismissed=fmt.integer(r["suppressed_dismissed"]),
        seconds=fmt.number(r["seconds"], 1))
        + (" · " + _("run {id}").format(id=r["run_id"]) if r["run_id"] else "")]
    for it in r["items"]:
        ident = {"lines": _("line {line} (order {order}, {product})").format(
                     line=it["line_id"], order=it["order_id"], product=it["product_id"]),
                 "orders": _("order {order}").format(order=it["order_id"]),
                 "days": _("day {day}").format(day=fmt.day(it["day"])),
                 "customers": _("customer {customer}").format(customer=it["customer_id"])}.get(
                     it["level"], str(it.get("key", "")))
        lines.append(f"{it['rank']:4d}  {it['score']:.3f}  " + _("{heading}: {text}").format(heading=ident,
                                                                                          text=it["reasons"])
                     + (f"  [{STATE_LABELS.get(it['state'], it['state'])}]" if it["state"] != "new" else ""))
    if r.get("out"):
        lines.append(_("written to {file}").format(file=r["out"]))
    return "\n".join(lines)
