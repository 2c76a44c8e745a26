"""The bridge (waterfall) chart of a "what changed" result: the earlier period's net sales, one
floating bar per part (up green, down red), the later period's net sales.  A Matplotlib Figure
(no pyplot); labels in the current language.  The value axis starts at zero, so the two totals
are drawn to scale; every bar carries its exact amount, so small parts stay readable."""
from __future__ import annotations

from typing import Optional

import numpy as np
from matplotlib.figure import Figure

from ..charts import ACCENT, NEGATIVE, TEXT, empty_figure, money_formatter, new_figure, short_label
from ..i18n import N_, Labels, _

__all__ = ["bridge_figure", "POSITIVE"]

POSITIVE = "#59a14f"

# short bar labels (the parts' full names are in the table and the text)
CHART_LABELS = Labels({
    "orders": N_("Orders"), "orders_returning": N_("Returning customers"), "orders_new": N_("New customers"),
    "orders_guest": N_("Guests"), "units": N_("Items sold"), "items_per_order": N_("Items per order"),
    "average_price": N_("Average price"), "price": N_("Prices"), "mix": N_("Product mix"),
    "gross_sales": N_("Sales"), "cancellations": N_("Cancellations"),
})


def _wrap(text: str, width: int = 11) -> str:
    """A bar label on at most three lines (CJK text, which has no spaces, breaks anywhere)."""
    import textwrap

    cjk = any(ord(ch) > 0x2E80 for ch in text)
    lines = textwrap.wrap(text, 5 if cjk else width, break_long_words=cjk)
    if len(lines) > 3:
        lines = lines[:2] + [short_label("".join(lines[2:]) if cjk else " ".join(lines[2:]), 5 if cjk else width)]
    return "\n".join(lines)


def bridge_figure(result, width: float = 8.0, height: float = 3.8, title: Optional[str] = None) -> Figure:
    """Waterfall of ``result`` (an :class:`~.pipeline.ExplainResult`)."""
    from .periods import span_label

    if result is None:
        return empty_figure(_("Nothing to compare"), width, height)
    parts = [p for p in result.parts]
    ranges = result.after_span.unit == "range" or result.before_span.unit == "range"
    # a month, week or day is named; two date ranges are "before" and "after" (the dates are long)
    labels = [_("Before") if ranges else span_label(result.before_span)] + \
        [CHART_LABELS[p["key"]] for p in parts] + [_("After") if ranges else span_label(result.after_span)]
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    x = np.arange(len(labels))
    bottoms, heights, colours = [0.0], [result.before], [ACCENT]
    level = result.before
    for p in parts:
        v = float(p["amount"])
        bottoms.append(level if v >= 0 else level + v)
        heights.append(abs(v))
        colours.append(POSITIVE if v >= 0 else NEGATIVE)
        level += v
    bottoms.append(0.0)
    heights.append(result.after)
    colours.append(ACCENT)
    ax.bar(x, heights, bottom=bottoms, color=colours, width=0.65)
    # connectors between consecutive bars at the running level
    run = [result.before]
    for p in parts:
        run.append(run[-1] + float(p["amount"]))
    for i, lv in enumerate(run):
        ax.plot([i + 0.33, i + 0.67], [lv, lv], color="#9aa3b2", linewidth=0.8)
    fmt = money_formatter(result.currency or "")
    top = max(max(b + h for b, h in zip(bottoms, heights)), 1.0)
    low = min(0.0, min(bottoms))
    ax.set_ylim(low, top * 1.12)
    span = top * 1.12 - low
    for i, (b, h) in enumerate(zip(bottoms, heights)):
        v = h if i in (0, len(labels) - 1) else float(parts[i - 1]["amount"])
        text = fmt(v) if i in (0, len(labels) - 1) else ("+" if v > 0 else "") + fmt(v)
        ax.text(i, b + h + span * 0.015, text, ha="center", va="bottom", fontsize=8, color=TEXT)
    ax.yaxis.set_major_formatter(fmt)
    ax.set_xticks(x, [_wrap(t) for t in labels], fontsize=7.5)
    ax.tick_params(axis="x", length=0)
    ax.axhline(0, color="#c4cad4", linewidth=0.8)
    if title != "":                     # "" = no title (the GUI panel has its own heading)
        ax.set_title(title or _("What changed in net sales"))
    return fig
