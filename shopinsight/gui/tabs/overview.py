"""Overview tab: KPI cards and the four sales charts of the chosen period.

All numbers come from :func:`shopinsight.core.analytics.overview` (run on the task runner,
parts shown as they arrive); charts are built by :mod:`shopinsight.core.sales_charts` on the
GUI thread and shown in :class:`ChartView`\\ s.  The ``overview`` CLI verb calls the same core.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QWidget

from ..widgets.chart import ChartView
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.kpi_card import KpiCard
from ..widgets.layout import MUTED, STRETCH, button, choice_buttons, combo, hbox, note, page, scrolled, vbox
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
    result_type = "shopinsight.core.analytics:OverviewResult"      # show_run: a stored overview
    load_when_hidden = True       # the shop's front page: its figures are ready when the user turns to it

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        from ...core.analytics import FREQS, PERIODS

        self.setObjectName("OverviewTab")
        self._result: dict[str, Any] = {}
        self._shown: set[str] = set()
        period, freq = str(ctx.settings.value("overview/period", "12m")), str(ctx.settings.value("overview/freq", "W"))
        self._period = period if period in PERIODS else "12m"
        self._freq = freq if freq in FREQS else "W"

        # -- top bar: period and its dates
        self.period_combo = combo((("30d", self.tr("Last 30 days")), ("90d", self.tr("Last 90 days")),
                                   ("12m", self.tr("Last 12 months")), ("all", self.tr("All time"))),
                                  current=self._period, on_change=self._period_changed,
                                  tooltip=self.tr("Periods end on the last day with data"))
        self.range_label = note()

        # -- KPI cards
        self.cards = {
            "net_sales": KpiCard(self.tr("Net sales"), self.tr("Merchandise sales minus cancellations and returns")),
            "orders": KpiCard(self.tr("Orders"), self.tr("Orders with at least one merchandise sale line")),
            "customers": KpiCard(self.tr("Customers"), self.tr("Known customers who ordered (guests not counted)")),
            "aov": KpiCard(self.tr("Average order value"), self.tr("Sales before cancellations ÷ orders")),
            "cancellation_rate": KpiCard(self.tr("Cancellations"),
                                         self.tr("Cancelled or returned amount as a share of sales")),
        }
        cards = hbox(*self.cards.values(), spacing=10)

        # -- charts
        self.sales_chart = ChartView(name="sales_over_time", min_height=320)
        self.top_chart = ChartView(name="top_products", min_height=340)
        self.country_chart = ChartView(name="sales_by_country", min_height=340)
        self.heatmap_chart = ChartView(name="weekday_hour", min_height=280)
        self.what_changed = WhatChangedPanel(ctx)
        self.freq_group = choice_buttons((("D", self.tr("Daily")), ("W", self.tr("Weekly")),
                                          ("M", self.tr("Monthly"))), self._freq, self._freq_picked, self)
        freq_bar = hbox(STRETCH, self.tr("Show sales") + "  ", *self.freq_group.buttons(), spacing=0)
        pair = hbox((self.top_chart, 1), (self.country_chart, 1), spacing=12)      # two equal columns
        self.scroll = scrolled(page(cards, freq_bar, self.sales_chart, pair, self.heatmap_chart, self.what_changed,
                                    margins=(0, 0, 0, 0), spacing=10))

        # -- empty shop page
        self.empty_label = note(self.tr("This shop has no sales data yet."), style="font-size: 15px; " + MUTED)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        import_button = button(self.tr("Import data…"), lambda: self.ctx.request_import())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(page(STRETCH, self.empty_label, hbox(STRETCH, import_button, STRETCH), (STRETCH, 2)))

        vbox(hbox(self.tr("Period:"), self.period_combo, 12, (self.range_label, 1)), (self.stack, 1),
             margins=(12, 10, 12, 6), parent=self)
        ctx.shop_changed.connect(lambda *_: self.scroll.verticalScrollBar().setValue(0))   # a new shop opens at the top
        self.watch_shop()

    # -- tab protocol -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Overview")

    def is_ready(self) -> bool:
        """True when the current shop's figures and charts are all shown."""
        if self.ctx.shop_path is None or self.stack.currentIndex() == 1:
            return True
        return set(_PARTS) <= self._shown and super().is_ready() and self.what_changed.is_ready()

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
        for card in self.cards.values():
            card.set_value("…")
        for chart in self.charts():
            chart.set_message(self.tr("Loading…"))
        from ...core.analytics import OverviewOptions
        from ...core.jobs import Job

        other, unknown = self._labels()
        # in a child process; each figure comes back (a partial result) as soon as it is ready
        self.start_job(Job("overview", OverviewOptions(self._period, self._freq), other, unknown),
                       on_partial=lambda part: self._show(*part), title=self.tr("Computing the overview"))
        self.what_changed.load(path, self._period)

    def _failed(self, exc: BaseException) -> bool:
        from ...core.errors import InputError
        for chart in self.charts():      # the user's data or choice is said where the charts would be
            chart.set_message(str(exc) if isinstance(exc, InputError) else self.tr("Could not compute this chart."))
        self._shown.update(_PARTS)
        return super()._failed(exc)

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
        cur = self.ctx.currency_symbol().strip()     # the charts' words come from the core catalog
        if key == "kpis":
            self._show_kpis(value)
        elif key == "sales_over_time":
            self.sales_chart.set_figure(partial(sc.sales_over_time_figure, value, self._freq, cur), value,
                                        drill=self._drill(key, value))
        elif key == "top_products":
            self.top_chart.set_figure(partial(sc.top_products_figure, value, cur), value, drill=self._drill(key, value))
        elif key == "countries":
            self.country_chart.set_figure(partial(sc.countries_figure, value, cur), value, drill=self._drill(key, value))
        elif key == "weekday_hour":
            data = value.copy()
            data.index = self.ctx.weekday_names(short=False)
            self.heatmap_chart.set_figure(partial(sc.weekday_hour_figure, value, cur), data.reset_index(names="weekday"),
                                          drill=self._drill(key, value))
        self._shown.add(key)

    def _drill(self, chart: str, value):
        """A click on a bar of ``chart``: its lines in the Data tab (core.drill.overview_lines)."""
        from ...core.drill import overview_lines
        freq, other, unknown = self._freq, *self._labels()
        names = dict(zip(value["product_id"], value["product_name"])) if chart == "top_products" else None
        period = lambda: self._result.get("period") or (self._result.get("kpis") or {}).get("period")  # noqa: E731
        return lambda key: overview_lines(chart, key, period(), freq, other, unknown, names)

    def _show_kpis(self, k: dict) -> None:
        p, cur, change, ctx = k["period"], k["current"], k["change"], self.ctx
        text = tr_args(self.tr("%1 – %2"), ctx.fmt_day(p["start"], long=True), ctx.fmt_day(p["end"], long=True))
        if p.get("prev_start"):
            text += "   ·   " + tr_args(self.tr("compared with %1 – %2"), ctx.fmt_day(p["prev_start"]),
                                        ctx.fmt_day(p["prev_end"]))
        self.range_label.setText(text)
        compared = k.get("previous") is not None     # "all time" has nothing before it, by definition
        no_prev = "" if self._period == "all" else self.tr("no earlier data to compare with")
        for key, value in (("net_sales", ctx.fmt_money(cur["net_sales"], 0)), ("orders", ctx.fmt_int(cur["orders"])),
                           ("customers", ctx.fmt_int(cur["customers"])), ("aov", ctx.fmt_money(cur["aov"]))):
            self.cards[key].set_change(value, change.get(key), compared, no_previous=no_prev)
        rate = ctx.fmt_percent(cur["cancellation_rate"]) if cur.get("cancellation_rate") is not None else "—"
        value = f"{rate}  ({ctx.fmt_compact_money(cur['cancellations'])})"
        self.cards["cancellation_rate"].set_change(value, change.get("cancellation_rate"), compared,
                                                   no_previous=no_prev, higher_is_good=False, points=True)

    # -- controls ---------------------------------------------------------------------------------
    def _period_changed(self, _i: int) -> None:
        self._period = self.period_combo.currentData()
        self.ctx.remember("overview/period", self._period)
        self.reload()

    def _freq_picked(self, freq: str) -> None:
        if freq == self._freq:
            return
        self._freq = freq
        self.ctx.remember("overview/freq", freq)
        if self.ctx.shop_path is None:
            return
        self._shown.discard("sales_over_time")
        self.sales_chart.set_message(self.tr("Loading…"))
        from ...core.analytics import sales_over_time
        period = self._period
        self.run_on_shop("overview-sales", lambda shop, rep: sales_over_time(shop, freq, period),
                         lambda df: self._show("sales_over_time", df),
                         title=self.tr("Computing sales over time"))

    def set_freq(self, freq: str) -> None:
        """Switch the sales chart to day/week/month (as clicking its button does)."""
        for b in self.freq_group.buttons():
            if b.property("code") == freq:
                b.click()

    def set_period(self, period: str) -> None:
        """Choose the period ("30d", "90d", "12m", "all")."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(period))

    # -- export ------------------------------------------------------------------------------------
    def export(self, folder: Optional[str] = None) -> bool:
        """Save every chart (PNG + SVG) and its data (CSV) and the key figures into a folder."""
        if not self._result:
            return False
        folder = folder or self.folder_path(self.tr("Export the overview to a folder"))
        if not folder:
            return True
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for chart in self.charts():
            chart.export_to(out)
        if self._result.get("kpis"):
            from ...core.analytics import kpi_table
            from ...core.export import write_table
            write_table(kpi_table(self._result["kpis"]), out / "kpis.csv", "kpis")
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(tr_args(self.tr("Overview exported to %1"), out), 8000)
        return True
