"""Open a source file whatever its shape: compression, encoding, delimiter, preamble, header.

Text files are read in chunks of string columns (pyarrow's streaming CSV reader for delimited
files, pandas for whitespace-separated logs); Excel workbooks are read whole (Excel itself stops
at 1,048,576 rows).  Nothing is typed here: every cell comes back as text or missing.
"""
from __future__ import annotations

import codecs
import csv
import gzip
import io
import zlib
import os
import re
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Optional

import numpy as np
import pandas as pd

from .. import fmt
from ..errors import InputError
from ..i18n import _
from .reasons import FIELD_TOO_LONG, reject_reason

HEAD_BYTES = 1 << 20          # bytes read to decide encoding/delimiter/header
CHUNK_BYTES = 2 << 20         # pyarrow block size: ~25k rows of a typical export
READ_AHEAD_BLOCKS = 4         # blocks pyarrow's reader may hold ahead of the chunk taken (see _PacedStream)
DELIMITERS = [",", ";", "\t", "|"]
MAX_FIELD_CHARS = 32_767      # Excel's own cell limit: a longer field is no order data (row rejected)
BINARY_NUL_SHARE = 0.01       # more NUL characters than this in the first bytes: a binary file
WHITESPACE = " "              # our name for "one or more spaces/tabs"


@dataclass
class ReadStats:
    """What reading a file left out or changed, for the import's warnings and quality report."""

    empty_rows: int = 0           # rows with no value at all (skipped, not stored)
    nul_cells: int = 0            # cells that held NUL bytes (the NULs were removed)
    long_fields: int = 0          # rows rejected for a field over MAX_FIELD_CHARS

    def warnings(self) -> list[str]:
        out = []
        if self.empty_rows:
            out.append(_("{n} empty rows were skipped").format(n=fmt.integer(self.empty_rows)))
        if self.nul_cells:
            out.append(_("{n} cells held NUL bytes (a sign of a damaged or binary file); "
                         "the NUL bytes were removed").format(n=fmt.integer(self.nul_cells)))
        if self.long_fields:
            out.append(_("{n} rows had a field longer than {limit} characters "
                         "and were rejected").format(n=fmt.integer(self.long_fields),
                                                     limit=fmt.integer(MAX_FIELD_CHARS)))
        return out


@dataclass
class SourceFormat:
    """How a source file is laid out (all detected, all overridable)."""

    kind: str                      # 'csv' | 'whitespace' | 'excel'
    encoding: str = "utf-8"
    delimiter: str = ","
    skip_rows: int = 0             # preamble rows before the header
    has_header: bool = True
    header: list[str] = field(default_factory=list)
    compressed: bool = False
    newlines_in_values: bool = False
    sheet: Optional[str] = None
    sheets: list[str] = field(default_factory=list)      # all sheets of a workbook
    warnings: list[str] = field(default_factory=list)    # found while sniffing (formulas without values)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "encoding": self.encoding,
                "delimiter": {"\t": "tab", " ": "whitespace"}.get(self.delimiter, self.delimiter),
                "preamble_rows": self.skip_rows, "has_header": self.has_header,
                "compressed": self.compressed, "sheet": self.sheet}


def _magic(path: Path, n: int = 4) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def os_error_text(exc: OSError) -> str:
    """A user's words for an OS error (no errno, no traceback)."""
    import errno
    if isinstance(exc, IsADirectoryError) or getattr(exc, "errno", None) == errno.EISDIR:
        return _("this is a folder, not a file")
    if isinstance(exc, PermissionError):
        return _("permission denied: you may not read this file")
    if isinstance(exc, FileNotFoundError):
        return _("no such file")
    return _("cannot read the file ({error})").format(error=getattr(exc, "strerror", None) or exc)


def damaged_text(exc: BaseException, compressed: bool, after_row: Optional[int] = None) -> str:
    """Why a compressed stream or archive broke, and where."""
    if after_row is None:
        text = (_("the compressed file is damaged or cut short ({error}); nothing was imported") if compressed
                else _("the file could not be read ({error}); nothing was imported"))
        return text.format(error=exc)
    text = (_("the compressed file is damaged or cut short after data row {row} ({error}); nothing was imported")
            if compressed else _("the file could not be read after data row {row} ({error}); nothing was imported"))
    return text.format(row=fmt.integer(after_row), error=exc)


