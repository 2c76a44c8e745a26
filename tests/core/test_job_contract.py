"""The job contract every analysis follows: frozen ``XOptions`` whose ``validate()`` names the field and
value of a bad choice (``InputError``), ``run_x(shop, options, reporter)`` → ``XResult`` with
``save(shop)`` → run id, ``load(shop, run_id=None)`` (the newest of its kind) and ``to_dict()``."""
from __future__ import annotations

import dataclasses
import json

import pytest

from shopinsight.core.errors import InputError


def _rows():
    rows = []
    for c in range(12):
        for o in range(4):
            day = f"2024-{1 + (c + o) % 5:02d}-{1 + (3 * c + 7 * o) % 27:02d}"
            for p in range(1 + (c + o) % 3):
                rows.append(dict(order_id=f"O{c}-{o}", ordered_at=f"{day} 10:00:00", customer_id=f"K{c:02d}",
                                 product_id=f"P{(c + p) % 6}", product_name=f"MUG {(c + p) % 6}", quantity=1 + p,
                                 unit_price=2.5, country="UK", is_cancellation=0, is_merchandise=1))
    return rows


def _options():
    from shopinsight.core.analytics import OverviewOptions
    from shopinsight.core.customers import CustomerOptions
    from shopinsight.core.recommend.pipeline import RecommendOptions
    from shopinsight.core.recommend.rules import RulesOptions
    return [(CustomerOptions, {"horizon": 0}, "horizon"), (CustomerOptions, {"threshold": 1.5}, "threshold"),
            (CustomerOptions, {"models": ("nope",)}, "models"), (CustomerOptions, {"until": "31/12/2011"}, "until"),
            (RecommendOptions, {"k": 0}, "k"), (RecommendOptions, {"models": ("nope",)}, "models"),
            (RecommendOptions, {"until": "tomorrow"}, "until"),
            (OverviewOptions, {"period": "5y"}, "period"), (OverviewOptions, {"freq": "Q"}, "freq"),
            (OverviewOptions, {"top": 0}, "top"),
            (RulesOptions, {"min_support": 2.0}, "min_support"), (RulesOptions, {"max_size": 4}, "max_size")]


@pytest.mark.parametrize("cls, bad, field", _options(), ids=lambda v: getattr(v, "__name__", str(v)))
def test_options_are_frozen_and_validate_names_field_and_value(cls, bad, field):
    opts = cls()
    assert opts.validate() is opts
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(opts, field, 1)
    with pytest.raises(InputError) as err:
        cls(**bad).validate()
    want = bad[field][0] if isinstance(bad[field], tuple) else bad[field]     # the bad model itself
    assert err.value.column == field and err.value.value == str(want)


def test_results_save_load_and_serialise(lines_shop):
    from shopinsight.core.analytics import OverviewOptions, OverviewResult, run_overview
    from shopinsight.core.customers import CustomerOptions, CustomerResult, run_customers
    from shopinsight.core.recommend.pipeline import RecommendOptions, RecommendResult, run_recommend
    from shopinsight.core.recommend.rules import RulesOptions, RulesResult, run_rules
    from shopinsight.core.store import Shop

    with Shop(lines_shop(_rows())) as shop:
        cust = run_customers(shop, CustomerOptions(horizon=30, models=("recency",)))
        again = CustomerResult.load(shop)
        assert again.run_id == cust.run_id and again.options == cust.options
        assert list(again.scores["customer_id"]) == list(cust.scores["customer_id"])
        json.dumps(again.to_dict(), default=str)

        rec = run_recommend(shop, RecommendOptions(models=("popularity",), k=3))
        back = RecommendResult.load(shop, rec.run_id, refit=False)
        assert back.options == rec.options and len(back.recommendations) == len(rec.recommendations)
        assert back.to_dict()["rows"] == rec.to_dict()["rows"]

        ov = run_overview(shop, OverviewOptions(period="all"))
        assert ov.run_id is None and shop.load_run(kind="overview") is None      # computed, not stored
        rid = ov.save(shop)
        stored = OverviewResult.load(shop, rid)
        assert stored.kpis["current"]["orders"] == ov.kpis["current"]["orders"]
        assert stored.to_dict()["period"] == ov.to_dict()["period"]

        rules = run_rules(shop, RulesOptions(min_support=0.05))
        got = RulesResult.load(shop)
        assert got.run_id == rules.run_id and len(got.rules) == len(rules.rules)
        assert OverviewResult.load(shop, rules.run_id) is None                   # not an overview run


def test_run_validates_before_reading_the_shop(lines_shop):
    from shopinsight.core.customers import CustomerOptions, run_customers
    from shopinsight.core.store import Shop

    with Shop(lines_shop(_rows())) as shop:
        with pytest.raises(InputError) as err:
            run_customers(shop, CustomerOptions(horizon=-1))
        assert err.value.column == "horizon"
        assert shop.load_run(kind="customers") is None
