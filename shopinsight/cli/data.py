"""Data verbs: `import`, `info`, `demo`."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..core.i18n import N_, Labels, _
from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import CSV/TSV/TXT/GZ/XLSX sales exports into a shop",
                       description="Import sales exports into a shop (created if missing). All files are "
                                   "imported in one transaction: on any error the shop is left unchanged.")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_db(p)
    p.add_argument("--preset", help="force a known export format (see `shopinsight presets`)")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="map a canonical field to a source column (repeatable); FIELD= unmaps it")
    p.add_argument("--date-format", metavar="FMT", help="strptime format of the dates, e.g. %%d/%%m/%%Y")
    p.add_argument("--encoding", help="text encoding (default: detected)")
    p.add_argument("--delimiter", help="field delimiter: , ; tab | whitespace (default: detected)")
    p.add_argument("--decimal", choices=[".", ","], help="decimal separator (default: detected)")
    p.add_argument("--sheet", metavar="NAME", help="sheet of an .xlsx workbook to read (default: the first)")
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help="replace customer ids by keyed pseudonyms and scrub e-mails, phone numbers and "
                        "names from everything stored (the key is kept outside the shop)")
    p.add_argument("--pseudonym-key-file", metavar="FILE",
                   help="the pseudonym key (at least 16 bytes, e.g. from `openssl rand -hex 32`); default: "
                        "$SHOPINSIGHT_PSEUDONYM_KEY_FILE, else a key kept in your config folder")
    p.add_argument("--dry-run", action="store_true", help="show the detected format and mapping only")
    add_json(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("info", help="what a shop holds (lines, orders, customers, dates, net sales, quality)")
    add_db(p)
    add_json(p)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("demo", help="create a shop from the bundled sample data (UCI Online Retail)")
    add_db(p)
    p.add_argument("--force", action="store_true", help="replace the shop file if it exists")
    add_json(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("repair", help="recover what can be read from a damaged shop into a new file",
                       description="Copy every readable row of a damaged shop file into a new shop file "
                                   "(default: NAME.recovered.shop next to it). The damaged file is kept "
                                   "unchanged; restoring a backup loses nothing, repairing may lose the "
                                   "rows on damaged pages.")
    add_db(p)
    p.add_argument("--out", metavar="NEW_SHOP", help="file for the recovered shop")
    p.add_argument("--force", action="store_true", help="replace NEW_SHOP if it exists")
    add_json(p)
    p.set_defaults(handler=cmd_repair)

    p = sub.add_parser("presets", help="list the known export formats")
    add_json(p)
    p.set_defaults(handler=cmd_presets)


def _parse_map(items: list[str]) -> dict:
    from ..core.importer import CANONICAL_FIELDS

    out = {}
    for item in items:
        if "=" not in item:
            raise BadInput(_("--map {item}: expected FIELD=COLUMN").format(item=repr(item)))
        fld, col = item.split("=", 1)
        fld = fld.strip()
        if fld not in CANONICAL_FIELDS:
            raise BadInput(_("--map {item}: unknown field {field}; fields are {fields}").format(
                item=repr(item), field=repr(fld), fields=", ".join(CANONICAL_FIELDS)))
        out[fld] = col if col != "" else None
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.importer import ImportOptions, import_files
    from ..core.store import Shop, ShopError, file_kind, remove_shop_files

    for f in args.files:
        if not Path(f).exists():
            raise BadInput(_("{file}: no such file").format(file=f))
        if file_kind(f) == "baskets":       # the check the app makes when such a file is opened
            raise BadInput(_("{file}: looks like a basket list (one basket of items per line), not a sales "
                             "export: mine it with `shopinsight rules --baskets {file}`").format(file=f))
    opts = ImportOptions(preset=args.preset, mapping=_parse_map(args.map) or None,
                         date_format=args.date_format, encoding=args.encoding, delimiter=args.delimiter,
                         decimal=args.decimal, pseudonymise=args.pseudonymise,
                         pseudonym_key_file=args.pseudonym_key_file,
                         sheet=args.sheet)
    if args.dry_run:
        return _dry_run(args, opts)
    db = Path(args.db)
    created = not db.exists()
    try:
        shop = Shop(db)
    except ShopError as exc:
        raise BadInput(str(exc)) from exc
    bar = ProgressBar()
    t0 = time.perf_counter()
    try:
        results = import_files(shop, args.files, opts, progress=bar)
    except BaseException:
        shop.close()
        if created:   # a failed first import leaves no empty shop behind
            remove_shop_files(db)
        raise
    finally:
        bar.done()
    summary = shop.summary()
    shop.close()
    files = [r.to_dict() for r in results]
    out = {
        "db": str(db), "seconds": round(time.perf_counter() - t0, 3),
        "rows_read": sum(r.rows_read for r in results), "imported": sum(r.imported for r in results),
        "rejected": sum(r.rejected for r in results), "skipped": sum(r.skipped for r in results),
        "updated": sum(r.updated for r in results),
        "duplicates_in_file": sum(r.duplicates_in_file for r in results),
        "files": files, "shop": summary,
    }
    if len(results) == 1:   # the single-file case: mapping, format and quality at the top level
        out.update({k: files[0][k] for k in ("mapping", "confidence", "format", "quality", "warnings")})

    def human(o: dict) -> str:
        lines = [_("imported {n} lines from {files} file(s) into {shop} in {seconds} s").format(
            n=fmt.integer(o["imported"]), files=fmt.integer(len(files)), shop=o["db"],
            seconds=fmt.number(o["seconds"], 1))]
        for f in files:
            q = f["quality"]
            lines.append(f"  {f['file']}: " + _(
                "read {read}, imported {imported}, rejected {rejected}, already present {skipped} (of them updated "
                "{updated}), in-file duplicates kept {duplicates}").format(
                    read=fmt.integer(f["rows_read"]), imported=fmt.integer(f["imported"]),
                    rejected=fmt.integer(f["rejected"]), skipped=fmt.integer(f["skipped"]),
                    updated=fmt.integer(f["updated"]), duplicates=fmt.integer(f["duplicates_in_file"])))
            lines.append("    " + _("format: {format}").format(format=describe_format(f["format"])))
            lines.append("    " + _("mapping: {mapping}").format(mapping=describe_mapping(f["mapping"], f["confidence"])))
            lines.append("    " + _("flagged: {cancellations} cancellation/return lines, {non_merchandise} "
                                    "non-merchandise, {guests} without customer").format(
                cancellations=fmt.integer(q["cancellations"]), non_merchandise=fmt.integer(q["non_merchandise"]),
                guests=fmt.integer(q["missing_customer"])))
            for w in f["warnings"]:
                lines.append("    " + _("warning: {text}").format(text=w))
        return "\n".join(lines)
    emit(args, out, human)
    return 0


_DELIMITERS = Labels({",": N_("comma-separated"), ";": N_("semicolon-separated"), "tab": N_("tab-separated"),
                      "|": N_("pipe-separated"), "whitespace": N_("space-separated")})


def describe_format(spec: dict) -> str:
    """One readable line for a file's detected format (no Python reprs, nothing empty or None)."""
    import datetime as dt

    from ..core.importer import PRESETS

    parts = []
    if spec.get("preset"):
        p = PRESETS.get(spec["preset"])
        parts.append(_("{label} (preset {name})").format(label=p.shown_label(), name=p.name) if p
                     else _("preset {name}").format(name=spec["preset"]))
    if spec.get("kind") == "excel":
        parts.append(_("Excel ({encoding})").format(encoding=spec["encoding"])
                     + (", " + _("sheet {name}").format(name=repr(spec["sheet"])) if spec.get("sheet") else ""))
    else:
        parts.append(_("{encoding} text").format(encoding=spec.get("encoding") or "utf-8"))
        if spec.get("delimiter"):
            parts.append(_DELIMITERS.get(spec["delimiter"],
                                         _("separated by {delimiter}").format(delimiter=repr(spec["delimiter"]))))
    if spec.get("compressed"):
        parts.append(_("compressed"))
    if spec.get("preamble_rows"):
        parts.append(_("{n} line(s) before the header skipped").format(n=fmt.integer(spec["preamble_rows"])))
    parts.append(_("decimal comma") if spec.get("decimal") == "," else _("decimal point"))
    if spec.get("date_format"):
        example = dt.datetime(2024, 1, 31, 13, 45, 0).strftime(spec["date_format"])
        parts.append(_("dates like {example} ({format})").format(example=example, format=spec["date_format"]))
    else:
        parts.append(_("dates not readable"))
    return ", ".join(parts)


