"""Import source files into a shop: plan (sniff, map, decide formats), then stream, type, flag
and store in one transaction.

All-or-nothing: a file-level problem (unreadable, no usable date or amount), a cancel or any
error rolls the whole call back, so the shop is exactly as it was.  Row-level problems (one bad
date, a number that is not a number) reject that row with its reason and line number.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
import json
import os
import re
import struct
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..i18n import _
from ..errors import InputError
from ..privacy import PseudonymKey, Scrubber, is_pseudonymised, mark_pseudonymised, resolve_key, scrub_text
from ..schema import (IMPORT_LINE_COLUMNS, IMPORT_LINE_OPTIONAL, LINE_CHANGE_COLUMNS, LINE_INDEXES,
                      LINE_STORED_COLUMNS, ORDER_PIECE_COLUMNS, REJECTED_ROW_COLUMNS, STAGING_TABLE, add_import,
                      import_lines_sql, insert_rows, insert_select)
from ..store import Shop, interruptible, now_iso
from ..tasks import Reporter, as_reporter
from .fields import CANONICAL_FIELDS, NUMERIC_FIELDS, PERSONAL_FIELDS, normalise_header
from .flags import (CANCEL_STATUSES, Overrides, classify, codes_mostly_numeric, detect_cancel_prefix,
                    line_type_column, line_types)
from .mapping import auto_map, detect_series
from ..fmt import currency_for_symbol, integer as fmt_integer
from .parse import (CURRENCY_SIGNS, DateDecision, decide_date_format, decide_decimal, format_datetimes,
                    parse_dates, parse_numbers, strip_timezone)
from .presets import PRESETS, Preset, detect_preset, line_key_columns
from .reasons import BAD_DATE, MISSING_DATE, NO_AMOUNT, NOT_A_NUMBER, WRONG_FIELDS, reject_reason, reject_reason_text
from .sniff import ReadStats, SourceFormat, file_sha256, iter_chunks, sniff

SAMPLE_ROWS = 50_000


@dataclass(frozen=True)
class ImportOptions:
    """What the user may force instead of the automatic guesses (the job contract: frozen, checked
    by :meth:`validate`; choices that depend on the file, such as a mapped column, are checked
    by :func:`preview_file` against the file)."""

    preset: Optional[str] = None
    mapping: Optional[dict[str, Optional[str]]] = None   # field -> source column (None = unmapped)
    date_format: Optional[str] = None
    encoding: Optional[str] = None
    delimiter: Optional[str] = None
    decimal: Optional[str] = None
    pseudonymise: bool = False
    pseudonym_key_file: Optional[str] = None    # else the key kept in the user's config folder
    sheet: Optional[str] = None                 # which sheet of a workbook (default: the first)

    def validate(self) -> "ImportOptions":
        """Raise :class:`InputError` (``column`` = the option, ``value``) for a choice no file could
        satisfy: an unknown preset, a mapping onto an unknown field.  Returns ``self``."""
        if self.preset and self.preset not in PRESETS:
            raise InputError(_("unknown preset {preset}; known: {known}").format(
                preset=repr(self.preset), known=_(", ").join(PRESETS)), column="preset", value=str(self.preset))
        for fld, col in (self.mapping or {}).items():
            if fld not in CANONICAL_FIELDS:
                raise InputError(_("--map {field}={column}: unknown field; fields are {fields}").format(
                    field=fld, column=col, fields=_(", ").join(CANONICAL_FIELDS)), column="mapping", value=str(fld))
        return self


@dataclass
class Preview:
    """What the importer would do with a file: detected format, proposed mapping, first rows."""

    path: Path
    file_name: str
    encoding: str
    delimiter: str
    decimal: str
    preset: Optional[str]
    header: list[str]
    rows: pd.DataFrame
    mapping: dict[str, Optional[str]]
    confidence: dict[str, float]
    date_format: Optional[str]
    date_formats: list[str]
    date_decision: Optional[DateDecision]
    source_format: SourceFormat
    warnings: list[str] = field(default_factory=list)
    sample: Optional[pd.DataFrame] = field(default=None, repr=False)   # first chunk, for decisions
    series: bool = False     # a date and one number: the shop's total per period (no orders)

    @property
    def sheet(self) -> Optional[str]:
        """The workbook sheet read (None for text files)."""
        return self.source_format.sheet

    def to_dict(self) -> dict:
        return {"file": self.file_name, "format": self.format_dict(), "mapping": self.mapping,
                "confidence": self.confidence, "warnings": self.warnings}

    def problems(self) -> list["Problem"]:
        """Why this file cannot be imported as mapped (see :func:`problems`)."""
        return problems(self)

    def check(self) -> None:
        """Raise the :class:`InputError` the import of this file would raise (its first problem,
        naming file, column and value), if any: a dry run refuses exactly what the import refuses."""
        _validate(self)

    def format_dict(self) -> dict:
        d = self.source_format.to_dict()
        d.update({"decimal": self.decimal, "date_format": self.date_format, "preset": self.preset,
                  "date": self.date_decision.to_dict() if self.date_decision else None,
                  "series": self.series})
        return d


@dataclass
class ImportResult:
    """Counts and findings of one imported file."""

    file: str
    import_id: int
    rows_read: int
    imported: int
    rejected: int
    skipped: int
    duplicates_in_file: int
    mapping: dict[str, Optional[str]]
    confidence: dict[str, float]
    format: dict
    quality: dict
    seconds: float
    warnings: list[str] = field(default_factory=list)
    updated: int = 0          # lines already in the shop that this file changed (counted in skipped)

    def to_dict(self) -> dict:
        return asdict(self)


# -- planning ------------------------------------------------------------------------------

def _first_chunk(path: Path, fmt: SourceFormat, rows: int) -> pd.DataFrame:
    for chunk in iter_chunks(path, fmt, chunk_rows=rows):
        return chunk.head(rows)
    return pd.DataFrame(columns=fmt.header, dtype="string")


def preview_file(path: str | Path, options: Optional[ImportOptions] = None, nrows: int = 50) -> Preview:
    """Detect the file's format, propose a mapping and parse the first ``nrows`` rows.

    Raises :class:`InputError` when the file cannot be read or has no usable columns.
    """
    path = Path(path)
    opts = (options or ImportOptions()).validate()
    fmt = sniff(path, opts.encoding, opts.delimiter, opts.sheet)
    sample = _first_chunk(path, fmt, SAMPLE_ROWS)
    preset: Optional[Preset] = PRESETS[opts.preset] if opts.preset else detect_preset(fmt.header)
    decimal = opts.decimal or decide_decimal(_decimal_samples(sample), fmt.delimiter)[0]
    mapping, confidence = auto_map(fmt.header, sample.head(5000), decimal, preset)
    warnings: list[str] = list(fmt.warnings)
    series = detect_series(fmt.header, sample.head(5000), decimal) if preset is None else None
    if series is not None:      # a date and one number, whatever the headers: a shop-level series
        mapping = {f: None for f in mapping}
        confidence = {f: 0.0 for f in confidence}
        mapping["ordered_at"], mapping["amount"] = series[0], series[1]
        confidence["ordered_at"] = confidence["amount"] = round(series[2].success, 2)
    for fld, col in (opts.mapping or {}).items():     # fields checked by validate(); columns here
        if col in (None, "", "-"):
            mapping[fld], confidence[fld] = None, 0.0
            continue
        if col not in fmt.header:
            raise InputError(_("--map {field}={column}: no such column; columns are {columns}").format(
                field=fld, column=col, columns=_(", ").join(fmt.header)), file=path.name, column=col)
        for other, c in mapping.items():      # a column feeds one field
            if c == col and other != fld:
                mapping[other], confidence[other] = None, 0.0
        mapping[fld], confidence[fld] = col, 1.0
    if series is not None and {f: c for f, c in mapping.items() if c} != \
            {"ordered_at": series[0], "amount": series[1]}:
        series = None       # the user mapped the file otherwise: ordinary lines
    decision = None
    date_format = opts.date_format
    if mapping["ordered_at"]:
        prefer = opts.date_format or (preset.date_format if preset else None)
        decision = decide_date_format(sample[mapping["ordered_at"]], prefer=prefer)
        if not date_format:
            date_format = decision.format
        if decision.ambiguous_with and not opts.date_format:
            warnings.append(_ambiguous_dates_warning(mapping["ordered_at"], decision))
        if decision.has_timezone:
            warnings.append(_("time-zone offsets were dropped: times are kept as written (shop local time)"))
    candidates = [f for f in ([decision.format, decision.ambiguous_with] if decision else []) if f]
    return Preview(path, path.name, fmt.encoding, fmt.delimiter, decimal, preset.name if preset else None,
                   fmt.header, sample.head(nrows), mapping, confidence, date_format, candidates,
                   decision, fmt, warnings, sample, series is not None)


@dataclass(frozen=True)
class Problem:
    """Why a previewed file cannot be imported as mapped.  ``code`` is stable (the import wizard
    words each one for its own controls); ``message`` is the command line's wording."""

    code: str       # no_rows | no_date_column | dates_unreadable | dates_mostly_bad | no_amount
    message: str
    column: Optional[str] = None
    value: Optional[str] = None


