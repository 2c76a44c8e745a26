"""`shopinsight report`: the one-page report of a month or a date range, as PDF or HTML.

The same core call as File ▸ Export report… in the app (:func:`shopinsight.core.report.build_report`).
"""
from __future__ import annotations

import argparse

from ..core import fmt
from ..core.i18n import _, ngettext
from .common import ProgressBar, add_db, add_json, emit, open_shop, parse_day


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="write the one-page report of a month (PDF or self-contained HTML)",
        description="Write the one-page report: key figures against the previous period and last year, "
                    "the sales chart, what changed, next period's forecast, customers to win back, "
                    "anomalies awaiting review, best sellers and a data-quality line. Without --month or "
                    "--from/--to: the last complete month of the data. Reads the shop, never writes to it.")
    add_db(p)
    p.add_argument("--month", metavar="YYYY-MM", help="the month to report on, e.g. 2011-11")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day of the period (with --to)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day of the period (with --from)")
    p.add_argument("--lang", choices=["en", "zh_CN"], default=None,
                   help="language of the report (default: the CLI's language)")
    p.add_argument("--out", metavar="FILE", required=True, help="FILE.pdf or FILE.html")
    p.add_argument("--format", choices=["pdf", "html"], default=None, help="default: from the file's suffix")
    p.add_argument("--top", type=int, default=5, metavar="N", help="rows per table (default 5)")
    add_json(p)
    p.set_defaults(handler=cmd_report)


def cmd_report(args) -> int:
    from ..core.report import ReportOptions, build_report

    opts = ReportOptions(out=args.out, month=args.month, start=parse_day(args.start, "--from"),
                         end=parse_day(args.end, "--to"), lang=args.lang, format=args.format,
                         top=args.top).validate()
    shop = open_shop(args.db)
    bar = ProgressBar()
    result = build_report(shop, opts, bar)
    bar.done()
    emit(args, result.to_dict(), lambda r: (
        _("wrote {file}").format(file=r["path"]) + f" ({r['format']}"
        + (", " + ngettext("{n} page", "{n} pages", r["pages"]).format(n=r["pages"]) if r["pages"] else "")
        + ", " + _("{seconds} s").format(seconds=fmt.number(r["seconds"], 1)) + ")"
        + ("; " + _("not available: {parts}").format(parts=", ".join(r["unavailable"])) if r["unavailable"] else "")))
    return 0