def describe_mapping(mapping: dict, confidence: dict) -> str:
    """``field ← column (confidence)`` for the mapped fields, then the fields not in the file."""
    used = [f"{k} ← {v} ({fmt.percent(confidence.get(k, 0), 0)})" for k, v in mapping.items() if v]
    missing = [k for k, v in mapping.items() if not v]
    return ", ".join(used) + ("; " + _("not in the file: {fields}").format(fields=", ".join(missing))
                              if missing else "")


def _human_dry_run(o: dict) -> str:
    lines = []
    for f in o["files"]:
        lines.append(f"{f['file']}: {describe_format(f['format'])}")
        lines.append("  " + _("mapping: {mapping}").format(mapping=describe_mapping(f["mapping"], f["confidence"])))
        lines += ["  " + _("warning: {text}").format(text=w) for w in f["warnings"]]
        lines += ["  " + _("cannot be imported as is: {problem}").format(problem=p) for p in f["problems"]]
        lines.append("  " + (_("ready to import (nothing was written: run again without --dry-run)") if f["ready"]
                             else _("not ready (nothing was written)")))
    return "\n".join(lines)


def _dry_run(args: argparse.Namespace, opts) -> int:
    """Preview every file and write nothing.  A file the import would refuse makes the dry run
    exit 2 with the import's own message (a script can tell), after the summary of every file (on
    stdout; with --json inside the one error object)."""
    from ..core.errors import InputError
    from ..core.importer import preview_file

    pvs = [preview_file(f, opts) for f in args.files]
    files = [{**pv.to_dict(), "ready": not pv.problems(),
              "problems": [p.message for p in pv.problems()]} for pv in pvs]
    result = {"files": files, "ready": all(f["ready"] for f in files)}
    try:
        for pv in pvs:
            pv.check()
    except InputError as exc:
        if not args.json:
            emit(args, result, _human_dry_run)
        raise BadInput(str(exc), column=exc.column, result=result) from exc
    emit(args, result, _human_dry_run)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from ..core.facts import FACTS
    from ..core.privacy import is_pseudonymised
    from ..core.quality import shop_quality

    shop = open_shop(args.db)
    with shop:
        out = shop.summary()
        out["quality"] = shop_quality(shop)
        out["import_history"] = shop.imports().to_dict(orient="records")
        out["definitions"] = dict(FACTS)
        out["pseudonymised"] = is_pseudonymised(shop)
        out["pseudonym_key_fingerprint"] = shop.get_meta("pseudonym_key_fingerprint") if out["pseudonymised"] \
            else None

    def human(o: dict) -> str:
        q = o["quality"]
        kinds = q.get("line_kinds") or {}
        n = fmt.integer
        lines = [
            f"{o['name']} ({o['path']})",
            "  " + _("lines {lines} · orders {orders} · customers {customers} · products {products}").format(
                lines=n(o["lines"]), orders=n(o["orders"]), customers=n(o["customers"]), products=n(o["products"])),
            "  " + _("(orders and customers: with at least one merchandise sale line; {orders} order numbers and "
                     "{customers} customer ids on any line)").format(orders=n(o["order_numbers"]),
                                                                     customers=n(o["customer_ids"])),
            "  " + _("dates {first} … {last}").format(first=fmt.day(o["first_day"]), last=fmt.day(o["last_day"])),
            "  " + _("net sales {amount} (merchandise, cancellations included)").format(
                amount=fmt.money(o["net_sales"], o["currency"])),
            "  " + _("cancellation lines (any kind) {any} · lines of kind 'cancellation' {kind} · non-merchandise "
                     "{non_merchandise} · without customer {guests} · in-file duplicates {duplicates}").format(
                any=n(q["cancellation_lines"]), kind=n(kinds.get("cancellation", 0)),
                non_merchandise=n(q["non_merchandise_lines"]), guests=n(q["missing_customer"]),
                duplicates=n(q["duplicates_in_file"])),
            "  " + _("imports {imports} · rejected rows {rejected}").format(imports=n(o["imports"]),
                                                                          rejected=n(o["rejected_rows"])),
        ]
        if o["pseudonymised"] and o["pseudonym_key_fingerprint"]:
            lines.append("  " + _("customers pseudonymised (key {key}…, kept outside the shop)").format(
                key=o["pseudonym_key_fingerprint"][:8]))
        return "\n".join(lines)
    emit(args, out, human)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .. import SAMPLE_CREDIT
    from ..core.sample import create_sample_shop
    from ..core.store import Shop

    db = Path(args.db)
    if db.exists() and not args.force:
        raise BadInput(_("{shop}: already exists (use --force to replace it)").format(shop=db))
    bar = ProgressBar()
    t0 = time.perf_counter()
    try:
        create_sample_shop(db, progress=bar, overwrite=True)
    finally:
        bar.done()
    with Shop(db) as shop:
        out = {"db": str(db), "seconds": round(time.perf_counter() - t0, 3), "credit": SAMPLE_CREDIT,
               "shop": shop.summary()}
    emit(args, out, lambda o: _("created {shop}: {n} lines, {first} … {last} ({seconds} s)").format(
        shop=o["db"], n=fmt.integer(o["shop"]["lines"]), first=fmt.day(o["shop"]["first_day"]),
        last=fmt.day(o["shop"]["last_day"]), seconds=fmt.number(o["seconds"], 1))
        + "\n" + _("data: {credit}").format(credit=o["credit"]))
    return 0


