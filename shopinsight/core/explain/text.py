"""The explanation in plain words, in the current language (core i18n), built from the result's
numbers: the total change, what drove the orders, the average item price, cancellations."""
from __future__ import annotations

from typing import Optional

from .. import fmt
from ..i18n import _, current_language

__all__ = ["explain_text", "money", "percent"]


def money(x: float, currency: Optional[str]) -> str:
    """An amount in the shop's currency (core.fmt), without decimals from 1,000 up."""
    return fmt.money(x, currency, 0 if abs(x) >= 1000 else 2)


def percent(x: Optional[float], signed: bool = True) -> str:
    """A change as a percentage (core.fmt): whole percent from 10 % up, else one decimal."""
    if x is None:
        return fmt.MISSING
    return fmt.percent(x if signed else abs(x), 0 if abs(x) >= 0.1 else 1, signed=signed)


def _ratio(pair) -> Optional[float]:
    if not pair or not pair[0]:
        return None
    return pair[1] / pair[0] - 1


def explain_text(r) -> str:
    """"Sales rose £48,200 (+12 %) from October 2011 to November 2011: …" for an ExplainResult."""
    from .periods import span_label

    cur = r.currency
    parts = {p["key"]: p["amount"] for p in r.parts}
    a, b = span_label(r.before_span), span_label(r.after_span)
    sentences = []
    if r.change > 0:
        s = _("Net sales rose {amount} ({pct}) in {after} compared with {before}.")
    elif r.change < 0:
        s = _("Net sales fell {amount} ({pct}) in {after} compared with {before}.")
    else:
        s = _("Net sales were the same in {before} and {after}.")
    sentences.append(s.format(amount=money(abs(r.change), cur), pct=percent(r.change_pct), before=a, after=b))

    orders = r.measures.get("orders")
    if orders and orders[0]:
        ch = _ratio(orders)
        by_type = {k: v for k, v in parts.items() if k.startswith("orders_")}
        if ch and abs(ch) >= 0.005:
            s = (_("{pct} more orders") if ch > 0 else _("{pct} fewer orders")).format(pct=percent(ch, False))
            if by_type:
                same_sign = {k: v for k, v in by_type.items() if v * ch > 0}
                if same_sign:
                    key = max(same_sign, key=lambda k: abs(same_sign[k]))
                    who = {"orders_returning": _("returning customers"), "orders_new": _("new customers"),
                           "orders_guest": _("guests")}[key]
                    s = _("{orders}, most of the change from {who}").format(orders=s, who=who)
            country = _top(r, "country", r.change)
            if country:
                s = _("{orders} (biggest change in {place})").format(orders=s, place=country)
            sentences.append(s + _("."))
        else:
            sentences.append(_("About as many orders as before."))
    ipo = r.measures.get("items_per_order")
    if ipo and ipo[0]:
        ch = _ratio(ipo)
        if ch and abs(ch) >= 0.01:
            sentences.append((_("Orders held {pct} more items.") if ch > 0 else
                              _("Orders held {pct} fewer items.")).format(pct=percent(ch, False)))
    price = r.measures.get("average_price")
    if price and price[0]:
        ch = _ratio(price)
        if ch and abs(ch) >= 0.01:
            mix, eff = parts.get("mix"), parts.get("price")
            if mix is not None and eff is not None and abs(mix) > abs(eff):
                why = _("because cheaper products sold more") if mix < 0 else \
                    _("because dearer products sold more")
            elif eff is not None and mix is not None:
                why = _("because prices went down") if eff < 0 else _("because prices went up")
            else:
                why = ""
            s = (_("The average item price rose {pct}") if ch > 0 else
                 _("The average item price fell {pct}")).format(pct=percent(ch, False))
            sentences.append((_("{text}, {why}.").format(text=s, why=why)) if why else s + _("."))
    canc = parts.get("cancellations")
    if canc is not None and r.change and abs(canc) >= 0.1 * abs(r.change):
        sentences.append((_("Cancellations and returns took away {amount} more than before.") if canc < 0 else
                          _("Cancellations and returns took away {amount} less than before.")).format(
            amount=money(abs(canc), cur)))
    top_product = _top(r, "product", r.change)
    if top_product:
        sentences.append(_("The product that changed most: {name}.").format(name=top_product))
    from .pipeline import NOTE_TEXTS
    # a period the data cover only in part makes the comparison lopsided: say so in the text itself
    sentences += [NOTE_TEXTS[k] for k in ("after_partial", "before_partial") if k in r.notes]
    sep = "" if current_language() == "zh_CN" else " "
    return sep.join(sentences)


def _top(r, dim: str, direction: float) -> Optional[str]:
    df = r.contributors.get(dim)
    if df is None or df.empty or not direction:
        return None
    d = df[df["amount"] * direction > 0]
    if d.empty:
        return None
    return str(d.loc[d["amount"].abs().idxmax(), "name"])
