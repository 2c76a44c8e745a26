"""One "what changed" explanation end to end.

``ExplainOptions`` (frozen, ``validate()`` raises InputError) → :func:`run_explain` (shop,
options, reporter) → :class:`ExplainResult` (``to_dict()`` for ``--json``, ``save(shop)`` as a
run of kind ``explain``, :meth:`ExplainResult.load`).  The Overview's "What changed" panel,
``shopinsight explain`` and the report all call these.  Net sales, orders and customers are the
definitions of :mod:`shopinsight.core.facts`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from typing import Optional

import pandas as pd

from ..errors import InputError
from ..facts import MERCHANDISE, SALE_LINE, day_range, facts_from_order_groups
from ..i18n import N_, Labels, _
from ..store import interruptible
from ..tasks import as_reporter
from .bridge import CUSTOMER_TYPES, PeriodData, bridge, round_to_cents
from .periods import GRANULARITIES, Span, resolve

__all__ = ["KIND", "ExplainOptions", "ExplainResult", "run_explain", "options_for_overview", "PART_LABELS",
           "DIMENSION_LABELS", "NOTE_TEXTS"]

KIND = "explain"

PART_LABELS = Labels({
    "orders": N_("Number of orders"),
    "orders_returning": N_("Orders from returning customers"),
    "orders_new": N_("Orders from new customers"),
    "orders_guest": N_("Orders from guests (unknown customers)"),
    "units": N_("Items sold"),
    "items_per_order": N_("Items per order"),
    "average_price": N_("Average item price"),
    "price": N_("Price effect (same products, new prices)"),
    "mix": N_("Mix effect (different products)"),
    "gross_sales": N_("Sales before cancellations"),
    "cancellations": N_("Cancellations and returns"),
})
"""Each part's label (translated when read)."""

DIMENSION_LABELS = Labels({
    "product": N_("Product"),
    "country": N_("Country"),
    "store": N_("Store / channel"),
    "customer_segment": N_("Customer segment"),
})

NOTE_TEXTS = Labels({
    "no_orders": N_("The data have no order numbers (summaries): the orders and items-per-order parts are "
                    "left out."),
    "no_units": N_("The data have no item quantities: items per order and the average item price are left out."),
    "no_customers": N_("The data have no customer ids: orders are not split into returning, new and guest "
                       "customers."),
    "no_products": N_("The data have no products: the price and mix effects are left out."),
    "no_mix": N_("No product sold in both periods: the average price is not split into price and mix."),
    "not_comparable": N_("One period has no sales (or no items): only the total change is shown."),
    "no_category": N_("The shop has no product categories: no contributors by category."),
    "no_segments": N_("No customers run yet: no contributors by customer segment (run Customers first)."),
    "before_partial": N_("The data cover only part of the earlier period."),
    "after_partial": N_("The data cover only part of the later period."),
})
"""Notes about parts and dimensions left out (translated when read)."""

DIMENSIONS = ("product", "country", "store", "customer_segment")


@dataclass(frozen=True)
class ExplainOptions:
    """Which two periods to compare.

    ``period`` a month (``2011-11``), ISO week (``2011-W45``) or day (``2011-11-05``); ``vs``
    ``previous`` (default), ``last-year`` or another period; or ``start``/``end`` (and optionally
    ``vs_start``/``vs_end``, default the equally long range just before) as ISO days.  With
    ``granularity`` (day/week/month) the period is the day, week or month holding ``period``'s
    first day.  Nothing given: the last complete month (week, day) of the data.  ``top``:
    contributors listed per dimension and direction."""

    period: Optional[str] = None
    vs: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    vs_start: Optional[str] = None
    vs_end: Optional[str] = None
    granularity: Optional[str] = None
    top: int = 5

    def validate(self, last_day: Optional[str] = None) -> tuple[Span, Span]:
        """Raise InputError for a bad choice; returns the (before, after) periods."""
        if self.granularity is not None and self.granularity not in GRANULARITIES:
            raise InputError(_("granularity must be day, week or month"), column="granularity",
                             value=str(self.granularity))
        try:
            top = int(self.top)
        except (TypeError, ValueError):
            top = 0
        if top < 1:
            raise InputError(_("top must be at least 1"), column="top", value=str(self.top))
        return resolve(self.period, self.vs, self.start, self.end, self.vs_start, self.vs_end,
                       self.granularity, last_day or dt.date.today().isoformat())


