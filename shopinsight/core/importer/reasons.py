"""Why a row was rejected, stored as facts and worded when shown.

A rejected row's reason is stored in the shop (``rejected_rows.reason``, the quality report's
``rejected_by_reason``) as the English text of one of :data:`REJECT_REASONS`, its placeholders
filled the English way: what is stored never depends on the language the app happened to show
when the file was imported, and shops imported before reasons were translated read the same.
:func:`reject_reason_text` words a stored reason in the core's current language (the GUI's
quality view, the refusal of a file whose rows are mostly bad), as
:func:`shopinsight.core.anomalies.reasons.reason_text` does for anomaly reasons.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..i18n import N_, _

__all__ = ["REJECT_REASONS", "MISSING_DATE", "BAD_DATE", "NOT_A_NUMBER", "NO_AMOUNT", "WRONG_FIELDS",
           "FIELD_TOO_LONG", "reject_reason", "reject_reason_text"]

MISSING_DATE = N_("missing date")
BAD_DATE = N_("date not understood (expected {format})")
NOT_A_NUMBER = N_("not a number")
NO_AMOUNT = N_("no amount (needs a line total, or quantity and unit price)")
WRONG_FIELDS = N_("wrong number of fields")
FIELD_TOO_LONG = N_("field longer than {limit} characters")

REJECT_REASONS = (MISSING_DATE, BAD_DATE, NOT_A_NUMBER, NO_AMOUNT, WRONG_FIELDS, FIELD_TOO_LONG)


def reject_reason(template: str, **values) -> str:
    """The reason as stored: ``template`` (one of :data:`REJECT_REASONS`) in English with
    ``values`` filled in (integers with English grouping: "32,767")."""
    return template.format(**{k: f"{v:,}" if isinstance(v, int) else str(v) for k, v in values.items()})


@lru_cache(maxsize=None)
def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts))
    return re.compile(rx + r"\Z", re.S)


def reject_reason_text(stored: object) -> str:
    """A stored reason in the core's current language (a reason this version does not know is
    shown as stored)."""
    text = "" if stored is None else str(stored)
    for template in REJECT_REASONS:
        if "{" not in template:
            if text == template:
                return _(template)
            continue
        m = _pattern(template).match(text)
        if m:
            return _(template).format(**m.groupdict())
    return text
