"""The `lines` verb: browse a shop's lines with the Data tab's filters and ordering."""
from __future__ import annotations

import argparse

from ..core.i18n import _
from .common import BadInput, add_db, add_json, emit, open_shop, parse_day, text_table
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    from ..core.lines import FLAGS, SORTABLE

    p = sub.add_parser("lines", help="list lines matching a search, dates and flags (as the Data tab)",
                       description="List the shop's lines: free text over product code/name, order and "
                                   "customer (all words must match), a day range and a flag, sorted in SQLite.")
    add_db(p)
    p.add_argument("--search", default="", metavar="TEXT", help="words to find in product, order or customer")
    p.add_argument("--from", dest="date_from", metavar="DAY", help="first day (ISO, inclusive)")
    p.add_argument("--to", dest="date_to", metavar="DAY", help="last day (ISO, inclusive)")
    p.add_argument("--flag", choices=list(FLAGS), default="all", help="only these lines (default: all)")
    p.add_argument("--import-id", type=int, help="only the lines of one import")
    # the keys a chart's drill-down narrows to (core.drill); each may be given several times
    p.add_argument("--product", action="append", default=[], metavar="CODE", help="only this product code")
    p.add_argument("--country", action="append", default=[], metavar="NAME",
                   help="only this country ('' for lines without one)")
    p.add_argument("--customer", action="append", default=[], metavar="ID", help="only this customer")
    p.add_argument("--order", action="append", default=[], metavar="ID", help="only this order")
    p.add_argument("--sort", choices=list(SORTABLE), default="line_id", help="order by this column")
    p.add_argument("--desc", action="store_true", help="descending order")
    p.add_argument("--limit", type=int, default=20, help="lines to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many matching lines first")
    add_json(p)
    p.set_defaults(handler=cmd_lines)


def cmd_lines(args: argparse.Namespace) -> int:
    from ..core.lines import BROWSE_COLUMNS, LineFilter, LinePager, count_lines

    if args.limit < 0 or args.offset < 0:
        raise BadInput(_("--limit and --offset must not be negative"))
    flt = LineFilter(text=args.search, date_from=parse_day(args.date_from, "--from"),
                     date_to=parse_day(args.date_to, "--to"), flag=args.flag, import_id=args.import_id,
                     product_ids=tuple(args.product), countries=tuple(args.country),
                     customer_ids=tuple(args.customer), order_ids=tuple(args.order))
    with open_shop(args.db) as shop:
        # the Data tab's reads: one page by keyset (OFFSET from the top), the count apart
        rows = LinePager(flt, args.sort, args.desc).read(shop.conn, args.offset, args.limit)
        matching = count_lines(shop.conn, flt)
    result = {"matching": matching, "offset": args.offset, "columns": BROWSE_COLUMNS,
              "lines": [dict(zip(BROWSE_COLUMNS, r)) for r in rows]}
    emit(args, result, _human)
    return 0


def _human(res: dict) -> str:
    head = _("{n} matching lines").format(n=fmt.integer(res["matching"]))
    if not res["lines"]:
        return head
    cols = ["line_id", "ordered_at", "order_id", "customer_id", "product_id", "product_name", "quantity",
            "unit_price", "amount", "line_kind"]
    from ..core.classify import kind_label
    table = [[("" if r[c] is None else kind_label(r[c]) if c == "line_kind" else str(r[c])) for c in cols]
             for r in res["lines"]]
    out = [head] + text_table(cols, table, right=("line_id", "quantity", "unit_price", "amount"), most=34)
    return "\n".join(out)