@dataclass
class ExplainResult:
    """The bridge from ``before`` to ``after`` (net sales) and its contributors."""

    options: ExplainOptions
    before_span: Span
    after_span: Span
    before: float
    after: float
    change: float
    parts: list                      # [{"key", "amount"}], adding up to change to the cent
    measures: dict                   # orders, items per order, average price ... of both periods
    contributors: dict               # dimension -> DataFrame(key, name, amount, before, after, share_before, share_after)
    notes: list                      # NOTE_TEXTS keys
    currency: Optional[str] = None
    seconds: float = 0.0
    data_from: Optional[str] = None
    data_to: Optional[str] = None
    run_id: Optional[int] = None
    created_at: Optional[str] = None

    # -- views ------------------------------------------------------------------------------
    @property
    def change_pct(self) -> Optional[float]:
        return self.change / abs(self.before) if self.before else None

    def part_table(self) -> pd.DataFrame:
        """key, name (in the current language), amount."""
        return pd.DataFrame({"key": [p["key"] for p in self.parts],
                             "name": [PART_LABELS[p["key"]] for p in self.parts],
                             "amount": [p["amount"] for p in self.parts]})

    @property
    def text(self) -> str:
        """The explanation in plain words, in the current language."""
        from .text import explain_text
        return explain_text(self)

    def note_texts(self) -> list[str]:
        return [NOTE_TEXTS[k] for k in self.notes]

    def to_dict(self) -> dict:
        from .periods import span_label

        def rows(df: pd.DataFrame) -> list[dict]:
            return [{"key": r.key, "name": r.name, "amount": round(float(r.amount), 2),
                     "before": round(float(r.before), 2), "after": round(float(r.after), 2),
                     "share_before": _num(r.share_before), "share_after": _num(r.share_after)}
                    for r in df.itertuples(index=False)]

        return {
            "run_id": self.run_id,
            "period": {**self.after_span.to_dict(), "label": span_label(self.after_span)},
            "vs": {**self.before_span.to_dict(), "label": span_label(self.before_span)},
            "currency": self.currency,
            "before": self.before, "after": self.after, "change": self.change,
            "change_pct": _num(self.change_pct),
            "parts": [{"key": p["key"], "name": PART_LABELS[p["key"]], "amount": p["amount"]} for p in self.parts],
            "contributors": {dim: rows(df) for dim, df in self.contributors.items()},
            "measures": self.measures,
            "text": self.text,
            "notes": self.note_texts(),
            "note_keys": list(self.notes),
            "method": "lmdi-i",
        }

    # -- storage ----------------------------------------------------------------------------
    def save(self, shop, reporter=None) -> int:
        """Store as a run of kind ``explain``; returns its run id (``reporter``: the job's,
        checked for cancel before the commit)."""
        contrib = pd.concat([df.assign(dimension=dim) for dim, df in self.contributors.items()],
                            ignore_index=True) if self.contributors else _empty_contrib()
        self.run_id = shop.save_run(
            KIND, params=dataclasses.asdict(self.options),
            metrics={"before_span": self.before_span.to_dict(), "after_span": self.after_span.to_dict(),
                     "before": self.before, "after": self.after, "change": self.change,
                     "measures": self.measures, "notes": self.notes, "currency": self.currency,
                     "dimensions": list(self.contributors)},
            tables={"parts": pd.DataFrame(self.parts, columns=["key", "amount"]), "contributors": contrib},
            data_from=self.before_span.start, data_to=self.after_span.end, seconds=self.seconds,
            summary=f"{self.before_span.start}..{self.before_span.end} → {self.after_span.start}.."
                    f"{self.after_span.end}: {self.change:+,.2f}", reporter=reporter)
        return self.run_id

    @classmethod
    def load(cls, shop, run_id: Optional[int] = None) -> Optional["ExplainResult"]:
        """A stored explanation (the newest when ``run_id`` is None), or None.  Labels and the
        text come out in the current language."""
        from ..results import load_stored

        stored = load_stored(shop, KIND, run_id, ExplainOptions)
        if stored is None:
            return None
        run, opts = stored.run, stored.options
        m = run.metrics
        parts_df = stored.table("parts", ["key", "amount"])
        contrib = run.tables.get("contributors", _empty_contrib())
        contributors = {}
        for dim in m.get("dimensions", []):
            d = contrib[contrib["dimension"] == dim].drop(columns="dimension").reset_index(drop=True)
            d["key"] = d["key"].astype(str)
            contributors[dim] = d
        return cls(options=opts, before_span=Span(**m["before_span"]), after_span=Span(**m["after_span"]),
                   before=float(m["before"]), after=float(m["after"]), change=float(m["change"]),
                   parts=[{"key": str(k), "amount": float(a)} for k, a in zip(parts_df["key"], parts_df["amount"])],
                   measures=m.get("measures", {}), contributors=contributors, notes=list(m.get("notes", [])),
                   currency=m.get("currency"), seconds=run.seconds or 0.0, data_from=run.data_from,
                   data_to=run.data_to, run_id=run.run_id, created_at=run.created_at)