def cmd_presets(args: argparse.Namespace) -> int:
    from ..core.importer import PRESETS

    out = {"presets": [{"name": p.name, "label": p.label, "signature": list(p.signature), "notes": p.notes}
                       for p in PRESETS.values()]}
    emit(args, out, lambda o: "\n".join(f"{p.name:<18} {p.shown_label()}" for p in PRESETS.values()))
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from ..core.repair import repair_shop

    bar = ProgressBar()
    try:
        out = repair_shop(args.db, args.out, overwrite=args.force, progress=bar)
    finally:
        bar.done()

    def human(o: dict) -> str:
        lines = [_("recovered {source} into {output} ({method}); the damaged file was not changed").format(
            source=o["source"], output=o["output"], method=o["method"])]
        for name, t in o["tables"].items():
            lost = t["lost_rowid_ranges"]
            ranges = ", ".join(f"{a}…{_('end') if b is None else b}" for a, b in lost)
            lines.append(f"  {name}: " + _("{n} rows").format(n=fmt.integer(t["recovered"]))
                         + (", " + _("unreadable rowid ranges {ranges}").format(ranges=ranges) if lost else ""))
        lines.append("  " + _("integrity of the new file: {result}").format(result=o["integrity"]))
        return "\n".join(lines)
    emit(args, out, human)
    return 0
