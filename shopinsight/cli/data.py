"""Data verbs: `import`, `info`, `demo`."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .common import BadInput, ProgressBar, add_db, add_json, emit, open_shop
from ..core import fmt


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import CSV/TSV/TXT/GZ/XLSX sales exports into a shop",
                       description="Import sales exports into a shop (created if missing). All files are "
                                   "imported in one transaction: on any error the shop is left unchanged.")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_db(p)
    p.add_argument("--preset", help="force a known export format (see --list-presets)")
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
            raise BadInput(f"--map {item!r}: expected FIELD=COLUMN")
        fld, col = item.split("=", 1)
        fld = fld.strip()
        if fld not in CANONICAL_FIELDS:
            raise BadInput(f"--map {item!r}: unknown field {fld!r}; fields are {', '.join(CANONICAL_FIELDS)}")
        out[fld] = col if col != "" else None
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from ..core.importer import ImportOptions, import_files, preview_file
    from ..core.store import Shop, ShopError, remove_shop_files

    for f in args.files:
        if not Path(f).exists():
            raise BadInput(f"{f}: no such file")
    opts = ImportOptions(preset=args.preset, mapping=_parse_map(args.map) or None,
                         date_format=args.date_format, encoding=args.encoding, delimiter=args.delimiter,
                         decimal=args.decimal, pseudonymise=args.pseudonymise,
                         pseudonym_key_file=args.pseudonym_key_file,
                         sheet=args.sheet)
    if args.dry_run:
        pvs = [preview_file(f, opts) for f in args.files]
        files = [{**pv.to_dict(), "ready": not pv.problems(),
                  "problems": [p.message for p in pv.problems()]} for pv in pvs]
        emit(args, {"files": files, "ready": all(f["ready"] for f in files)}, _human_dry_run)
        return 0
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
        lines = [f"imported {fmt.integer(o['imported'])} lines from {len(files)} file(s) into {o['db']} "
                 f"in {o['seconds']:.1f} s"]
        for f in files:
            q = f["quality"]
            lines.append(f"  {f['file']}: read {fmt.integer(f['rows_read'])}, imported {fmt.integer(f['imported'])}, "
                         f"rejected {fmt.integer(f['rejected'])}, already present {fmt.integer(f['skipped'])} "
                         f"(of them updated {fmt.integer(f['updated'])}), "
                         f"in-file duplicates kept {fmt.integer(f['duplicates_in_file'])}")
            lines.append(f"    format: {describe_format(f['format'])}")
            lines.append(f"    mapping: {describe_mapping(f['mapping'], f['confidence'])}")
            lines.append(f"    flagged: {fmt.integer(q['cancellations'])} cancellation/return lines, "
                         f"{fmt.integer(q['non_merchandise'])} non-merchandise, {fmt.integer(q['missing_customer'])} without customer")
            for w in f["warnings"]:
                lines.append(f"    warning: {w}")
        return "\n".join(lines)
    emit(args, out, human)
    return 0


_DELIMITERS = {",": "comma-separated", ";": "semicolon-separated", "tab": "tab-separated",
               "|": "pipe-separated", "whitespace": "space-separated"}


def describe_format(spec: dict) -> str:
    """One readable line for a file's detected format (no Python reprs, nothing empty or None)."""
    import datetime as dt

    from ..core.importer import PRESETS

    parts = []
    if spec.get("preset"):
        p = PRESETS.get(spec["preset"])
        parts.append(f"{p.label} (preset {p.name})" if p else f"preset {spec['preset']}")
    if spec.get("kind") == "excel":
        parts.append(f"Excel ({spec['encoding']})" + (f", sheet {spec['sheet']!r}" if spec.get("sheet") else ""))
    else:
        parts.append(f"{spec.get('encoding') or 'utf-8'} text")
        if spec.get("delimiter"):
            parts.append(_DELIMITERS.get(spec["delimiter"], f"separated by {spec['delimiter']!r}"))
    if spec.get("compressed"):
        parts.append("compressed")
    if spec.get("preamble_rows"):
        parts.append(f"{spec['preamble_rows']} line(s) before the header skipped")
    parts.append("decimal comma" if spec.get("decimal") == "," else "decimal point")
    if spec.get("date_format"):
        example = dt.datetime(2024, 1, 31, 13, 45, 0).strftime(spec["date_format"])
        parts.append(f"dates like {example} ({spec['date_format']})")
    else:
        parts.append("dates not readable")
    return ", ".join(parts)


