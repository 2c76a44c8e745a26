"""Shared CLI plumbing: --db/--json options, the stderr progress bar, exit codes."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Optional

from ..core.i18n import N_, Labels, _
from ..core.jsonutil import dumps
from ..core.tasks import Reporter

#: set by the first Ctrl+C while a verb's job runs: the job stops at its next check (also inside
#: SQL statements) and rolls back — or, once it committed, finishes and reports its result
_interrupt = threading.Event()
_bars: list["ProgressBar"] = []


class BadInput(Exception):
    """Bad input or usage: exit code 2, message names file/line/column/value where it can.
    ``column`` is the ``field`` of the ``--json`` error; ``result`` (a dict), what the verb found
    before refusing, goes into the same one ``--json`` object beside ``error``."""

    def __init__(self, message: str, *, column: Optional[str] = None, result: Optional[dict] = None):
        super().__init__(message)
        self.column, self.result = column, result


def add_db(p: argparse.ArgumentParser, required: bool = True) -> None:
    """The --db SHOP option."""
    p.add_argument("--db", metavar="SHOP", required=required, help="shop file (.shop, SQLite)")


def add_json(p: argparse.ArgumentParser) -> None:
    """The --json option."""
    p.add_argument("--json", action="store_true",
                   help="print one JSON object on stdout (messages go to stderr)")


def open_shop(path: str, must_exist: bool = True):
    """Open a shop for a verb; a missing file is bad input (exit 2)."""
    from ..core.store import Shop, ShopError

    if must_exist and not Path(path).exists():
        raise BadInput(_("{path}: no such shop file (create one with `shopinsight import` or `demo`)").format(
            path=path))
    try:
        return Shop(path)
    except ShopError as exc:
        raise BadInput(str(exc)) from exc


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    fill = " " * max(width - text_width(text), 0)
    return fill + text if right else text + fill


#: headers of the tables the CLI prints for people (``--json`` and written files keep the ids)
COLUMN_LABELS = Labels({
    "key": N_("key"), "name": N_("name"), "kind": N_("kind"), "source": N_("decided by"), "lines": N_("lines"),
    "net_sales": N_("net sales"), "line_id": N_("line"), "ordered_at": N_("ordered at"), "order_id": N_("order"),
    "customer_id": N_("customer"), "product_id": N_("product"), "product_name": N_("product name"),
    "quantity": N_("quantity"), "unit_price": N_("unit price"), "amount": N_("amount"), "line_kind": N_("line kind"),
    "model": N_("model"), "mode": N_("mode"), "precision": N_("precision"), "recall": N_("recall"),
    "ndcg": "NDCG", "hit_rate": N_("hit rate"), "coverage": N_("coverage"), "customers": N_("customers"),
    "fit_seconds": N_("fit seconds"), "rank": N_("rank"), "score": N_("score"), "reason": N_("reason"),
    "antecedent_name": N_("if bought"), "consequent_name": N_("also bought"), "orders": N_("orders"),
    "baskets": N_("baskets"), "confidence": N_("confidence"), "lift": N_("lift"), "similarity": N_("similarity"),
})


def column_label(column: str) -> str:
    """A table column's header in the current language (its id when it has no label)."""
    return COLUMN_LABELS.get(column, column)


def frame_text(df) -> str:
    """A data frame as a text table with translated headers, CJK-aware column widths."""
    import pandas as pd

    with pd.option_context("display.unicode.east_asian_width", True):
        return df.rename(columns=column_label).to_string(index=False)


