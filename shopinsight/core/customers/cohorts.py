"""Monthly acquisition cohorts: who came in each month, how many came back, and what they spent.

A customer's cohort is the calendar month of their first purchase (non-cancelled merchandise
order).  Period k is the k-th calendar month after it (0 = the acquisition month).  Retention is
the share of the cohort with a purchase in that month; revenue is the cohort's net sales in that
month (cancellations included).
"""
from __future__ import annotations

import pandas as pd

from .data import History, day_text

__all__ = ["cohort_table", "cohort_matrix", "partial_month"]


def _month_index(days: pd.Series) -> pd.Series:
    d = pd.to_datetime(days.to_numpy().astype("datetime64[D]"))
    return pd.Series(d.year * 12 + d.month - 1, index=days.index)


def _month_text(idx: int) -> str:
    return f"{idx // 12:04d}-{idx % 12 + 1:02d}"


def cohort_table(history: History) -> pd.DataFrame:
    """Long format: ``cohort, cohort_size, period, active_customers, retention, net_sales,
    net_sales_per_customer, complete`` (one row per cohort and month since acquisition, up to the last
    month; ``complete`` is False for the calendar month the data ends in when it ends before that
    month's last day — its figures are partial)."""
    cols = ["cohort", "cohort_size", "period", "active_customers", "retention", "net_sales",
            "net_sales_per_customer", "complete"]
    buy = history.purchases
    if buy.empty:
        return pd.DataFrame(columns=cols)
    o = history.orders.assign(month=_month_index(history.orders["day"]))
    first = o[o["is_cancellation"] == 0].groupby("customer_id")["month"].min().rename("cohort_m")
    o = o.join(first, on="customer_id", how="inner")     # cancellations of never-buyers are left out
    o["period"] = o["month"] - o["cohort_m"]
    o = o[o["period"] >= 0]
    size = first.value_counts().rename("cohort_size")
    active = (o[o["is_cancellation"] == 0].groupby(["cohort_m", "period"])["customer_id"].nunique()
              .rename("active_customers"))
    revenue = o.groupby(["cohort_m", "period"])["value"].sum().rename("net_sales")
    last_month = int(_month_index(pd.Series([history.last_day])).iloc[0])
    # every (cohort, period) up to the last month with data, zeros where nobody came back
    grid = [(c, p) for c in sorted(size.index) for p in range(0, last_month - c + 1)]
    idx = pd.MultiIndex.from_tuples(grid, names=["cohort_m", "period"])
    t = pd.concat([active, revenue], axis=1).reindex(idx).fillna(0.0).reset_index()
    t["cohort_size"] = t["cohort_m"].map(size).astype(int)
    t["active_customers"] = t["active_customers"].astype(int)
    t["retention"] = t["active_customers"] / t["cohort_size"]
    t["net_sales_per_customer"] = t["net_sales"] / t["cohort_size"]
    t["cohort"] = t["cohort_m"].map(_month_text)
    end = pd.Timestamp(day_text(history.last_day))
    t["complete"] = ~((t["cohort_m"] + t["period"] == last_month) & (end.day < end.days_in_month))
    return t[cols]


def cohort_matrix(table: pd.DataFrame, value: str = "retention") -> pd.DataFrame:
    """Wide matrix: one row per cohort (with its size), one column per month since acquisition."""
    if table.empty:
        return pd.DataFrame()
    m = table.pivot(index="cohort", columns="period", values=value)
    m.columns = [f"m{int(c)}" for c in m.columns]
    sizes = table.drop_duplicates("cohort").set_index("cohort")["cohort_size"]
    m.insert(0, "cohort_size", sizes.reindex(m.index))
    return m.reset_index()


def partial_month(table: pd.DataFrame) -> str | None:
    """The calendar month ('YYYY-MM') whose cohort figures are partial (the data ends inside it), or None."""
    if table.empty or "complete" not in table or table["complete"].all():
        return None
    r = table[~table["complete"]].iloc[0]
    y, m = (int(x) for x in str(r["cohort"]).split("-"))
    idx = y * 12 + m - 1 + int(r["period"])
    return _month_text(idx)
