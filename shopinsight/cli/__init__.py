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

from .argtext import TranslatedHelpFormatter, translated_argparse
from .common import BadInput, emit_error, run_handler

# verb-group modules, in the order their verbs appear in --help
VERB_MODULES = ["data", "classify", "lines", "overview", "explain", "customers", "recommend", "forecast", "anomalies",
                "report", "runs", "gui"]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage error carries its (translated) message, so ``--json`` can
    report it without reading the stderr text back; its help is printed through the catalog
    (subparsers are built with the same class, hence the same formatter)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", TranslatedHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message):
        try:
            super().error(message)
        except SystemExit as exc:
            exc.usage_message = message
            raise


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (all verbs); headings and argparse's messages in the current
    language (see :mod:`.argtext`)."""
    with translated_argparse():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = _Parser(
        prog="shopinsight",
        description="Sales analytics for small shops. Without a verb, opens the app.")
    parser.add_argument("--version", action="version", version=f"shopinsight {__version__}")
    parser.add_argument("--lang", choices=["en", "zh_CN", "xx_PSEUDO"], default=None,
                        help="language of the messages, chart texts and labels (default: from LANG/LC_ALL)")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name in VERB_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _apply_language(argv)
    if not argv or (argv[0].startswith("--") and argv[0] not in ("--help", "--version")) \
            or argv[0].lower().endswith(".shop"):
        # no verb: open the window (gui flags such as --smoke pass through); a .shop file as the
        # first argument is what the file managers pass when a shop is double-clicked
        argv = ["gui", *argv]
    if lang and argv and argv[0] == "gui" and not any(a == "--lang" or a.startswith("--lang=") for a in argv):
        argv += ["--lang", lang]          # the window opens in the language asked for
    parser = build_parser()
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), translated_argparse():
            args = parser.parse_args(argv)
    except SystemExit as exc:       # argparse exits 2 on bad usage, 0 on --help
        sys.stderr.write(err.getvalue())
        code = int(exc.code or 0)
        if code and "--json" in argv:   # bad usage with --json: still exactly one JSON object
            from ..core.i18n import _
            emit_error(getattr(exc, "usage_message", None) or _("bad usage"), "input")
        return code
    sys.stderr.write(err.getvalue())
    if not getattr(args, "handler", None):
        with translated_argparse():
            parser.print_help(sys.stderr)
        return 2
    return run_handler(args)


def _apply_language(argv: list[str]) -> Optional[str]:
    """Take the global ``--lang CODE`` (before the verb) off ``argv`` and switch the language core
    strings are translated into (the same switch the GUI uses); without it the locale environment
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) decides.  Returns the code given, if any."""
    from ..core import i18n

    code = None
    while argv and (argv[0] == "--lang" or argv[0].startswith("--lang=")):
        if argv[0] == "--lang":
            if len(argv) < 2:
                break                     # argparse reports the missing value
            code = argv[1]
            del argv[:2]
        else:
            code = argv.pop(0).split("=", 1)[1]
    if code is not None and code not in (*i18n.LANGUAGES, i18n.PSEUDO):
        argv.insert(0, f"--lang={code}")  # argparse reports the bad choice (exit 2)
        code = None
    i18n.set_language(code if code else i18n.language_from_env())
    return code


__all__ = ["main", "build_parser", "BadInput"]