def problems(preview: Preview) -> list[Problem]:
    """Every reason ``preview`` cannot be imported with its current mapping and formats (empty when
    it can).  The one check: the importer raises the first, the wizard shows them."""
    m, out = preview.mapping, []
    if preview.rows.empty:
        out.append(Problem("no_rows", _("the file has no data rows (only a header)")
                           if preview.source_format.has_header else _("the file has no data rows")))
    columns = _(", ").join(preview.header)
    if not m["ordered_at"]:
        out.append(Problem("no_date_column", _("no usable date column: map one with --map ordered_at=COLUMN "
                                               "(columns: {columns})").format(columns=columns)))
    elif not preview.date_format:
        out.append(Problem("dates_unreadable", _("the dates could not be read with any known format: give one "
                                                 "with --date-format (e.g. {example})").format(example="%d/%m/%Y"),
                           m["ordered_at"],
                           _first_value(preview.rows, m["ordered_at"])))
    elif preview.date_decision is not None and preview.date_decision.success < 0.5 and \
            preview.date_format == preview.date_decision.format:
        out.append(Problem("dates_mostly_bad", _("most values are not dates in format {format}").format(
                               format=preview.date_format),
                           m["ordered_at"], _first_value(preview.rows, m["ordered_at"])))
    if not m["amount"] and not (m["quantity"] and m["unit_price"]):
        out.append(Problem("no_amount", _("no usable amount: map a line total (--map amount=COLUMN) or both "
                                          "quantity and unit price (columns: {columns})").format(columns=columns)))
    return out


def _decimal_samples(sample: pd.DataFrame) -> list[pd.Series]:
    """The values the decimal separator is decided on: column by column, or, for a very wide
    file (thousands of columns), all cells of the first rows as one series (seconds, not minutes)."""
    if sample.shape[1] <= 200:
        return [sample[c] for c in sample.columns]
    cells = sample.head(200).to_numpy(dtype=object, na_value=None).ravel()
    return [pd.Series(cells[pd.notna(cells)], dtype=object)]


def _validate(preview: Preview) -> None:
    """File-level checks; for a workbook, the error names its other sheets (the data is often on
    another sheet than the first)."""
    try:
        _validate_columns(preview)
    except InputError as exc:
        fmt = preview.source_format
        others = [s for s in fmt.sheets if s != fmt.sheet]
        if fmt.kind != "excel" or not others:
            raise
        raise InputError(_("{error} — sheet {sheet} was read; the workbook also has {others}: choose one with "
                           "--sheet NAME (or in the import wizard)").format(
            error=exc, sheet=repr(fmt.sheet), others=_(", ").join(repr(s) for s in others))) from exc


def _validate_columns(preview: Preview) -> None:
    found = problems(preview)
    if found:
        p = found[0]
        raise InputError(p.message, file=preview.file_name, column=p.column, value=p.value)


def _first_value(df: pd.DataFrame, col: str) -> Optional[str]:
    s = df[col].dropna() if col in df else pd.Series(dtype=str)
    return str(s.iloc[0]) if len(s) else None


# -- per-chunk processing ------------------------------------------------------------------

@dataclass
class _FileState:
    preview: Preview
    preset: Optional[Preset]
    line_offset: int                 # physical line of data row 1 minus 1
    cancel_prefix: Optional[str]
    numeric_codes: bool
    with_time: bool
    key: Optional[PseudonymKey]      # pseudonymising: the key (kept outside the shop)
    extra_cols: list[str]
    scrubber: Optional[Scrubber] = None          # pseudonymising: scrubs free text of personal data
    key_cols: list[str] = field(default_factory=list)   # the source's own line key (preset)
    carry: Optional[pd.DataFrame] = None       # last row of the previous chunk (order fill)
    first_group: Optional[tuple] = None        # (order_id, day) of the file's first and last line:
    last_group: Optional[tuple] = None         # those orders may be cut by the file's ends
    counts: dict = field(default_factory=lambda: {
        "lines": 0, "cancellations": 0, "returns": 0, "non_merchandise": 0, "missing_customer": 0,
        "missing_product_name": 0, "zero_price": 0, "negative_price": 0, "negative_quantity": 0,
        "codes_normalised": 0, "names_trimmed": 0, "status_cancelled_zeroed": 0,
        "amount_derived": 0, "unit_price_derived": 0})
    kinds: dict = field(default_factory=dict)
    product_kinds: dict = field(default_factory=dict)   # (code, name) -> (line_kind, merchandise)
    name_forms: dict = field(default_factory=dict)      # product name as read -> spaces squeezed
    overrides: Optional[Overrides] = None     # the user's corrections stored in the shop
    line_type_col: Optional[str] = None       # the export's own line-type column ('Item Type')
    currency_signs: set = field(default_factory=set)
    first_day: Optional[str] = None
    last_day: Optional[str] = None


_SPACES = re.compile(r"\s+")
_FORMS_KEPT = 200_000       # distinct names remembered across chunks (then forgotten, memory stays flat)


def _squeeze_spaces(s: pd.Series, forms: dict) -> pd.Series:
    """Runs of white space inside each value made one space (product names).  Each distinct value
    is worked once per file: ``forms`` remembers the values of earlier chunks (exports repeat
    their names in every chunk; pandas ran the regex per distinct value again in each)."""
    codes, uniq = pd.factorize(s)
    if len(uniq) == 0:
        return s
    if len(forms) > _FORMS_KEPT:
        forms.clear()
    done = np.empty(len(uniq), dtype=object)
    for i, u in enumerate(np.asarray(uniq, dtype=object)):
        v = forms.get(u)
        if v is None:
            v = forms[u] = _SPACES.sub(" ", u)
        done[i] = v
    out = np.where(codes >= 0, done[np.maximum(codes, 0)], None)
    return pd.Series(out, index=s.index, dtype="string")


def _clean_text(s: pd.Series) -> pd.Series:
    """Text cells stripped of surrounding white space, empty ones missing (``string`` dtype).

    Arrow-backed text (every reader's output) is cleaned with two Arrow kernels: the same trim
    pandas' ``str.strip`` runs, without the three intermediate Series (a tenth of the import's
    typing time went to their construction)."""
    arr = s.array
    if isinstance(arr, pd.arrays.ArrowStringArray):
        text = pc.utf8_trim_whitespace(pa.array(arr))
        text = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
        return pd.Series(pd.arrays.ArrowStringArray(text), index=s.index, name=s.name, dtype="string")
    s = s.astype("string").str.strip()
    return s.mask(s == "")


