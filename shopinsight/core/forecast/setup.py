"""What the forecast form offers for a shop: its products (best sellers first), how many events it
holds, its last day and the frequency its dates follow.  Read by the Forecast tab on its worker."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from ..errors import InputError
from .series import detect_freq

__all__ = ["ForecastSetup", "forecast_setup", "shop_freq"]


@dataclass(frozen=True)
class ForecastSetup:
    products: pd.DataFrame          # product_id, product_name (merchandise, by net sales)
    n_events: int
    last_day: Optional[str]
    native_freq: str                # "D", "W" or "M": the frequency of the shop's dates


def shop_freq(shop) -> str:
    """The frequency of the shop's sales dates ("D" when unknown or not daily/weekly/monthly)."""
    days = shop.query_df("SELECT DISTINCT day FROM line_items WHERE is_merchandise = 1 ORDER BY day")["day"]
    try:
        return detect_freq(days)
    except InputError:
        return "D"


def forecast_setup(shop, max_products: int = 2000) -> ForecastSetup:
    products = shop.query_df("SELECT product_id, product_name FROM products WHERE is_merchandise = 1 "
                             "ORDER BY net_sales DESC LIMIT ?", (max_products,))
    return ForecastSetup(products, int(shop.scalar("SELECT count(*) FROM events") or 0),
                         shop.scalar("SELECT max(day) FROM line_items"), shop_freq(shop))