def text_table(cols: list[str], rows: list[list[str]], right: tuple[str, ...] = (), most: int = 40) -> list[str]:
    """Rows of text under the columns' translated headers, padded to terminal columns."""
    heads = [column_label(c) for c in cols]
    widths = [min(max(text_width(h), *(text_width(r[i]) for r in rows)), most) for i, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return "  ".join(pad(_clip(v, w), w, right=c in right) for c, v, w in zip(cols, cells, widths)).rstrip()
    return [line(heads)] + [line(r) for r in rows]


def _clip(text: str, width: int) -> str:
    while text_width(text) > width:
        text = text[:-1]
    return text


def parse_day(value: Optional[str], option: str) -> Optional[str]:
    """Validate an ISO date given on the command line."""
    if value is None:
        return None
    import datetime as dt
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadInput(_("{option}: {value} is not an ISO date (YYYY-MM-DD)").format(option=option, value=repr(value))) \
            from None


class ProgressBar(Reporter):
    """A one-line progress bar on stderr; silent when stderr is not a terminal and quiet=True.

    It is the job's core :class:`Reporter`: Ctrl+C asks the job to stop (``Cancelled``, exit 130,
    nothing written), unless the job already committed — then it finishes and exits 0."""

    def __init__(self, enabled: bool = True, width: int = 30):
        super().__init__(self._draw, _interrupt.is_set)
        _bars.append(self)
        self.enabled = enabled
        self.width = width
        self._last = 0.0
        self._tty = sys.stderr.isatty()
        self._last_msg = ""

    def _draw(self, fraction: float, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._tty:
            if now - self._last < 0.1 and fraction < 1.0:
                return
            self._last = now
            n = int(self.width * fraction)
            sys.stderr.write(f"\r[{'#' * n}{'.' * (self.width - n)}] {fraction * 100:5.1f}% {message[:50]:<50}")
            sys.stderr.flush()
        elif message != self._last_msg and now - self._last >= 1.0:
            # not a terminal (CI logs): one line per second at most
            self._last, self._last_msg = now, message
            sys.stderr.write(f"{fraction * 100:5.1f}% {message}\n")

    def done(self) -> None:
        if self.enabled and self._tty:
            sys.stderr.write("\n")


def emit(args: argparse.Namespace, result: dict, human: Callable[[dict], str] | str | None = None) -> None:
    """Print the verb's result: one JSON object with --json, else readable text."""
    if getattr(args, "json", False):
        text = dumps(result)
    else:
        text = human(result) if callable(human) else (human or _human(result))
    _write(text + "\n")


def _write(text: str, piece: int = 1 << 15) -> None:
    """Write to stdout in pieces: CPython drops the rest of one large write to a pipe whose reader
    has gone without raising, so `| head` would go unnoticed; piecewise, BrokenPipeError shows."""
    for i in range(0, len(text), piece):
        sys.stdout.write(text[i:i + piece])
        sys.stdout.flush()


def _human(d: dict, indent: int = 0) -> str:
    out = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.append(" " * indent + f"{k}:")
            out.append(_human(v, indent + 2))
        else:
            out.append(" " * indent + f"{k}: {v}")
    return "\n".join(out)


def models_listing(registry, described: dict) -> str:
    """Human text of ``registry.describe()``: label, the id to type, description, parameters."""
    rows = []
    for m in described["models"]:
        flags = ("*" if m["default"] else " ") + ("" if m["available"] else " [" + _("full edition") + "]")
        rows.append(f"{m['label']} — {m['name']}{flags}\n    {m['description']}")
        for p in m["params"]:
            info = registry[m["name"]].param(p["name"])
            rows.append(f"    {m['name']}.{p['name']} = {p['default']}  ({p['label']}; {info.range_text()})")
    return "\n".join(rows + [_("(* = run by default)")])


def emit_error(message: str, kind: str, field: Optional[str] = None, result: Optional[dict] = None) -> None:
    """With --json, a failure is still exactly one JSON object on stdout:
    ``{"error": {"kind": "input" | "cancelled" | "internal", "message": …, "field": …}}`` (after the
    keys of ``result``, what a refusing verb found, e.g. a dry run's files)."""
    sys.stdout.write(dumps({**(result or {}), "error": {"kind": kind, "message": message, "field": field}}) + "\n")


def run_handler(args: argparse.Namespace) -> int:
    """Call the verb's handler and map exceptions onto exit codes (the error contract):
    bad input or usage → 2, cancelled or interrupted → 130, anything else is a bug → 1.
    With --json each of them also prints one ``{"error": …}`` object on stdout."""
    from ..core.errors import InputError
    from ..core.tasks import Cancelled

    as_json = getattr(args, "json", False)

    def fail(message: str, kind: str, code: int, field: Optional[str] = None, result: Optional[dict] = None) -> int:
        print(_("shopinsight: error: {message}").format(message=message) if kind == "input"
              else f"shopinsight: {message}", file=sys.stderr)
        if as_json:
            emit_error(message, kind, field, result)
        return code

    try:
        with _ctrl_c_stops_the_job():
            rc = args.handler(args)
        sys.stdout.flush()          # a closed pipe shows here, not at interpreter exit
        return int(rc or 0)
    except (BadInput, InputError) as exc:
        message = str(exc)
        field = getattr(exc, "column", None)
        if field is None and message.startswith("--"):     # "--until: '31/01/2011' is not an ISO date"
            field = message.split(":", 1)[0].split()[0]
        return fail(message, "input", 2, field, getattr(exc, "result", None))
    except BrokenPipeError:
        # `shopinsight info | head`: the reader went away; say so once on stderr, no traceback
        _silence_stdout()
        print(_("shopinsight: error: {message}").format(
            message=_("the output was closed before everything was written (broken pipe)")), file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt) as exc:
        return fail(_("cancelled") if isinstance(exc, Cancelled) else _("interrupted"), "cancelled", 130)
    except Exception as exc:  # internal error: say so, with the traceback for a bug report
        message = os_error_message(exc)     # OS errors and damaged shops are the user's to fix
        if message:
            return fail(message, "input", 2)
        logging.getLogger("shopinsight").debug("internal error", exc_info=True)
        traceback.print_exc(file=sys.stderr)
        return fail(_("internal error: {error}").format(error=exc), "internal", 1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def os_error_message(exc: BaseException) -> Optional[str]:
    """The user's message for an operating-system or damaged-shop error (exit 2), else None.

    Folders given as files, files without read permission, a full disk, a shop file whose pages
    are damaged: the user can act on each, so none of them is an internal error."""
    import sqlite3

    from ..core.store import as_user_error
    if isinstance(exc, sqlite3.DatabaseError):
        user = as_user_error(exc)       # damaged, read-only, disk full: the core's words
        return None if user is exc else str(user)
    if isinstance(exc, OSError):
        from ..core.importer.sniff import os_error_text
        name = getattr(exc, "filename", None)
        text = os_error_text(exc)
        if isinstance(exc, PermissionError):
            text = _("permission denied")
        return f"{name}: {text}" if name else text
    return None


class _ctrl_c_stops_the_job:
    """While a verb runs: the first Ctrl+C during a job with a progress bar asks the job to stop
    (cooperatively, so the SQL phase of an import stops mid-statement and a committed job is not
    reported as cancelled); a second Ctrl+C, or one outside a job, interrupts at once."""

    def __enter__(self):
        _interrupt.clear()
        _bars.clear()
        self._prev = None
        if threading.current_thread() is threading.main_thread():
            self._prev = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc) -> None:
        if self._prev is not None:
            signal.signal(signal.SIGINT, self._prev)
        _interrupt.clear()
        _bars.clear()

    @staticmethod
    def _on_sigint(signum, frame) -> None:
        if not _bars or _interrupt.is_set():
            raise KeyboardInterrupt
        _interrupt.set()
        if _bars[-1].committed:
            sys.stderr.write("\nshopinsight: " + _("already saved; finishing (Ctrl+C again to stop at once)") + "\n")
        else:
            sys.stderr.write("\nshopinsight: " + _("stopping… (Ctrl+C again to stop at once)") + "\n")
