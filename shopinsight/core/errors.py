"""Errors the core raises for bad input (the CLI maps them to exit code 2)."""
from __future__ import annotations

from typing import Optional


class InputError(ValueError):
    """Bad input: names the file, line, column and value where it can."""

    def __init__(self, message: str, *, file: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[str] = None, value: Optional[str] = None):
        self.file, self.line, self.column, self.value = file, line, column, value
        where = ", ".join(p for p in (
            file and f"{file}",
            line is not None and f"line {line}",
            column and f"column {column!r}",
            value is not None and f"value {value!r}") if p)
        super().__init__(f"{where}: {message}" if where else message)