def check_readable(path: Path) -> None:
    """Refuse folders, unreadable and empty files with a clear :class:`InputError`."""
    if not path.exists():
        raise InputError(_("no such file"), file=str(path))
    if path.is_dir():
        raise InputError(_("this is a folder, not a file"), file=str(path))
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise InputError(os_error_text(exc), file=str(path)) from exc
    if path.stat().st_size == 0:
        raise InputError(_("the file is empty"), file=path.name)


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, gunzipped when it is gzip-compressed (by content, not name)."""
    if _magic(path, 2) == b"\x1f\x8b":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def is_excel(path: Path) -> bool:
    """True for .xlsx/.xlsm workbooks (a zip holding xl/).  A zip archive whose directory cannot
    be read (cut short, damaged) is an :class:`InputError` naming the file."""
    if _magic(path) != b"PK\x03\x04":
        return False
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        text = (_("the workbook is damaged or cut short: its table of contents cannot be read ({error}); "
                  "nothing was imported") if path.suffix.lower() in (".xlsx", ".xlsm") else
                _("the zip archive is damaged or cut short: its table of contents cannot be read ({error}); "
                  "nothing was imported"))
        raise InputError(text.format(error=exc), file=path.name) from exc
    return any(n.startswith("xl/") for n in names)


def _check_zip_members(path: Path) -> None:
    """Read every member of a workbook once: a bad CRC or a member cut short is named."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                try:
                    with z.open(info) as fh:
                        while fh.read(1 << 20):
                            pass
                except Exception as exc:     # zlib.error, BadZipFile (bad CRC), EOFError
                    raise InputError(_("the workbook is damaged: part {part} cannot be read ({error}); "
                                       "nothing was imported").format(part=repr(info.filename), error=exc),
                                     file=path.name) from exc
    except zipfile.BadZipFile as exc:
        raise InputError(_("the workbook is damaged ({error}); nothing was imported").format(error=exc),
                         file=path.name) from exc


def detect_encoding(raw: bytes) -> str:
    """Decide the text encoding from the first bytes: BOMs, UTF-16 without BOM, UTF-8, then
    GB18030 when the bytes decode to Chinese text, else Windows-1252 (charset-normalizer as the
    referee when neither fits)."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    head = raw[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        # ASCII text in UTF-16 has a zero in every other byte
        return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
    cut = raw
    for _ in range(4):  # the sample may end inside a multi-byte character
        try:
            cut.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start < len(cut) - 4:
                break
            cut = cut[:exc.start]
    try:
        text = raw.decode("gb18030")
        non_ascii = [ch for ch in text if ord(ch) > 127]
        cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                  or "\uff00" <= ch <= "\uffef")
        if non_ascii and cjk / len(non_ascii) > 0.8:
            return "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(raw[:200_000]).best()
        return best.encoding if best else "latin-1"


def _first_non_ascii(path: Path, head: bytes) -> bytes:
    """The bytes to decide the encoding on: the head, or, when the head is plain ASCII (any
    encoding fits it), the first block further on that is not.  Windows-1252 exports often hold
    their first '£' far down: UCI's Excel CSV at line 38,250, past the first megabyte."""
    if len(head) < HEAD_BYTES or not head.isascii() or b"\x00" in head[:4000]:
        return head
    try:
        with open_binary(path) as fh:
            fh.read(len(head))
            for block in iter(lambda: fh.read(HEAD_BYTES), b""):
                if not block.isascii():
                    return block + fh.read(4)     # a character cut at the block's end is handled
    except (OSError, EOFError):
        pass
    return head


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    if delimiter == WHITESPACE:
        return [len(_split_whitespace(ln)) for ln in lines]
    return [len(row) for row in csv.reader(lines, delimiter=delimiter)]


def _split_whitespace(line: str) -> list[str]:
    try:
        return next(csv.reader([re.sub(r"[ \t]+", " ", line.strip())], delimiter=" ")) if line.strip() else []
    except StopIteration:
        return []


