"""The one JSON encoding of the app: stored runs (params, metrics, versions), the CLI's ``--json``
output and anything else written as JSON use :func:`dumps` / :func:`json_default`."""
from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["json_default", "dumps", "jsonable"]


def json_default(o: Any) -> Any:
    """What ``json.dumps`` cannot encode by itself: numpy scalars as Python numbers (NaN and
    infinities as null), pandas' NA and NaT as null, dates and times as ISO text, sets and arrays as
    lists, anything else as text."""
    if type(o).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(o, "item") and not isinstance(o, (str, bytes)):
        try:
            o = o.item()
        except (ValueError, TypeError):      # a numpy array of more than one value
            return _finite(o.tolist()) if hasattr(o, "tolist") else str(o)
        if isinstance(o, float) and not math.isfinite(o):
            return None
        return o
    if hasattr(o, "isoformat"):
        return o.isoformat()
    if isinstance(o, (set, frozenset)):
        return sorted(o, key=str)
    if hasattr(o, "tolist"):
        return _finite(o.tolist())
    return str(o)


def dumps(obj: Any, **kwargs) -> str:
    """``obj`` as JSON text (UTF-8 characters kept, :func:`json_default` for the rest).  NaN and
    infinities become null, also in Python floats: strict JSON, which SQLite's JSON functions and
    other tools read (``json.dumps`` would write the non-standard ``NaN``)."""
    try:
        return json.dumps(obj, default=json_default, ensure_ascii=False, allow_nan=False, **kwargs)
    except ValueError:                           # a non-finite float somewhere: clean, then encode
        return json.dumps(_finite(obj), default=json_default, ensure_ascii=False, allow_nan=False, **kwargs)


def _finite(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def jsonable(obj: Any) -> Any:
    """``obj`` as plain JSON-ready Python (string keys, Python numbers), e.g. for a run's params."""
    return json.loads(dumps(obj))
