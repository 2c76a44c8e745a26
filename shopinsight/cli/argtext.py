"""argparse's own messages (usage errors, help headings) through the core catalog.

argparse looks its texts up with the module-level ``_``/``ngettext`` it imported from
:mod:`gettext` (the default domain, which we do not ship).  :func:`translated_argparse` points
those two names at :mod:`shopinsight.core.i18n` while the CLI builds, parses and prints help, so
``--lang zh_CN`` (or a Chinese locale) gives Chinese usage errors, headings and ``--json`` messages;
the English source texts are argparse's own (Python 3.11), listed here for extraction.
"""
from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

from ..core import i18n
from ..core.i18n import N_

# argparse's msgids (placeholders kept exactly: argparse formats them after translation)
MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _plural_messages() -> tuple[str, ...]:     # never called: marks argparse's plural msgids for extraction
    return (i18n.ngettext("expected %s argument", "expected %s arguments", 2),)


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """Help texts and descriptions of our own options and verbs (the ``help=``/``description=``
    literals of shopinsight/cli/*.py, which tools/update_core_catalog.py extracts) in the current
    core language when the help is printed; texts not in the catalog stay as they are."""

    def _get_help_string(self, action):
        return _gettext(action.help)

    def add_text(self, text):
        super().add_text(text if text is argparse.SUPPRESS else _gettext(text))


def _gettext(message):
    return i18n._(message) if message else message    # '' would give the catalog header; None stays


@contextlib.contextmanager
def translated_argparse() -> Iterator[None]:
    """Within the block argparse's texts come out in the current core language."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, i18n.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
