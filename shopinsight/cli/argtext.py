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
import re
from typing import Iterator

from ..core import i18n
from ..core.i18n import N_
from .common import text_width

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
    core language when the help is printed; texts not in the catalog stay as they are.

    Lines are wrapped by terminal columns, not characters (argparse's textwrap counts a Chinese
    character as one column; it takes two), and a long choice list (``--sort``'s columns) is
    shown as the option's name in the usage and listed in the help text, where it can wrap."""

    def format_help(self):
        # argparse puts an ASCII ':' after each section heading; a Chinese heading ('选项') takes '：'
        return re.sub(r"(?m)^( *)(\S.*[^\x00-\x7f]):$", r"\1\2：", super().format_help())

    def _get_help_string(self, action):
        text = _gettext(action.help)
        if text and text is not argparse.SUPPRESS and self._choices_hidden(action):
            # %(choices)s: argparse's own list of the choices (", "-joined) when it expands the help
            text = _gettext(N_("{help}; one of: {choices}")).format(help=text, choices="%(choices)s")
        return text

    def add_text(self, text):
        super().add_text(text if text is argparse.SUPPRESS else _gettext(text))

    def _choices_hidden(self, action) -> bool:
        """A choice list too long for a usage line: the option shows its name instead."""
        return action.metavar is None and action.choices is not None and \
            len(",".join(str(c) for c in action.choices)) + 2 > max(self._width // 2, 20)

    def _metavar_formatter(self, action, default_metavar):
        if self._choices_hidden(action):
            return lambda tuple_size: (default_metavar,) * tuple_size
        return super()._metavar_formatter(action, default_metavar)

    def _split_lines(self, text, width):
        text = self._whitespace_matcher.sub(" ", text).strip()
        return wrap_columns(text, width) if text_width(text) != len(text) else super()._split_lines(text, width)

    def _fill_text(self, text, width, indent):
        text = self._whitespace_matcher.sub(" ", text).strip()
        if text_width(text) == len(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_columns(text, width - text_width(indent)))

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse lays the usage out by len(prefix): give it a stand-in as wide as the prefix shows
        prefix = argparse._("usage: ") if prefix is None else prefix
        if text_width(prefix) == len(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        stand_in = "\0" * text_width(prefix)
        return prefix + super()._format_usage(usage, actions, groups, stand_in)[len(stand_in):]


# a line may not start with these (closing punctuation) nor end with the opening ones
_NO_BREAK_BEFORE = set("，。、；：！？）」』】》〉”’…,.;:!?)]}%")
_NO_BREAK_AFTER = set("（「『【《〈“‘([{")


def _pieces(word: str) -> list[str]:
    """``word`` (no spaces) cut where a line may break: around each wide (CJK) character, never
    before closing or after opening punctuation; runs of narrow characters stay whole."""
    out: list[str] = []
    for ch in word:
        glue = out and (ch in _NO_BREAK_BEFORE or out[-1][-1] in _NO_BREAK_AFTER
                        or (text_width(ch) == 1 and text_width(out[-1][-1]) == 1))
        if glue:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns: breaks at spaces and between CJK
    characters (a piece wider than a whole line is cut by columns)."""
    width = max(width, 2)
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        if not word:
            continue
        for i, piece in enumerate(_pieces(word)):
            gap = 1 if (i == 0 and line) else 0
            w = text_width(piece)
            if line and used + gap + w > width:
                lines.append(line)
                line, used, gap = "", 0, 0
            while w > width:                      # a piece longer than a line on its own
                cut, cw = "", 0
                for ch in piece:
                    if cw + text_width(ch) > width:
                        break
                    cut, cw = cut + ch, cw + text_width(ch)
                lines.append(cut)
                piece, w = piece[len(cut):], w - cw
            line, used = line + " " * gap + piece, used + gap + w
    if line:
        lines.append(line)
    return lines


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
