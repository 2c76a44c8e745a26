"""The model form generated from the registry: every registered model and parameter, ranges and
defaults from the registry, full-edition models disabled in the lite edition."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from shopinsight.core import deep_available as da
from shopinsight.core.registry import FAMILIES, registry
from shopinsight.gui.widgets.model_form import ModelForm


def _listed(form) -> dict[str, str]:
    if form.combo is not None:
        return {form.combo.itemData(i): form.combo.itemText(i) for i in range(form.combo.count())}
    return {form.model_list.item(i).data(Qt.ItemDataRole.UserRole): form.model_list.item(i).text()
            for i in range(form.model_list.count())}


@pytest.mark.parametrize("family", FAMILIES)
def test_form_lists_every_registered_model_and_parameter(qtbot, family):
    reg = registry(family)
    form = ModelForm(reg)
    qtbot.addWidget(form)
    assert _listed(form) == {n: m.label for n, m in reg.items()}        # labels, never the ids
    for name, info in reg.items():
        for p in info.params:
            w = form.field(name, p.name)
            assert w.toolTip()
            if p.kind == "choice":
                assert isinstance(w, QComboBox) and [w.itemData(i) for i in range(w.count())] == list(p.choices)
            elif p.kind == "bool":
                assert isinstance(w, QCheckBox)
            else:
                assert isinstance(w, QSpinBox if p.kind == "int" else QDoubleSpinBox)
                assert w.maximum() == pytest.approx(min(p.maximum, 2**31 - 1))
                low = w.minimum() if not p.optional else w.minimum() + w.singleStep()
                assert low == pytest.approx(p.minimum)
    assert form.params() == {}                       # untouched: the registry's defaults
    assert set(form.selected()) <= set(reg)


def test_form_shows_the_current_models_parameters_and_returns_changed_values(qtbot):
    reg = registry("forecast")
    form = ModelForm(reg)
    qtbot.addWidget(form)
    names = list(reg)
    form.model_list.setCurrentRow(names.index("gbm"))
    assert form.params_form.rowCount() == len(reg["gbm"].params)
    assert "Gradient boosting" in form.params_box.title()
    form.set_selected(["gbm", "linear"])
    form.field("gbm", "max_iter").setValue(250)
    form.field("gbm", "loss").setCurrentIndex(2)
    assert form.params() == {"gbm": {"max_iter": 250, "loss": "poisson"}}
    form.set_selected(["linear"])
    assert form.params() == {}                       # only the chosen models' parameters


def test_optional_parameter_off_means_none(qtbot):
    form = ModelForm(registry("recommend"))
    qtbot.addWidget(form)
    form.combo.setCurrentIndex(form.combo.findData("itemknn"))
    assert form.selected() == ["itemknn"]
    w = form.field("itemknn", "half_life_days")
    w.setValue(w.minimum())
    assert w.text() == "off" and form.params() == {"itemknn": {"half_life_days": None}}
    form.set_params({"itemknn": {"half_life_days": 45.0}})
    assert form.params() == {"itemknn": {"half_life_days": 45.0}}


def test_locked_models_stay_chosen(qtbot):
    reg = registry("recommend")
    form = ModelForm(reg, multi=True, show_params=False, locked=reg.always, checked=("ease",))
    qtbot.addWidget(form)
    assert form.selected() == ["popularity", "buy_again", "ease"]
    form.set_selected(["itemknn"])
    assert form.selected() == ["popularity", "buy_again", "itemknn"]


@pytest.mark.parametrize("family,deep", [("forecast", "deep"), ("customers", "mlp")])
def test_lite_edition_disables_full_edition_models(qtbot, monkeypatch, family, deep):
    real = da.importlib.util.find_spec
    monkeypatch.setattr(da.importlib.util, "find_spec",
                        lambda name, *a: None if name in ("keras", "tensorflow") else real(name, *a))
    form = ModelForm(registry(family), checked=[deep, "linear" if family == "forecast" else "hgb"])
    qtbot.addWidget(form)
    item = next(form.model_list.item(i) for i in range(form.model_list.count())
                if form.model_list.item(i).data(Qt.ItemDataRole.UserRole) == deep)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "full edition" in item.toolTip()
    assert deep not in form.selected()
    form.set_selected([deep])
    assert deep not in form.selected()
