"""Reasons in words.

A detector records each reason as data, ``{"code": ..., "z": strength, **values}``, so the
run stores facts and every face renders them in its own language: :func:`reason_text` gives the
English sentence (CLI, exports), the Anomalies tab renders the same codes through Qt's
translations (``REASON_TEMPLATES`` here are the source strings it translates).  Money, numbers and
shares are written by :mod:`shopinsight.core.fmt`, as everywhere in the app.
"""
from __future__ import annotations

import math
from typing import Callable, Optional

from .. import fmt

__all__ = ["REASON_TEMPLATES", "reason_text", "reasons_text", "format_money", "currency_symbol",
           "format_ratio", "WEEKDAYS"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# code -> English template; placeholders hold already formatted values (see _values)
REASON_TEMPLATES: dict[str, str] = {
    "price_far": "price {price} is {ratio} this product's usual {usual}",
    "price_nonpositive": "price {price} on a merchandise sale; this product's usual price is {usual}",
    "qty_product": "quantity {qty} is {ratio} the most a line of this product usually holds ({usual})",
    "qty_customer": "quantity {qty} is {ratio} the most this customer usually buys in a line ({usual})",
    "order_value": "order value {value} is {ratio} a typical order ({usual})",
    "order_lines": "{n} lines; a typical order has {usual}",
    "order_hour": "placed at {hour}, when only {share} of orders are placed",
    "order_weekday": "placed on a {weekday}, when only {share} of orders are placed",
    "first_order": "a new customer's first order worth {value}; typical first orders are {lo}–{hi}",
    "repeated": "same {n} lines as order {other} by this customer {gap} earlier",
    "day_sales": "{weekday} sales {value}, expected {lo}–{hi} from the weekly pattern",
    "day_orders": "{n} orders, expected {lo}–{hi} from the weekly pattern",
    "day_lines": "{value} lines per order, expected {lo}–{hi}",
    "day_refunds": "refunds {value}, expected at most {hi}",
    "day_last_order": "last order at {time}; this weekday's last order is usually {lo}–{hi}",
    "day_zero": "no sales on a trading {weekday} between trading days",
    "week_sales": "week of {week}: sales {value}, expected {lo}–{hi} from the weeks before",
    "week_orders": "week of {week}: {n} orders, expected {lo}–{hi} from the weeks before",
    "day_order_size": "the day's orders hold {ratio} the lines their customers' earlier orders held",
    "cust_cancel": "{k} of this customer's {n} orders were cancelled, typical is {lo}–{hi}",
    "cust_quick_cancel": "{k} of this customer's {n} orders were cancelled within a day of being placed, typical is {lo}–{hi}",
    "cust_basket": "recent orders average {recent}, {ratio} this customer's earlier {before}",
    "iforest": "unusual combination of values (isolation forest)",
}

MONEY_KEYS = {"price", "usual_price", "value", "lo_money", "hi_money", "recent", "before"}


# the app's formats (core.fmt), under the names this module has always exported
currency_symbol = fmt.currency_symbol
format_money = fmt.money


def format_number(x, decimals: int = 0) -> str:
    return fmt.number(x, decimals)


def format_ratio(r: float, times: str = "{n}×", fraction: str = "1/{n} of") -> str:
    """``100×`` / ``1/20 of`` — how far a value is from the usual one (``times`` and ``fraction``
    are the patterns, so a translation can drop the English "of")."""
    if not r or not math.isfinite(r):
        return "—"
    if r >= 1:
        return times.replace("{n}", fmt.number(r, 0 if r >= 10 else 1))
    inv = 1 / r
    return fraction.replace("{n}", fmt.number(inv, 0 if inv >= 10 else 1))


def _gap(minutes: float) -> str:
    if minutes < 90:
        return f"{fmt.number(minutes, 0)} minutes"
    return f"{fmt.number(minutes / 60, 1)} hours"


def _values(reason: dict, money: Callable[[float], str], weekdays: Optional[list] = None,
            ratio: Optional[Callable[[float], str]] = None) -> dict:
    """The formatted placeholder values of one reason."""
    r = reason
    c = r["code"]
    days = weekdays or WEEKDAYS
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
    """One reason as a sentence (English unless ``templates`` gives translated ones)."""
    templates = templates or REASON_TEMPLATES
    money = money or (lambda x: format_money(x, currency))
    template = templates.get(reason["code"], REASON_TEMPLATES.get(reason["code"], reason["code"]))
    try:
        return template.format(**_values(reason, money, weekdays, ratio))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return REASON_TEMPLATES.get(reason["code"], reason["code"]).split(" {")[0]


def reasons_text(reasons: list[dict], currency: Optional[str] = None, sep: str = "; ") -> str:
    """At most three reasons, most important first, joined into one line."""
    return sep.join(reason_text(r, currency) for r in reasons[:3])
