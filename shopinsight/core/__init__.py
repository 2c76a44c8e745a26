"""ShopInsight core: data, models and charts with no GUI dependency.

Usable from a notebook::

    from shopinsight.core import Shop, import_files
    shop = Shop("my.shop")
    import_files(shop, ["orders_export.csv"])
    shop.query_df("SELECT day, total(amount) FROM lines WHERE is_merchandise GROUP BY day")
"""
from .store import Run, Shop, ShopError
from .tasks import Cancelled, Reporter

__all__ = ["Shop", "ShopError", "Run", "Cancelled", "Reporter", "import_files", "preview_file"]


def __getattr__(name):  # keep `import shopinsight.core` light: the importer loads pyarrow
    if name in ("import_files", "preview_file"):
        from . import importer
        return getattr(importer, name)
    raise AttributeError(name)