def detect_delimiter(lines: list[str]) -> tuple[str, int, int]:
    """Pick the delimiter giving the most consistent number of fields (>1).

    Returns ``(delimiter, modal field count, index of the first row with that count)`` — rows
    before it are a preamble (report titles and the like).  ``csv.Sniffer`` proposes; the field
    counts decide, since the sniffer alone is easily fooled by commas inside product names.
    """
    lines = [ln for ln in lines if ln.strip()][:200]
    if not lines:
        raise InputError(_("the file is empty"))
    proposals = list(DELIMITERS)
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines[:50]), delimiters="".join(DELIMITERS)).delimiter
        proposals.remove(sniffed)
        proposals.insert(0, sniffed)
    except csv.Error:
        pass
    best: tuple[float, str, int, int] = (0.0, ",", 1, 0)
    for delim in proposals + [WHITESPACE]:
        counts = _field_counts(lines, delim)
        if not counts:
            continue
        modal, freq = Counter(counts).most_common(1)[0]
        if modal < 2:
            continue
        first = counts.index(modal)
        tail = counts[first:]
        score = sum(1 for c in tail if c == modal) / len(tail)
        if delim == WHITESPACE:
            score -= 0.05   # only when no real delimiter explains the file as well
            if best[0] >= 0.7:
                continue    # a real delimiter fits most rows: a few bad rows must not make spaces win
        if score > best[0] + 1e-9:
            best = (score, delim, modal, first)
    if best[0] == 0.0:
        return ",", 1, 0    # a single column
    return best[1], best[2], best[3]


_LOOKS_LIKE_DATA = re.compile(r"^[-+(]?[£$€¥]?\d[\d.,:/\- ]*\)?$")