def _num(x) -> Optional[float]:
    if x is None:
        return None
    x = float(x)
    return None if x != x else round(x, 6)


_CONTRIB_COLUMNS = ["key", "name", "amount", "before", "after", "share_before", "share_after"]


def _empty_contrib() -> pd.DataFrame:
    return pd.DataFrame(columns=[*_CONTRIB_COLUMNS, "dimension"])


def options_for_overview(shop, period: str, top: int = 5) -> Optional[ExplainOptions]:
    """The Overview's period choice ("30d", "90d", "12m", "all") as explain options: the period
    against the equally long one before it.  When the period has nothing before it ("all", or the
    data do not reach back — the sample shop's default), the last complete month against the month
    before, as ``shopinsight explain`` with no period (the result names both periods); None when the
    data do not hold those two months either."""
    from ..analytics import period_bounds

    p = period_bounds(shop, period)
    if p.start is not None and p.prev_start is not None:
        return ExplainOptions(start=p.start, end=p.end, vs_start=p.prev_start, vs_end=p.prev_end, top=top)
    first, last = shop.date_range()
    if first is None:
        return None
    fallback = ExplainOptions(top=top)
    try:
        before, _after = fallback.validate(last)
    except InputError:
        return None
    return fallback if before.start >= first[:10] else None


# ------------------------------------------------------------------------------------------------
# reading the shop
# ------------------------------------------------------------------------------------------------
_LINE_COLUMNS = ["order_id", "customer_id", "product_id", "product_name", "quantity", "amount", "country", "store",
                 "is_cancellation"]


def _read_period(conn, span: Span) -> pd.DataFrame:
    """The merchandise lines of ``span`` (one scan; every figure of the period comes from it)."""
    where, params = day_range(span.start, span.end)
    df = pd.DataFrame.from_records(conn.execute(
        f"SELECT {', '.join(_LINE_COLUMNS)} FROM line_items WHERE {MERCHANDISE} AND {where}", params).fetchall(),
        columns=_LINE_COLUMNS)
    df = df.astype({"amount": float, "quantity": float})
    df["is_cancellation"] = df["is_cancellation"].astype(bool)
    for col in ("product_id", "country", "store"):         # '' is no value, as NULL
        df[col] = df[col].where(df[col] != "", None)
    return df


def _facts(lines: pd.DataFrame) -> dict:
    """Orders, customers and net sales of the period, as :mod:`core.facts` defines them."""
    g = lines.groupby(["order_id", "customer_id", "is_cancellation"], dropna=False, sort=False)["amount"] \
        .sum().reset_index()
    return facts_from_order_groups(g)


def _returning(conn, customers: list, start: str) -> set:
    """The customers among ``customers`` with a merchandise sale before ``start`` (one indexed
    look-up each, stopping at the first such line)."""
    if not customers:
        return set()
    rows = conn.execute(f"""
        SELECT c.value FROM json_each(?) AS c
        WHERE EXISTS (SELECT 1 FROM line_items
                      WHERE customer_id = c.value AND day < ? AND {SALE_LINE})""",
                        (json.dumps([str(c) for c in customers]), start)).fetchall()
    return {r[0] for r in rows}


