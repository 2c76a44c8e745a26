"""`shopinsight` console script: every capability of the app, headless.

``shopinsight VERB ... [--db SHOP] [--json]``.  With ``--json`` stdout carries exactly one JSON
object, also on failure (``{"error": {"kind", "message", "field"}}``); messages and progress go to
stderr.  Exit codes: 0 success, 2 bad input or usage, 130 cancelled or interrupted, 1 internal error.  Each verb group lives in its own module with a ``register(subparsers)``
function; the modules import heavy libraries only inside their handlers so ``--help`` is fast.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import sys
from typing import Optional, Sequence

from .common import BadInput, emit_error, run_handler

# verb-group modules, in the order their verbs appear in --help
VERB_MODULES = ["data", "classify", "lines", "overview", "customers", "recommend", "forecast", "anomalies", "gui"]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (all verbs)."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="shopinsight",
        description="Sales analytics for small shops. Without a verb, opens the app.")
    parser.add_argument("--version", action="version", version=f"shopinsight {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name in VERB_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("--") and argv[0] not in ("--help", "--version")) \
            or argv[0].lower().endswith(".shop"):
        # no verb: open the window (gui flags such as --smoke pass through); a .shop file as the
        # first argument is what the file managers pass when a shop is double-clicked
        argv = ["gui", *argv]
    parser = build_parser()
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:       # argparse exits 2 on bad usage, 0 on --help
        sys.stderr.write(err.getvalue())
        code = int(exc.code or 0)
        if code and "--json" in argv:   # bad usage with --json: still exactly one JSON object
            lines = [ln for ln in err.getvalue().splitlines() if ": error: " in ln]
            message = lines[-1].split(": error: ", 1)[1] if lines else "bad usage"
            emit_error(message, "input")
        return code
    sys.stderr.write(err.getvalue())
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    return run_handler(args)


__all__ = ["main", "build_parser", "BadInput"]
