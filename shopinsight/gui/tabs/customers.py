"""Customers tab: segments, RFM scatter, cohorts, the scored customer table and the model panel.

Thin on purpose: every number comes from :mod:`shopinsight.core.customers` (the same calls the
``customers`` / ``segments`` / ``cohorts`` CLI verbs make), run on the task runner; charts are
built by :mod:`shopinsight.core.customers.charts` on the GUI thread.  TensorFlow is never imported
here: the Keras model is only ever trained inside a task, by the core.
"""
from __future__ import annotations

import html
from functools import partial
from typing import Any, Optional

import pandas as pd
from PySide6.QtWidgets import QCheckBox, QComboBox, QHeaderView, QLineEdit, QWidget

from ...core import drill
from ..widgets.chart import ChartView
from ..widgets.frame_model import DataFrameModel
from ..widgets.model_form import ModelForm
from ..widgets.frame_table import FrameTable
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.layout import MUTED, STRETCH, button, combo, form, hbox, note, page, pages, scrolled, spin, splitter, vbox

__all__ = ["CustomersTab"]


class CustomersTab(AnalysisTab):
    """Who will buy again soon, who is slipping away, who are the best; see the module docs."""

    job_kind = "customers.train"
    busy_kinds = ("customers.detail",)
    result_type = "shopinsight.core.customers:CustomerResult"
    setup_loader = "shopinsight.core.jobs:customers_setup"      # segments and cohorts of the shop as it is now
    long_load = True

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("CustomersTab")
        self._scores = pd.DataFrame()
        self._overview: dict[str, Any] = {}

        # -- model panel controls
        self.horizon = spin(7, 365, int(ctx.settings.value("customers/horizon", 90)), suffix=self.tr(" days"),
                            tooltip=self.tr("Probability of an order within this many days after the last day"))
        self.threshold = spin(0.05, 0.95, 0.5, step=0.05, tooltip=self.tr(
            "Probability above which a customer counts as a predicted buyer (for accuracy, precision, recall "
            "and F1)"))
        from ...core.registries import CUSTOMERS

        # the models and their parameters (epochs of the neural network, …) from the registry
        self.model_form = ModelForm(CUSTOMERS)
        self.evaluate_box = QCheckBox(self.tr("Backtest (train as of one horizon earlier and check)"))
        self.train_button = button(self.tr("Train and score"), self.train)
        self.start_buttons = (self.train_button,)
        self.status.setStyleSheet(MUTED)

        # -- inner tabs
        self.tabs = pages((self._build_segments_page(), self.tr("Segments")),
                          (self._build_table_page(), self.tr("Customers")),
                          (self._build_cohorts_page(), self.tr("Cohorts")), (self._build_model_page(), self.tr("Model")))
        vbox(self.tabs, parent=self)
        self.watch_shop()

    def title(self) -> str:
        return self.tr("Customers")

    # -- pages -------------------------------------------------------------------------------
    def _table(self, headers: dict, formats: dict, min_height: int = 0, single: bool = False
               ) -> tuple[FrameTable, DataFrameModel]:
        model = DataFrameModel(ctx=self.ctx, headers=headers, formats=formats)
        table = FrameTable(model, single=single)
        table.setMinimumHeight(min_height)
        return table, model

    def _build_segments_page(self) -> QWidget:
        self.segment_chart = ChartView(name="customer_segments", min_height=300)
        self.rfm_chart = ChartView(name="rfm_scatter", min_height=360)
        self.segment_table, self.segment_model = self._table({
            "segment": self.tr("Segment"), "customers": self.tr("Customers"), "net_sales": self.tr("Net sales"),
            "median_recency": self.tr("Median days since last order"),
            "median_frequency": self.tr("Median orders"), "median_monetary": self.tr("Median net sales"),
            "customer_share": self.tr("Share of customers"), "revenue_share": self.tr("Share of net sales"),
            "rule": self.tr("Rule")}, {
            "customer_share": "percent", "revenue_share": "percent", "net_sales": "money",
            "median_monetary": "money", "median_recency": "count", "median_frequency": "count"}, 240)
        self.cluster_text = note(style=None, selectable=True)
        return scrolled(page(self.segment_chart, self.segment_table, self.rfm_chart, self.cluster_text))

    def _build_table_page(self) -> QWidget:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by customer id, country or reason…"))
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.segment_filter = QComboBox()
        self.segment_filter.addItem(self.tr("All segments"), "")
        self.segment_filter.currentIndexChanged.connect(self._apply_filter)
        self.pseudo_box = QCheckBox(self.tr("Pseudonymise customer ids"))
        self.export_button = button(self.tr("Export…"), self.export)
        self.table, self.table_model = self._table({
            "customer_id": self.tr("Customer"), "segment": self.tr("Segment"),
            "purchase_probability": self.tr("Probability to buy"), "churn_risk": self.tr("Churn risk"),
            "expected_value": self.tr("Expected value"), "last_order": self.tr("Last order"),
            "recency": self.tr("Days since last order"), "frequency": self.tr("Orders"),
            "monetary": self.tr("Net sales"), "country": self.tr("Country"),
            "top_reasons": self.tr("Top reasons")},
            {"purchase_probability": "percent", "churn_risk": "percent", "expected_value": "money",
             "monetary": "money", "recency": "int", "frequency": "int"}, single=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.table.doubleClicked.connect(lambda i: self.ctx.show_lines(      # double-click: the customer's lines
            drill.customer_lines(self.table_model.row(i.row())["customer_id"], "merchandise")))
        self.detail_text = note(self.tr("Select a customer to see their history."), style=None, selectable=True)
        self.detail_chart = ChartView(name="customer_history", min_height=220,
                                      placeholder=self.tr("Choose a customer in the table to see their orders."))
        split = splitter(self.table, page(self.detail_text, (self.detail_chart, 1)), vertical=True, stretch=(3, 2))
        return page(hbox((self.filter_edit, 1), self.segment_filter, self.pseudo_box, self.export_button), (split, 1))

    def _build_cohorts_page(self) -> QWidget:
        self.cohort_kind = combo((("retention", self.tr("Retention (% of the cohort buying)")),
                                  ("revenue", self.tr("Net sales"))), on_change=self._show_cohorts)
        self.cohort_chart = ChartView(name="cohorts", min_height=420)
        return page(hbox(self.tr("Show:"), self.cohort_kind, STRETCH), (self.cohort_chart, 1))

    def _build_model_page(self) -> QWidget:
        box = form(self.tr("Train"), (self.tr("Horizon:"), self.horizon), (self.tr("Models:"), self.model_form),
                   (self.tr("Threshold:"), self.threshold), ("", self.evaluate_box),
                   hbox(self.train_button, self.cancel_button, (self.progress, 1)), self.status)
        f3 = ("roc_auc", "pr_auc", "brier", "brier_base_rate", "accuracy", "precision", "recall", "f1")
        self.metrics_table, self.metrics_model = self._table({
            "model": self.tr("Model"), "stage": self.tr("Scored on"), "roc_auc": "ROC AUC", "pr_auc": "PR AUC",
            "brier": "Brier", "brier_base_rate": self.tr("Brier (base rate)"),
            "top_decile_lift": self.tr("Top-10 % lift"), "accuracy": self.tr("Accuracy"),
            "precision": self.tr("Precision"), "recall": self.tr("Recall"), "f1": "F1",
            "seconds": self.tr("Seconds")}, {k: "float3" for k in f3} | {"top_decile_lift": "float2",
                                                                        "seconds": "float1"}, 200)
        untrained = self.tr("Train the models to see this chart.")
        self.roc_chart = ChartView(name="roc", min_height=320, placeholder=untrained)
        self.calibration_chart = ChartView(name="calibration", min_height=320, placeholder=untrained)
        self.importance_chart = ChartView(name="feature_importance", min_height=320, placeholder=untrained)
        self.coef_table, self.coef_model = self._table({
            "description": self.tr("Feature"), "coefficient": self.tr("Coefficient"),
            "direction": self.tr("Effect")}, {"coefficient": "float3"}, 220)
        return scrolled(page(box, self.metrics_table, hbox(self.roc_chart, self.calibration_chart),
                             self.importance_chart,
                             self.tr("Logistic regression coefficients (per standard deviation of the log-feature):"),
                             self.coef_table))

    # -- stored runs and jobs -----------------------------------------------------------------
    def clear(self) -> None:
        for c in (self.segment_chart, self.rfm_chart, self.cohort_chart):
            c.set_message(self.tr("Loading…") if self.ctx.shop_path is not None else "")

    def show_setup(self, res: dict) -> None:
        from ...core.customers.charts import rfm_scatter, segment_chart
        from ...core.customers.rfm import localised_summary

        self._overview = res
        seg = res["segments"]
        cur = self.ctx.currency_symbol()
        rfm = seg["rfm"]      # a click on a segment's bar or a customer's dot: their lines (Data tab)
        self.segment_chart.set_figure(partial(segment_chart, seg["summary"], cur), seg["summary"],
                                      drill=lambda key: drill.segment_lines(rfm, key))
        self.segment_model.set_frame(localised_summary(seg["summary"]))
        self.rfm_chart.set_figure(partial(rfm_scatter, rfm, cur), rfm.reset_index() if not rfm.empty else None,
                                  drill=lambda key: drill.customer_lines(key, "merchandise"))
        clusters = seg["clusters"]
        lines = [tr_args(self.tr("k-means on log recency, frequency and spend: k = %1 (best silhouette)"),
                         seg["kmeans"].get("k"))] if seg["kmeans"] else []
        lines += [f"• {d}" for d in (clusters["description"] if not clusters.empty else [])]
        lines += seg["messages"]
        self.cluster_text.setText("\n".join(lines))
        self._show_cohorts()
        if not rfm.empty:                  # until a model is trained (or a run loads) the table shows the segments
            self._set_scores(rfm.reset_index())
            self.status.setText(self.tr("No model trained yet: press Train and score."))

    def stored_text(self, result) -> str:
        return self.status.text()

    def _show_cohorts(self) -> None:
        from ...core.customers.charts import cohort_heatmap
        from ...core.customers.cohorts import partial_month

        kind = self.cohort_kind.currentData() or "retention"
        m = self._overview.get(kind)
        if m is None:
            return
        last = partial_month(self._overview.get("cohorts", pd.DataFrame()))
        feats = self._overview["segments"]["features"]       # a click on a cell: that month's lines of the cohort
        self.cohort_chart.set_figure(partial(cohort_heatmap, m, "retention" if kind == "retention" else "revenue",
                                             partial_month=last), self._overview.get("cohorts"),
                                     drill=lambda key: drill.cohort_lines(feats, *key))

    # -- training -----------------------------------------------------------------------------
    def selected_models(self) -> list[str]:
        return self.model_form.selected()

    def options(self):
        from ...core.customers import CustomerOptions
        models = tuple(self.selected_models())
        return CustomerOptions(horizon=self.horizon.value(), models=models, evaluate=self.evaluate_box.isChecked(),
                               threshold=round(self.threshold.value(), 2),
                               model_params=self.model_form.params())

    def train(self) -> None:
        """Train the chosen models in the background and score every customer."""
        from ...core.jobs import Job

        if not self.selected_models():
            self.status.setText(self.tr("Choose at least one model."))
            return
        self.ctx.remember("customers/horizon", self.horizon.value())
        options = self.options()
        self.start_job(Job("customers", options), message=self.tr("Training…"),
                       title=self.tr("Training customer models"))

    def show_result(self, result) -> None:
        from ...core.customers.charts import calibration_chart, importance_chart, roc_chart

        tables, summary = result.tables(), result.summary
        self._set_scores(result.scores)
        metrics = result.metrics
        shown = metrics.assign(model=metrics["model"].map(self.model_form.registry.label)) if "model" in metrics \
            else metrics                        # labels, never the registry ids
        self.metrics_model.set_frame(shown, ("model", "stage", "roc_auc", "pr_auc", "brier", "brier_base_rate",
                                             "top_decile_lift", "accuracy", "precision", "recall", "f1", "seconds"))
        stage = "test" if not metrics.empty and (metrics["stage"] == "test").any() else "validation"
        self.roc_chart.set_figure(partial(roc_chart, tables.get("roc"), metrics, stage), tables.get("roc"))
        self.calibration_chart.set_figure(partial(calibration_chart, tables.get("calibration")), tables.get("calibration"))
        self.importance_chart.set_figure(partial(importance_chart, tables.get("importance")), tables.get("importance"))
        self.coef_model.set_frame(result.coefficients, ("description", "coefficient", "direction"))
        parts = []
        if summary.get("chosen_model"):
            parts.append(tr_args(self.tr("Scores as of %1 for the next %2 days; chosen model: %3."),
                                 summary.get("asof"), summary.get("horizon"),
                                 self.model_form.registry.label(str(summary.get("chosen_model")))))
        self.status.setText("\n".join(parts + list(result.messages) + list(result.warnings)))

    # -- table --------------------------------------------------------------------------------
    def _set_scores(self, df: pd.DataFrame) -> None:
        self._scores = df
        current = self.segment_filter.currentData()
        self.segment_filter.blockSignals(True)
        self.segment_filter.clear()
        self.segment_filter.addItem(self.tr("All segments"), "")
        if "segment" in df:
            from ...core.customers import SEGMENTS
            from ...core.customers.rfm import segment_label
            for s in SEGMENTS:
                if (df["segment"] == s).any():
                    self.segment_filter.addItem(segment_label(s), s)
        i = self.segment_filter.findData(current)
        self.segment_filter.setCurrentIndex(max(i, 0))
        self.segment_filter.blockSignals(False)
        self._apply_filter()

    def visible_scores(self) -> pd.DataFrame:
        """The customer table as filtered in the tab."""
        from ...core.customers.export import filter_scores
        return filter_scores(self._scores, self.segment_filter.currentData(), self.filter_edit.text())

    def _apply_filter(self) -> None:
        self.table_model.set_frame(self.visible_scores(), (
            "customer_id", "segment", "purchase_probability", "churn_risk", "expected_value", "last_order", "recency",
            "frequency", "monetary", "country", "top_reasons"))

    def _show_detail(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self.table_model.row(rows[0].row())
        cid = str(row["customer_id"])
        from ...core.customers import customer_orders

        self.detail_chart.set_message(self.tr("Loading…"))
        self.run_on_shop("customers.detail", lambda shop, rep: customer_orders(shop, cid),
                         lambda orders: self._show_orders(cid, row, orders), readonly=True,
                         title=self.tr("Loading the customer's orders"))

    def _show_orders(self, cid: str, row, orders: pd.DataFrame) -> None:
        from ...core.customers.charts import customer_history_chart

        full = self._scores[self._scores["customer_id"].astype(str) == cid]
        info = full.iloc[0] if len(full) else row
        bits = [f"<b>{html.escape(cid)}</b> — {html.escape(str(info.get('segment', '')))}, "
                f"{html.escape(str(info.get('country', '')))}"]
        p = info.get("purchase_probability")
        if p is not None and p == p:
            bits.append(tr_args(self.tr("Probability to buy: %1; expected value: %2"), self.ctx.fmt_percent(p, 0),
                                self.ctx.fmt_money(info.get("expected_value", 0) or 0, 0)))
        if info.get("top_reasons"):
            bits.append(tr_args(self.tr("Why: %1"), html.escape(str(info.get("top_reasons")))))
        if len(orders):
            bits.append(tr_args(self.tr("%1 orders, first %2, last %3"), self.ctx.fmt_int(len(orders)),
                                self.ctx.fmt_day(orders["day"].min()), self.ctx.fmt_day(orders["day"].max())))
        else:
            bits.append(self.tr("No merchandise orders"))
        self.detail_text.setText("<br>".join(bits))
        self.detail_chart.set_figure(partial(customer_history_chart, orders, cid), orders,   # a click on an order: its lines
                                     drill=lambda order: drill.customer_lines(cid, "merchandise", order))

    def export(self, path: Optional[str] = None) -> bool:
        """Export the (filtered) customer table to CSV or Excel; File ▸ Export… calls this."""
        from ...core.customers.export import export_scores

        df = self.visible_scores()
        if df.empty:
            return False
        path = path or self.save_path(self.tr("Export customers"), "customers.csv")
        if not path:
            return True
        pseudo = self.pseudo_box.isChecked()
        if pseudo:
            with self.ctx.open_shop() as shop:
                export_scores(df, path, shop=shop, pseudonymise_ids=True)
        else:
            export_scores(df, path)
        self.status.setText(tr_args(self.tr("Exported %1 customers to %2"), len(df), path))
        return True
