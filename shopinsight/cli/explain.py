"""``shopinsight explain``: why net sales changed between two periods (the exact bridge, the top
contributors and a sentence), headless — what the Overview's "What changed" panel shows."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core.i18n import _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, pad, text_width


def register(sub) -> None:
    p = sub.add_parser(
        "explain", help="why net sales changed between two periods (exact bridge, top contributors)",
        description="Split the change in net sales between two periods exactly (the parts add up to the "
                    "change to the cent; LMDI-I): orders from returning, new and guest customers, items per "
                    "order, price and mix effects, cancellations and returns; then the products, countries, "
                    "stores and customer segments that added or took away most.")
    add_db(p)
    p.add_argument("--period", metavar="P", help="a month (2011-11), ISO week (2011-W45) or day (2011-11-05); "
                                                 "default the last complete month of the data")
    p.add_argument("--vs", metavar="P", help="compare with: 'previous' (default), 'last-year' or another period")
    p.add_argument("--from", dest="start", metavar="DATE", help="start of a custom period (ISO date)")
    p.add_argument("--to", dest="end", metavar="DATE", help="end of a custom period (ISO date)")
    p.add_argument("--vs-from", dest="vs_start", metavar="DATE", help="start of the comparison range")
    p.add_argument("--vs-to", dest="vs_end", metavar="DATE", help="end of the comparison range")
    p.add_argument("--granularity", choices=["day", "week", "month"],
                   help="compare days, weeks or months (default: from the form of --period)")
    p.add_argument("--top", type=int, default=5, metavar="N",
                   help="contributors listed per dimension and direction (default 5)")
    p.add_argument("--chart", metavar="FILE", help="also save the bridge chart (.png, .svg or .pdf)")
    p.add_argument("--save", action="store_true", help="store the result as a run (kind 'explain')")
    add_json(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..core.explain import ExplainOptions, run_explain

    opts = ExplainOptions(period=args.period, vs=args.vs, start=args.start, end=args.end,
                          vs_start=args.vs_start, vs_end=args.vs_end, granularity=args.granularity,
                          top=args.top)
    opts.validate()                       # bad choices fail before the shop is opened
    if args.chart and Path(args.chart).suffix.lower() not in (".png", ".svg", ".pdf"):
        raise BadInput(_("--chart: {file} must end in .png, .svg or .pdf").format(file=repr(args.chart)))
    bar = ProgressBar()
    with open_shop(args.db) as shop:
        result = run_explain(shop, opts, bar, save=args.save)
    bar.done()
    out = result.to_dict()
    if args.chart:
        from ..core.charts import save_figure
        from ..core.explain import bridge_figure
        out["chart"] = str(save_figure(bridge_figure(result), args.chart))
    emit(args, out, _human)
    return 0


def _human(r: dict) -> str:
    from ..core import fmt
    from ..core.explain import DIMENSION_LABELS
    from ..core.explain.text import percent
    from ..core.i18n import _

    cur = r["currency"]

    def m(x: float, signed: bool = False) -> str:
        s = fmt.money(x, cur)
        return ("+" + s) if signed and x > 0 else s

    width = max([text_width(p["name"]) + 2 for p in r["parts"]] + [text_width(r["vs"]["label"]), 24])
    change = _("Change")
    lines = [r["text"], "", pad(r["vs"]["label"], width) + f"  {m(r['before']):>16}"]
    for p in r["parts"]:
        lines.append("  " + pad(p["name"], width - 2) + f"  {m(p['amount'], True):>16}")
    lines.append(pad(r["period"]["label"], width) + f"  {m(r['after']):>16}")
    lines.append(pad(change, width) + f"  {m(r['change'], True):>16}  ({percent(r['change_pct'])})")
    for dim, rows in r["contributors"].items():
        if not rows:
            continue
        lines += ["", _("{heading}:").format(heading=DIMENSION_LABELS[dim])]
        for c in rows:
            sb, sa = fmt.percent(c["share_before"]), fmt.percent(c["share_after"])
            lines.append("  " + pad(str(c["name"])[:40], 40) + f" {m(c['amount'], True):>14}  {sb:>6} → {sa:>6}")
    if r["notes"]:
        lines.append("")
        lines += [f"* {n}" for n in r["notes"]]
    if r.get("chart"):
        lines.append(_("Chart: {path}").format(path=r["chart"]))
    return "\n".join(lines)