def describe_mapping(mapping: dict, confidence: dict) -> str:
    """``field ← column (confidence)`` for the mapped fields, then the fields not in the file."""
    used = [f"{k} ← {v} ({fmt.percent(confidence.get(k, 0), 0)})" for k, v in mapping.items() if v]
    missing = [k for k, v in mapping.items() if not v]
    return ", ".join(used) + (f"; not in the file: {', '.join(missing)}" if missing else "")


def _human_dry_run(o: dict) -> str:
    lines = []
    for f in o["files"]:
        lines.append(f"{f['file']}: {describe_format(f['format'])}")
        lines.append(f"  mapping: {describe_mapping(f['mapping'], f['confidence'])}")
        lines += [f"  warning: {w}" for w in f["warnings"]]
        lines += [f"  cannot be imported as is: {p}" for p in f["problems"]]
        lines.append("  ready to import (nothing was written: run again without --dry-run)" if f["ready"]
                     else "  not ready (nothing was written)")
    return "\n".join(lines)


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
        return "\n".join([
            f"{o['name']} ({o['path']})",
            f"  lines {fmt.integer(o['lines'])} · orders {fmt.integer(o['orders'])} · customers {fmt.integer(o['customers'])} · "
            f"products {fmt.integer(o['products'])}",
            f"  (orders and customers: with at least one merchandise sale line; "
            f"{fmt.integer(o['order_numbers'])} order numbers and {fmt.integer(o['customer_ids'])} customer ids on any line)",
            f"  dates {o['first_day']} … {o['last_day']}",
            f"  net sales {fmt.number(o['net_sales'], 2)} {o['currency'] or ''}".rstrip()
            + " (merchandise, cancellations included)",
            f"  cancellation lines (any kind) {fmt.integer(q['cancellation_lines'])} · lines of kind 'cancellation' "
            f"{fmt.integer(kinds.get('cancellation', 0))} · non-merchandise {fmt.integer(q['non_merchandise_lines'])}"
            f" · without customer {fmt.integer(q['missing_customer'])} · in-file duplicates {fmt.integer(q['duplicates_in_file'])}",
            f"  imports {o['imports']} · rejected rows {fmt.integer(o['rejected_rows'])}",
        ] + ([f"  customers pseudonymised (key {o['pseudonym_key_fingerprint'][:8]}…, kept outside the shop)"]
             if o["pseudonymised"] and o["pseudonym_key_fingerprint"] else []))
    emit(args, out, human)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .. import SAMPLE_CREDIT
    from ..core.sample import create_sample_shop
    from ..core.store import Shop

    db = Path(args.db)
    if db.exists() and not args.force:
        raise BadInput(f"{db}: already exists (use --force to replace it)")
    bar = ProgressBar()
    t0 = time.perf_counter()
    try:
        create_sample_shop(db, progress=bar, overwrite=True)
    finally:
        bar.done()
    with Shop(db) as shop:
        out = {"db": str(db), "seconds": round(time.perf_counter() - t0, 3), "credit": SAMPLE_CREDIT,
               "shop": shop.summary()}
    emit(args, out, lambda o: f"created {o['db']}: {fmt.integer(o['shop']['lines'])} lines, "
                              f"{o['shop']['first_day']} … {o['shop']['last_day']} ({o['seconds']:.1f} s)\n"
                              f"data: {o['credit']}")
    return 0


def cmd_presets(args: argparse.Namespace) -> int:
    from ..core.importer import PRESETS

    out = {"presets": [{"name": p.name, "label": p.label, "signature": list(p.signature), "notes": p.notes}
                       for p in PRESETS.values()]}
    emit(args, out, lambda o: "\n".join(f"{p['name']:<18} {p['label']}" for p in o["presets"]))
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from ..core.repair import repair_shop

    bar = ProgressBar()
    try:
        out = repair_shop(args.db, args.out, overwrite=args.force, progress=bar)
    finally:
        bar.done()

    def human(o: dict) -> str:
        lines = [f"recovered {o['source']} into {o['output']} ({o['method']}); the damaged file was not changed"]
        for name, t in o["tables"].items():
            lost = t["lost_rowid_ranges"]
            ranges = ", ".join(f"{a}…{'end' if b is None else b}" for a, b in lost)
            lines.append(f"  {name}: {fmt.integer(t['recovered'])} rows" + (f", unreadable rowid ranges {ranges}" if lost else ""))
        lines.append(f"  integrity of the new file: {o['integrity']}")
        return "\n".join(lines)
    emit(args, out, human)
    return 0