def _looks_like_header(cells: list[str]) -> bool:
    cells = [c.strip() for c in cells if c is not None and str(c).strip()]
    if not cells:
        return False
    data_like = sum(1 for c in cells if _LOOKS_LIKE_DATA.match(c))
    return data_like <= len(cells) // 3


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique and non-empty (duplicates get ' (2)', blanks 'column N')."""
    out, seen = [], Counter()
    for i, n in enumerate(names):
        n = (str(n).strip().lstrip("\ufeff") if n is not None else "") or f"column {i + 1}"
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def list_sheets(path: Path) -> list[str]:
    """The sheet names of a workbook in order ([] for a text file)."""
    path = Path(path)
    check_readable(path)
    if not is_excel(path):
        return []
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            return list(wb.sheetnames)
        finally:
            wb.close()
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        _check_zip_members(path)
        raise InputError(_("cannot read the workbook ({error})").format(error=exc), file=path.name) from exc


def sniff(path: Path, encoding: Optional[str] = None, delimiter: Optional[str] = None,
          sheet: Optional[str] = None) -> SourceFormat:
    """Detect how ``path`` is laid out (``sheet``: which sheet of a workbook, default the first).
    Raises :class:`InputError` for unreadable files."""
    path = Path(path)
    check_readable(path)
    try:
        if is_excel(path):
            return _sniff_excel(path, sheet)
        if sheet:
            raise InputError(_("--sheet {sheet}: this is not a workbook").format(sheet=sheet), file=path.name)
        return _sniff(path, encoding, delimiter)
    except OSError as exc:      # e.g. the file vanished or the disk failed while we read it
        raise InputError(os_error_text(exc), file=path.name) from exc


def _sniff(path: Path, encoding: Optional[str], delimiter: Optional[str]) -> SourceFormat:
    if is_excel(path):
        return _sniff_excel(path)
    if path.suffix.lower() in (".xls",):
        raise InputError(_("old binary Excel (.xls) files are not supported: save as .xlsx or CSV"),
                         file=path.name)
    compressed = _magic(path, 2) == b"\x1f\x8b"
    try:
        with open_binary(path) as fh:
            raw = fh.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(damaged_text(exc, compressed) if compressed else os_error_text(exc),
                         file=path.name) from exc
    if _magic(path) == b"PK\x03\x04":
        raise InputError(_("this is a zip archive, not a CSV/Excel file: unpack it first"), file=path.name)
    enc = encoding or detect_encoding(_first_non_ascii(path, raw))
    try:
        text = raw.decode(enc, errors="strict" if encoding else "replace")
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(_("cannot decode the text as {encoding} ({error})").format(encoding=enc, error=exc),
                         file=path.name) from exc
    head_text = text[:20000]
    controls = sum(1 for ch in head_text if ch < " " and ch not in "\t\r\n" or ch == "\x7f")
    if head_text.count("\x00") and (head_text.count("\x00") > max(2, len(head_text) * BINARY_NUL_SHARE)
                                    or controls > len(head_text) * 0.05):
        raise InputError(_("this looks like a binary file, not a text export"), file=path.name)
    text = text.replace("\x00", "")     # a few stray NULs: removed here, and while reading (with a warning)
    lines = text.splitlines()
    if len(raw) == HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]          # the last line of the sample may be cut
    if delimiter:
        delim = {"tab": "\t", "\\t": "\t", "whitespace": WHITESPACE, "space": WHITESPACE}.get(delimiter, delimiter)
        counts = _field_counts([ln for ln in lines[:200] if ln.strip()], delim)
        modal = Counter(counts).most_common(1)[0][0] if counts else 1
        first = counts.index(modal) if counts else 0
    else:
        delim, modal, first = detect_delimiter(lines)
    nonblank = [ln for ln in lines if ln.strip()]
    head_cells = (_split_whitespace(nonblank[first]) if delim == WHITESPACE
                  else next(csv.reader([nonblank[first]], delimiter=delim))) if nonblank else []
    has_header = _looks_like_header(head_cells)
    header = unique_names(head_cells if has_header else [f"column {i + 1}" for i in range(modal)])
    # count physical preamble lines (blank lines included) up to the header row
    skip = 0
    seen = 0
    for ln in lines:
        if ln.strip():
            if seen == first:
                break
            seen += 1
        skip += 1
    quoted_newline = bool(re.search(r'"[^"\n]*\n[^"\n]*"', text[:HEAD_BYTES]))
    return SourceFormat("whitespace" if delim == WHITESPACE else "csv", enc, delim, skip, has_header,
                        header, compressed, quoted_newline and _has_multiline_fields(text, delim))


def _has_multiline_fields(text: str, delim: str) -> bool:
    try:
        rows = list(csv.reader(io.StringIO(text[:200_000]), delimiter=delim))
    except csv.Error:
        return False
    return any("\n" in c or "\r" in c for r in rows for c in r)


def _sniff_excel(path: Path, sheet: Optional[str] = None) -> SourceFormat:
    sheets = list_sheets(path)
    if sheet is None:
        sheet = sheets[0] if sheets else None
    elif sheet not in sheets:
        raise InputError(_("the workbook has no sheet {sheet}; its sheets are {sheets}").format(
            sheet=repr(sheet), sheets=_(", ").join(sheets)),
                         file=path.name)
    df = _read_excel(path, nrows=50, sheet=sheet)
    first = 0
    counts = df.notna().sum(axis=1).tolist()
    modal = max(counts) if counts else 0
    for i, c in enumerate(counts):
        if c >= max(2, modal * 0.6):
            first = i
            break
    cells = ["" if pd.isna(v) else str(v) for v in df.iloc[first].tolist()] if len(df) else []
    has_header = _looks_like_header(cells)
    header = unique_names(cells if has_header else [f"column {i + 1}" for i in range(df.shape[1])])
    return SourceFormat("excel", "xlsx", "", first, has_header, header, False, False, sheet, sheets,
                        _formula_warnings(path, sheet))


def _formula_warnings(path: Path, sheet: Optional[str], rows: int = 500) -> list[str]:
    """Formula cells with no saved value read as empty: say so (files written by scripts that do
    not calculate formulas; opening and saving them in a spreadsheet app stores the values)."""
    import openpyxl
    try:
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:
        return []
    try:
        ws_f = formulas[sheet] if sheet else formulas.worksheets[0]
        ws_v = values[sheet] if sheet else values.worksheets[0]
        missing, first = 0, None
        for rf, rv in zip(ws_f.iter_rows(max_row=rows), ws_v.iter_rows(max_row=rows)):
            for cf, cv in zip(rf, rv):
                if isinstance(cf.value, str) and cf.value.startswith("=") and cv.value is None:
                    missing += 1
                    first = first or getattr(cf, "coordinate", None)
    except Exception:       # damaged past the first rows: name the damaged part, else no warning
        _check_zip_members(path)
        return []
    finally:
        formulas.close()
        values.close()
    if not missing:
        return []
    return [_("{n} formula cells have no saved value (first: {cell}) and read as empty: the file was "
              "written by a program that does not calculate formulas; open and save it in Excel or "
              "LibreOffice to store the values").format(n=fmt.integer(missing), cell=first)]


def _read_excel(path: Path, nrows: Optional[int] = None, sheet: Optional[str] = None) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet if sheet else 0, header=None, dtype=str, nrows=nrows,
                             engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
        _check_zip_members(path)        # names the damaged part when the zip itself is bad
        raise InputError(_("cannot read the workbook ({error})").format(error=exc), file=path.name) from exc


BadRowFn = Callable[..., None]     # (row_number, text, reason="wrong number of fields")


def iter_chunks(path: Path, fmt: SourceFormat, on_bad_row: Optional[BadRowFn] = None,
                chunk_rows: int = 100_000, stats: Optional[ReadStats] = None) -> Iterator[pd.DataFrame]:
    """Yield DataFrames of text cells (missing = NA) with ``fmt.header`` as columns.

    Rows whose number of fields is wrong, or with a field over :data:`MAX_FIELD_CHARS`, are
    passed to ``on_bad_row(row_number, text, reason)`` and left out; rows with no value at all
    are skipped (counted in ``stats``); NUL bytes are removed from cells (counted).  The frames'
    index is the 1-based data-row number in the file.
    """
    stats = stats if stats is not None else ReadStats()
    for df in _iter_raw(Path(path), fmt, on_bad_row, chunk_rows):
        yield _clean_chunk(df, fmt, on_bad_row, stats)


def _batch_hints(batch) -> dict:
    """Which columns of an Arrow batch need cleaning, found with Arrow kernels (microseconds per
    column, where pandas string methods cost milliseconds: a 5,000-column file previews fast)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    empty = None
    long_cols, nul_cols = [], []
    for name, col in zip(batch.schema.names, batch.columns):
        nulls = col.is_null()
        empty = nulls if empty is None else pc.and_(empty, nulls)
        if col.null_count == len(col) or not pa.types.is_string(col.type):
            continue
        mx = pc.max(pc.utf8_length(col)).as_py()
        if mx is not None and mx > MAX_FIELD_CHARS:
            long_cols.append(name)
        if pc.any(pc.match_substring(col, "\x00")).as_py():
            nul_cols.append(name)
    mask = (np.zeros(batch.num_rows, dtype=bool) if empty is None
            else np.asarray(empty.to_numpy(zero_copy_only=False), dtype=bool))
    return {"empty": mask, "long": long_cols, "nul": nul_cols}


