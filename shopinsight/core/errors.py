"""Errors the core raises for bad input (the CLI maps them to exit code 2)."""
from __future__ import annotations

from typing import Optional


class InputError(ValueError):
    """Bad input: names the file, line, column and value where it can."""

    def __init__(self, message: str, *, file: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[str] = None, value: Optional[str] = None):
        from .i18n import _

        self.file, self.line, self.column, self.value = file, line, column, value
        where = _(", ").join(p for p in (
            file and f"{file}",
            line is not None and _("line {n}").format(n=line),
            column and _("column {name}").format(name=repr(column)),
            value is not None and _("value {value}").format(value=repr(value))) if p)
        super().__init__(_("{where}: {message}").format(where=where, message=message) if where else message)


def iso_day(value: Optional[str], field: str) -> Optional[str]:
    """A day the user gave (an option, a flag) as ``YYYY-MM-DD``; None or "" stays None.  Anything
    else is an :class:`InputError` naming ``field`` and the value — the one check every job's
    ``Options.validate()`` uses for its dates."""
    if value is None or value == "":
        return None
    import datetime as dt

    from .i18n import _
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(_("must be an ISO date (YYYY-MM-DD)"), column=field, value=str(value)) from None
