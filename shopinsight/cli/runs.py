"""`shopinsight runs`: the run history — list, show, delete and compare stored runs.

The same core calls as the Runs tab (:mod:`shopinsight.core.runs`).
"""
from __future__ import annotations

import argparse

from ..core import fmt
from ..core.i18n import _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop

ACTIONS = ("list", "show", "delete", "compare")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "runs", help="list, show, delete and compare the stored runs (forecasts, models, anomaly runs …)",
        description="The run history. `runs` lists every stored run with its kind, time, parameters, data "
                    "range, metrics and library versions (runs made with other versions are marked); "
                    "`runs show ID` shows one run with its tables; `runs delete ID…` deletes runs and all their "
                    "tables; `runs compare ID ID` puts two runs of the same kind side by side.")
    p.add_argument("action", nargs="?", choices=ACTIONS, default="list", metavar="ACTION",
                   help=_("{actions} (default list)").format(actions=", ".join(ACTIONS)))
    p.add_argument("ids", nargs="*", metavar="ID", help="run id(s): one for show, one or more for delete (all or none), two for compare")
    add_db(p)
    p.add_argument("--kind", metavar="KIND", help="list only runs of this kind (forecast, customers, recommend, "
                                                  "rules, anomalies …)")
    p.add_argument("--all", action="store_true", help="compare: show every row, not only the differences")
    add_json(p)
    p.set_defaults(handler=cmd_runs)


def cmd_runs(args) -> int:
    from ..core import runs

    wanted = {"list": 0, "show": 1, "delete": len(args.ids) or 1, "compare": 2}[args.action]
    if len(args.ids) != wanted:
        raise BadInput(_("runs {action}: expected {wanted} run id(s), got {n}").format(
            action=args.action, wanted=wanted, n=len(args.ids)) + (f" ({' '.join(args.ids)})" if args.ids else ""))
    if args.kind is not None and args.action != "list":
        raise BadInput(_("--kind: only for `runs` / `runs list` (not with {action})").format(action=args.action))
    shop = open_shop(args.db)
    if args.action == "list":
        found = runs.list_runs(shop, args.kind)
        emit(args, {"runs": [r.to_dict() for r in found]}, lambda _r: _human_list(found))
    elif args.action == "show":
        info = runs.show_run(shop, args.ids[0])
        emit(args, info.to_dict(), lambda _r: _human_show(info))
    elif args.action == "delete":
        bar = ProgressBar(enabled=False)
        gone = runs.delete_runs(shop, args.ids, reporter=bar)
        emit(args, {"deleted": [i.run_id for i in gone], "kinds": [i.kind for i in gone]},
             "\n".join(_("deleted run {id} ({kind}, {when})").format(id=i.run_id, kind=i.kind_label,
                                                                    when=fmt.datetime(i.created_at)) for i in gone))
    else:
        comp = runs.compare_runs(shop, *args.ids)
        emit(args, comp.to_dict(), lambda _r: _human_compare(comp, args.all))
    return 0


def _span(r) -> str:
    return f"{fmt.day(r.data_from)} … {fmt.day(r.data_to)}"


def _human_list(found) -> str:
    if not found:
        return _("no stored runs")
    from ..core.runs import flatten, key_label, format_value
    out = []
    for r in found:
        mark = "  [" + _("made with other versions") + "]" if r.other_versions else ""
        out.append(f"#{r.run_id:<5} {r.kind_label}  {fmt.datetime(r.created_at)}  {_('data')} {_span(r)}{mark}")
        if r.summary:
            out.append(f"       {r.summary}")
        for what, d in ((_("parameters"), r.params), (_("metrics"), r.metrics)):
            flat = [f"{key_label(k)} = {format_value(v)}" for k, v in flatten(d).items() if v not in (None, [], "")]
            if flat:
                more = f"; … (+{len(flat) - 8})" if len(flat) > 8 else ""
                out.append(f"       {what}: " + "; ".join(flat[:8]) + more)
        for w in r.version_warnings():
            out.append(f"       ! {w}")
    return "\n".join(out)


def _human_show(r) -> str:
    from ..core.runs import flatten, key_label, format_value
    out = [f"#{r.run_id} {r.kind_label} · {fmt.datetime(r.created_at)}"
           + (f" · {fmt.number(r.seconds, 1)} s" if r.seconds is not None else ""),
           _("{heading}: {text}").format(heading=_("data"), text=_span(r))]
    if r.summary:
        out.append(r.summary)
    for what, d in ((_("parameters"), r.params), (_("metrics"), r.metrics)):
        out.append(_("{heading}:").format(heading=what))
        out += [f"  {key_label(k)} = {format_value(v)}" for k, v in flatten(d).items()]
    out.append(_("{heading}: {text}").format(heading=_("tables"),
                                             text=", ".join(f"{k} ({v})" for k, v in r.tables.items())))
    out.append(_("{heading}: {text}").format(heading=_("library versions"),
                                             text=", ".join(f"{k} {v}" for k, v in r.versions.items())))
    out += [f"! {w}" for w in r.version_warnings()]
    return "\n".join(out)


def _human_compare(comp, everything: bool) -> str:
    from ..core.runs import SECTIONS, format_value
    rows = comp.rows if everything else comp.rows[comp.rows["differs"]]
    out = [f"{comp.a.kind_label}: #{comp.a.run_id} ↔ #{comp.b.run_id} · "
           + _("{n} differences").format(n=comp.differences)]
    width = max([len(str(x)) for x in rows["label"]] + [10])
    for section, part in rows.groupby("section", sort=False):
        out.append(f"{SECTIONS[section]}:")
        for row in part.itertuples(index=False):
            mark = "*" if row.differs else " "
            out.append(f" {mark} {row.label:<{width}}  {format_value(row.a):>14}  {format_value(row.b):>14}")
    return "\n".join(out)