def _period_data(conn, lines: pd.DataFrame, span: Span, customers: bool) -> PeriodData:
    sale = lines[~lines["is_cancellation"]]
    data = PeriodData(gross=float(sale["amount"].sum()),
                      cancellations=float(lines.loc[lines["is_cancellation"], "amount"].sum()),
                      extra={"dimensions": {k for k, col in (("product", "product_id"), ("country", "country"),
                                                            ("store", "store")) if lines[col].notna().any()}})
    if sale.empty:                  # nothing sold: every count is zero (the bridge says it cannot split)
        data.units = 0.0
        data.orders = dict.fromkeys(CUSTOMER_TYPES if customers else ("all",), 0)
        data.products = pd.DataFrame({"product_id": [], "gross": [], "units": []})
        return data
    units = float(sale["quantity"].sum())
    if sale["quantity"].notna().all() and units > 0:
        data.units = units
    if sale["order_id"].notna().all():
        orders = sale.groupby("order_id", sort=False)["customer_id"].max()
        if customers:
            known = orders.notna()
            ret = orders.isin(_returning(conn, orders[known].unique().tolist(), span.start))
            data.orders = {"returning": int(ret.sum()), "new": int((known & ~ret).sum()),
                           "guest": int((~known).sum())}
        else:
            data.orders = {"all": len(orders)}
    if sale["product_id"].notna().any() and data.units is not None:
        data.products = (sale.assign(product_id=sale["product_id"].fillna(""))
                         .groupby("product_id", sort=False)
                         .agg(gross=("amount", "sum"), units=("quantity", "sum")).reset_index())
    return data


def _by(lines: pd.DataFrame, column: str, name: Optional[str] = None) -> pd.DataFrame:
    """Net sales per value of ``column`` (None for lines without one), with a display name."""
    g = lines.groupby(column, dropna=False, sort=False)
    out = g["amount"].sum().rename("amount").reset_index().rename(columns={column: "key"})
    out["name"] = g[name].max().to_numpy() if name else None
    return out[["key", "name", "amount"]]


def _contributors(before: pd.DataFrame, after: pd.DataFrame, total0: float, total1: float, top: int,
                  missing_name: str) -> pd.DataFrame:
    """Per key: net sales before/after, the change and the shares; the ``top`` biggest risers and
    fallers, biggest change first."""
    b = before.groupby("key", dropna=False).agg(name=("name", "max"), before=("amount", "sum"))
    a = after.groupby("key", dropna=False).agg(name=("name", "max"), after=("amount", "sum"))
    df = b.rename(columns={"name": "name_b"}).join(a, how="outer")
    df["name"] = df["name"].fillna(df["name_b"])
    df = df.drop(columns="name_b").fillna({"before": 0.0, "after": 0.0}).reset_index()
    df["key"] = df["key"].where(df["key"].notna(), "")
    df["name"] = [n if isinstance(n, str) and n.strip() else (str(k) if k != "" else missing_name)
                  for k, n in zip(df["key"], df["name"])]
    df["key"] = df["key"].astype(str)
    df["amount"] = df["after"] - df["before"]
    df["share_before"] = df["before"] / total0 if total0 else float("nan")
    df["share_after"] = df["after"] / total1 if total1 else float("nan")
    up = df[df["amount"] > 0].nlargest(top, "amount")
    down = df[df["amount"] < 0].nsmallest(top, "amount")
    out = pd.concat([up, down.iloc[::-1]]) if len(up) or len(down) else df.head(0)
    return out[_CONTRIB_COLUMNS].sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)


def _segments(shop) -> Optional[pd.DataFrame]:
    run = shop.load_run(kind="customers")
    scores = run.tables.get("scores") if run is not None else None
    if scores is None or "segment" not in scores or "customer_id" not in scores:
        return None
    return pd.DataFrame({"customer_id": scores["customer_id"].astype(str), "segment": scores["segment"]})