def _process_chunk(df: pd.DataFrame, st: _FileState) -> tuple[pd.DataFrame, list[tuple]]:
    """Typed, flagged canonical rows of one chunk, and its rejected rows."""
    p, m = st.preview, st.preview.mapping
    n = len(df)
    if st.scrubber is not None:     # e-mails, phones and this row's personal values out of free text
        df = st.scrubber.scrub_frame(df, st.extra_cols)
    col = {f: (_clean_text(df[c]) if c else pd.Series(pd.NA, index=df.index, dtype="string"))
           for f, c in m.items()}
    if st.preset is not None and st.preset.fill_order_fields and m["order_id"]:
        _fill_order_fields(col, st)
    rejects: list[tuple] = []
    bad = np.zeros(n, dtype=bool)

    def reject(mask: np.ndarray, reason: str, fld: str) -> None:
        nonlocal bad
        mask = mask & ~bad
        if not mask.any():
            return
        bad |= mask
        src = m[fld]
        rows = df[mask]
        values = col[fld][mask]
        if st.key is not None:     # pseudonymised: personal columns stay out of the stored raw row too,
            kept = {c for f, c in m.items() if c and f not in PERSONAL_FIELDS} | set(st.extra_cols)
            kept = [c for c in rows.columns if c in kept]    # and the rest is scrubbed (a shifted e-mail)
            rows = st.scrubber.scrub_frame(rows, kept)[kept]
            values = _clean_text(rows[src]) if src in rows else values
        raw = rows.to_json(orient="records", lines=True, force_ascii=False).splitlines()
        for (idx, value), r in zip(values.items(), raw):
            rejects.append((int(idx) + st.line_offset, reason, src, None if pd.isna(value) else str(value), r))

    # dates
    dates = parse_dates(col["ordered_at"], p.date_format)
    missing_date = col["ordered_at"].isna().to_numpy()
    reject(missing_date, MISSING_DATE, "ordered_at")
    reject(dates.isna().to_numpy() & ~missing_date, reject_reason(BAD_DATE, format=p.date_format), "ordered_at")
    # numbers
    nums = {}
    for fld in NUMERIC_FIELDS:
        if m[fld]:
            # the signs written in the first values (one text searched, not a pass per sign)
            head = "\x00".join(col[fld].head(2000).dropna().tolist())
            st.currency_signs.update(sign for sign in CURRENCY_SIGNS if sign in head)
            v = parse_numbers(col[fld], p.decimal)
            reject((v.isna() & col[fld].notna()).to_numpy(), NOT_A_NUMBER, fld)
            nums[fld] = v
        else:
            nums[fld] = pd.Series(np.nan, index=df.index)
    q, price, amount = nums["quantity"], nums["unit_price"], nums["amount"]
    derived_amount = amount.isna() & q.notna() & price.notna()
    amount = amount.where(~derived_amount, (q * price).round(6))
    if m["amount"] and m["quantity"]:
        derive_price = price.isna() & amount.notna() & q.notna() & (q != 0)
        price = price.where(~derive_price, (amount / q).round(6))
        st.counts["unit_price_derived"] += int(derive_price[~bad].sum())
    st.counts["amount_derived"] += int(derived_amount[~bad].sum()) if m["amount"] else 0
    if m["status"]:
        # a cancelled order's line often carries no price at all (Amazon: quantity 0, empty
        # item-price): keep it, flagged below as a cancellation worth 0, rather than reject it
        statuses = [x.lower() for x in (st.preset.cancel_statuses if st.preset else ()) + CANCEL_STATUSES]
        cancelled = col["status"].str.lower().isin(statuses).fillna(False).to_numpy(dtype=bool)
        amount = amount.where(~(amount.isna().to_numpy() & cancelled), 0.0)
    reject(amount.isna().to_numpy(), NO_AMOUNT,
           "amount" if m["amount"] else ("quantity" if m["quantity"] else "ordered_at"))
    keep = ~bad
    # identifiers
    customer = col["customer_id"]
    if not m["customer_id"] and m["customer_email"]:
        customer = col["customer_email"].str.lower()
    elif m["customer_email"] and st.preset is not None and st.preset.extra.get("guest_customer_ids"):
        # guest checkouts share one placeholder id (WooCommerce: 0): tell them apart by e-mail
        guest = customer.isin(st.preset.extra["guest_customer_ids"]).fillna(False)
        customer = customer.mask(guest, col["customer_email"].str.lower())
    if customer.str.endswith(".0").any():    # 17850.0: a spreadsheet stored the id as a number
        customer = customer.str.replace(r"^(\d+)\.0$", r"\1", regex=True)
    raw_code = col["product_id"]
    code = raw_code.str.upper()
    changed = (code != raw_code).fillna(False).to_numpy()
    name = _squeeze_spaces(col["product_name"], st.name_forms)
    st.counts["names_trimmed"] += int(
        (df[m["product_name"]].astype("string").str.len() != name.str.len()).fillna(False)[keep].sum()
    ) if m["product_name"] else 0
    flags = classify(col["order_id"], code, name, q, price, amount, customer, col["status"],
                     cancel_prefix=st.cancel_prefix, numeric_codes=st.numeric_codes,
                     cancel_statuses=(st.preset.cancel_statuses if st.preset else CANCEL_STATUSES)
                     + CANCEL_STATUSES, cache=st.product_kinds, overrides=st.overrides,
                     line_types=line_types(df[st.line_type_col]) if st.line_type_col else None)
    zeroed = flags["status_cancelled"].to_numpy() & (amount.fillna(0).to_numpy() != 0)
    source_amount = amount.copy()
    amount = amount.where(~zeroed, 0.0)
    if st.key is not None:
        customer = st.key.customer_pseudonyms(customer)
    # one frame built at once (column by column, each insert copied the frame's column list)
    out = pd.DataFrame({
        "source_row": df.index.to_numpy() + st.line_offset,
        "order_id": col["order_id"], "customer_id": customer, "product_id": code,
        "product_name": name, "quantity": q, "unit_price": price, "amount": amount,
        "country": col["country"], "store": col["store"], "_dt": dates,
        **{c: flags[c] for c in ("is_cancellation", "is_merchandise", "line_kind")},
        # unmapped source columns and anything we changed are kept in `extra`
        "extra": _extra_json(df, st, changed, zeroed, raw_code, source_amount),
        "line_key": _line_keys(df, st.key_cols),
    })
    if p.series:    # a shop-level series: each line is the shop's total for its period, no flags
        out["is_cancellation"], out["is_merchandise"], out["line_kind"] = 0, 1, "summary"
    out = out[keep]
    _count(out, st, changed[keep], zeroed[keep])
    return out, rejects


def _line_keys(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    """The source's own key of each line (NULL where the file has none or the cell is empty)."""
    if not cols:
        return pd.Series(None, index=df.index, dtype=object)
    parts = [_clean_text(df[c]) for c in cols]
    key = parts[0]
    for p in parts[1:]:
        key = key + "\x1f" + p
    return key.astype(object).where(key.notna(), None)


def _extra_json(df: pd.DataFrame, st: _FileState, changed: np.ndarray, zeroed: np.ndarray,
                raw_code: pd.Series, source_amount: pd.Series) -> list:
    n = len(df)
    pieces: list[Optional[dict]] = [None] * n
    if st.extra_cols:
        sub = df[st.extra_cols]
        recs = sub.to_json(orient="records", lines=True, force_ascii=False).splitlines()
        pieces = [json.loads(r) for r in recs]
        pieces = [{k: v for k, v in d.items() if v is not None} or None for d in pieces]
    rows = np.flatnonzero(changed)
    for i, v in zip(rows.tolist(), raw_code.to_numpy(dtype=object, na_value=None)[rows].tolist()):
        pieces[i] = {**(pieces[i] or {}), "_source_product_id": v}
    rows = np.flatnonzero(zeroed)
    for i, v in zip(rows.tolist(), source_amount.to_numpy(dtype="float64", na_value=np.nan)[rows].tolist()):
        pieces[i] = {**(pieces[i] or {}), "_source_amount": v}
    return [None if d is None else json.dumps(d, ensure_ascii=False) for d in pieces]


def _fill_order_fields(col: dict[str, pd.Series], st: _FileState) -> None:
    """Shopify-style exports give order fields only on an order's first row: copy them down
    within the order (also across chunk boundaries)."""
    order = col["order_id"]
    fields = [f for f in st.preset.fill_order_fields if f in col]
    frame = pd.DataFrame({f: col[f] for f in ["order_id", *fields]})
    if st.carry is not None:
        frame = pd.concat([st.carry, frame])
    filled = frame.groupby(frame["order_id"].fillna("\x00"), sort=False)[fields].ffill()
    filled = filled.iloc[(0 if st.carry is None else 1):]
    for f in fields:
        col[f] = filled[f].astype("string")
    last = pd.DataFrame({f: col[f].iloc[-1:] for f in ["order_id", *fields]}) if len(order) else None
    st.carry = last


def _count(out: pd.DataFrame, st: _FileState, changed: np.ndarray, zeroed: np.ndarray) -> None:
    c = st.counts
    c["lines"] += len(out)
    kind = out["line_kind"].to_numpy(dtype=object)
    codes, kinds = pd.factorize(kind)
    for k, v in zip(kinds, np.bincount(codes[codes >= 0], minlength=len(kinds))):
        st.kinds[k] = st.kinds.get(k, 0) + int(v)
    c["cancellations"] += int((out["is_cancellation"].to_numpy() == 1).sum())
    c["returns"] += int((kind == "return").sum())
    c["non_merchandise"] += int((out["is_merchandise"].to_numpy() == 0).sum())
    if not st.preview.series:   # a series has no customers or products: nothing is missing
        c["missing_customer"] += int(out["customer_id"].isna().sum())
        c["missing_product_name"] += int(out["product_name"].isna().sum())
    price = out["unit_price"].to_numpy(dtype="float64", na_value=np.nan)
    qty = out["quantity"].to_numpy(dtype="float64", na_value=np.nan)
    c["zero_price"] += int((price == 0).sum())
    c["negative_price"] += int((price < 0).sum())
    c["negative_quantity"] += int((qty < 0).sum())
    c["codes_normalised"] += int(changed.sum())
    c["status_cancelled_zeroed"] += int(zeroed.sum())
    if len(out):
        lo, hi = str(out["_dt"].min())[:10], str(out["_dt"].max())[:10]
        st.first_day = lo if st.first_day is None else min(st.first_day, lo)
        st.last_day = hi if st.last_day is None else max(st.last_day, hi)


_HASH_COLS = ["order_id", "ordered_at", "customer_id", "product_id", "product_name", "quantity",
              "unit_price", "amount", "country", "store"]


_MIX = np.uint64(0x100000001B3)
_NULL_HASH = np.uint64(0x9E3779B97F4A7C15)


def _insert_columns(out: pd.DataFrame, ordered_at: list) -> tuple[dict[str, list], np.ndarray]:
    """Python lists for sqlite3 (None for missing) and each line's 64-bit content hash.

    The hash is the natural key's first half (the occurrence is the second): each column is
    hashed with pandas' stable ``hash_array`` — text once per distinct value, sharing the
    factorisation used to build the lists — and folded with an FNV-style multiply-xor, so the
    key depends only on the values, never on chunking or dtypes.
    """
    lists: dict[str, list] = {}
    h = np.zeros(len(out), dtype=np.uint64)
    for c in _HASH_COLS:
        if c in ("quantity", "unit_price", "amount"):
            v = out[c].to_numpy(dtype="float64", na_value=np.nan)
            nan = np.isnan(v)
            hc = pd.util.hash_array(np.where(nan, 0.0, v))
            hc = np.where(nan, _NULL_HASH, hc)
            lst = v.tolist()
            lists[c] = [None if x != x else x for x in lst] if nan.any() else lst
        else:
            vals = pd.Series(ordered_at, dtype=object) if c == "ordered_at" else out[c]
            codes, uniq = pd.factorize(vals)
            u = np.asarray(uniq, dtype=object)
            if len(u):
                uh = pd.util.hash_array(u, categorize=False)   # distinct already: the same hashes, 7x faster
                idx = np.maximum(codes, 0)
                hc = np.where(codes >= 0, uh[idx], _NULL_HASH)
                lists[c] = ordered_at if c == "ordered_at" else np.where(codes >= 0, u[idx], None).tolist()
            else:
                hc = np.full(len(out), _NULL_HASH, dtype=np.uint64)
                lists[c] = [None] * len(out)
        with np.errstate(over="ignore"):
            h = (h * _MIX) ^ hc.astype(np.uint64)
    # the source's own line key, where there is one, is part of the line's identity: two lines
    # with equal values but different keys (two Etsy transactions) are two lines
    keys = out["line_key"]
    has_key = keys.notna().to_numpy()
    if has_key.any():
        kh = pd.util.hash_array(np.asarray(keys.fillna(""), dtype=object))
        with np.errstate(over="ignore"):
            h = np.where(has_key, (h * _MIX) ^ kh.astype(np.uint64), h)
        lists["line_key"] = keys.tolist()
    else:
        lists["line_key"] = [None] * len(out)
    return lists, h.view(np.int64)


def _group_reduce(keys: np.ndarray, sums=(), mins=(), maxs=()) -> tuple:
    """Per distinct key (ascending): the key, the count of rows, and the sums, minima and maxima of
    the given arrays -- one stable sort and ``reduceat``, no pandas group-by (whose per-call
    overhead cost more than the sums on 25,000-row chunks)."""
    order = np.argsort(keys, kind="stable")
    ks = keys[order]
    if not len(ks):
        empty = tuple(x[:0] for x in sums), tuple(x[:0] for x in mins), tuple(x[:0] for x in maxs)
        return (ks, np.zeros(0, dtype=np.int64), *empty)
    starts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]])
    counts = np.diff(np.r_[starts, len(ks)])
    return (ks[starts], counts, tuple(np.add.reduceat(x[order], starts) for x in sums),
            tuple(np.minimum.reduceat(x[order], starts) for x in mins),
            tuple(np.maximum.reduceat(x[order], starts) for x in maxs))


