"""One model-registry shape for forecast, customers and recommend: parameters with types and
ranges, labels, needs-full-edition; the CLI's --models/--param checks and help come from it."""
from __future__ import annotations

import inspect
import json

import pytest

from shopinsight.cli import build_parser, main
from shopinsight.core.errors import InputError
from shopinsight.core.registry import FAMILIES, ModelInfo, Param, Registry, registry


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_has_the_one_shape(family):
    reg = registry(family)
    assert isinstance(reg, Registry) and len(reg) >= 3
    assert set(reg.defaults) <= set(reg) and set(reg.always) <= set(reg)
    for name, info in reg.items():
        assert isinstance(info, ModelInfo) and info.name == name
        assert info.label and info.label != name and info.description
        for p in info.params:
            assert isinstance(p, Param) and p.label
            assert p.parse(p.default) == p.default             # the default is within its own range


@pytest.mark.parametrize("family", FAMILIES)
def test_registry_defaults_match_the_model_constructors(family):
    """A parameter's default lives in the registry; a constructor that also has one must agree."""
    for info in registry(family).values():
        if not info.factory or info.needs_full:
            continue
        sig = inspect.signature(info._factory())
        for p in info.params:
            if p.name in sig.parameters and sig.parameters[p.name].default is not inspect.Parameter.empty:
                assert sig.parameters[p.name].default == p.default, (info.name, p.name)


def test_param_parse_names_field_value_and_range():
    reg = registry("forecast")
    p = reg["gbm"].param("max_iter")
    assert p.parse("200") == 200
    with pytest.raises(InputError) as e:
        p.parse("5000", "--param gbm.max_iter")
    assert e.value.column == "--param gbm.max_iter" and e.value.value == "5000" and "10..2000" in str(e.value)
    with pytest.raises(InputError):
        p.parse("2.5")
    half = registry("recommend")["itemknn"].param("half_life_days")
    assert half.parse("none") is None and half.parse("30") == 30.0
    loss = reg["gbm"].param("loss")
    with pytest.raises(InputError) as e:
        loss.parse("huber")
    assert "poisson" in str(e.value)


def test_unknown_model_and_parameter_are_bad_input():
    reg = registry("customers")
    with pytest.raises(InputError) as e:
        reg["nope"]
    assert "hgb" in str(e.value)
    with pytest.raises(InputError) as e:
        reg.parse_params(["hgb.depth=3"])
    assert "max_depth" in str(e.value)
    assert reg.parse_params(["hgb.max_depth=4", "logreg.C=0.5"]) == {"hgb": {"max_depth": 4},
                                                                     "logreg": {"C": 0.5}}
    with pytest.raises(InputError):
        reg.parse_names("logreg,svm")
    assert registry("forecast").label("auto") == "Automatic choice"      # a result's pseudo-models
    assert registry("customers").label("chosen_calibrated") == "Chosen model, calibrated"
    assert registry("recommend").parse_names(" Buy-Again,itemknn") == ["buy_again", "itemknn"]


def test_factories_build_with_registry_parameters():
    from shopinsight.core.customers.models import make_model
    from shopinsight.core.recommend import make_model as make_recommender

    m = make_model("hgb", {"max_depth": 5}, seed=3)
    assert m.estimator.max_depth == 5 and m.estimator.random_state == 3 and m.estimator.max_iter == 300
    assert make_model("logreg", {"C": 0.25}).estimator.steps[-1][1].C == 0.25
    with pytest.raises(InputError):
        make_model("logreg", {"C": -1})
    r = make_recommender("itemknn", neighbours=20)
    assert r.neighbours == 20 and r.shrink == 10.0 and r.label == "Item-kNN"
    with pytest.raises(InputError):
        make_recommender("itemknn", neighbours=0)


def _help(verb: str) -> str:
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices[verb].format_help()


@pytest.mark.parametrize("verb,family", [("forecast", "forecast"), ("customers", "customers"),
                                         ("recommend", "recommend")])
def test_cli_help_lists_every_registered_model_and_parameter(verb, family):
    text = " ".join(_help(verb).split())
    for name, info in registry(family).items():
        assert f"{name} ({' '.join(info.label.split())})" in text
        for p in info.params:
            assert f"{name}.{p.name} (" in text


@pytest.mark.parametrize("argv,field,words", [
    (["forecast", "--horizon", "7", "--param", "gbm.max_iter=5"], "--param gbm.max_iter", "10..2000"),
    (["customers", "--param", "hgb.learning_rate=3"], "--param hgb.learning_rate", "0.001..1"),
    (["recommend", "--param", "hybrid.val_days=1"], "--param hybrid.val_days", "7..365"),
    (["recommend", "--param", "itemknn.nope=1", "--models", "itemknn"], "--param", "neighbours"),
    (["customers", "--models", "logreg,svm"], "--models", "bgnbd"),
])
def test_cli_param_checks_come_from_the_registry(argv, field, words, tmp_path, capsys):
    # checked before the shop is opened: the shop does not even exist
    assert main([*argv, "--db", str(tmp_path / "missing.shop"), "--json"]) == 2
    err = json.loads(capsys.readouterr().out)["error"]
    assert err["kind"] == "input" and err["field"] == field and words in err["message"], err


def test_readme_models_table_is_current():
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("models_table", root / "tools" / "models_table.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = (root / "README.md").read_text(encoding="utf-8")
    assert tool.render(text) == text, "README's models table is stale: run tools/models_table.py"
    for family in FAMILIES:                      # every registered model is in it
        for name in registry(family):
            assert f"| `{name}` |" in text
