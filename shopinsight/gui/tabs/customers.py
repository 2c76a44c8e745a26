"""Customers tab: segments, RFM scatter, cohorts, the scored customer table and the model panel.

Thin on purpose: every number comes from :mod:`shopinsight.core.customers` (the same calls the
``customers`` / ``segments`` / ``cohorts`` CLI verbs make), run on the task runner; charts are
built by :mod:`shopinsight.core.customers.charts` on the GUI thread.  TensorFlow is never imported
here: the Keras model is only ever trained inside a task, by the core.
"""
from __future__ import annotations

import html
from typing import Any, Optional

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget, QScrollArea, QFrame)

from ..widgets.chart import ChartView
from ..widgets.job_progress import JobProgress
from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable

__all__ = ["CustomersTab"]


def _load_overview(path, state) -> dict:
    """Worker: segments, cohorts and the latest stored customers run."""
    from ...core.customers import cohort_matrix, cohort_table, load_history, segments
    from ...core.store import Shop, interruptible

    with Shop(path) as shop:
        with interruptible(shop, state.reporter):   # Cancel stops the history scan mid-query
            h = load_history(shop)
        seg = segments(h, progress=state.reporter.sub(0.0, 0.8))
        coh = cohort_table(h)
        run = shop.load_run(kind="customers")
    return {"segments": seg, "cohorts": coh, "retention": cohort_matrix(coh, "retention"),
            "revenue": cohort_matrix(coh, "net_sales"), "run": run}


def _train(path, state, params: dict):
    from ...core.customers import score_customers
    from ...core.store import Shop

    with Shop(path) as shop:
        return score_customers(shop, progress=state.reporter, **params)