def _clean_chunk(df: pd.DataFrame, fmt: SourceFormat, on_bad_row: Optional[BadRowFn],
                 stats: ReadStats) -> pd.DataFrame:
    """Bound what one chunk may carry into the shop: no empty rows, no NULs, no giant fields."""
    if df.empty:
        return df
    hints = df.attrs.pop("clean_hints", None)
    if hints is not None and not hints["empty"].any() and not hints["long"] and not hints["nul"]:
        return df       # the common case, decided by Arrow
    empty = hints["empty"] if hints is not None else df.isna().all(axis=1).to_numpy()
    if empty.any():
        stats.empty_rows += int(empty.sum())
        df = df[~empty]
    too_long = np.zeros(len(df), dtype=bool)
    columns = df.columns if hints is None else [c for c in df.columns if c in set(hints["long"]) | set(hints["nul"])]
    for c in columns:
        col = df[c]
        lengths = col.str.len()
        mx = lengths.max()
        if pd.notna(mx) and mx > MAX_FIELD_CHARS:
            too_long |= (lengths > MAX_FIELD_CHARS).fillna(False).to_numpy(dtype=bool)
        has_nul = col.str.contains("\x00", regex=False)
        if has_nul.any():
            stats.nul_cells += int(has_nul.sum())
            df[c] = col.str.replace("\x00", "", regex=False)
    if too_long.any():
        stats.long_fields += int(too_long.sum())
        if on_bad_row is not None:
            skip = fmt.skip_rows + (1 if fmt.has_header else 0)
            for idx, row in df[too_long].iterrows():
                first = next(c for c in df.columns if pd.notna(row[c]) and len(row[c]) > MAX_FIELD_CHARS)
                on_bad_row(int(idx) + skip, f"column {first!r}: {len(row[first]):,} characters: "
                                            f"{row[first][:100]}…",
                           reject_reason(FIELD_TOO_LONG, limit=MAX_FIELD_CHARS))
        df = df[~too_long]
    return df


