"""Recommendations tab: what to show each customer, what goes with each product, which model works.

Thin: every figure comes from :mod:`shopinsight.core.recommend` (the same calls as the
``recommend`` / ``similar`` / ``rules`` CLI verbs).  Training and evaluation run on the task
runner with progress and Cancel; a trained model is kept in memory for the customer and product
views (single-customer scoring is fast enough for the GUI thread).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ...core.export import write_table
from ..widgets.chart import ChartView
from ..widgets.job_progress import JobProgress
from ..widgets.job_tab import JobTabMixin
from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable

__all__ = ["RecommendationsTab"]

EXPORT_COLUMNS = ["customer_id", "rank", "product_id", "product_name", "score", "reason"]


def _table(model: DataFrameModel) -> FrameTable:
    return FrameTable(model)


class RecommendationsTab(JobTabMixin, QWidget):
    """Customer view, product view and model comparison."""

    job_kinds = ("recommend.train", "recommend.evaluate")

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(parent)
        from ...core.recommend.registry import MODELS, DESCRIPTIONS

        self.setObjectName("RecommendationsTab")
        self.ctx = ctx
        self.result = None            # RecommendResult of the last training
        self.model = None             # its fitted recommender
        self.evaluation: Optional[pd.DataFrame] = None
        labels = self._model_labels()

        # -- training bar
        self.model_combo = QComboBox()
        for name in MODELS:
            self.model_combo.addItem(labels.get(name, name), name)
            self.model_combo.setItemData(self.model_combo.count() - 1, self.tr(DESCRIPTIONS[name]),
                                         Qt.ItemDataRole.ToolTipRole)
        self.model_combo.setCurrentIndex(self.model_combo.findData("hybrid"))
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, 100)
        self.k_spin.setValue(10)
        self.exclude_box = QCheckBox(self.tr("Only products they have not bought"))
        self.tune_box = QCheckBox(self.tr("Tune on recent weeks (slower)"))
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.clicked.connect(self.train)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = JobProgress()
        self.status = QLabel(self.tr("Choose a model and click Train."))
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Model:")))
        bar.addWidget(self.model_combo)
        bar.addWidget(QLabel(self.tr("Products per customer:")))
        bar.addWidget(self.k_spin)
        bar.addWidget(self.exclude_box)
        bar.addWidget(self.tune_box)
        bar.addWidget(self.train_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress, 1)

        # -- customer view
        self.customer_edit = QLineEdit()
        self.customer_edit.setPlaceholderText(self.tr("Customer id"))
        # keep the list models referenced: a completer does not own a model passed to it
        self.customer_list = QStringListModel(self)
        self.customer_completer = QCompleter(self.customer_list, self)
        self.customer_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.customer_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(self.customer_completer)
        self.customer_edit.returnPressed.connect(lambda: self.show_customer(self.customer_edit.text()))
        self.customer_completer.activated.connect(self.show_customer)
        self.customer_info = QLabel()
        self.history_model = DataFrameModel(ctx=ctx, headers=self._headers())
        self.recs_model = DataFrameModel(ctx=ctx, headers=self._headers())
        split = QSplitter()
        for title, model in ((self.tr("Bought before"), self.history_model),
                             (self.tr("Recommended"), self.recs_model)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(_table(model))
            split.addWidget(box)
        split.setSizes([400, 700])
        cust = QWidget()
        cl = QVBoxLayout(cust)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Customer:")))
        row.addWidget(self.customer_edit, 1)
        row.addWidget(self.customer_info, 2)
        cl.addLayout(row)
        cl.addWidget(split, 1)

        # -- product view
        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("Product id or name"))
        self.product_list = QStringListModel(self)
        self.product_completer = QCompleter(self.product_list, self)
        self.product_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.product_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.product_edit.setCompleter(self.product_completer)
        self.product_edit.returnPressed.connect(lambda: self.show_product(self.product_edit.text()))
        self.product_completer.activated.connect(self.show_product)
        self.product_info = QLabel()
        self.similar_model = DataFrameModel(ctx=ctx, headers=self._headers())
        self.together_model = DataFrameModel(ctx=ctx, headers=self._headers())
        self.together_chart = ChartView(name="bought_together", min_height=260, placeholder=self.tr(
            "Train a model, then choose a product to see what is bought with it."))
        prod = QWidget()
        pl = QGridLayout(prod)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Product:")))
        row.addWidget(self.product_edit, 1)
        row.addWidget(self.product_info, 2)
        pl.addLayout(row, 0, 0, 1, 2)
        for col, (title, model) in enumerate(((self.tr("Similar products"), self.similar_model),
                                              (self.tr("Frequently bought together"), self.together_model))):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(_table(model))
            pl.addWidget(box, 1, col)
        pl.addWidget(self.together_chart, 2, 0, 1, 2)
        pl.setRowStretch(1, 1)
        pl.setRowStretch(2, 1)

        # -- model comparison
        self.compare_boxes: dict[str, QCheckBox] = {}
        boxes = QHBoxLayout()
        for name in MODELS:
            b = QCheckBox(labels.get(name, name))
            b.setToolTip(self.tr(DESCRIPTIONS[name]))
            b.setChecked(name in ("popularity", "buy_again", "itemknn", "ease", "hybrid"))
            if name in ("popularity", "buy_again"):
                b.setEnabled(False)           # the yardsticks always run
            self.compare_boxes[name] = b
            boxes.addWidget(b)
        boxes.addStretch(1)
        self.evaluate_button = QPushButton(self.tr("Compare models"))
        self.evaluate_button.clicked.connect(self.evaluate)
        self.start_buttons = (self.train_button, self.evaluate_button)
        self.eval_info = QLabel(self.tr("Models learn from all but the last 28 days and are scored on "
                                        "what customers bought in those days (every product ranked)."))
        self.eval_info.setWordWrap(True)
        self.eval_model = DataFrameModel(ctx=ctx, headers=self._headers())
        self.eval_chart = ChartView(name="model_comparison", min_height=260)
        comp = QWidget()
        vl = QVBoxLayout(comp)
        vl.addLayout(boxes)
        r2 = QHBoxLayout()
        r2.addWidget(self.evaluate_button)
        r2.addWidget(self.eval_info, 1)
        vl.addLayout(r2)
        vl.addWidget(_table(self.eval_model), 1)
        vl.addWidget(self.eval_chart, 1)

        self.pages = QTabWidget()
        self.pages.addTab(cust, self.tr("Customers"))
        self.pages.addTab(prod, self.tr("Products"))
        self.pages.addTab(comp, self.tr("Compare models"))

        # -- exports
        self.export_recs_button = QPushButton(self.tr("Export recommendations…"))
        self.export_recs_button.setEnabled(False)
        self.export_recs_button.clicked.connect(lambda: self.export())
        self.export_rules_button = QPushButton(self.tr("Export frequently-bought-together rules…"))
        self.export_rules_button.clicked.connect(lambda: self.export_rules())
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_recs_button)
        bottom.addWidget(self.export_rules_button)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 6)
        lay.addLayout(bar)
        lay.addWidget(self.pages, 1)
        lay.addLayout(bottom)

        ctx.shop_changed.connect(self.reload)
        ctx.data_changed.connect(self.reload)
        self.reload()

    # -- tab protocol -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Recommendations")

    def is_ready(self) -> bool:
        return not any(self.ctx.runner.is_running(k) for k in
                       ("recommend.train", "recommend.evaluate", "recommend.rules", "recommend.load"))

    def _model_labels(self) -> dict[str, str]:
        return {"popularity": self.tr("Popularity"), "trending": self.tr("Trending (recent best sellers)"),
                "buy_again": self.tr("Buy again"), "itemknn": self.tr("Item-kNN"),
                "userknn": self.tr("User-kNN"), "ease": self.tr("EASE"),
                "als": self.tr("ALS (matrix factorisation)"), "content": self.tr("Content (product names)"),
                "hybrid": self.tr("Hybrid")}

    def _headers(self) -> dict[str, str]:
        return {"product_id": self.tr("Product"), "product_name": self.tr("Name"), "orders": self.tr("Orders"),
                "last_day": self.tr("Last bought"), "rank": self.tr("Rank"), "score": self.tr("Score"),
                "reason": self.tr("Why"), "lift": self.tr("Lift"), "confidence": self.tr("Confidence"),
                "label": self.tr("Model"), "mode": self.tr("Products"), "precision": self.tr("Precision@k"),
                "recall": self.tr("Recall@k"), "ndcg": self.tr("NDCG@k"), "hit_rate": self.tr("Hit rate"),
                "coverage": self.tr("Catalogue coverage"), "customers": self.tr("Customers"),
                "fit_seconds": self.tr("Fit seconds")}

    # -- loading ----------------------------------------------------------------------------------
    def reload(self, *_args) -> None:
        """A new shop (or new data): forget the trained model, show the last stored comparison."""
        for kind in ("recommend.train", "recommend.evaluate"):
            self.ctx.runner.cancel(kind)
        self.result = self.model = None
        self.export_recs_button.setEnabled(False)
        for m in (self.history_model, self.recs_model, self.similar_model, self.together_model):
            m.set_frame(pd.DataFrame())
        self.customer_info.setText("")
        self.product_info.setText("")
        self.status.setText(self.tr("Choose a model and click Train."))
        self._show_evaluation(None)
        path = self.ctx.shop_path
        if path is None:
            return

        def work(state):
            from ...core.recommend.pipeline import load_last_recommend
            from ...core.store import Shop
            with Shop(path) as shop:
                # the newest stored comparison (a plain training run has no evaluation table)
                evaluation = None
                for run_id in shop.list_runs("recommend")["run_id"]:
                    run = shop.load_run(int(run_id))
                    if "evaluation" in run.tables:
                        evaluation = run.tables["evaluation"]
                        break
                # and the last trained recommendations, shown again as they were stored
                return evaluation, load_last_recommend(shop, progress=state.reporter)

        self.ctx.runner.start("recommend.load", work, on_done=self._restored,
                              title=self.tr("Loading the last recommendations"))

    def _restored(self, loaded) -> None:
        evaluation, last = loaded
        self._show_evaluation(evaluation)
        if last is not None:
            self._trained(last)
            self.status.setText(self.tr("Last stored run (#%1): %2").replace("%1", str(last.run_id))
                                .replace("%2", self.status.text()))

    # -- training ---------------------------------------------------------------------------------
    def train(self) -> None:
        """Train the chosen model in the background and recommend for every customer."""
        path = self.ctx.shop_path
        if path is None:
            return
        model, k = self.model_combo.currentData(), self.k_spin.value()
        exclude, tune = self.exclude_box.isChecked(), self.tune_box.isChecked()

        def work(state):
            from ...core.recommend.pipeline import run_recommend
            from ...core.store import Shop
            with Shop(path) as shop:
                return run_recommend(shop, models=[model], k=k, exclude_purchased=exclude, tune=tune,
                                     progress=state.reporter)

        self._busy(True)
        self.status.setText(self.tr("Training…"))
        self.ctx.runner.start("recommend.train", work, on_done=self._trained, on_progress=self._progress,
                              on_cancelled=self._cancelled, on_error=self._failed,
                              title=self.tr("Training recommendations"))

    def _trained(self, result) -> None:
        self._busy(False)
        self.result = result
        self.model = result.fitted[result.model]
        X = self.model.interactions_
        self.customer_list.setStringList([str(c) for c in X.customer_ids])
        self.product_list.setStringList(
            [f"{p} — {X.product_name(i)}" for i, p in enumerate(X.product_ids)])
        self.export_recs_button.setEnabled(True)
        n = result.recommendations["customer_id"].nunique()
        self.status.setText(self.tr("%1: top %2 for %3 customers, learned from %4 – %5.")
                            .replace("%1", self._model_labels().get(result.model, result.model))
                            .replace("%2", str(int(result.recommendations["rank"].max())
                                               if len(result.recommendations) else self.k_spin.value()))
                            .replace("%3", self.ctx.fmt_int(n))
                            .replace("%4", self.ctx.fmt_day(result.data_from))
                            .replace("%5", self.ctx.fmt_day(result.data_to)))
        if len(X.customer_ids):
            self.show_customer(self.customer_edit.text() or str(X.customer_ids[0]))
        if len(X.product_ids) and not self.product_edit.text():
            top = int(self.model.popularity_.argmax())
            self.show_product(str(X.product_ids[top]))

    # -- customer and product views -----------------------------------------------------------------
    def show_customer(self, customer_id: str) -> None:
        """Show a customer's history and recommendations with reasons."""
        if self.model is None:
            return
        from ...core.recommend.pipeline import customer_view
        cid = str(customer_id).strip()
        self.customer_edit.setText(cid)
        history, recs = customer_view(self.model, cid, n=self.k_spin.value(),
                                      exclude_purchased=self.exclude_box.isChecked())
        known = self.model.interactions_.customer_rows([cid])[0] >= 0
        self.customer_info.setText(
            self.tr("%1 products bought before").replace("%1", self.ctx.fmt_int(len(history))) if known
            else self.tr("Unknown customer: showing best sellers"))
        self.history_model.set_frame(history)
        self.recs_model.set_frame(recs[["rank", "product_id", "product_name", "score", "reason"]])

    def show_product(self, text: str) -> None:
        """Show similar products and products frequently bought with it (table and chart)."""
        if self.model is None:
            return
        from ...core.errors import InputError
        from ...core.recommend.charts import together_figure
        from ...core.recommend.rules import Baskets, bought_together

        product_id = str(text).split(" — ")[0].strip()
        X = self.model.interactions_
        try:
            col = X.product_col(product_id)
        except InputError as exc:
            self.product_info.setText(str(exc))
            return
        pid, name = str(X.product_ids[col]), X.product_name(col)
        self.product_edit.setText(f"{pid} — {name}")
        if self.model.has_similarity:
            self.similar_model.set_frame(self.model.similar_products(pid, n=self.k_spin.value()))
            self.product_info.setText(name)
        else:
            self.similar_model.set_frame(pd.DataFrame())
            self.product_info.setText(self.tr("%1 — this model has no product similarity; "
                                              "choose item-kNN, EASE, ALS, content or hybrid").replace("%1", name))
        together = bought_together(Baskets(X.baskets, X.product_ids, X.product_names, X.data_from, X.data_to),
                                   pid, n=self.k_spin.value())
        self.together_model.set_frame(together[["product_id", "product_name", "orders", "confidence",
                                                "lift", "reason"]])
        texts = {"title": self.tr("Bought together with {p}"), "orders": self.tr("orders together"),
                 "lift": self.tr("lift"), "no_data": self.tr("Not bought together with anything yet")}
        self.together_chart.set_figure(together_figure(together, name, texts), together)

    # -- comparison -------------------------------------------------------------------------------
    def evaluate(self) -> None:
        """Compare the ticked models on the last 28 days (in the background)."""
        path = self.ctx.shop_path
        if path is None:
            return
        names = [n for n, b in self.compare_boxes.items() if b.isChecked()]
        k, tune = self.k_spin.value(), self.tune_box.isChecked()

        def work(state):
            from ...core.recommend.pipeline import run_evaluation
            from ...core.store import Shop
            with Shop(path) as shop:
                return run_evaluation(shop, names, k=k, tune=tune, progress=state.reporter).table

        self._busy(True)
        self.status.setText(self.tr("Comparing models…"))
        self.ctx.runner.start("recommend.evaluate", work, on_done=self._evaluated,
                              on_progress=self._progress, on_cancelled=self._cancelled,
                              on_error=self._failed, title=self.tr("Comparing recommendation models"))

    def _evaluated(self, table: pd.DataFrame) -> None:
        self._busy(False)
        self.status.setText(self.tr("Model comparison done and stored."))
        self._show_evaluation(table)

    def _show_evaluation(self, table: Optional[pd.DataFrame]) -> None:
        from ...core.recommend.charts import model_comparison_figure

        self.evaluation = table
        if table is None or table.empty:
            self.eval_model.set_frame(pd.DataFrame())
            self.eval_chart.set_message(self.tr("No model comparison yet: click Compare models."))
            return
        t = table.copy()
        labels = self._model_labels()
        t["label"] = [labels.get(m, m) for m in t["model"]]
        modes = {"include": self.tr("incl. repurchases"), "exclude": self.tr("new products only")}
        shown = t[["label", "mode", "precision", "recall", "ndcg", "hit_rate", "coverage", "customers",
                   "fit_seconds"]].copy()
        shown["mode"] = shown["mode"].map(modes)
        self.eval_model.set_frame(shown.round(4))
        texts = {"title": self.tr("Recall@{k} per model (test period, full ranking)"), **modes,
                 "no_data": self.tr("No evaluation yet")}
        self.eval_chart.set_figure(model_comparison_figure(t, "recall", texts), shown)

    # -- export -----------------------------------------------------------------------------------
    def _ask_path(self, caption: str, name: str) -> Optional[str]:
        path, _ = QFileDialog.getSaveFileName(self, caption, str(Path.home() / name),
                                              self.tr("CSV (*.csv);;Excel (*.xlsx)"))
        return path or None

    def export(self, path: Optional[str] = None) -> bool:
        """Save the recommendations for all customers (CSV or Excel); False when none yet."""
        if self.result is None:
            return False
        path = path or self._ask_path(self.tr("Export recommendations"), "recommendations.csv")
        if path:
            write_table(self.result.recommendations[EXPORT_COLUMNS], path, "recommendations")
            self.status.setText(self.tr("Saved %1").replace("%1", path))
        return True

    def export_rules(self, path: Optional[str] = None) -> None:
        """Mine frequently-bought-together rules in the background and save them (CSV or Excel)."""
        shop_path = self.ctx.shop_path
        if shop_path is None:
            return
        path = path or self._ask_path(self.tr("Export rules"), "bought_together_rules.csv")
        if not path:
            return

        def work(state):
            from ...core.recommend.rules import association_rules, load_baskets
            from ...core.store import Shop
            with Shop(shop_path) as shop:
                rules, info = association_rules(load_baskets(shop), progress=state.reporter)
            write_table(rules, path, "rules")
            return info

        def done(info):
            self.status.setText(self.tr("Saved %1 rules (support ≥ %2 of orders) to %3")
                                .replace("%1", self.ctx.fmt_int(info["rules"]))
                                .replace("%2", self.ctx.fmt_percent(info["min_support"], 2))
                                .replace("%3", path))

        self.ctx.runner.start("recommend.rules", work, on_done=done, on_progress=self._progress,
                              title=self.tr("Finding products bought together"))