class CustomersTab(QWidget):
    """Who will buy again soon, who is slipping away, who are the best; see the module docs."""

    ready = Signal()

    MODEL_CHOICES = [("recency", True), ("logreg_rfm", True), ("logreg", True), ("hgb", True),
                     ("bgnbd", True), ("mlp", False)]

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CustomersTab")
        self.ctx = ctx
        self._ready = False
        self._scores = pd.DataFrame()
        self._overview: dict[str, Any] = {}
        self._tables: dict[str, pd.DataFrame] = {}

        # -- model panel controls
        self.horizon = QSpinBox()
        self.horizon.setRange(7, 365)
        self.horizon.setValue(int(ctx.settings.value("customers/horizon", 90)))
        self.horizon.setSuffix(self.tr(" days"))
        self.horizon.setToolTip(self.tr("Probability of an order within this many days after the last day"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.05, 0.95)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(0.5)
        self.threshold.setToolTip(self.tr("Probability above which a customer counts as a predicted buyer "
                                          "(for accuracy, precision, recall and F1)"))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 500)
        self.epochs.setValue(60)
        self.epochs.setToolTip(self.tr("Most training epochs of the neural network (early stopping may end sooner)"))
        self.model_boxes: dict[str, QCheckBox] = {}
        labels = {"recency": self.tr("Recency only"), "logreg_rfm": self.tr("Logistic regression (RFM)"),
                  "logreg": self.tr("Logistic regression"), "hgb": self.tr("Gradient boosting"),
                  "bgnbd": self.tr("BG/NBD"), "mlp": self.tr("Neural network (slow)")}
        from ...core.deep_available import deep_available

        for name, on in self.MODEL_CHOICES:
            b = QCheckBox(labels[name])
            b.setChecked(on)
            if name == "mlp" and not deep_available():
                b.setEnabled(False)
                b.setToolTip(self.tr("Needs the full edition of ShopInsight (with TensorFlow)"))
            self.model_boxes[name] = b
        self.evaluate_box = QCheckBox(self.tr("Backtest (train as of one horizon earlier and check)"))
        self.train_button = QPushButton(self.tr("Train and score"))
        self.train_button.clicked.connect(self.train)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda: self.ctx.runner.cancel("customers.train"))
        self.progress = JobProgress()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #5b6472;")

        # -- inner tabs
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_segments_page(), self.tr("Segments"))
        self.tabs.addTab(self._build_table_page(), self.tr("Customers"))
        self.tabs.addTab(self._build_cohorts_page(), self.tr("Cohorts"))
        self.tabs.addTab(self._build_model_page(), self.tr("Model"))

        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        ctx.shop_changed.connect(lambda _p: self.reload())
        ctx.data_changed.connect(self.reload)
        if ctx.shop_path is not None:
            self.reload()

    def title(self) -> str:
        return self.tr("Customers")

    def is_ready(self) -> bool:
        return self._ready

    # -- pages -------------------------------------------------------------------------------
    def _scroll(self, inner: QWidget) -> QScrollArea:
        s = QScrollArea()
        s.setWidgetResizable(True)
        s.setFrameShape(QFrame.Shape.NoFrame)
        s.setWidget(inner)
        return s

    def _build_segments_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.segment_chart = ChartView(name="customer_segments", min_height=300)
        self.rfm_chart = ChartView(name="rfm_scatter", min_height=360)
        self.segment_table = FrameTable()
        self.segment_model = DataFrameModel(ctx=self.ctx, headers={
            "segment": self.tr("Segment"), "customers": self.tr("Customers"), "net_sales": self.tr("Net sales"),
            "median_recency": self.tr("Median days since last order"),
            "median_frequency": self.tr("Median orders"), "median_monetary": self.tr("Median net sales"),
            "customer_share": self.tr("Share of customers"), "revenue_share": self.tr("Share of net sales"),
            "rule": self.tr("Rule")}, formats={
            "customer_share": "percent", "revenue_share": "percent", "net_sales": "money",
            "median_monetary": "money", "median_recency": "float1", "median_frequency": "float1"})
        self.segment_table.setModel(self.segment_model)
        self.segment_table.setMinimumHeight(240)
        self.segment_table.horizontalHeader().setStretchLastSection(True)
        self.cluster_text = QLabel()
        self.cluster_text.setWordWrap(True)
        self.cluster_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.segment_chart)
        v.addWidget(self.segment_table)
        v.addWidget(self.rfm_chart)
        v.addWidget(self.cluster_text)
        return self._scroll(page)

    def _build_table_page(self) -> QWidget:
        page = QWidget()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by customer id, country or reason…"))
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.segment_filter = QComboBox()
        self.segment_filter.addItem(self.tr("All segments"), "")
        self.segment_filter.currentIndexChanged.connect(self._apply_filter)
        self.pseudo_box = QCheckBox(self.tr("Pseudonymise customer ids"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(lambda: self.export())
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.segment_filter)
        bar.addWidget(self.pseudo_box)
        bar.addWidget(self.export_button)
        self.table = FrameTable()
        self.table_model = DataFrameModel(ctx=self.ctx, headers={
            "customer_id": self.tr("Customer"), "segment": self.tr("Segment"),
            "purchase_probability": self.tr("Probability to buy"), "churn_risk": self.tr("Churn risk"),
            "expected_value": self.tr("Expected value"), "last_order": self.tr("Last order"),
            "recency": self.tr("Days since last order"), "frequency": self.tr("Orders"),
            "monetary": self.tr("Net sales"), "country": self.tr("Country"),
            "top_reasons": self.tr("Top reasons")},
            formats={"purchase_probability": "percent", "churn_risk": "percent", "expected_value": "money",
                     "monetary": "money", "recency": "int", "frequency": "int"})
        self.table.setModel(self.table_model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.detail_text = QLabel(self.tr("Select a customer to see their history."))
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_chart = ChartView(name="customer_history", min_height=220,
                                      placeholder=self.tr("Choose a customer in the table to see their orders."))
        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.addWidget(self.detail_text)
        dv.addWidget(self.detail_chart, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        v = QVBoxLayout(page)
        v.addLayout(bar)
        v.addWidget(split, 1)
        return page

    def _build_cohorts_page(self) -> QWidget:
        page = QWidget()
        self.cohort_kind = QComboBox()
        self.cohort_kind.addItem(self.tr("Retention (% of the cohort buying)"), "retention")
        self.cohort_kind.addItem(self.tr("Net sales"), "revenue")
        self.cohort_kind.currentIndexChanged.connect(self._show_cohorts)
        self.cohort_chart = ChartView(name="cohorts", min_height=420)
        v = QVBoxLayout(page)
        h = QHBoxLayout()
        h.addWidget(QLabel(self.tr("Show:")))
        h.addWidget(self.cohort_kind)
        h.addStretch(1)
        v.addLayout(h)
        v.addWidget(self.cohort_chart, 1)
        return page

    def _build_model_page(self) -> QWidget:
        box = QGroupBox(self.tr("Train"))
        form = QFormLayout(box)
        form.addRow(self.tr("Horizon:"), self.horizon)
        models = QWidget()
        mh = QHBoxLayout(models)
        mh.setContentsMargins(0, 0, 0, 0)
        for b in self.model_boxes.values():
            mh.addWidget(b)
        mh.addStretch(1)
        form.addRow(self.tr("Models:"), models)
        form.addRow(self.tr("Threshold:"), self.threshold)
        form.addRow(self.tr("Neural network epochs:"), self.epochs)
        form.addRow("", self.evaluate_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        form.addRow(buttons)
        form.addRow(self.status)
        self.metrics_table = FrameTable()
        self.metrics_model = DataFrameModel(ctx=self.ctx, headers={
            "model": self.tr("Model"), "stage": self.tr("Scored on"), "roc_auc": "ROC AUC", "pr_auc": "PR AUC",
            "brier": "Brier", "brier_base_rate": self.tr("Brier (base rate)"),
            "top_decile_lift": self.tr("Top-10 % lift"), "accuracy": self.tr("Accuracy"),
            "precision": self.tr("Precision"), "recall": self.tr("Recall"), "f1": "F1",
            "seconds": self.tr("Seconds")}, formats={
            k: "float3" for k in ("roc_auc", "pr_auc", "brier", "brier_base_rate", "accuracy", "precision",
                                  "recall", "f1")} | {"top_decile_lift": "float2", "seconds": "float1"})
        self.metrics_table.setModel(self.metrics_model)
        self.metrics_table.setMinimumHeight(200)
        untrained = self.tr("Train the models to see this chart.")
        self.roc_chart = ChartView(name="roc", min_height=320, placeholder=untrained)
        self.calibration_chart = ChartView(name="calibration", min_height=320, placeholder=untrained)
        self.importance_chart = ChartView(name="feature_importance", min_height=320, placeholder=untrained)
        self.coef_table = FrameTable()
        self.coef_model = DataFrameModel(ctx=self.ctx, headers={
            "description": self.tr("Feature"), "coefficient": self.tr("Coefficient"),
            "direction": self.tr("Effect")}, formats={"coefficient": "float3"})
        self.coef_table.setModel(self.coef_model)
        self.coef_table.setMinimumHeight(220)
        self.coef_table.horizontalHeader().setStretchLastSection(True)
        charts = QHBoxLayout()
        charts.addWidget(self.roc_chart)
        charts.addWidget(self.calibration_chart)
        inner = QWidget()
        v = QVBoxLayout(inner)
        v.addWidget(box)
        v.addWidget(self.metrics_table)
        v.addLayout(charts)
        v.addWidget(self.importance_chart)
        v.addWidget(QLabel(self.tr("Logistic regression coefficients (per standard deviation of the log-feature):")))
        v.addWidget(self.coef_table)
        return self._scroll(inner)

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load segments, cohorts and the latest stored run of the open shop (in the background)."""
        self._ready = False
        path = self.ctx.shop_path
        if path is None:
            self._ready = True
            return
        for c in (self.segment_chart, self.rfm_chart, self.cohort_chart):
            c.set_message(self.tr("Loading…"))
        self.ctx.runner.start("customers.load", lambda st: _load_overview(path, st),
                              on_done=self._loaded, on_error=self._load_failed,
                              title=self.tr("Loading customers"))

    def _load_failed(self, exc) -> bool:
        self.status.setText(str(exc))
        self._ready = True
        self.ready.emit()
        return False

    def _loaded(self, res: dict) -> None:
        from ...core.customers.charts import rfm_scatter, segment_chart

        self._overview = res
        seg = res["segments"]
        cur = self.ctx.currency_symbol() if hasattr(self.ctx, "currency_symbol") else ""
        self.segment_chart.set_figure(segment_chart(seg["summary"], cur), seg["summary"])
        from ...core.customers.rfm import localised_summary
        self.segment_model.set_frame(localised_summary(seg["summary"]))
        rfm = seg["rfm"]
        self.rfm_chart.set_figure(rfm_scatter(rfm, cur), rfm.reset_index() if not rfm.empty else None)
        clusters = seg["clusters"]
        lines = [self.tr("k-means on log recency, frequency and spend: k = %1 (best silhouette)")
                 .replace("%1", str(seg["kmeans"].get("k")))] if seg["kmeans"] else []
        lines += [f"• {d}" for d in (clusters["description"] if not clusters.empty else [])]
        lines += seg["messages"]
        self.cluster_text.setText("\n".join(lines))
        self._show_cohorts()
        run = res.get("run")
        if run is not None:
            self._show_run(run.tables, run.metrics, run.version_warnings())
        elif not rfm.empty:
            # no model yet: the table shows the segments
            t = rfm.reset_index()
            self._set_scores(t)
            self.status.setText(self.tr("No model trained yet: press Train and score."))
        self._ready = True
        self.ready.emit()

    def _show_cohorts(self) -> None:
        from ...core.customers.charts import cohort_heatmap
        from ...core.customers.cohorts import partial_month

        kind = self.cohort_kind.currentData() or "retention"
        m = self._overview.get(kind)
        if m is None:
            return
        partial = partial_month(self._overview.get("cohorts", pd.DataFrame()))
        self.cohort_chart.set_figure(cohort_heatmap(m, "retention" if kind == "retention" else "revenue",
                                                    partial_month=partial), self._overview.get("cohorts"))

    # -- training -----------------------------------------------------------------------------
    def selected_models(self) -> list[str]:
        return [n for n, b in self.model_boxes.items() if b.isChecked()]

    def train(self) -> None:
        """Train the chosen models in the background and score every customer."""
        path = self.ctx.shop_path
        models = self.selected_models()
        if path is None or not models:
            self.status.setText(self.tr("Choose at least one model."))
            return
        self.ctx.settings.setValue("customers/horizon", self.horizon.value())
        params = {"horizon": self.horizon.value(), "models": models, "evaluate": self.evaluate_box.isChecked(),
                  "threshold": round(self.threshold.value(), 2),
                  "model_params": {"mlp": {"epochs": self.epochs.value()}} if "mlp" in models else None}
        self.train_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.start()
        self.status.setText(self.tr("Training…"))
        self.ctx.runner.start("customers.train", lambda st: _train(path, st, params),
                              on_done=self._trained, on_progress=self._progress,
                              on_cancelled=self._train_cancelled, on_error=self._train_failed,
                              title=self.tr("Training customer models"))

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.set_fraction(fraction)
        if message:
            self.status.setText(message)

    def _train_finished(self) -> None:
        self.progress.finish()
        self.train_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _train_cancelled(self) -> None:
        self._train_finished()
        self.status.setText(self.tr("Training cancelled; nothing was stored."))

    def _train_failed(self, exc) -> bool:
        self._train_finished()
        self.status.setText(self.tr("Training failed: %1").replace("%1", str(exc)))
        return False

    def _trained(self, result) -> None:
        self._train_finished()
        self._show_run(result.tables(), result.summary, [])

    def _show_run(self, tables: dict, summary: dict, warnings: list[str]) -> None:
        from ...core.customers.charts import calibration_chart, importance_chart, roc_chart

        self._tables = tables
        self._set_scores(tables.get("scores", pd.DataFrame()))
        metrics = tables.get("metrics", pd.DataFrame())
        keep = [c for c in ("model", "stage", "roc_auc", "pr_auc", "brier", "brier_base_rate", "top_decile_lift",
                            "accuracy", "precision", "recall", "f1", "seconds") if c in metrics]
        self.metrics_model.set_frame(metrics[keep] if keep else metrics)
        stage = "test" if not metrics.empty and (metrics["stage"] == "test").any() else "validation"
        self.roc_chart.set_figure(roc_chart(tables.get("roc"), metrics, stage), tables.get("roc"))
        self.calibration_chart.set_figure(calibration_chart(tables.get("calibration")), tables.get("calibration"))
        self.importance_chart.set_figure(importance_chart(tables.get("importance")), tables.get("importance"))
        coef = tables.get("coefficients", pd.DataFrame())
        keep = [c for c in ("description", "coefficient", "direction") if c in coef]
        self.coef_model.set_frame(coef[keep] if keep else coef)
        parts = []
        if summary.get("chosen_model"):
            parts.append(self.tr("Scores as of %1 for the next %2 days; chosen model: %3.")
                         .replace("%1", str(summary.get("asof"))).replace("%2", str(summary.get("horizon")))
                         .replace("%3", str(summary.get("chosen_model"))))
        parts += list(summary.get("messages", [])) + list(warnings)
        self.status.setText("\n".join(parts))

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
        df = self._scores
        if df.empty:
            return df
        seg = self.segment_filter.currentData()
        if seg:
            df = df[df["segment"] == seg]
        text = self.filter_edit.text().strip().lower()
        if text:
            cols = [c for c in ("customer_id", "country", "segment", "top_reasons") if c in df]
            hay = df[cols].astype(str).agg(" ".join, axis=1).str.lower()
            df = df[hay.str.contains(text, regex=False)]
        return df

    def _apply_filter(self) -> None:
        df = self.visible_scores()
        cols = [c for c in ("customer_id", "segment", "purchase_probability", "churn_risk", "expected_value",
                            "last_order", "recency", "frequency", "monetary", "country", "top_reasons") if c in df]
        self.table_model.set_frame(df[cols] if cols else df)

    def _show_detail(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self.table_model.row(rows[0].row())
        cid = str(row["customer_id"])
        path = self.ctx.shop_path

        def work(state):
            from ...core.customers import customer_orders
            from ...core.store import Shop
            with Shop(path, readonly=True) as shop:
                return customer_orders(shop, cid)

        self.detail_chart.set_message(self.tr("Loading…"))
        self.ctx.runner.start("customers.detail", work, on_done=lambda orders: self._show_orders(cid, row, orders),
                              title=self.tr("Loading the customer's orders"))

    def _show_orders(self, cid: str, row, orders: pd.DataFrame) -> None:
        from ...core.customers.charts import customer_history_chart

        full = self._scores[self._scores["customer_id"].astype(str) == cid]
        info = full.iloc[0] if len(full) else row
        bits = [f"<b>{html.escape(cid)}</b> — {html.escape(str(info.get('segment', '')))}, "
                f"{html.escape(str(info.get('country', '')))}"]
        p = info.get("purchase_probability")
        if p is not None and p == p:
            bits.append(self.tr("Probability to buy: %1; expected value: %2")
                        .replace("%1", self.ctx.fmt_percent(p, 0))
                        .replace("%2", self.ctx.fmt_money(info.get("expected_value", 0) or 0, 0)))
        if info.get("top_reasons"):
            bits.append(self.tr("Why: %1").replace("%1", html.escape(str(info.get("top_reasons")))))
        if len(orders):
            bits.append(self.tr("%1 orders, first %2, last %3").replace("%1", self.ctx.fmt_int(len(orders)))
                        .replace("%2", self.ctx.fmt_day(orders["day"].min()))
                        .replace("%3", self.ctx.fmt_day(orders["day"].max())))
        else:
            bits.append(self.tr("No merchandise orders"))
        self.detail_text.setText("<br>".join(bits))
        self.detail_chart.set_figure(customer_history_chart(orders, cid), orders)

    def export(self, path: Optional[str] = None) -> bool:
        """Export the (filtered) customer table to CSV or Excel; File ▸ Export… calls this."""
        from ...core.customers.export import export_scores

        df = self.visible_scores()
        if df.empty:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export customers"), "customers.csv",
                                                  self.tr("CSV (*.csv);;Excel (*.xlsx)"))
            if not path:
                return True
        pseudo = self.pseudo_box.isChecked()
        if pseudo:
            with self.ctx.open_shop() as shop:
                export_scores(df, path, shop=shop, pseudonymise_ids=True)
        else:
            export_scores(df, path)
        self.status.setText(self.tr("Exported %1 customers to %2").replace("%1", str(len(df))).replace("%2", path))
        return True