def _iter_raw(path: Path, fmt: SourceFormat, on_bad_row: Optional[BadRowFn],
              chunk_rows: int) -> Iterator[pd.DataFrame]:
    names = fmt.header
    skip = fmt.skip_rows + (1 if fmt.has_header else 0)
    if fmt.kind == "excel":
        df = _read_excel(path, sheet=fmt.sheet)
        df = df.iloc[skip:].reset_index(drop=True)
        df = df.iloc[:, :len(names)]
        df.columns = names[:df.shape[1]]
        df = df.dropna(how="all")
        for start in range(0, len(df), chunk_rows):
            part = df.iloc[start:start + chunk_rows].copy()
            part.index = part.index + 1
            yield part.astype("string")
        return
    if fmt.kind == "whitespace":
        yield from _iter_whitespace(path, fmt, names, skip, on_bad_row, chunk_rows)
        return
    yield from _iter_arrow(path, fmt, names, skip, on_bad_row)


def _iter_arrow(path: Path, fmt: SourceFormat, names: list[str], skip: int,
                on_bad_row: Optional[BadRowFn]) -> Iterator[pd.DataFrame]:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    skipped: list[int] = []     # data-row numbers of the rows left out, to keep the numbering true

    def handler(row) -> str:
        if row.number and row.number > skip:
            skipped.append(row.number - skip)
        if on_bad_row is not None:
            # row.number is the physical row in the file (1-based) when known
            line = (row.number or 0)
            on_bad_row(line, f"expected {row.expected_columns} fields, found {row.actual_columns}: "
                             f"{(row.text or '')[:200]}")
        return "skip"

    enc = {"utf-8": "utf8", "utf-8-sig": "utf8"}.get(fmt.encoding, fmt.encoding)
    # use_threads=False: only then does pyarrow tell the bad-row handler the row's line number
    # (the streaming reader parses one block at a time either way, so it costs no speed); the
    # text is transcoded below the paced stream, so pyarrow reads one block per batch from it
    read = pacsv.ReadOptions(column_names=names, skip_rows=skip, block_size=CHUNK_BYTES, encoding="utf8",
                             use_threads=False)
    parse = pacsv.ParseOptions(delimiter=fmt.delimiter, quote_char='"', double_quote=True,
                               newlines_in_values=fmt.newlines_in_values, invalid_row_handler=handler)
    conv = pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                null_values=[""], strings_can_be_null=True,
                                quoted_strings_can_be_null=True)
    raw = pa.input_stream(str(path), compression="gzip" if fmt.compressed else None)
    stream = _PacedStream(raw if enc == "utf8" else pa.transcoding_input_stream(raw, enc, "utf8"))
    try:
        with stream.taking(batch=False):
            reader = pacsv.open_csv(pa.PythonFile(stream, mode="r"), read_options=read, parse_options=parse,
                                    convert_options=conv)
    except pa.ArrowInvalid as exc:
        stream.close()
        if "straddl" in str(exc):
            raise InputError(_unreadable(exc, 0), file=path.name) from exc
        raise InputError(_("cannot parse the file as delimited text ({error})").format(error=exc),
                         file=path.name) from exc
    except (OSError, EOFError, zlib.error) as exc:      # the first block already broke
        stream.close()
        raise InputError(damaged_text(exc, fmt.compressed, 0), file=path.name) from exc
    start = 1
    try:
        while True:
            try:
                with stream.taking():
                    batch = reader.read_next_batch()
            except StopIteration:
                break
            except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                raise InputError(_unreadable(exc, start - 1), file=path.name) from exc
            except (OSError, EOFError, zlib.error) as exc:     # pyarrow's IOError: gzip cut short, bad CRC
                raise InputError(damaged_text(exc, fmt.compressed, start - 1), file=path.name) from exc
            if batch.num_rows == 0:
                continue
            hints = _batch_hints(batch)
            df = batch.to_pandas()
            df.attrs["clean_hints"] = hints
            j = np.arange(start, start + len(df))
            start += len(df)
            if skipped:     # the j-th parsed row is the j-th data row that was not left out
                gaps = np.sort(np.asarray(skipped)) - np.arange(len(skipped))
                j = j + np.searchsorted(gaps, j, side="right")
            df.index = pd.Index(j)
            yield df
    finally:
        stream.close()


