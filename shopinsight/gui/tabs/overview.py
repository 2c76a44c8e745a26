"""Overview tab: KPI cards and the four sales charts of the chosen period.

All numbers come from :func:`shopinsight.core.analytics.overview` (run on the task runner,
parts shown as they arrive); charts are built by :mod:`shopinsight.core.sales_charts` on the
GUI thread and shown in :class:`ChartView`\\ s.  The ``overview`` CLI verb calls the same core.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout,
                               QLabel, QPushButton, QScrollArea, QStackedWidget,
                               QToolButton, QVBoxLayout, QWidget)

from ..widgets.chart import ChartView
from ..widgets.kpi_card import KpiCard
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.what_changed import WhatChangedPanel

__all__ = ["OverviewTab", "KpiCard"]

_PARTS = ("kpis", "sales_over_time", "top_products", "countries", "weekday_hour")

class OverviewTab(AnalysisTab):
    """KPI cards, sales over time, top products, countries, weekday × hour heatmap.

    Its job (:func:`~shopinsight.core.analytics.run_overview`) runs whenever a shop opens, its data
    changes or the period changes: the figures are always the data's own, so nothing is stored;
    :meth:`show_run` shows a stored overview run (``OverviewResult.save``)."""

    job_kind = "overview"
    busy_kinds = ("overview-sales",)

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("OverviewTab")
        self._result: dict[str, Any] = {}
        self._shown: set[str] = set()
        s = ctx.settings
        self._period = str(s.value("overview/period", "12m"))
        self._freq = str(s.value("overview/freq", "W"))
        if self._period not in ("30d", "90d", "12m", "all"):
            self._period = "12m"
        if self._freq not in ("D", "W", "M"):
            self._freq = "W"

        # -- top bar: period and its dates
        self.period_combo = QComboBox()
        for code, label in (("30d", self.tr("Last 30 days")), ("90d", self.tr("Last 90 days")),
                            ("12m", self.tr("Last 12 months")), ("all", self.tr("All time"))):
            self.period_combo.addItem(label, code)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(self._period)))
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.period_combo.setToolTip(self.tr("Periods end on the last day with data"))
        self.range_label = QLabel()
        self.range_label.setStyleSheet("color: #5b6472;")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.period_combo)
        bar.addSpacing(12)
        bar.addWidget(self.range_label, 1)

        # -- KPI cards
        self.cards = {
            "net_sales": KpiCard(self.tr("Net sales"), self.tr("Merchandise sales minus cancellations and returns")),
            "orders": KpiCard(self.tr("Orders"), self.tr("Orders with at least one merchandise sale line")),
            "customers": KpiCard(self.tr("Customers"), self.tr("Known customers who ordered (guests not counted)")),
            "aov": KpiCard(self.tr("Average order value"), self.tr("Sales before cancellations ÷ orders")),
            "cancellation_rate": KpiCard(self.tr("Cancellations"),
                                         self.tr("Cancelled or returned amount as a share of sales")),
        }
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for c in self.cards.values():
            cards.addWidget(c)

        # -- charts
        self.sales_chart = ChartView(name="sales_over_time", min_height=320)
        self.top_chart = ChartView(name="top_products", min_height=340)
        self.country_chart = ChartView(name="sales_by_country", min_height=340)
        self.heatmap_chart = ChartView(name="weekday_hour", min_height=280)
        self.what_changed = WhatChangedPanel(ctx)
        self.freq_group = QButtonGroup(self)
        freq_bar = QHBoxLayout()
        freq_bar.setSpacing(0)
        freq_bar.addStretch(1)
        freq_bar.addWidget(QLabel(self.tr("Show sales") + "  "))
        for code, label in (("D", self.tr("Daily")), ("W", self.tr("Weekly")), ("M", self.tr("Monthly"))):
            b = QToolButton()
            b.setText(label)
            b.setCheckable(True)
            b.setChecked(code == self._freq)
            b.setProperty("freq", code)
            b.setMinimumWidth(64)
            self.freq_group.addButton(b)
            freq_bar.addWidget(b)
        self.freq_group.setExclusive(True)
        self.freq_group.buttonClicked.connect(self._freq_clicked)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.addLayout(cards, 0, 0, 1, 2)
        grid.addLayout(freq_bar, 1, 0, 1, 2)
        grid.addWidget(self.sales_chart, 2, 0, 1, 2)
        grid.addWidget(self.top_chart, 3, 0)
        grid.addWidget(self.country_chart, 3, 1)
        grid.addWidget(self.heatmap_chart, 4, 0, 1, 2)
        grid.addWidget(self.what_changed, 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll = scroll

        # -- empty shop page
        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addStretch(1)
        self.empty_label = QLabel(self.tr("This shop has no sales data yet."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("font-size: 15px; color: #5b6472;")
        import_btn = QPushButton(self.tr("Import data…"))
        import_btn.clicked.connect(lambda: self.ctx.request_import())
        el.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(import_btn)
        row.addStretch(1)
        el.addLayout(row)
        el.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(empty)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        lay.addLayout(bar)
        lay.addWidget(self.stack, 1)

        ctx.shop_changed.connect(lambda *_: self.scroll.verticalScrollBar().setValue(0))   # a new shop opens at the top
        self.watch_shop()

    # -- tab protocol -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Overview")

    def is_ready(self) -> bool:
        """True when the current shop's figures and charts are all shown."""
        if self.ctx.shop_path is None or self.stack.currentIndex() == 1:
            return True
        return set(_PARTS) <= self._shown and not self.ctx.runner.is_running("overview") \
            and not self.ctx.runner.is_running("overview-sales") and self.what_changed.is_ready()

    def screenshot_extras(self, save) -> None:
        """The whole Overview page, including the charts below the fold."""
        save("overview-full-page", self.scroll.widget())

    def charts(self) -> list[ChartView]:
        return [self.sales_chart, self.top_chart, self.country_chart, self.heatmap_chart, self.what_changed.chart]

    # -- loading -----------------------------------------------------------------------------------
    def _labels(self) -> tuple[str, str]:
        return self.tr("Other"), self.tr("Unknown")

    def reload(self, *_args) -> None:
        """Recompute everything for the current shop and period (in the background)."""
        self._shown.clear()
        self._result = {}
        path = self.ctx.shop_path
        if path is None:
            return
        try:
            with self.ctx.open_shop() as shop:
                empty = shop.is_empty()
        except Exception:
            empty = True
        self.stack.setCurrentIndex(1 if empty else 0)
        if empty:
            self.range_label.setText("")
            return
        self._loading_view()
        from ...core.analytics import OverviewOptions, run_overview

        options = OverviewOptions(self._period, self._freq)
        other, unknown = self._labels()
        self.start_job(lambda shop, rep, partial: run_overview(
            shop, options, rep, partial=lambda k, v: partial((k, v)), other_label=other, unknown_label=unknown),
            on_partial=self._part, title=self.tr("Computing the overview"))
        self.what_changed.load(path, self._period)

    def _loading_view(self) -> None:
        for card in self.cards.values():
            card.set_value("…")
        for chart in self.charts():
            chart.set_message(self.tr("Loading…"))

    @staticmethod
    def load_run(shop, run_id, reporter):
        from ...core.analytics import OverviewResult
        return OverviewResult.load(shop, run_id) if run_id is not None else None

    def _failed(self, exc: BaseException) -> bool:
        from ...core.errors import InputError
        for chart in self.charts():      # the user's data or choice is said where the charts would be
            chart.set_message(str(exc) if isinstance(exc, InputError) else self.tr("Could not compute this chart."))
        self._shown.update(_PARTS)
        return super()._failed(exc)

    def _part(self, item) -> None:
        key, value = item
        self._show(key, value)

    def show_result(self, result) -> None:
        """Show an :class:`~shopinsight.core.analytics.OverviewResult` (just computed, or stored)."""
        if result.run_id is not None:          # a stored run: its own period and frequency
            self._shown.clear()
            self._period, self._freq = result.options.period, result.options.freq
        self._result = {"period": result.period}
        for key in _PARTS:
            if key not in self._shown:
                self._show(key, result.part(key))

    def _show(self, key: str, value: Any) -> None:
        from ...core import sales_charts as sc

        self._result[key] = value
        cur = self.ctx.currency_symbol().strip()
        texts = None        # the charts' words come from the core catalog, in the app's language
        if key == "kpis":
            self._show_kpis(value)
        elif key == "sales_over_time":
            self.sales_chart.set_figure(sc.sales_over_time_figure(value, self._freq, cur, texts), value,
                                        drill=self._drill(key, value))
        elif key == "top_products":
            self.top_chart.set_figure(sc.top_products_figure(value, cur, texts), value, drill=self._drill(key, value))
        elif key == "countries":
            self.country_chart.set_figure(sc.countries_figure(value, cur, texts), value, drill=self._drill(key, value))
        elif key == "weekday_hour":
            data = value.copy()
            data.index = self.ctx.weekday_names(short=False)
            self.heatmap_chart.set_figure(sc.weekday_hour_figure(value, cur, texts),
                                          data.reset_index(names="weekday"))
        self._shown.add(key)

    def _drill(self, chart: str, value):
        """A click on a bar of ``chart``: its lines in the Data tab (core.drill.overview_lines)."""
        from ...core.drill import overview_lines
        freq, other, unknown = self._freq, *self._labels()
        names = dict(zip(value["product_id"], value["product_name"])) if chart == "top_products" else None
        period = lambda: self._result.get("period") or (self._result.get("kpis") or {}).get("period")  # noqa: E731
        return lambda key: overview_lines(chart, key, period(), freq, other, unknown, names)

    def _show_kpis(self, k: dict) -> None:
        p = k["period"]
        cur, change = k["current"], k["change"]
        ctx = self.ctx
        text = tr_args(self.tr("%1 – %2"), ctx.fmt_day(p["start"], long=True), ctx.fmt_day(p["end"], long=True))
        if p.get("prev_start"):
            text += "   ·   " + tr_args(self.tr("compared with %1 – %2"), ctx.fmt_day(p["prev_start"]),
                                        ctx.fmt_day(p["prev_end"]))
        self.range_label.setText(text)
        has_prev = k.get("previous") is not None

        no_prev = "" if self._period == "all" else self.tr("no earlier data to compare with")

        def rel(key: str, higher_is_good: bool = True):
            c = change.get(key)
            if not has_prev:
                return no_prev, None
            if c is None:
                return self.tr("no comparison"), None
            arrow = "▲" if c > 0 else ("▼" if c < 0 else "■")
            good = None if abs(c) < 0.005 else ((c > 0) == higher_is_good)
            return tr_args(self.tr("%1 %2 vs previous period"), arrow, ctx.fmt_percent(abs(c))), good

        self.cards["net_sales"].set_value(ctx.fmt_money(cur["net_sales"], 0), *rel("net_sales"))
        self.cards["orders"].set_value(ctx.fmt_int(cur["orders"]), *rel("orders"))
        self.cards["customers"].set_value(ctx.fmt_int(cur["customers"]), *rel("customers"))
        self.cards["aov"].set_value(ctx.fmt_money(cur["aov"]), *rel("aov"))
        rate = cur.get("cancellation_rate")
        c = change.get("cancellation_rate")
        if has_prev and c is not None:
            pts = ctx.fmt_number(abs(c) * 100, 1)
            arrow = "▲" if c > 0 else ("▼" if c < 0 else "■")
            ctext = tr_args(self.tr("%1 %2 points vs previous period"), arrow, pts)
            good = None if abs(c) < 0.0005 else c < 0
        else:
            ctext, good = no_prev, None
        value = ctx.fmt_percent(rate) if rate is not None else "—"
        value += "  (" + ctx.fmt_compact_money(cur["cancellations"]) + ")"
        self.cards["cancellation_rate"].set_value(value, ctext, good)

    # -- controls ---------------------------------------------------------------------------------
    def _period_changed(self, _i: int) -> None:
        self._period = self.period_combo.currentData()
        if not self.ctx.headless:
            self.ctx.settings.setValue("overview/period", self._period)
        self.reload()

    def _freq_clicked(self, button) -> None:
        freq = button.property("freq")
        if freq == self._freq:
            return
        self._freq = freq
        if not self.ctx.headless:
            self.ctx.settings.setValue("overview/freq", freq)
        path, period = self.ctx.shop_path, self._period
        if path is None:
            return
        self._shown.discard("sales_over_time")
        self.sales_chart.set_message(self.tr("Loading…"))

        def work(state):
            from ...core import analytics
            from ...core.store import Shop
            with Shop(path) as shop, analytics.interruptible(shop, state.reporter):
                return analytics.sales_over_time(shop, freq, period)

        self.ctx.runner.start("overview-sales", work, on_done=lambda df: self._show("sales_over_time", df),
                              title=self.tr("Computing sales over time"))

    def set_freq(self, freq: str) -> None:
        """Switch the sales chart to day/week/month (as clicking its button does)."""
        for b in self.freq_group.buttons():
            if b.property("freq") == freq:
                b.setChecked(True)
                self._freq_clicked(b)

    def set_period(self, period: str) -> None:
        """Choose the period ("30d", "90d", "12m", "all")."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(period))

    # -- export ------------------------------------------------------------------------------------
    def export(self, folder: Optional[str] = None) -> bool:
        """Save every chart (PNG + SVG) and its data (CSV) and the key figures into a folder."""
        if not self._result:
            return False
        if folder is None:
            from ..settings import current
            start = current().value("paths/last_export_dir", str(Path.home()))
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export the overview to a folder"), start)
            if not folder:
                return True
            current().setValue("paths/last_export_dir", folder)
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for chart in self.charts():
            if chart.figure() is not None:
                chart.save_chart(str(out / f"{chart.name}.png"))
                chart.save_chart(str(out / f"{chart.name}.svg"))
            if chart.data() is not None:
                chart.export_csv(str(out / f"{chart.name}.csv"))
        import pandas as pd
        k = self._result.get("kpis")
        if k:
            rows = [{"measure": key, "current": k["current"].get(key),
                     "previous": (k.get("previous") or {}).get(key), "change": k["change"].get(key)}
                    for key in ("net_sales", "gross_sales", "cancellations", "orders", "customers", "aov",
                                "cancellation_rate", "units")]
            from ...core.export import write_table
            write_table(pd.DataFrame(rows), out / "kpis.csv", "kpis")
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(tr_args(self.tr("Overview exported to %1"), out), 8000)
        return True
