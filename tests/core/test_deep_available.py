"""The lite edition (no TensorFlow/Keras): the neural-network models fail with one clear message."""
from __future__ import annotations

import sys

import pytest

from shopinsight.core import deep_available as da
from shopinsight.core.errors import InputError
from shopinsight.core.forecast.models.registry import MODELS, parse_model_list


@pytest.fixture
def lite(monkeypatch):
    """Pretend Keras is not installed: find_spec says so, and importing it fails."""
    real = da.importlib.util.find_spec
    monkeypatch.setattr(da.importlib.util, "find_spec",
                        lambda name, *a: None if name in ("keras", "tensorflow") else real(name, *a))
    monkeypatch.setitem(sys.modules, "keras", None)     # `import keras` → ImportError


def test_full_edition_has_the_deep_models():
    if da.importlib.util.find_spec("keras") is None:
        pytest.skip("Keras is not installed in this environment")
    assert da.deep_available()
    assert "deep" in parse_model_list("deep")
    assert "deep" in parse_model_list("all")


def test_lite_deep_forecast_model_needs_the_full_edition(lite):
    assert not da.deep_available()
    with pytest.raises(da.DeepModelsUnavailable, match="full edition") as exc:
        parse_model_list("linear,deep")
    assert isinstance(exc.value, InputError)          # the CLI exits 2 with the message, no traceback
    assert str(exc.value).startswith("model deep: ")
    # "all" means every model this edition can train
    every = parse_model_list("all")
    assert "deep" not in every and set(every) == {n for n in MODELS if n != "deep"}
    assert parse_model_list("linear,gbm")[-2:] == ["linear", "gbm"]


def test_lite_import_keras_and_customer_mlp(lite):
    with pytest.raises(da.DeepModelsUnavailable, match="full edition"):
        da.import_keras()
    from shopinsight.core.customers.models import make_model
    with pytest.raises(da.DeepModelsUnavailable, match="model mlp: .*full edition"):
        make_model("mlp")