class _PacedStream:
    """The file as pyarrow's streaming CSV reader reads it: at most :data:`READ_AHEAD_BLOCKS`
    blocks ahead of the batches taken.

    The reader reads on a background thread into a queue of up to 32 blocks (not configurable:
    ARROW-12090); at :data:`CHUNK_BYTES` = 2 MB that is 64-80 MB held through the whole read of
    any file over 64 MB -- the largest part of an import's memory that was not its own data.
    pyarrow reads one block per ``read`` call and parses each block into one batch, so counting
    ``read`` calls against batches taken bounds the queue.  Safety: while the consumer is waiting
    for a batch and the reader has been held for a second (which the one-block-per-batch rule
    says cannot happen), one more block is let through rather than wait forever."""

    STUCK_SECONDS = 1.0

    def __init__(self, raw, ahead: int = READ_AHEAD_BLOCKS) -> None:
        self._raw, self._ahead = raw, ahead
        self.reads = self.taken = 0
        self._waiting = self._closed = False
        self._cv = threading.Condition()

    def read(self, nbytes: int = -1) -> bytes:
        with self._cv:
            since = time.monotonic()
            while not self._closed and self.reads >= self.taken + self._ahead:
                if self._waiting and time.monotonic() - since >= self.STUCK_SECONDS:
                    break
                self._cv.wait(0.25)
            if self._closed:
                return b""
            self.reads += 1
        return self._raw.read(nbytes)

    @contextmanager
    def taking(self, batch: bool = True):
        """Around a call that waits for the next batch (``batch``) or opens the reader."""
        with self._cv:
            self._waiting = True
            self._cv.notify_all()
        try:
            yield
        finally:
            with self._cv:
                self._waiting = False
                self.taken += batch
                self._cv.notify_all()

    @property
    def closed(self) -> bool:      # the file protocol pyarrow's PythonFile asks for
        return self._closed

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        self._raw.close()


def _unreadable(exc: BaseException, after_row: int) -> str:
    if "straddl" in str(exc):       # pyarrow: one row does not fit in a read block
        return _("a row after data row {row} is longer than {mb} MB: a field over the size limit ({limit} "
                 "characters) or a quote that is never closed").format(
            row=fmt.integer(after_row), mb=CHUNK_BYTES >> 20, limit=fmt.integer(MAX_FIELD_CHARS))
    return _("unreadable data after row {row} ({error})").format(row=fmt.integer(after_row), error=exc)


def _iter_whitespace(path: Path, fmt: SourceFormat, names: list[str], skip: int,
                     on_bad_row: Optional[BadRowFn], chunk_rows: int) -> Iterator[pd.DataFrame]:
    # split line by line (logs are small): every row keeps its physical line number, and a row
    # with too many or too few fields is reported with its line and left out
    fh = io.TextIOWrapper(open_binary(path), encoding=fmt.encoding, errors="strict", newline="")
    rows: list[list[str]] = []
    index: list[int] = []

    def frame() -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=names, index=index, dtype="string")
        return df.mask(df == "")

    try:
        for lineno, line in enumerate(fh, start=1):
            if lineno <= skip or not line.strip():
                continue
            fields = _split_whitespace(line)
            if len(fields) != len(names):
                if on_bad_row is not None:
                    on_bad_row(lineno, f"expected {len(names)} fields, found {len(fields)}: {line.strip()[:200]}")
                continue
            rows.append(fields)
            index.append(lineno - skip)         # data-row number: + skip gives the physical line
            if len(rows) >= chunk_rows:
                yield frame()
                rows, index = [], []
        if rows:
            yield frame()
    except UnicodeDecodeError as exc:
        raise InputError(_("cannot decode the text as {encoding} ({error})").format(encoding=fmt.encoding, error=exc),
                         file=path.name) from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(damaged_text(exc, fmt.compressed, index[-1] if index else None),
                         file=path.name) from exc
    finally:
        fh.close()


def file_sha256(path: Path) -> str:
    """sha256 of the file's bytes as stored (compressed files hash their compressed bytes)."""
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_size(path: Path) -> int:
    return os.path.getsize(path)
