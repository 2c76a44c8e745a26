"""The model form every analysis tab builds from its model registry (core/registry.py).

One widget for the three families: the models as a checkable list (several) or a combo box (one),
labels and tooltips from the registry (translated by the core catalog), models that need the full
edition disabled with a tooltip saying so in the lite edition, and the chosen model's parameters as
spin boxes / combo boxes with the registry's ranges.  ``selected()`` and ``params()`` give what
the core's options take (``params()`` holds only values changed from the registry's defaults).
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QListView, QListWidget, QListWidgetItem, QSpinBox, QVBoxLayout, QWidget)

__all__ = ["ModelForm"]

_ROLE = Qt.ItemDataRole.UserRole
_INT_MAX = 2**31 - 1


def _decimals(p) -> int:
    """Enough decimals to show the parameter's default and minimum (at least 2, at most 6)."""
    values = [abs(v) for v in (p.minimum, p.default) if isinstance(v, (int, float)) and v]
    smallest = min(values, default=1.0)
    return min(6, max(2, -math.floor(math.log10(smallest)) + 1 if smallest < 1 else 2))


class ModelForm(QWidget):
    """Models of one registry and their parameters; see the module docstring."""

    changed = Signal()

    def __init__(self, registry, *, multi: Optional[bool] = None, show_params: bool = True,
                 locked: Iterable[str] = (), checked: Optional[Iterable[str]] = None, compact: bool = False,
                 parent: Optional[QWidget] = None):
        """``multi``: several models (a checkable list) or one (a combo box; default from the
        registry); ``locked``: always chosen (the yardsticks); ``checked``: chosen at first (default:
        the registry's defaults); ``compact``: one row (the list flows sideways, the parameters sit
        beside the combo box) for a tool bar."""
        super().__init__(parent)
        self.setObjectName(f"ModelForm_{registry.family}")
        self.registry = registry
        self.multi = (not registry.single) if multi is None else multi
        self.locked = tuple(locked)
        checked = set(registry.defaults if checked is None else checked) | set(self.locked)
        self._widgets: dict[tuple[str, str], QWidget] = {}
        self.model_list: Optional[QListWidget] = None
        self.combo: Optional[QComboBox] = None
        full_only = self.tr("Needs the full edition of ShopInsight (with TensorFlow)")

        layout = QHBoxLayout(self) if compact else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.multi:
            self.model_list = QListWidget()
            for info in registry.values():
                item = QListWidgetItem(info.label)
                item.setData(_ROLE, info.name)
                item.setToolTip(info.description if info.available else f"{info.description}\n{full_only}")
                flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                if not info.available or info.name in self.locked:
                    flags &= ~Qt.ItemFlag.ItemIsUserCheckable
                    if not info.available:
                        flags &= ~Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags)
                on = info.name in checked and info.available
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.model_list.addItem(item)
            if compact:
                self.model_list.setFlow(QListView.Flow.LeftToRight)
                self.model_list.setWrapping(True)
                self.model_list.setResizeMode(QListView.ResizeMode.Adjust)
                self.model_list.setMaximumHeight(64)
            else:                           # every model in view, no empty rows below
                rows = self.model_list.sizeHintForRow(0) * self.model_list.count()
                self.model_list.setFixedHeight(min(rows + 2 * self.model_list.frameWidth() + 4, 320))
            self.model_list.currentItemChanged.connect(lambda *_: self._show_params())
            self.model_list.itemChanged.connect(lambda *_: self.changed.emit())
            layout.addWidget(self.model_list)
        else:
            self.combo = QComboBox()
            for info in registry.values():
                self.combo.addItem(info.label, info.name)
                i = self.combo.count() - 1
                self.combo.setItemData(i, info.description if info.available
                                       else f"{info.description}\n{full_only}", Qt.ItemDataRole.ToolTipRole)
                if not info.available:
                    self.combo.model().item(i).setEnabled(False)
            first = next((n for n in registry.defaults if n in checked), registry.defaults[0])
            self.combo.setCurrentIndex(max(0, self.combo.findData(first)))
            self.combo.currentIndexChanged.connect(lambda *_: (self._show_params(), self.changed.emit()))
            layout.addWidget(self.combo)

        self.compact = compact
        self.params_box = QWidget() if compact else QGroupBox(self.tr("Parameters"))
        self.params_form = QHBoxLayout(self.params_box) if compact else QFormLayout(self.params_box)
        if compact:
            self.params_form.setContentsMargins(0, 0, 0, 0)
        self._rows: dict[str, list[tuple[str, QWidget]]] = {}
        for info in registry.values():
            rows = []
            for p in info.params:
                w = self._field(p)
                self._widgets[(info.name, p.name)] = w
                rows.append((p.label, w))
            self._rows[info.name] = rows
        self.params_box.setVisible(show_params)
        layout.addWidget(self.params_box)
        self._show_params()

    # -- fields -----------------------------------------------------------------------------------
    def _field(self, p) -> QWidget:
        if p.kind == "choice":
            w = QComboBox()
            for c in p.choices:
                w.addItem(str(c), c)
        elif p.kind == "bool":
            w = QCheckBox()
        elif p.kind == "int":
            w = QSpinBox()
            lo = int(p.minimum if p.minimum is not None else 0)
            w.setRange(lo - (1 if p.optional else 0), int(min(p.maximum if p.maximum is not None else 10**6,
                                                             _INT_MAX)))
        else:
            w = QDoubleSpinBox()
            w.setDecimals(_decimals(p))
            step = 10 ** -w.decimals() if p.default is None else max(abs(p.default) / 10, 10 ** -w.decimals())
            w.setSingleStep(step)
            lo = float(p.minimum if p.minimum is not None else 0.0)
            w.setRange(lo - (step if p.optional else 0.0),
                       float(p.maximum if p.maximum is not None else 1e6))
        if p.optional and isinstance(w, (QSpinBox, QDoubleSpinBox)):
            w.setSpecialValueText(self.tr("off"))       # the lowest value means None
        w.setToolTip(p.help or p.label)
        self._set_value(p, w, p.default)
        return w

    @staticmethod
    def _set_value(p, w: QWidget, value: Any) -> None:
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif value is None:
            w.setValue(w.minimum())
        else:
            w.setValue(value)

    @staticmethod
    def _value(p, w: QWidget) -> Any:
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if p.optional and w.value() == w.minimum() and w.specialValueText():
            return None
        return int(w.value()) if p.kind == "int" else round(float(w.value()), w.decimals())

    def _show_params(self) -> None:
        """Show the parameters of the current model (the highlighted row, or the combo's choice)."""
        form = self.params_form
        while form.count() if self.compact else form.rowCount():
            if self.compact:
                w = form.takeAt(0).widget()
                if w is not None and w not in self._widgets.values():
                    w.deleteLater()
            else:
                form.takeRow(0)
        for w in self._widgets.values():
            w.setParent(self.params_box)
            w.hide()
        name = self.current()
        if not self.compact:
            self.params_box.setTitle(self.tr("Parameters: %1").replace("%1", self.registry.label(name))
                                     if name else self.tr("Parameters"))
        rows = self._rows.get(name, []) if name else []
        if not rows and not self.compact and name:
            form.addRow(QLabel(self.tr("No parameters")))
        for label, w in rows:
            w.show()
            if self.compact:
                form.addWidget(QLabel(self.tr("%1:").replace("%1", label)))
                form.addWidget(w)
            else:
                form.addRow(label, w)

    # -- API --------------------------------------------------------------------------------------
    def current(self) -> Optional[str]:
        """The model whose parameters are shown."""
        if self.combo is not None:
            return self.combo.currentData()
        item = self.model_list.currentItem()
        return item.data(_ROLE) if item is not None else None

    def selected(self) -> list[str]:
        """The chosen model ids, in registry order."""
        if self.combo is not None:
            return [self.combo.currentData()]
        return [self.model_list.item(i).data(_ROLE) for i in range(self.model_list.count())
                if self.model_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_selected(self, names: Iterable[str]) -> None:
        """Choose ``names`` (locked models stay chosen; unavailable ones stay off)."""
        names = set(names)
        if self.combo is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(next(iter(names)))))
            return
        for i in range(self.model_list.count()):
            item = self.model_list.item(i)
            name = item.data(_ROLE)
            on = (name in names or name in self.locked) and self.registry[name].available
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def params(self) -> dict[str, dict]:
        """{model: {parameter: value}} of the chosen models, only values changed from the defaults."""
        out: dict[str, dict] = {}
        for name in self.selected():
            for p in self.registry[name].params:
                v = self._value(p, self._widgets[(name, p.name)])
                if v != p.default:
                    out.setdefault(name, {})[p.name] = v
        return out

    def set_params(self, params: dict[str, dict]) -> None:
        """Fill fields from {model: {parameter: value}} (e.g. a stored run's options)."""
        for name, values in (params or {}).items():
            for k, v in (values or {}).items():
                if (name, k) in self._widgets:
                    self._set_value(self.registry[name].param(k), self._widgets[(name, k)], v)

    def field(self, model: str, param: str) -> QWidget:
        """The widget of one parameter (tests, focus)."""
        return self._widgets[(model, param)]
