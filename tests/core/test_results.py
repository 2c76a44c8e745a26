"""core.results: the one way a stored run is read back (every XResult.load goes through it)."""
from __future__ import annotations

import pandas as pd
import pytest

from shopinsight.core.analytics import OverviewOptions, OverviewResult
from shopinsight.core.anomalies import AnomalyOptions, AnomalyResult
from shopinsight.core.customers import CustomerOptions, CustomerResult
from shopinsight.core.forecast import ForecastOptions
from shopinsight.core.forecast.series import SeriesSpec
from shopinsight.core.recommend.pipeline import RecommendOptions, RecommendResult, load_evaluation
from shopinsight.core.recommend.rules import RulesOptions, RulesResult
from shopinsight.core.results import load_stored, options_from
from shopinsight.core.store import Shop


@pytest.fixture
def shop(tmp_path):
    with Shop(tmp_path / "results.shop") as s:
        yield s


def test_options_from_drops_unknown_keys_makes_tuples_and_falls_back_only_where_asked():
    opts = options_from(CustomerOptions, {"horizon": 30, "models": ["rfm", "logistic"], "old_key": 1,
                                          "model_params": None}, fallback=("model_params",))
    assert opts == CustomerOptions(horizon=30, models=("rfm", "logistic"))
    assert options_from(CustomerOptions, {"models": []}, fallback=("models",)).models == CustomerOptions().models
    # a None stored for a field not named in fallback is kept: it means something (no holidays)
    spec = options_from(SeriesSpec, {"products": ["A", "B"], "holiday_country": None})
    assert spec.products == ("A", "B") and spec.holiday_country is None
    assert options_from(ForecastOptions, {"models": ["naive"], "params": {"x": [1]}}).params == {"x": [1]}


def test_load_stored_finds_the_run_of_its_kind(shop):
    empty = pd.DataFrame({"a": [1]})
    overview = shop.save_run("overview", params={"period": "30d"}, tables={"t": empty}, metrics={})
    recs = shop.save_run("recommend", params={"models": ["ease"], "k": 5},
                         tables={"recommendations": pd.DataFrame({"customer_id": [12345], "product_id": [85123]})}, metrics={})
    compared = shop.save_run("recommend", params={"models": ["ease", "itemknn"]},
                             tables={"evaluation": pd.DataFrame({"model": ["ease"], "recall": [0.1]})}, metrics={})
    assert load_stored(shop, "recommend").run.run_id == compared                   # the newest of the kind
    got = load_stored(shop, "recommend", None, RecommendOptions, with_table="recommendations")
    assert got.run.run_id == recs and got.options == RecommendOptions(models=("ease",), k=5)
    assert load_stored(shop, "recommend", overview) is None                         # an id of another kind
    assert load_stored(shop, "recommend", 999) is None
    assert load_stored(shop, "rules") is None
    assert load_stored(shop, "recommend", recs).run.run_id == recs
    table = got.table("recommendations", ["customer_id", "score"], text=["customer_id", "product_id"])
    assert table["customer_id"].tolist() == ["12345"] and table["product_id"].tolist() == ["85123"]
    assert table["score"].isna().all()                                               # a column an old run lacks
    assert list(got.table("nothing", ["x", "y"]).columns) == ["x", "y"] and got.table("nothing").empty
    assert load_evaluation(shop)["model"].tolist() == ["ease"]


def test_every_result_load_rebuilds_its_options_and_ignores_other_kinds(shop):
    other = shop.save_run("forecast", params={}, metrics={}, tables={})
    cases = [
        (CustomerResult, "customers", {"horizon": 60, "models": ["rfm"], "model_params": None, "extra": 1},
         CustomerOptions(horizon=60, models=("rfm",))),
        (AnomalyResult, "anomalies", {"level": "orders", "models": None, "top": 7},
         AnomalyOptions(level="orders", top=7)),
        (RulesResult, "rules", {"min_lift": 2.0, "max_size": 2, "until": None}, RulesOptions(min_lift=2.0, max_size=2)),
        (OverviewResult, "overview", {"period": "90d", "freq": "M", "top": 5}, OverviewOptions("90d", "M", 5)),
    ]
    for result_type, kind, params, expected in cases:
        assert result_type.load(shop) is None, kind                 # none stored yet
        run_id = shop.save_run(kind, params=params, metrics={}, tables={})
        loaded = result_type.load(shop)
        assert loaded is not None and loaded.run_id == run_id and loaded.options == expected, kind
        assert result_type.load(shop, other) is None, kind           # another kind's run
    assert RecommendResult.load(shop, other, refit=False) is None