# ------------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------------
def run_explain(shop, options: ExplainOptions = ExplainOptions(), reporter=None, *,
                save: bool = False) -> ExplainResult:
    """Compare the two periods of ``options``: the exact bridge of net sales and the top
    contributors per dimension.  ``save=True`` also stores the run (kind ``explain``).

    Raises InputError for a bad choice or a period the data do not reach; ``Cancelled`` (nothing
    stored) when asked to stop."""
    t0 = time.perf_counter()
    rep = as_reporter(reporter)
    first, last = shop.date_range()
    if first is None:
        raise InputError(_("the shop has no lines yet; import a sales export first"))
    before_span, after_span = options.validate(last)
    notes: list[str] = []
    for span, what, note in ((after_span, "period", "after_partial"), (before_span, "vs", "before_partial")):
        if span.end < first or span.start > last:
            raise InputError(_("the data cover {first} to {last}, not this period").format(first=first, last=last),
                             column=what, value=f"{span.start}..{span.end}")
        if span.start < first or span.end > last:
            notes.append(note)
    rep(0.05, _("reading the two periods"))
    conn = shop.conn
    with interruptible(shop, rep):
        has_customers = conn.execute(
            f"SELECT 1 FROM line_items WHERE {SALE_LINE} AND customer_id IS NOT NULL LIMIT 1").fetchone() is not None
        l0 = _read_period(conn, before_span)
        rep(0.25)
        l1 = _read_period(conn, after_span)
        rep(0.45)
        d0 = _period_data(conn, l0, before_span, has_customers)
        d1 = _period_data(conn, l1, after_span, has_customers)
    f0, f1 = _facts(l0), _facts(l1)
    before, after = f0["net_sales"], f1["net_sales"]
    change = round(after - before, 2)
    raw, bridge_notes, measures = bridge(d0, d1)
    notes = bridge_notes + notes
    measures["net_sales"] = [before, after]
    measures["customers"] = [f0["customers"], f1["customers"]]
    parts = [{"key": k, "amount": v} for k, v in round_to_cents(raw, change)]

    rep(0.6, _("finding the biggest contributors"))
    top = int(options.top)
    contributors: dict[str, pd.DataFrame] = {}
    with interruptible(shop, rep):
        dims = d0.extra["dimensions"] | d1.extra["dimensions"]
        if "product" in dims:
            prod = _contributors(_by(l0, "product_id", "product_name"), _by(l1, "product_id", "product_name"),
                                 before, after, top, _("(no product code)"))
            # one name per product: the shop's product table (a code's lines may carry notes as names)
            names = dict(conn.execute("SELECT product_id, product_name FROM products WHERE product_id IN "
                                      "(SELECT value FROM json_each(?)) AND product_name IS NOT NULL "
                                      "AND product_name != ''", (json.dumps(prod["key"].tolist()),)).fetchall())
            prod["name"] = [names.get(k, n) for k, n in zip(prod["key"], prod["name"])]
            contributors["product"] = prod
        rep(0.7)
        if "country" in dims:
            contributors["country"] = _contributors(_by(l0, "country"), _by(l1, "country"), before, after, top,
                                                    _("(unknown)"))
        if "store" in dims:
            contributors["store"] = _contributors(_by(l0, "store"), _by(l1, "store"), before, after, top,
                                                  _("(unknown)"))
        rep(0.8)
        notes.append("no_category")
        seg = _segments(shop) if has_customers else None
        if seg is None:
            if has_customers:
                notes.append("no_segments")
        else:
            from ..customers.rfm import segment_label

            frames = []
            for lines in (l0, l1):
                per = _by(lines, "customer_id")
                per["key"] = per["key"].astype("string")
                per = per.merge(seg, how="left", left_on="key", right_on="customer_id")
                per["key"] = per["segment"].where(per["segment"].notna(),
                                                  per["key"].map(lambda k: "guest" if pd.isna(k) else "unscored"))
                per["name"] = [segment_label(k) if k not in ("guest", "unscored") else
                               (_("Guests (unknown customers)") if k == "guest" else _("Not in the customers run"))
                               for k in per["key"]]
                frames.append(per[["key", "name", "amount"]])
            contributors["customer_segment"] = _contributors(frames[0], frames[1], before, after, top, "")
    rep(0.95)
    result = ExplainResult(options=options, before_span=before_span, after_span=after_span, before=before,
                           after=after, change=change, parts=parts, measures=measures,
                           contributors=contributors, notes=notes, currency=shop.get_meta("currency"),
                           data_from=first, data_to=last)
    result.seconds = time.perf_counter() - t0
    if save:
        result.save(shop, reporter=rep)
    rep(1.0, _("done"))
    return result

