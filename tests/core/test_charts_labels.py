"""Product labels on charts: two products with the same name never look like one product twice."""
from __future__ import annotations

import pandas as pd

from shopinsight.core.charts import product_labels
from shopinsight.core.sales_charts import top_products_figure


def test_colliding_names_get_their_codes():
    labels = product_labels(["RED MUG", "RED MUG", "BLUE MUG", None], ["85123A", "85123B", "22", "X9"])
    assert labels == ["RED MUG (85123A)", "RED MUG (85123B)", "BLUE MUG", "X9"]


def test_top_products_chart_labels_collisions_with_codes():
    df = pd.DataFrame({"product_id": ["A1", "A2", "B"], "product_name": ["CREAM HANGING HEART", "CREAM HANGING HEART",
                                                                        "JUMBO BAG"],
                       "net_sales": [300.0, 200.0, 100.0], "units": [1, 1, 1], "total": [600.0] * 3})
    fig = top_products_figure(df, "£")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(set(ticks)) == 3 and any("(A1)" in t for t in ticks) and "JUMBO BAG" in ticks
