"""Reasons in words.

A detector records each reason as data, ``{"code": ..., "z": strength, **values}``, so the
run stores facts and every face renders them in its own language: :func:`reason_text` gives the
sentence in the core's current language (CLI, exports, the Anomalies tab: the templates, the
time units and the ratio patterns go through :mod:`shopinsight.core.i18n`, weekday names come from
:func:`fmt.weekday_names`).  Money, numbers and
shares are written by :mod:`shopinsight.core.fmt`, as everywhere in the app.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

from .. import fmt
from ..i18n import N_, _, ngettext

__all__ = ["REASON_TEMPLATES", "reason_text", "reasons_text", "format_money", "currency_symbol",
           "format_ratio", "WEEKDAYS"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]   # English, for ids

# code -> English template; placeholders hold already formatted values (see _values)
REASON_TEMPLATES: dict[str, str] = {
    "price_far": N_("price {price} is {ratio} this product's usual {usual}"),
    "price_nonpositive": N_("price {price} on a merchandise sale; this product's usual price is {usual}"),
    "qty_product": N_("quantity {qty} is {ratio} the most a line of this product usually holds ({usual})"),
    "qty_customer": N_("quantity {qty} is {ratio} the most this customer usually buys in a line ({usual})"),
    "order_value": N_("order value {value} is {ratio} a typical order ({usual})"),
    "order_lines": N_("{n} lines; a typical order has {usual}"),
    "order_hour": N_("placed at {hour}, when only {share} of orders are placed"),
    "order_weekday": N_("placed on a {weekday}, when only {share} of orders are placed"),
    "first_order": N_("a new customer's first order worth {value}; typical first orders are {lo}–{hi}"),
    "repeated": N_("same {n} lines as order {other} by this customer {gap} earlier"),
    "day_sales": N_("{weekday} sales {value}, expected {lo}–{hi} from the weekly pattern"),
    "day_orders": N_("{n} orders, expected {lo}–{hi} from the weekly pattern"),
    "day_lines": N_("{value} lines per order, expected {lo}–{hi}"),
    "day_refunds": N_("refunds {value}, expected at most {hi}"),
    "day_last_order": N_("last order at {time}; this weekday's last order is usually {lo}–{hi}"),
    "day_zero": N_("no sales on a trading {weekday} between trading days"),
    "week_sales": N_("week of {week}: sales {value}, expected {lo}–{hi} from the weeks before"),
    "week_orders": N_("week of {week}: {n} orders, expected {lo}–{hi} from the weeks before"),
    "day_order_size": N_("the day's orders hold {ratio} the lines their customers' earlier orders held"),
    "cust_cancel": N_("{k} of this customer's {n} orders were cancelled, typical is {lo}–{hi}"),
    "cust_quick_cancel": N_("{k} of this customer's {n} orders were cancelled within a day of being placed, typical is {lo}–{hi}"),
    "cust_basket": N_("recent orders average {recent}, {ratio} this customer's earlier {before}"),
    "iforest": N_("unusual combination of values (isolation forest)"),
}

MONEY_KEYS = {"price", "usual_price", "value", "lo_money", "hi_money", "recent", "before"}


# the app's formats (core.fmt), under the names this module has always exported
currency_symbol = fmt.currency_symbol
format_money = fmt.money


def format_number(x, decimals: int = 0) -> str:
    return fmt.number(x, decimals)


def format_ratio(r: float, times: Optional[str] = None, fraction: Optional[str] = None) -> str:
    """``100×`` / ``1/20 of`` — how far a value is from the usual one (``times`` and ``fraction``
    are the patterns, translated by default, so a translation can drop the English "of")."""
    # TRANSLATORS: a value {n} times the usual one ("100×")
    times = times if times is not None else _("{n}×")
    # TRANSLATORS: a value a {n}th of the usual one ("1/20 of")
    fraction = fraction if fraction is not None else _("1/{n} of")
    if not r or not math.isfinite(r):
        return "—"
    if r >= 1:
        return times.replace("{n}", fmt.number(r, 0 if r >= 10 else 1))
    inv = 1 / r
    return fraction.replace("{n}", fmt.number(inv, 0 if inv >= 10 else 1))


def _gap(minutes: float) -> str:
    if minutes < 90:
        return ngettext("{n} minute", "{n} minutes", int(round(minutes))).format(n=fmt.number(minutes, 0))
    hours = minutes / 60
    return ngettext("{n} hour", "{n} hours", 1 if round(hours, 1) == 1 else 2).format(n=fmt.number(hours, 1))


def _values(reason: dict, money: Callable[[float], str], weekdays: Optional[list] = None,
            ratio: Optional[Callable[[float], str]] = None) -> dict:
    """The formatted placeholder values of one reason."""
    r = reason
    c = r["code"]
    days = weekdays or fmt.weekday_names(short=False)
    format_ratio = ratio or _default_ratio
    if c in ("price_far", "price_nonpositive"):
        return {"price": money(r["price"]), "usual": money(r["usual"]),
                "ratio": format_ratio(r["price"] / r["usual"]) if r.get("usual") and r["price"] > 0 else "—"}
    if c in ("qty_product", "qty_customer"):
        return {"qty": format_number(r["qty"]), "usual": format_number(r["usual"]),
                "ratio": format_ratio(r["qty"] / r["usual"]) if r.get("usual") else "—"}
    if c == "order_value":
        return {"value": money(r["value"]), "usual": money(r["usual"]),
                "ratio": format_ratio(r["value"] / r["usual"]) if r.get("usual") else "—"}
    if c == "order_lines":
        return {"n": format_number(r["n"]), "usual": format_number(r["usual"])}
    if c == "order_hour":
        return {"hour": f"{int(r['hour']):02d}:00", "share": fmt.percent(r["share"])}
    if c == "order_weekday":
        return {"weekday": days[int(r["weekday"])], "share": fmt.percent(r["share"])}
    if c == "first_order":
        return {"value": money(r["value"]), "lo": money(r["lo"]), "hi": money(r["hi"])}
    if c == "repeated":
        return {"n": format_number(r["n"]), "other": str(r["other"]), "gap": _gap(r["minutes"])}
    if c in ("day_sales", "day_refunds"):
        return {"weekday": days[int(r.get("weekday", 0))], "value": money(r["value"]),
                "lo": money(r.get("lo")), "hi": money(r["hi"])}
    if c == "day_orders":
        return {"n": format_number(r["n"]), "lo": format_number(r["lo"]), "hi": format_number(r["hi"])}
    if c == "day_lines":
        return {"value": format_number(r["value"], 1), "lo": format_number(r["lo"], 1),
                "hi": format_number(r["hi"], 1)}
    if c == "day_last_order":
        return {"time": _hhmm(r["time"]), "lo": _hhmm(r["lo"]), "hi": _hhmm(r["hi"])}
    if c == "day_zero":
        return {"weekday": days[int(r["weekday"])]}
    if c == "week_sales":
        return {"week": str(r["week"]), "value": money(r["value"]), "lo": money(r["lo"]), "hi": money(r["hi"])}
    if c == "week_orders":
        return {"week": str(r["week"]), "n": format_number(r["value"]), "lo": format_number(r["lo"]),
                "hi": format_number(r["hi"])}
    if c == "day_order_size":
        return {"ratio": format_ratio(r["ratio"])}
    if c in ("cust_cancel", "cust_quick_cancel"):
        return {"k": format_number(r["k"]), "n": format_number(r["n"]), "lo": format_number(r["lo"]),
                "hi": format_number(r["hi"])}
    if c == "cust_basket":
        return {"recent": money(r["recent"]), "before": money(r["before"]),
                "ratio": format_ratio(r["recent"] / r["before"]) if r.get("before") else "—"}
    return {}


def _default_ratio(r: float) -> str:
    return globals()["format_ratio"](r)


def _hhmm(hours: float) -> str:
    if hours is None or not math.isfinite(hours):
        return "—"
    m = int(round(hours * 60))
    return f"{m // 60:02d}:{m % 60:02d}"


def reason_text(reason: dict, currency: Optional[str] = None, *, templates: Optional[dict] = None,
                money: Optional[Callable[[float], str]] = None, weekdays: Optional[list] = None,
                ratio: Optional[Callable[[float], str]] = None) -> str:
    """One reason as a sentence in the core's current language (``templates`` may give other ones)."""
    money = money or (lambda x: format_money(x, currency))
    source = REASON_TEMPLATES.get(reason["code"], reason["code"])
    template = (templates or {}).get(reason["code"]) or (_(source) if reason["code"] in REASON_TEMPLATES else source)
    try:
        text = template.format(**_values(reason, money, weekdays, ratio))
        if reason.get("cut") is not None:         # a day cut off by the end of the data
            # TRANSLATORS: appended to a day's reason when the data stop part-way through that day
            text += _(" (the data end at {time} on this day)").format(time=_hhmm(reason["cut"]))
        return text
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return (_(source) if reason["code"] in REASON_TEMPLATES else source).split(" {")[0]


def reasons_text(reasons: list[dict], currency: Optional[str] = None, sep: Optional[str] = None) -> str:
    """At most three reasons, most important first, joined into one line ("; ", "；" in Chinese)."""
    return (_("; ") if sep is None else sep).join(reason_text(r, currency) for r in reasons[:3])
