"""The `classify` verb: review and correct which products are postage, fees, vouchers …"""
from __future__ import annotations

import argparse

from ..core.i18n import _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop, text_table
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.classify import AUTO, KINDS

    p = sub.add_parser(
        "classify", help="list the codes flagged as non-merchandise (postage, fees …) and correct their kind",
        description="List every product code the importer flagged as not merchandise (postage, fees, "
                    "discounts, vouchers …) with its lines and net sales, and correct its kind. A "
                    "correction is stored in the shop, applied at once to the stored lines and to every "
                    "later import. Lines without a product code are keyed by name (name:NAME).")
    add_db(p)
    p.add_argument("--list", action="store_true", help="list the flagged codes (the default without --set)")
    p.add_argument("--set", action="append", default=[], metavar="CODE=KIND",
                   help=_("give a product code (or name:NAME) a kind (repeatable); kinds: {kinds}; "
                          "{auto} removes a correction").format(kinds=", ".join(KINDS), auto=AUTO))
    add_json(p)
    p.set_defaults(handler=cmd_classify)


def _parse_set(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        key, sep, kind = item.rpartition("=")
        if not sep or not key.strip() or not kind.strip():
            raise BadInput(_("--set {item}: expected CODE=KIND").format(item=repr(item)))
        out.append((key.strip(), kind.strip()))
    return out


def cmd_classify(args: argparse.Namespace) -> int:
    from ..core.classify import list_flagged, set_kinds

    changes = _parse_set(args.set)
    with open_shop(args.db) as shop:
        result: dict = {}
        if changes:
            bar = ProgressBar(enabled=not args.json)
            try:
                result.update(set_kinds(shop, changes, progress=bar).to_dict())
            finally:
                bar.done()
        flagged = list_flagged(shop)
    result["flagged"] = flagged.to_dict(orient="records")
    result["non_merchandise_lines"] = int(flagged.loc[flagged["kind"] != "merchandise", "lines"].sum())
    emit(args, result, _human)
    return 0


def _human(res: dict) -> str:
    from ..core.classify import SOURCE_LABELS, kind_label

    out = [_("{key}: {kind} ({n} lines updated)").format(key=c["key"], kind=kind_label(c["kind"]),
                                                         n=fmt.integer(c["lines"]))
           for c in res.get("changes", [])]
    rows = res["flagged"]
    if not rows:
        return "\n".join(out + [_("no product is flagged as non-merchandise")])
    cols = ["key", "name", "kind", "source", "lines", "net_sales"]
    shown = {"net_sales": lambda v: fmt.number(v, 2), "lines": fmt.integer, "kind": kind_label,
             "source": lambda v: SOURCE_LABELS.get(v, v)}
    table = [["" if r[c] is None else shown.get(c, str)(r[c]) for c in cols] for r in rows]
    out += [_("{n} codes flagged or corrected ({lines} non-merchandise lines)").format(
        n=fmt.integer(len(rows)), lines=fmt.integer(res["non_merchandise_lines"]))]
    out += text_table(cols, table, right=("lines", "net_sales"))
    return "\n".join(out)
