"""Forecast tab: choose what to forecast and which models, train in the background, and see
history + forecast + interval + backtest in one chart, the models' backtest metrics (chosen
one marked), per-product forecasts with reorder suggestions, and a product's price what-if.

All modelling is :func:`shopinsight.core.forecast.run_forecast` (the CLI's ``forecast`` verb
calls the same); this widget only collects parameters and shows results.  TensorFlow is never
imported here: the deep model is trained by the core, on the task runner's worker.
"""
from __future__ import annotations

from functools import partial
from typing import Optional

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from ..widgets.chart import ChartView
from ..widgets.date_edit import date_edit, set_day
from ..widgets.model_form import ModelForm
from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.layout import (STRETCH, WARNING, button, combo, form, hbox, note, page, pages, scrolled, spin, splitter,
                              vbox)
from ..widgets.stock_panel import StockPanel

__all__ = ["ForecastTab"]


class ForecastTab(AnalysisTab):
    """Train and inspect sales forecasts."""

    job_kind = "forecast"
    busy_kinds = ("forecast-price",)
    setup_loader = "shopinsight.core.jobs:forecast_setup"       # products, events, ...
    run_loader = "shopinsight.core.forecast:load_forecast"

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        from ...core.registries import FORECAST

        self.setObjectName("ForecastTab")
        self._products = pd.DataFrame(columns=["product_id", "product_name"])
        self._native_freq = "D"          # the shop's own date frequency (for "Follow the data")

        # -- what to forecast
        self.target_combo = combo((("net_sales", self.tr("Net sales")), ("units", self.tr("Units"))))
        self.level_combo = combo((("total", self.tr("Whole shop")), ("product", self.tr("Per product")),
                                  ("country", self.tr("Per country"))))
        self.freq_combo = combo((("auto", self.tr("Follow the data")), ("D", self.tr("Daily")),
                                 ("W", self.tr("Weekly")), ("M", self.tr("Monthly"))), on_change=self._freq_changed)
        self.horizon_spin = spin(1, 366, 28)
        self.top_spin = spin(1, 2000, 20, tooltip=self.tr("Largest series by net sales (when no product is picked)"))
        self.product_filter = QLineEdit()
        self.product_filter.setPlaceholderText(self.tr("Search products…"))
        self.product_filter.textChanged.connect(self._filter_products)
        self.product_list = QListWidget()
        self.product_list.setMaximumHeight(110)
        self.product_list.setToolTip(self.tr("Tick products to forecast only those"))
        self.until_check = QCheckBox(self.tr("Train on data up to"))
        self.until_edit = date_edit()
        self.until_edit.setEnabled(False)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        what_box = form(self.tr("What to forecast"), (self.tr("Target"), self.target_combo),
                        (self.tr("Level"), self.level_combo), (self.tr("Frequency"), self.freq_combo),
                        (self.tr("Horizon (periods)"), self.horizon_spin), (self.tr("Series"), self.top_spin),
                        self.product_filter, self.product_list, hbox(self.until_check, self.until_edit))

        # -- models and their parameters (the form is generated from the registry)
        self.model_form = ModelForm(FORECAST)
        self.model_list, self.params_box, self.params_form = (
            self.model_form.model_list, self.model_form.params_box, self.model_form.params_form)
        self.windows_spin = spin(0, 20, 3, tooltip=self.tr(
            "Rolling-origin backtest windows (0 = no backtest, no intervals)"))
        self.level_spin = spin(0.5, 0.99, 0.8, step=0.05)
        self.events_label = note()
        model_box = form(self.tr("Models"), self.model_form, (self.tr("Backtest windows"), self.windows_spin),
                         (self.tr("Interval level"), self.level_spin), self.events_label)

        self.train_button = button(self.tr("Train"), self.train)
        self.start_buttons = (self.train_button,)
        self.export_button = button(self.tr("Export forecasts…"), self.export, enabled=False)
        self.progress.setTextVisible(True)
        # how far to trust the run, in words (yardstick, intervals, detected frequency)
        self.notes_label = note(style=None, name="forecastNotes")
        # the settings scroll; the actions (Train, Cancel, progress, status, Export) stay in view at
        # any window height, below the scrolling part
        settings = page(what_box, model_box, STRETCH, margins=(0, 0, 0, 0))
        settings_scroll = scrolled(settings)
        left_scroll = page((settings_scroll, 1), hbox(self.train_button, self.cancel_button), self.progress,
                           self.status, self.export_button)
        # wide enough for the settings plus the scroll bar: nothing is cut at the right edge
        left_scroll.setMinimumWidth(max(300, settings.minimumSizeHint().width()
                                        + settings_scroll.verticalScrollBar().sizeHint().width() + 24))

        # -- results
        self.series_combo = QComboBox()
        self.series_combo.currentIndexChanged.connect(self._draw)
        self.chart = ChartView(name="forecast", min_height=320)
        self.metrics_model = DataFrameModel(ctx=ctx, formats={"model": FORECAST.label})   # labels, not ids
        self.metrics_view = FrameTable(self.metrics_model)
        self.products_model = DataFrameModel(ctx=ctx, formats={"model": FORECAST.label})
        self.products_view = FrameTable(self.products_model)
        self.lead_spin = spin(1, 366, 14, tooltip=self.tr("Lead time in the forecast's periods (days, weeks or "
                                                          "months), at most the horizon"))
        self._lead_freq = None
        self.service_spin = spin(0.5, 0.999, 0.95, decimals=3)
        self.lead_spin.valueChanged.connect(self._fill_products)
        self.service_spin.valueChanged.connect(self._fill_products)
        self.reorder_note = note()
        self.reorder_row = QWidget()
        hbox(self.tr("Lead time (periods)"), self.lead_spin, self.tr("Service level"), self.service_spin, STRETCH,
             margins=(0, 0, 0, 0), parent=self.reorder_row)
        self.prod_page = page(self.reorder_row, self.reorder_note, self.products_view)

        # -- stock on hand / on order per product (typed, or read from a CSV by the core)
        self.stock_page = StockPanel()
        self.stock_page.changed.connect(self._fill_products)
        self.stock_table, self.stock_status, self.pack_spin = (self.stock_page.table, self.stock_page.status,
                                                               self.stock_page.pack_spin)
        self.price_product = QComboBox()
        self.price_product.setEditable(True)
        self.price_button = button(self.tr("Price what-if"), self.price_whatif)
        self.price_chart = ChartView(name="price_whatif", min_height=280, placeholder=self.tr(
            "Choose a product and click Price what-if to see how its sales follow its price."))
        self.price_note = note(style=WARNING)
        price_page = page(hbox(self.tr("Product"), (self.price_product, 1), self.price_button), self.price_note,
                          (self.price_chart, 1))
        # why this forecast: the chosen model's forecast split into parts (core.forecast.explain,
        # computed with the forecast on the worker and stored with the run)
        self.explain_chart = ChartView(name="forecast_explain", min_height=260, placeholder=self.tr(
            "Train a forecast to see what drives it."))
        self.explain_note = note(style=None, name="forecastExplainNote")
        self.explain_page = page(self.explain_note, (self.explain_chart, 1))
        self.result_tabs = pages((self.metrics_view, self.tr("Backtest metrics")),
                                 (self.explain_page, self.tr("Why this forecast")),
                                 (self.prod_page, self.tr("Per series")), (self.stock_page, self.tr("Stock")),
                                 (price_page, self.tr("Price what-if")))
        right = page(hbox(self.tr("Series"), (self.series_combo, 1)), self.notes_label, (self.chart, 3),
                     (self.result_tabs, 2))
        vbox(splitter(left_scroll, right, stretch=(0, 1)), margins=(8, 8, 8, 8), parent=self)
        self.model_list.setCurrentRow(0)
        self.watch_shop()

    # -- tab protocol ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Forecast")

    def screenshot_extras(self, save) -> None:
        """The per-series table: for a per-product unit forecast, the reorder figures (stock
        unknown unless typed: the reorder point, not an order quantity)."""
        if self.result is None:
            return
        current = self.result_tabs.currentIndex()
        self.result_tabs.setCurrentWidget(self.prod_page)
        save("forecast-per-series", self.window())
        self.result_tabs.setCurrentWidget(self.explain_page)
        save("forecast-why", self.window())
        self.result_tabs.setCurrentIndex(current)

    # -- stored runs ------------------------------------------------------------------------------
    def clear(self) -> None:
        self.show_result(None)

    def show_setup(self, s) -> None:
        self._products = s.products
        if s.native_freq != self._native_freq and self.freq_combo.currentData() == "auto":
            self._native_freq = s.native_freq
            self._freq_changed()
        self._native_freq = s.native_freq
        self._filter_products(self.product_filter.text())
        self.price_product.clear()
        for r in s.products.head(500).itertuples():
            self.price_product.addItem(f"{r.product_id} — {r.product_name}", r.product_id)
        self.events_label.setText(self.tr("Holidays of the shop's main country and %n event(s) of the "
                                          "shop are used as features.", "", int(s.n_events or 0)))
        set_day(self.until_edit, s.last_day)

    def stored_text(self, result) -> str:
        return self.status.text()

    def _filter_products(self, text: str) -> None:
        checked = self.checked_products()
        self.product_list.clear()
        df = self._products
        if text.strip():
            mask = (df["product_id"].astype(str).str.contains(text, case=False, regex=False)
                    | df["product_name"].astype(str).str.contains(text, case=False, regex=False))
            df = df[mask]
        for r in df.head(200).itertuples():
            item = QListWidgetItem(f"{r.product_id}  {r.product_name}")
            item.setData(Qt.ItemDataRole.UserRole, r.product_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if r.product_id in checked else Qt.CheckState.Unchecked)
            self.product_list.addItem(item)

    def checked_products(self) -> list[str]:
        return [self.product_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.product_list.count())
                if self.product_list.item(i).checkState() == Qt.CheckState.Checked]

    def _freq_changed(self) -> None:
        freq = self.freq_combo.currentData()
        if freq == "auto":
            freq = self._native_freq
        self.horizon_spin.setValue({"D": 28, "W": 8, "M": 3}.get(freq, 28))

    # -- training --------------------------------------------------------------------------------
    def selected_models(self) -> list[str]:
        return self.model_form.selected()

    def _params(self) -> dict:
        return self.model_form.params()

    def options(self):
        """The core SeriesSpec and ForecastOptions for the current form."""
        from ...core.forecast import ForecastOptions, SeriesSpec

        level = self.level_combo.currentData()
        products = tuple(self.checked_products()) if level == "product" and self.checked_products() else None
        spec = SeriesSpec(target=self.target_combo.currentData(), level=level,
                          freq=self.freq_combo.currentData(),
                          until=self.until_edit.date().toString("yyyy-MM-dd") if self.until_check.isChecked() else None,
                          top=self.top_spin.value(), products=products)
        opts = ForecastOptions(horizon=self.horizon_spin.value(), models=tuple(self.selected_models()),
                               params=self._params(), windows=self.windows_spin.value(),
                               level=round(self.level_spin.value(), 3))
        return spec, opts

    def train(self) -> None:
        """Start training in the background (cancels a running one)."""
        from ...core.jobs import Job

        spec, opts = self.options()
        self.start_job(Job("forecast", spec, opts), message=self.tr("Training…"),
                       title=self.tr("Training forecast models"))

    # -- results ---------------------------------------------------------------------------------
    def show_result(self, result) -> None:
        self.series_combo.blockSignals(True)
        self.series_combo.clear()
        self.export_button.setEnabled(result is not None)
        if result is None:
            self.series_combo.blockSignals(False)
            self.chart.set_message(self.tr("Train a forecast to see it here."))
            self.explain_chart.set_message(self.tr("Train a forecast to see what drives it."))
            self.explain_note.setText("")
            self.metrics_model.set_frame(pd.DataFrame())
            self.products_model.set_frame(pd.DataFrame())
            self.notes_label.setText("")
            self._fill_products()             # hides the reorder controls: they need a result
            return
        self.notes_label.setText("\n".join(self.notes(result)))
        self._show_settings(result)
        for s in result.selected:
            label = result.labels.get(s, s)
            # the whole shop's series id ("total") is internal: its label alone
            self.series_combo.addItem(label if result.spec.level == "total" else
                                      f"{s} — {label}" if label != s else str(s), s)
        self.series_combo.blockSignals(False)
        table = result.model_table()
        self.metrics_model.set_frame(table)
        skill = self.tr("Skill vs naive") if table.attrs.get("skill_vs") == "naive" else self.tr("Skill vs seasonal naive")
        self.metrics_model.set_headers({"model": self.tr("Model"), "chosen": self.tr("Chosen for (series)"),
                                        "mae": "MAE", "rmse": "RMSE", "wape": "WAPE", "mase": "MASE",
                                        "coverage": self.tr("Interval coverage"), "skill": skill,
                                        "series": self.tr("Series")})
        self.status.setText(tr_args(self.tr("Run %1: %2 s"), result.run_id, f"{result.seconds:.1f}"))
        self._fill_products()
        self._draw()

    def _show_settings(self, r) -> None:
        """The form shows what the run shown was trained with (a stored per-product weekly run under a
        form saying "Whole shop, follow the data, 28" misstated it); Train then repeats that run."""
        spec, opts = r.spec, r.options
        freq = "auto" if r.freq_source == "detected" else spec.freq
        for box, value in ((self.target_combo, spec.target), (self.level_combo, spec.level),
                           (self.freq_combo, freq)):
            i = box.findData(value)
            if i >= 0:
                box.setCurrentIndex(i)
        self.top_spin.setValue(int(spec.top or self.top_spin.value()))
        self.horizon_spin.setValue(int(opts.horizon))         # after the frequency (it resets the horizon)
        self.windows_spin.setValue(int(opts.windows))
        self.level_spin.setValue(float(opts.level))

    def _is_reorder(self, r) -> bool:
        """Reorder figures apply to per-product unit forecasts only (not to net sales or totals)."""
        return r is not None and r.spec.target == "units" and r.spec.level == "product"

    def notes(self, r) -> list[str]:
        """How the frequency was chosen, then the run's remarks as the core words them
        (``ForecastResult.notes``, in the UI language: the core speaks it too)."""
        out = []
        freq = {"D": self.tr("daily"), "W": self.tr("weekly"), "M": self.tr("monthly")}.get(r.spec.freq, r.spec.freq)
        if r.freq_source == "detected":
            out.append(tr_args(self.tr("Frequency: %1, as in the data."), freq))
        return out + [n[:1].upper() + n[1:] for n in r.notes()]

    def _fill_products(self) -> None:
        r = self.result
        reorder = self._is_reorder(r)
        self.reorder_row.setVisible(reorder)
        self.result_tabs.setTabVisible(self.result_tabs.indexOf(self.stock_page), reorder)
        self.reorder_note.setVisible(False)
        if r is None:
            return
        from ...core.forecast.reorder import STOCK_UNKNOWN, series_table
        headers = {"series": self.tr("Series"), "name": self.tr("Name"), "model": self.tr("Model"),
                   "forecast": self.tr("Forecast (horizon)"), "lo": self.tr("Low"), "hi": self.tr("High")}
        if not reorder:
            tab, unknown = series_table(r)
        else:
            self.stock_page.fill_rows([str(x) for x in r.selected], r.labels)
            # the lead time is in the forecast's periods and within its horizon: never silently
            # clipped (a 14 on a weekly forecast of 8 weeks used to mean 8 weeks)
            if self.lead_spin.maximum() != r.options.horizon or self._lead_freq != r.spec.freq:
                self.lead_spin.blockSignals(True)
                self.lead_spin.setMaximum(r.options.horizon)
                if self._lead_freq != r.spec.freq:
                    self.lead_spin.setValue(min(r.options.horizon, {"D": 14, "W": 2, "M": 1}.get(r.spec.freq, 1)))
                self.lead_spin.blockSignals(False)
                self._lead_freq = r.spec.freq
            tab, unknown = series_table(r, self.lead_spin.value(), self.service_spin.value(),
                                        stock=self.stock_levels(), pack_size=self.pack_spin.value())
            tab["note"] = tab["note"].map(lambda n: self.tr("stock unknown: showing the reorder point")
                                          if n == STOCK_UNKNOWN else n)
            headers.update({"demand_lead_time": self.tr("Demand over lead time"),
                            "safety_stock": self.tr("Safety stock"), "reorder_point": self.tr("Reorder point"),
                            "on_hand": self.tr("On hand"), "on_order": self.tr("On order"),
                            "order_qty": self.tr("Order now"), "order_by": self.tr("Reorder by"),
                            "note": self.tr("Note")})
            self.reorder_note.setVisible(True)
            self.reorder_note.setText(
                tr_args(self.tr("Safety stock = z × σ × √lead time, σ from each product's own backtest errors "
                                "over the lead time. %1 of %2 products: stock unknown, showing the reorder point "
                                "(enter stock on the Stock tab)."), unknown, len(tab))
                if unknown else
                self.tr("Safety stock = z × σ × √lead time, σ from each product's own backtest errors "
                        "over the lead time. Order now = reorder point − on hand − on order, in whole packs."))
        if r.spec.target == "units":           # whole units, not 1,693.66
            self.products_model.set_formats({c: "float0" for c in (
                "forecast", "lo", "hi", "demand_lead_time", "safety_stock", "reorder_point", "on_hand",
                "on_order")})
        from ...core.registries import FORECAST
        self.products_model.set_formats({"model": FORECAST.label})     # labels, not model ids
        self.products_model.set_frame(tab)
        self.products_model.set_headers(headers)
        # the whole shop's series id ("total") is internal: the name column says it
        self.products_view.setColumnHidden(0, r.spec.level == "total")
        self.products_view.resizeColumnsToContents()
        for c in range(self.products_model.columnCount()):
            self.products_view.setColumnWidth(c, min(self.products_view.columnWidth(c), 240))

    # -- stock -----------------------------------------------------------------------------------
    def stock_levels(self) -> dict:
        return self.stock_page.levels()

    def set_stock(self, levels: dict) -> None:
        self.stock_page.set_levels(levels)

    def clear_stock(self) -> None:
        self.stock_page.set_levels({})

    def load_stock(self, path: Optional[str] = None) -> bool:
        return self.stock_page.load(path)

    def _draw(self, *_args) -> None:
        r = self.result
        if r is None or self.series_combo.count() == 0:
            return
        from ...core.forecast.charts import forecast_chart_data, forecast_figure
        s = self.series_combo.currentData()
        keep = {"D": 180, "W": 78, "M": 36}[r.spec.freq]
        # the chart's words come from the core catalog, in the app's language
        from ...core.drill import forecast_lines      # a click on a history point: its period's lines
        self.chart.set_figure(partial(forecast_figure, r, s, history_periods=keep,
                                      texts={"money": self.ctx.currency or ""}),
                              forecast_chart_data(r, s, keep), drill=lambda day: forecast_lines(r, s, day))
        self._draw_explanation(r, s)

    def _draw_explanation(self, r, s) -> None:
        """The chosen forecast's parts for series ``s`` (chart words from the core catalog)."""
        from ...core.forecast.charts import contributions_chart_data, contributions_figure
        from ...core.forecast.explain import explanation
        e = explanation(r, s)
        if not e.available:
            self.explain_note.setText(e.reason)
            self.explain_chart.set_message(e.reason)
            return
        self.explain_note.setText(tr_args(self.tr("Each period's forecast is the sum of its parts (%1)."),
                                          e.method_text))
        self.explain_chart.set_figure(partial(contributions_figure, r, s, texts={"money": self.ctx.currency or ""}),
                                      contributions_chart_data(r, s))

    def price_whatif(self) -> None:
        """Price what-if of the chosen product, in the background."""
        from ...core.forecast.price_whatif import price_whatif

        pid = self.price_product.currentData() or self.price_product.currentText().split(" ")[0].strip()
        if self.ctx.shop_path is None or not pid:
            return
        freq = self.freq_combo.currentData()
        freq = self._native_freq if freq == "auto" else freq
        freq = "W" if freq == "D" else freq
        self.price_chart.set_message(self.tr("Computing…"))
        self.run_on_shop("forecast-price", lambda shop, rep: price_whatif(shop, pid, freq=freq), self._price_done,
                         on_error=self._price_failed, title=self.tr("Price what-if"))

    def _price_failed(self, exc) -> bool:
        """The user's data or choice is said in the chart; a bug goes to the bug dialog."""
        from ...core.errors import InputError
        self.price_chart.set_message(str(exc) if isinstance(exc, InputError) else self.tr("Could not compute this chart."))
        return isinstance(exc, InputError)

    def _price_done(self, pw) -> None:
        from ...core.forecast.charts import price_whatif_figure
        self.price_chart.set_figure(partial(price_whatif_figure, pw), pw.table)       # words from the core catalog
        self.price_note.setText("\n".join(tr_args(self.tr("Warning: %1"), w) for w in pw.warnings))

    def export(self, path: Optional[str] = None) -> bool:
        """Write the forecast rows (CSV or Excel)."""
        if self.result is None:
            return False
        path = path or self.save_path(self.tr("Export forecasts"), "forecast.csv")
        if not path:
            return True
        from ...core.export import write_table
        write_table(self.result.forecasts, path, "forecast")
        return True
