"""Reading a stored run back: the part every ``XResult.load`` shares.

Each analysis stores its result with :meth:`Shop.save_run` (kind, parameters = its options,
metrics, tables) and reads it back with ``XResult.load(shop, run_id=None)``.  Those loads all
start the same way — find the run (the newest of the kind when no id is given; an id of another
kind is no run of this one), rebuild the frozen options dataclass from the stored parameters,
take the tables with their columns as the result expects them — and then differ only in how they
assemble their result.  :func:`load_stored` does the shared part:

``load_stored(shop, kind, run_id, OptionsType, fallback=("models",))``
    → a :class:`Stored` (``.run``, ``.options``, ``.table(name, columns, text=...)``) or None.

:func:`options_from` rebuilds an options dataclass alone (the forecast stores two of them).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Optional

import pandas as pd

from .store import Run

__all__ = ["Stored", "load_stored", "options_from"]


def options_from(options_type: type, params: dict, fallback: Iterable[str] = ()) -> Any:
    """``options_type`` (a dataclass) from stored parameters: keys it does not know are dropped
    (parameters stored for the record, or by an older version), JSON lists become tuples (the
    options are frozen), and the fields named in ``fallback`` take their default when the stored
    value is missing, None or empty."""
    fields = {f.name for f in dataclasses.fields(options_type)}
    kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items() if k in fields}
    for name in fallback:
        if name in kwargs and (kwargs[name] is None or kwargs[name] in ((), {}, "")):
            del kwargs[name]
    return options_type(**kwargs)


@dataclass
class Stored:
    """A stored run of the asked kind and its rebuilt options."""

    run: Run
    options: Any

    def table(self, name: str, columns: Iterable[str] = (), *, text: Iterable[str] = ()) -> pd.DataFrame:
        """The stored table ``name`` (an empty one when the run has none), with every one of
        ``columns`` present (missing ones as None: a run stored by an older version), and the
        ``text`` columns as strings (ids such as ``"85123A"`` and ``12345`` read back alike)."""
        columns = list(columns)
        df = self.run.tables.get(name)
        if df is None:
            df = pd.DataFrame(columns=columns)
        for col in columns:
            if col not in df:
                df[col] = None
        for col in text:
            if col in df:
                df[col] = df[col].astype(str)
        return df

    def has_table(self, name: str) -> bool:
        return name in self.run.tables


def load_stored(shop, kind: str, run_id: Optional[int] = None, options_type: Optional[type] = None, *,
                fallback: Iterable[str] = (), with_table: Optional[str] = None) -> Optional[Stored]:
    """The stored run ``run_id`` if it is of ``kind`` — or, when ``run_id`` is None, the newest run
    of ``kind`` (with ``with_table``: the newest that holds that table) — with its options rebuilt
    as ``options_type`` (see :func:`options_from`; None: not rebuilt).  None when there is no such
    run.  Reads only."""
    run = None
    if run_id is not None:
        run = shop.load_run(int(run_id))
    elif with_table is None:
        run = shop.load_run(None, kind=kind)
    else:
        for rid in shop.list_runs(kind)["run_id"]:        # newest first
            candidate = shop.load_run(int(rid))
            if candidate is not None and with_table in candidate.tables:
                run = candidate
                break
    if run is None or run.kind != kind:
        return None
    options = options_from(options_type, run.params, fallback) if options_type is not None else None
    return Stored(run, options)