class _Dimensions:
    """Products and customers aggregated while streaming a bulk import (saves a full re-scan)."""

    # the distinct (customer, order) pairs grow with the file (485,000 on the 12-million-line file:
    # as pandas object frames, refolded every 16 chunks, they made most of the import's memory
    # growth); they go into a temporary SQLite table instead, whose pages stay in SQLite's bounded
    # cache and spill to its temporary file, and are counted per customer at the end
    ORDERS = "temp.import_customer_orders"

    def __init__(self, conn) -> None:
        self.conn = conn
        self.pairs: list[pd.DataFrame] = []
        self.cust: list[pd.DataFrame] = []
        self.drop(conn)
        conn.execute(f"CREATE TABLE {self.ORDERS} (customer_id TEXT NOT NULL, order_id TEXT NOT NULL, "
                     "PRIMARY KEY (customer_id, order_id)) WITHOUT ROWID")

    def add(self, out: pd.DataFrame) -> None:
        # group on integer codes (factorised text, day numbers): string group-bys per chunk
        # cost more than the rest of the import
        dayn = out["_dt"].to_numpy().astype("datetime64[D]").astype(np.int64)
        merch = out["is_merchandise"].to_numpy().astype(np.int64)
        q = out["quantity"].to_numpy(dtype="float64", na_value=np.nan)
        a = out["amount"].to_numpy(dtype="float64", na_value=np.nan)
        pc, pu = pd.factorize(out["product_id"])
        nc, nu = pd.factorize(out["product_name"])
        width = len(nu) + 1
        has = pc >= 0
        q, a = np.nan_to_num(q), np.nan_to_num(a)      # sums skip missing values
        k, n, (merch_n, units, net), (first, ), (last, ) = _group_reduce(
            pc[has] * width + nc[has] + 1, (merch[has], q[has], a[has]), (dayn[has], ), (dayn[has], ))
        g = pd.DataFrame({"n": n, "merch": merch_n, "first_day": first, "last_day": last, "units": units,
                          "net": net})
        names = np.asarray(nu, dtype=object)
        ni = k % width - 1
        g["product_id"] = np.asarray(pu, dtype=object)[k // width]
        g["product_name"] = np.where(ni >= 0, names[np.maximum(ni, 0)] if len(names) else None, None)
        self.pairs.append(g.reset_index(drop=True))
        cc, cu = pd.factorize(out["customer_id"])
        tc, tu = pd.factorize(out["country"], sort=True)     # sorted: the max code is the max text
        has = cc >= 0
        ck, _n, (net_sales, ), (first, ), (last, t) = _group_reduce(
            cc[has], (np.where(merch == 1, a, 0.0)[has], ), (dayn[has], ), (dayn[has], tc[has]))
        c = pd.DataFrame({"first_day": first, "last_day": last, "net_sales": net_sales})
        countries = np.asarray(tu, dtype=object)
        c["customer_id"] = np.asarray(cu, dtype=object)[ck]
        c["country"] = np.where(t >= 0, countries[np.maximum(t, 0)] if len(countries) else None, None)
        self.cust.append(c.reset_index(drop=True))
        oc, ou = pd.factorize(out["order_id"])
        both = has & (oc >= 0)
        pairs = np.unique(cc[both].astype(np.int64) * (len(ou) + 1) + oc[both])
        insert_rows(self.conn, self.ORDERS.split(".")[1], ("customer_id", "order_id"), or_ignore=True,
                    rows=zip(np.asarray(cu, dtype=object)[pairs // (len(ou) + 1)].tolist(),
                             np.asarray(ou, dtype=object)[pairs % (len(ou) + 1)].tolist()))
        if len(self.pairs) >= 16:     # fold the partials: memory stays flat on huge files
            pairs_f, cust_f = self._fold()
            self.pairs, self.cust = [pairs_f], [cust_f]

    def _orders(self) -> pd.Series:
        """Distinct orders per customer, from the temporary table (which is dropped)."""
        rows = self.conn.execute(f"SELECT customer_id, count(*) FROM {self.ORDERS} GROUP BY customer_id").fetchall()
        self.drop(self.conn)
        return pd.Series(dict(rows), dtype="int64")

    @classmethod
    def drop(cls, conn) -> None:
        conn.execute(f"DROP TABLE IF EXISTS {cls.ORDERS}")

    def _fold(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        pairs = pd.concat(self.pairs).groupby(["product_id", "product_name"], dropna=False, sort=False).agg(
            n=("n", "sum"), merch=("merch", "sum"), first_day=("first_day", "min"),
            last_day=("last_day", "max"), units=("units", "sum"), net=("net", "sum")).reset_index()
        cust = pd.concat(self.cust).groupby("customer_id", sort=False).agg(
            country=("country", "max"), first_day=("first_day", "min"), last_day=("last_day", "max"),
            net_sales=("net_sales", "sum")).reset_index()
        return pairs, cust

    def finish(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        if not self.pairs:
            self.drop(self.conn)
            return (pd.DataFrame(columns=["product_id", "product_name", "n", "merch", "first_day", "last_day",
                                          "units", "net"]),
                    pd.DataFrame(columns=["customer_id", "country", "first_day", "last_day", "orders", "net_sales"]))
        pairs, cust = self._fold()
        cust = cust.set_index("customer_id")
        cust["orders"] = self._orders().reindex(cust.index).fillna(0).astype(int)
        for frame in (pairs, cust):
            for col in ("first_day", "last_day"):
                frame[col] = np.datetime_as_string(frame[col].to_numpy().astype("datetime64[D]"), unit="D")
        return pairs, cust.reset_index()


# -- the import ------------------------------------------------------------------------------

def _estimate_rows(path: Path, fmt: SourceFormat, sample: pd.DataFrame) -> int:
    size = path.stat().st_size
    if fmt.compressed:
        with open(path, "rb") as fh:      # gzip trailer: uncompressed size mod 2**32
            fh.seek(-4, 2)
            size = max(size, struct.unpack("<I", fh.read(4))[0])
    if len(sample) < 2:
        return max(len(sample), 1)
    approx_line = max(sample.astype(str).apply(lambda c: c.str.len()).sum(axis=1).mean() + len(sample.columns), 8)
    return max(int(size / approx_line), len(sample))


def _ambiguous_dates_warning(column: str, decision) -> str:
    """The preview's warning that dates fit two formats (the import drops it once the whole file
    settles the question; found by value, not by matching words of its text)."""
    return _("dates in {column} fit both {chosen} and {other}; using {chosen} (if that is wrong, choose the "
             "other date format)").format(column=repr(column), chosen=decision.format, other=decision.ambiguous_with)


def _settle_ambiguous_dates(pv: Preview, opts: ImportOptions, rep: Reporter) -> None:
    """Month-first or day-first is settled by the whole column: when the sample cannot tell
    (every day in it is <= 12, as in UCI's first 25,000 rows), read on until values rule one
    format out.  A column that stays ambiguous to the end keeps the first format and its warning."""
    d = pv.date_decision
    if d is None or not d.ambiguous_with or opts.date_format or pv.date_format != d.format:
        return
    col, fails, seen = pv.mapping["ordered_at"], {d.format: 0, d.ambiguous_with: 0}, set()
    for chunk in iter_chunks(pv.path, pv.source_format):
        rep.check()
        vals = strip_timezone(chunk[col].dropna())[0].unique()
        new = pd.Series([v for v in vals if v not in seen], dtype=object)
        seen.update(new)
        ok = {f: pd.to_datetime(new, format=f, errors="coerce").notna() for f in fails}
        for f in fails:
            fails[f] += int((~ok[f] & pd.concat(ok.values(), axis=1).any(axis=1)).sum())
        if min(fails.values()) == 0 and max(fails.values()) > 0:
            break
    if fails[d.format] == fails[d.ambiguous_with]:
        return
    chosen = min(fails, key=fails.get)
    pv.date_format = chosen
    pv.date_decision = replace(d, format=chosen, ambiguous_with=None)
    ambiguous = _ambiguous_dates_warning(pv.mapping["ordered_at"], d)
    pv.warnings = [w for w in pv.warnings if w != ambiguous]


def import_files(shop: Shop, paths: Sequence[str | Path], options: Optional[ImportOptions] = None,
                 progress=None, should_stop=None) -> list[ImportResult]:
    """Import ``paths`` into ``shop`` in one transaction; returns one result per file.

    Raises :class:`InputError` (file-level problem) or :class:`Cancelled`; either way the shop
    is left exactly as it was.  Cancel is honoured in every phase: between chunks while reading,
    and inside every SQL statement (indexing, occurrence numbering, the insert of new lines,
    the dimension refresh) through SQLite's progress handler; the last check is made just before
    the commit.  Once committed, the import finishes and returns (it never reports cancelled).
    """
    rep = as_reporter(progress, should_stop)
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError(_("no file to import"))
    shop.check_writable()       # a read-only shop says so before any file is read
    opts = (options or ImportOptions()).validate()
    previews = []
    for p in paths:
        rep.check()
        pv = preview_file(p, opts)
        _validate(pv)
        _settle_ambiguous_dates(pv, opts, rep)
        previews.append(pv)
    results: list[ImportResult] = []
    with _without_fk_checks(shop), shop.transaction(rep) as conn, interruptible(conn, rep):
        key_warnings: list[str] = []
        key = _pseudonym_key(shop, opts, key_warnings)
        dims = None
        for i, pv in enumerate(previews):
            sub = rep.sub(i / len(previews), (i + 1) / len(previews))
            result, dims = _import_one(shop, conn, pv, opts, key, sub)
            result.warnings[:0] = key_warnings
            results.append(result)
        rep(0.99, _("updating products and customers"))
        if len(previews) == 1 and dims is not None:
            shop.refresh_dimensions(*dims.finish())
        else:
            _Dimensions.drop(conn)      # a first file's streamed partials are not used: all are scanned
            shop.refresh_dimensions()
        _update_currency(shop, results)
    rep(1.0, _("done"))
    return results


# SQLite's sorter may sort in helper threads (``PRAGMA threads``): building the five line indexes of
# the sample file took 3.8 CPU s on the one thread, 2.1 s on it with two helpers (4.0 s in all)
SORT_THREADS = min(4, os.cpu_count() or 1) if (os.cpu_count() or 1) > 1 else 0


@contextmanager
def sort_threads(conn, n: Optional[int] = None):
    """Let SQLite's sorts (index builds, window functions) use ``n`` helper threads (default
    :data:`SORT_THREADS`) inside the block; the connection's setting is restored after."""
    before = conn.execute("PRAGMA threads").fetchone()[0]
    conn.execute(f"PRAGMA threads = {int(SORT_THREADS if n is None else n)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA threads = {int(before)}")


@contextmanager
def _without_fk_checks(shop: Shop):
    """Skip SQLite's per-row foreign-key lookups during the bulk insert (a quarter of its time):
    every ``import_id`` written is the one this transaction created first.  The pragma is a
    no-op inside a transaction, so it wraps the transaction and is restored afterwards."""
    before = shop.conn.execute("PRAGMA foreign_keys").fetchone()[0]
    shop.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        shop.conn.execute(f"PRAGMA foreign_keys = {int(before)}")


def _update_currency(shop: Shop, results: list[ImportResult]) -> None:
    signs = [s for r in results for s in r.quality.get("currency_signs", [])]
    if signs and not shop.get_meta("currency"):
        code = currency_for_symbol(signs[0])      # Babel's CLDR data; '¥' follows the language
        if code:                                   # an ambiguous sign ('kr') names no currency
            shop.set_meta("currency", code)


def _pseudonym_key(shop: Shop, opts: ImportOptions, warnings: list[str]) -> Optional[PseudonymKey]:
    """The key to pseudonymise with, or None.  A pseudonymised shop stays pseudonymised (every
    later import is too); a shop already holding raw customer data is not mixed with pseudonyms."""
    if not opts.pseudonymise and not is_pseudonymised(shop):
        return None
    if not is_pseudonymised(shop):
        if not shop.is_empty():
            raise InputError(_("the shop {shop} already holds lines imported without --pseudonymise (raw "
                               "customer data is not pseudonymised afterwards): import with --pseudonymise "
                               "into a new shop").format(shop=shop.path.name))
        mark_pseudonymised(shop)
    elif not opts.pseudonymise:
        warnings.append(_("this shop is pseudonymised: customers in this import were pseudonymised too"))
    return resolve_key(shop, opts.pseudonym_key_file)


def _import_one(shop: Shop, conn, pv: Preview, opts: ImportOptions, key: Optional[PseudonymKey],
                rep: Reporter) -> ImportResult:
    t0 = time.perf_counter()
    path = pv.path
    rep(0.0, _("reading {file}").format(file=pv.file_name))
    preset = PRESETS.get(pv.preset) if pv.preset else None
    fmt = pv.source_format
    # decisions that need more than the preview rows are made on the first chunk
    first = pv.sample if pv.sample is not None else _first_chunk(path, fmt, SAMPLE_ROWS)
    q_sample = parse_numbers(_clean_text(first[pv.mapping["quantity"]]), pv.decimal) \
        if pv.mapping["quantity"] else pd.Series(dtype=float)
    cancel_prefix = (preset.cancel_order_prefix if preset and preset.cancel_order_prefix else
                     detect_cancel_prefix(_clean_text(first[pv.mapping["order_id"]]), q_sample)
                     if pv.mapping["order_id"] and pv.mapping["quantity"] else None)
    numeric_codes = codes_mostly_numeric(_clean_text(first[pv.mapping["product_id"]])) \
        if pv.mapping["product_id"] else False
    mapped = {c for c in pv.mapping.values() if c}
    personal = {pv.mapping[f] for f in PERSONAL_FIELDS if pv.mapping[f]} if key else set()
    extra_cols = [c for c in pv.header if c not in mapped and c not in personal]
    if key:
        # unmapped columns that look personal (e-mail, phone, address) are dropped, and said so;
        # their values (and the personal fields') are scrubbed from the row's other free text
        personal |= {c for c in extra_cols if _looks_personal(c)}
        extra_cols = [c for c in extra_cols if c not in personal]
    est_rows = _estimate_rows(path, fmt, first)
    st = _FileState(pv, preset, fmt.skip_rows + (1 if fmt.has_header else 0), cancel_prefix,
                    numeric_codes, "%H" in (pv.date_format or "") or "%I" in (pv.date_format or ""),
                    key, extra_cols, Scrubber(sorted(personal)) if key else None,
                    line_key_columns(preset, pv.header))
    st.overrides = Overrides.from_rows(conn.execute("SELECT key_type, key, kind FROM classification_overrides"))
    st.line_type_col = line_type_column(pv.header, first, normalise_header)
    del first
    pv.sample = None     # free the sample: the import streams from here on
    import_id = add_import(
        conn, file_name=_private(pv.file_name, key), file_path=_private(str(path.resolve()), key),
        file_size=path.stat().st_size, sha256=file_sha256(path), started_at=now_iso(), preset=pv.preset,
        encoding=pv.encoding, delimiter={"\t": "tab", " ": "whitespace"}.get(pv.delimiter, pv.delimiter),
        decimal=pv.decimal, date_format=pv.date_format, mapping_json=json.dumps(pv.mapping, ensure_ascii=False),
        options_json=json.dumps({k: v for k, v in asdict(opts).items() if v not in (None, False)
                                 and k != "pseudonym_key_file"}, ensure_ascii=False),
        app_version=_app_version())
    was_empty = shop.is_empty()
    if was_empty:   # bulk path: build the line indexes once, after the rows are in
        table = "line_items"
        for name in LINE_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {name}")
    else:           # lines go through a staging table so those already in the shop can be skipped
        table = "staging"
        conn.execute("DROP TABLE IF EXISTS temp.staging")
        conn.execute(STAGING_TABLE)
    bad_rows: list[tuple] = []

    malformed = [0]

    def on_bad_row(line: int, text: str, reason: str = WRONG_FIELDS) -> None:
        malformed[0] += 1
        if key:         # pseudonymised: keep the reason, not the row's text (it may hold e-mails)
            text = text.split(":", 1)[0]
        bad_rows.append((line or None, reason, None, None, json.dumps({"text": text})))

    rows_read = 0
    rejected = 0
    dims = _Dimensions(conn) if was_empty else None
    read_stats = ReadStats()
    reasons: Counter = Counter()

    def store_rejects(rows: list[tuple]) -> None:
        """Keep the first MAX_REJECTS_KEPT rejected rows in full; count the rest (a small
        compressed file of bad rows must not fill the disk)."""
        nonlocal rejected
        room = max(MAX_REJECTS_KEPT - rejected, 0)
        if room:
            insert_rows(conn, "rejected_rows", REJECTED_ROW_COLUMNS, [(import_id, *r) for r in rows[:room]])
        reasons.update(r[1] for r in rows)
        rejected += len(rows)

    for chunk in iter_chunks(path, fmt, on_bad_row=on_bad_row, stats=read_stats):
        rep.check()
        rows_read += len(chunk)
        out, rejects = _process_chunk(chunk, st)
        if len(out):
            ordered_at, day = format_datetimes(out["_dt"], st.with_time)
            cols, hashes = _insert_columns(out, ordered_at)
            values = {**cols, "source_row": out["source_row"].tolist(), "ordered_at": ordered_at,
                      "is_cancellation": out["is_cancellation"].tolist(),
                      "is_merchandise": out["is_merchandise"].tolist(), "line_kind": out["line_kind"].tolist(),
                      "content_hash": hashes.tolist(), "extra": out["extra"].tolist()}
            optional = tuple(c for c in IMPORT_LINE_OPTIONAL if values[c].count(None) < len(values[c]))
            conn.executemany(import_lines_sql(table, import_id, optional),
                             zip(*(values[c] for c in IMPORT_LINE_COLUMNS + optional)))
            if st.first_group is None:
                st.first_group = _group_of(cols["order_id"][0], day[0])
            st.last_group = _group_of(cols["order_id"][-1], day[-1])
            if dims is not None:
                dims.add(out)
        all_rejects = rejects + bad_rows
        if all_rejects:
            store_rejects(all_rejects)
            bad_rows.clear()
            _refuse_mostly_bad(pv, rows_read + malformed[0], rejected, reasons, final=False)
        rep(min(rows_read / est_rows, 0.97) * 0.80,
            _("{file}: {n} rows read").format(file=pv.file_name, n=fmt_integer(rows_read)))
    if bad_rows:
        store_rejects(bad_rows)
    _refuse_mostly_bad(pv, rows_read + malformed[0], rejected, reasons, final=True)
    pv.warnings.extend(read_stats.warnings())
    if rejected > MAX_REJECTS_KEPT:
        pv.warnings.append(_("{n} rows were rejected: the first {kept} are kept with their reason, the other "
                             "{rest} only counted").format(n=fmt_integer(rejected), kept=fmt_integer(MAX_REJECTS_KEPT),
                                                           rest=fmt_integer(rejected - MAX_REJECTS_KEPT)))
    st.counts.update({"empty_rows_skipped": read_stats.empty_rows, "nul_cells_cleaned": read_stats.nul_cells,
                      "rejected_kept": min(rejected, MAX_REJECTS_KEPT)})
    if was_empty:
        # the indexes, the natural-key one first (LINE_INDEXES starts with it): the in-file repeats
        # are found through it before the others are built
        dups, names = 0, list(LINE_INDEXES)
        with sort_threads(conn):
            for i, sql in enumerate(LINE_INDEXES.values()):
                rep(0.80 + 0.19 * i / len(names), _("indexing"))
                conn.execute(sql)
                if names[i] == KEY_INDEX:
                    dups = _number_occurrences(conn, "line_items", "line_id", rep.sub(0.81, 0.835),
                                               key_index=KEY_INDEX)
        skipped = updated = 0
        _record_pieces(conn, import_id, st, "line_items", set())
    else:
        with sort_threads(conn):
            dups = _number_occurrences(conn, "temp.staging", "stage_id", rep.sub(0.80, 0.85))
            skipped, updated = _merge_staged(conn, import_id, st, rep.sub(0.85, 1.0))
    imported = st.counts["lines"] - skipped
    rows_read += malformed[0]   # rows with the wrong number of fields were read (and rejected) too
    quality = _quality(st, pv, rows_read, imported, rejected, skipped, dups)
    quality["updated"] = updated
    seconds = round(time.perf_counter() - t0, 3)
    conn.execute("UPDATE imports SET finished_at = ?, seconds = ?, rows_read = ?, rows_imported = ?, "
                 "rows_rejected = ?, rows_skipped = ?, rows_updated = ?, duplicates_in_file = ?, quality_json = ? "
                 "WHERE import_id = ?",
                 (now_iso(), seconds, rows_read, imported, rejected, skipped, updated, dups,
                  json.dumps(quality, ensure_ascii=False), import_id))
    return (ImportResult(pv.file_name, import_id, rows_read, imported, rejected, skipped, dups,
                         pv.mapping, pv.confidence, pv.format_dict(), quality, seconds, list(pv.warnings),
                         updated),
            dims if was_empty else None)


MAX_REJECTS_KEPT = 10_000       # rejected rows stored in full per import; the rest are counted
MOSTLY_BAD_MIN_ROWS = 1_000     # a file this long whose rows are mostly rejected is refused whole
MOSTLY_BAD_SHARE = 0.5


def _refuse_mostly_bad(pv: Preview, read: int, rejected: int, reasons: Counter, final: bool) -> None:
    """Refuse a file whose rows are mostly bad: its mapping or format is wrong, or it is not what
    it claims to be.  Checked while reading too, so a flood of bad rows stops early."""
    if read < MOSTLY_BAD_MIN_ROWS or rejected <= read * MOSTLY_BAD_SHARE:
        return
    if not final and read < 5 * MOSTLY_BAD_MIN_ROWS:
        return      # early on, wait for a few thousand rows before judging
    top = _("; ").join(_("{reason} ({n})").format(reason=reject_reason_text(r), n=fmt_integer(n))
                       for r, n in reasons.most_common(3))
    raise InputError(_("{rejected} of the first {read} rows are bad ({top}): the file was refused and nothing "
                       "was imported; check the column mapping, date format and delimiter").format(
        rejected=fmt_integer(rejected), read=fmt_integer(read), top=top), file=pv.file_name)


def _private(text: str, key: Optional[PseudonymKey]) -> str:
    """File names and paths of a pseudonymised import without e-mail addresses or phone numbers."""
    return scrub_text(text) if key else text


def _looks_personal(column: str) -> bool:
    from .fields import normalise_header
    h = normalise_header(column)
    return any(k in h for k in ("email", "phone", "address", "street", "zip", "postal", "postcode",
                                "name", "邮箱", "电话", "地址", "姓名"))


KEY_INDEX = "ix_line_items_natural_key"       # (content_hash, occurrence): a line's identity
DUP_CHUNK_ROWS = 250_000     # ids per statement of the occurrence update (progress + cancel between)


def _id_ranges(last: int, first: int = 1):
    """(start, fraction done) of each range of :data:`DUP_CHUNK_ROWS` ids from ``first`` to ``last``."""
    starts = range(first, last + 1, DUP_CHUNK_ROWS)
    return [(start, i / len(starts)) for i, start in enumerate(starts)]


REBUILD_SHARE = 0.1    # more repeats than this share of the lines: update without the key index


def _number_occurrences(conn, table: str, id_col: str, rep: Reporter, key_index: Optional[str] = None) -> int:
    """Number identical lines of this import 0, 1, 2 … in file order; returns how many are
    repeats (occurrence > 0): in-file exact duplicates, kept and counted.

    Linear in the file and flat in memory, with progress and cancel (``rep``):
      1. the repeats are ranked in SQL -- through ``key_index`` (the table's (content_hash,
         occurrence) index, all occurrences still 0) when there is one, else by one sort of the
         (content hash, id) pairs -- and kept by id in a temp table; cancellable inside the
         statement through the connection's progress handler;
      2. they are written back in id ranges of :data:`DUP_CHUNK_ROWS`, in id order (one sequential
         pass, progress and a cancel check between ranges).  When repeats are many (a file of
         copies), ``key_index`` is dropped for the update and built again after it: updating
         millions of its entries in place made a 12 M-line file of repeats take 17 minutes of
         random page writes."""
    msg = _("checking for lines already in the shop")
    rep(0.0, msg)
    conn.execute("DROP TABLE IF EXISTS temp.dup_occ")
    conn.execute("CREATE TEMP TABLE dup_occ (id INTEGER PRIMARY KEY, occ INTEGER NOT NULL)")
    source = table if key_index is None else (
        f"{table} WHERE content_hash IN (SELECT content_hash FROM {table} GROUP BY content_hash "
        "HAVING count(*) > 1)")
    insert_select(conn, "dup_occ", ("id", "occ"),
                  f"SELECT id, occ FROM (SELECT {id_col} AS id, row_number() OVER (PARTITION BY content_hash "
                  f"ORDER BY {id_col}) - 1 AS occ FROM {source}) WHERE occ > 0 ORDER BY id")
    repeats, lo, hi = conn.execute("SELECT count(*), min(id), max(id) FROM temp.dup_occ").fetchone()
    name = table.split(".")[-1]
    if repeats:
        lines = conn.execute(f"SELECT max({id_col}) - min({id_col}) + 1 FROM {table}").fetchone()[0]
        rebuild = key_index is not None and repeats > REBUILD_SHARE * lines
        if rebuild:
            conn.execute(f"DROP INDEX {key_index}")
        for start, frac in _id_ranges(hi, lo):
            rep(0.3 + 0.6 * frac, msg)
            # driven by the repeats' ids (rowid lookups in id order), not by a scan of the table
            conn.execute(f"UPDATE {table} SET occurrence = (SELECT d.occ FROM temp.dup_occ d "
                         f"WHERE d.id = {name}.{id_col}) "
                         f"WHERE {id_col} IN (SELECT id FROM temp.dup_occ WHERE id BETWEEN ? AND ?)",
                         (start, start + DUP_CHUNK_ROWS - 1))
        if rebuild:
            rep(0.9, msg)
            conn.execute(LINE_INDEXES[key_index])
    conn.execute("DROP TABLE temp.dup_occ")
    rep(1.0, msg)
    return int(repeats)


_LINE_COLS = ", ".join(LINE_STORED_COLUMNS)


# columns a later export of the same line may change (the line keeps its line_id, import_id and
# source_row; every change is written to line_changes)
_MUTABLE_COLS = ("ordered_at", "day", "customer_id", "product_id", "product_name", "quantity", "unit_price",
                 "amount", "country", "store", "is_cancellation", "is_merchandise", "line_kind", "extra",
                 "line_key")


def _group_of(order_id, day) -> tuple:
    """The unit lines are identified in: the order, or the day for lines without an order."""
    return (order_id, None) if order_id is not None else (None, day)


def _group_where(group: tuple, alias: str = "") -> tuple[str, tuple]:
    a = alias + "." if alias else ""
    if group[0] is not None:
        return f"{a}order_id = ?", (group[0],)
    return f"{a}order_id IS NULL AND {a}day = ?", (group[1],)


def _line_key(line_key, product_id, product_name) -> tuple:
    """What pairs a changed line with its earlier state inside one order: the source's own line
    key, else the product code, else the product name (then the rank among such lines)."""
    if line_key is not None:
        return ("k", line_key)
    if product_id is not None:
        return ("p", product_id)
    return ("n", product_name)


def _piece_hash(conn, table: str, group: tuple, extra_where: str = "", params: tuple = ()) -> int:
    """An order-free hash of a piece's lines (the wrapping sum of their content hashes)."""
    where, gp = _group_where(group)
    h = np.fromiter((r[0] for r in conn.execute(
        f"SELECT content_hash FROM {table} WHERE {where} {extra_where}", gp + params)), dtype=np.int64)
    return int(h.view(np.uint64).sum(dtype=np.uint64).view(np.int64)) if len(h) else 0


def _boundary_kinds(st: _FileState) -> dict[tuple, str]:
    """The orders a file's ends may cut: its first ('end': the file may begin inside it), its last
    ('start': the file may end inside it), or both at once ('part': the file holds nothing else)."""
    kinds: dict[tuple, str] = {}
    if st.first_group is not None:
        kinds[st.first_group] = "end"
    if st.last_group is not None:
        kinds[st.last_group] = "part" if st.last_group == st.first_group else "start"
    return kinds


def _record_pieces(conn, import_id: int, st: _FileState, table: str, closed: set) -> None:
    """Remember the pieces of orders this file may have cut, unless the order is complete in the
    shop already (``closed``)."""
    extra, params = ("AND import_id = ?", (import_id,)) if table == "line_items" else ("", ())
    for group, kind in _boundary_kinds(st).items():
        if group in closed:
            continue
        h = _piece_hash(conn, table, group, extra, params)
        insert_rows(conn, "order_pieces", ORDER_PIECE_COLUMNS, [(group[0], group[1], kind, h, import_id)])


def _key_counts(conn, table: str, group: tuple) -> dict:
    where, gp = _group_where(group)
    counts: dict = {}
    for r in conn.execute(f"SELECT line_key, product_id, product_name FROM {table} WHERE {where}", gp):
        k = _line_key(*r)
        counts[k] = counts.get(k, 0) + 1
    return counts


def _decide_boundary(conn, group: tuple, kind: str) -> tuple[str, bool]:
    """How a cut order that the shop already holds takes this file's piece of it: 'match' (the
    piece's lines are lines the shop has, perhaps changed) or 'join' (they are the rest of the
    order).  Returns (mode, record the piece)."""
    where, gp = _group_where(group)
    pieces = conn.execute(f"SELECT kind, piece_hash FROM order_pieces WHERE {where}", gp).fetchall()
    if not pieces:                       # the shop holds the whole order
        return "match", False
    h = _piece_hash(conn, "temp.staging", group)
    if (kind, h) in {tuple(p) for p in pieces}:          # this very piece again
        return "match", False
    kinds = {k for k, _piece in pieces}
    if kind == "start" and kinds & {"start", "part"} or kind == "end" and "end" in kinds:
        # a piece ending the file begins the order: the shop holds the order's beginning already
        # (files come in the export's order), so this is it again, perhaps longer (an overlapping
        # export); two ends of one order overlap likewise
        return "match", True
    if _key_counts(conn, "temp.staging", group) == _key_counts(conn, "line_items", group):
        return "match", True             # the same lines: the order exported again
    return "join", True                  # the rest of the order


def _merge_staged(conn, import_id: int, st: _FileState, rep: Reporter) -> tuple[int, int]:
    """Merge the staged lines of one file into ``line_items``; returns (skipped, updated).

    The two passes over all staged lines (matching each to a stored line through the natural-key
    index, inserting the new ones) run in ranges of :data:`DUP_CHUNK_ROWS` staged lines, with
    progress and a cancel check between ranges: linear in the file.

    Lines are identified within their order (the day for lines without one):
      * an order the shop does not hold: all its lines are new;
      * an order the file holds whole (neither its first nor its last order), an order the shop
        holds whole, or a piece that is the same as what the shop holds: its lines are matched
        to the stored ones: first identical lines by their rank among identical lines of the
        order, then the rest by line key (source key, else product code, else name) and rank --
        those are updated in place and the change is written to ``line_changes``; incoming
        lines left over are new;
      * the first or last order of the file that the shop holds only a different piece of
        (the other file's end cut it): the lines are the rest of the order and all are added.
    """
    msg = _("checking for lines already in the shop")
    rep(0.0, msg)
    last_stage = conn.execute("SELECT max(stage_id) FROM temp.staging").fetchone()[0] or 0
    conn.execute("DROP TABLE IF EXISTS temp.held")
    conn.execute("CREATE TEMP TABLE held (order_id TEXT, day TEXT, n INTEGER, keyed INTEGER)")
    insert_select(conn, "held", ("order_id", "day", "n", "keyed"),
                  "SELECT order_id, CASE WHEN order_id IS NULL THEN day END, count(*), count(line_key) "
                  "FROM temp.staging GROUP BY 1, 2")
    conn.execute("DELETE FROM held WHERE NOT CASE WHEN order_id IS NOT NULL "
                 "THEN EXISTS (SELECT 1 FROM line_items o WHERE o.order_id = held.order_id) "
                 "ELSE EXISTS (SELECT 1 FROM line_items o WHERE o.order_id IS NULL AND o.day = held.day) END")
    conn.execute("CREATE INDEX temp.ix_held ON held(order_id, day)")
    # the orders this file's ends may cut
    joins, record, closed = [], [], set()
    for group, kind in _boundary_kinds(st).items():
        row = conn.execute("SELECT n, keyed FROM held WHERE order_id IS ? AND day IS ?", group).fetchone()
        if row is None:
            continue                     # new to the shop: recorded below
        if row[0] == row[1]:             # every line has the source's own key: matched by it
            closed.add(group)
            continue
        mode, keep = _decide_boundary(conn, group, kind)
        if mode == "join":
            joins.append(group)
        if not keep:
            closed.add(group)
    # orders this file holds whole are complete in the shop from now on
    boundary = _boundary_kinds(st)
    conn.execute("DELETE FROM order_pieces WHERE EXISTS (SELECT 1 FROM held h WHERE h.order_id IS "
                 "order_pieces.order_id AND h.day IS order_pieces.day)"
                 + "".join(" AND NOT (order_pieces.order_id IS ? AND order_pieces.day IS ?)" for _b in boundary),
                 tuple(v for g in boundary for v in g))
    # 1. identical lines: same content, same rank among identical lines of the order
    skip_join = ""
    if joins:
        conn.execute("DROP TABLE IF EXISTS temp.joins")
        conn.execute("CREATE TEMP TABLE joins (order_id TEXT, day TEXT)")
        insert_rows(conn, "joins", ("order_id", "day"), joins)
        skip_join = (" WHERE NOT EXISTS (SELECT 1 FROM joins j WHERE j.order_id IS staging.order_id AND "
                     "j.day IS (CASE WHEN staging.order_id IS NULL THEN staging.day END))")
    match = ("UPDATE temp.staging SET line_id = (SELECT o.line_id FROM line_items o WHERE "
             "o.content_hash = staging.content_hash AND o.occurrence = staging.occurrence) "
             "WHERE stage_id BETWEEN ? AND ?" + skip_join.replace(" WHERE ", " AND ", 1))
    for start, frac in _id_ranges(last_stage):
        rep(0.1 + 0.5 * frac, msg)
        conn.execute(match, (start, start + DUP_CHUNK_ROWS - 1))
    # 2. the rest of held orders: pair by line key and rank, update in place
    updated, touched = _pair_and_update(conn, import_id, joins)
    skipped = conn.execute("SELECT count(*) FROM temp.staging WHERE line_id IS NOT NULL").fetchone()[0]
    # 3. new lines; occurrences of held orders renumbered to ranks among identical lines
    conn.execute("DROP TABLE IF EXISTS temp.touched")
    conn.execute("CREATE TEMP TABLE touched (h INTEGER PRIMARY KEY)")
    insert_select(conn, "touched", ("h",), "SELECT s.content_hash FROM temp.staging s JOIN held h "
                  "ON h.order_id IS s.order_id AND h.day IS (CASE WHEN s.order_id IS NULL THEN s.day END) "
                  "WHERE s.line_id IS NULL", or_ignore=True)
    insert_rows(conn, "touched", ("h",), [(h,) for h in touched], or_ignore=True)
    for start, frac in _id_ranges(last_stage):
        rep(0.65 + 0.3 * frac, _("adding new lines"))
        insert_select(conn, "line_items", LINE_STORED_COLUMNS,
                      f"SELECT {_LINE_COLS} FROM temp.staging WHERE stage_id BETWEEN ? AND ? AND line_id IS NULL "
                      "ORDER BY stage_id", (start, start + DUP_CHUNK_ROWS - 1))
    conn.execute(
        "UPDATE line_items SET occurrence = d.occ FROM ("
        " SELECT line_id AS id, row_number() OVER (PARTITION BY content_hash ORDER BY line_id) - 1 AS occ"
        " FROM line_items WHERE content_hash IN (SELECT h FROM touched)"
        ") AS d WHERE line_items.line_id = d.id AND line_items.occurrence != d.occ")
    _record_pieces(conn, import_id, st, "temp.staging", closed)
    for t in ("staging", "held", "touched", "joins"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{t}")
    return skipped, updated


def _pair_and_update(conn, import_id: int, joins: list) -> tuple[int, set]:
    """Pair staged lines left unmatched in orders the shop holds (not joined) with the stored
    lines of those orders left unmatched, by line key and rank; update the stored lines to the
    staged values and audit each changed column.  Returns (lines changed, content hashes touched)."""
    cols = ", ".join("s." + c for c in _MUTABLE_COLS)
    inc = _frame(conn,
        f"SELECT s.stage_id, s.order_id AS g_order, h.day AS g_day, s.content_hash, {cols} FROM temp.staging s "
        "JOIN held h ON h.order_id IS s.order_id AND h.day IS (CASE WHEN s.order_id IS NULL THEN s.day END) "
        "WHERE s.line_id IS NULL ORDER BY s.stage_id")
    if joins:
        joined = set(joins)
        inc = inc[[(o, d) not in joined for o, d in zip(inc["g_order"], inc["g_day"])]]
    if inc.empty:
        return 0, set()
    conn.execute("DROP TABLE IF EXISTS temp.need")
    conn.execute("CREATE TEMP TABLE need (order_id TEXT, day TEXT)")
    groups = set(zip(inc["g_order"], inc["g_day"]))
    insert_rows(conn, "need", ("order_id", "day"), list(groups))
    cols = ", ".join("o." + c for c in _MUTABLE_COLS)
    old = _frame(conn,
        f"SELECT o.line_id, o.order_id AS g_order, n.day AS g_day, o.content_hash, {cols} FROM need n "
        "JOIN line_items o ON o.order_id = n.order_id WHERE n.order_id IS NOT NULL "
        "AND o.line_id NOT IN (SELECT line_id FROM temp.staging WHERE line_id IS NOT NULL) "
        f"UNION ALL SELECT o.line_id, NULL, n.day, o.content_hash, {cols} FROM need n "
        "JOIN line_items o ON o.order_id IS NULL AND o.day = n.day WHERE n.order_id IS NULL "
        "AND o.line_id NOT IN (SELECT line_id FROM temp.staging WHERE line_id IS NOT NULL) "
        "ORDER BY 1")
    conn.execute("DROP TABLE temp.need")
    if old.empty:
        return 0, set()
    for df in (inc, old):
        df["_g"] = [(o, d) for o, d in zip(df["g_order"], df["g_day"])]
        df["_k"] = [_line_key(k, p, n) for k, p, n in zip(
            df["line_key"].astype(object).where(df["line_key"].notna(), None),
            df["product_id"].astype(object).where(df["product_id"].notna(), None),
            df["product_name"].astype(object).where(df["product_name"].notna(), None))]
        df["_r"] = df.groupby(["_g", "_k"], sort=False).cumcount()
    pairs = inc.merge(old, on=["_g", "_k", "_r"], suffixes=("", "_old"))
    if pairs.empty:
        return 0, set()
    now = now_iso()
    changes, updates, links, touched = [], [], [], set()
    changed_lines = 0
    for r in pairs.itertuples(index=False):
        d = r._asdict()
        diff = [(c, _py(d[c + "_old"]), _py(d[c])) for c in _MUTABLE_COLS if not _same(d[c + "_old"], d[c])]
        links.append((int(d["line_id"]), int(d["stage_id"])))
        if not diff and d["content_hash"] == d["content_hash_old"]:
            continue
        changed_lines += 1 if diff else 0
        line_id = int(d["line_id"])
        changes.extend((line_id, c, o, n, import_id, now) for c, o, n in diff)
        updates.append(tuple(_py(d[c]) for c in _MUTABLE_COLS) + (int(d["content_hash"]), line_id))
        touched.update((int(d["content_hash"]), int(d["content_hash_old"])))
    conn.executemany(f"UPDATE line_items SET {', '.join(c + ' = ?' for c in _MUTABLE_COLS)}, content_hash = ? "
                     "WHERE line_id = ?", updates)
    insert_rows(conn, "line_changes", LINE_CHANGE_COLUMNS, changes)
    conn.executemany("UPDATE temp.staging SET line_id = ? WHERE stage_id = ?", links)
    return changed_lines, touched


def _frame(conn, sql: str, params: tuple = ()) -> pd.DataFrame:
    """A query's rows as a data frame of Python objects (pandas' reader would end the transaction)."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=names, coerce_float=False).astype(object)


def _py(v):
    """A pandas cell as a plain Python value for sqlite3 (None for missing)."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _same(a, b) -> bool:
    a, b = _py(a), _py(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def _quality(st: _FileState, pv: Preview, read: int, imported: int, rejected: int, skipped: int,
             dups: int) -> dict:
    return {
        "rows_read": read, "imported": imported, "rejected": rejected, "skipped_already_present": skipped,
        "duplicates_in_file": dups, **st.counts, "line_kinds": dict(sorted(st.kinds.items())),
        "first_day": st.first_day, "last_day": st.last_day,
        "cancel_prefix": st.cancel_prefix, "currency_signs": sorted(st.currency_signs),
        "decimal": pv.decimal, "date": pv.date_decision.to_dict() if pv.date_decision else None,
        "encoding": pv.encoding, "delimiter": {"\t": "tab", " ": "whitespace"}.get(pv.delimiter, pv.delimiter),
        "pseudonymised": st.key is not None, "extra_columns": st.extra_cols, "series": pv.series,
    }


def _app_version() -> str:
    from ... import __version__
    return __version__
