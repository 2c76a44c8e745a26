"""ShopInsight: sales analytics for small shops, on your own laptop."""
from __future__ import annotations

try:  # the version lives in one place: pyproject.toml
    from importlib.metadata import PackageNotFoundError, version as _version

    __version__ = _version("shopinsight")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

APP_NAME = "ShopInsight"
SAMPLE_CREDIT = ("Chen, D. (2015). Online Retail [Dataset]. UCI Machine Learning Repository. "
                 "https://doi.org/10.24432/C5BW33 (CC BY 4.0)")
