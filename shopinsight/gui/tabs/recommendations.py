"""Recommendations tab: what to show each customer, what goes with each product, which model works.

Thin: every figure comes from :mod:`shopinsight.core.recommend` (the same calls as the
``recommend`` / ``similar`` / ``rules`` CLI verbs).  Training and evaluation run on the task
runner with progress and Cancel; a trained model is kept in memory for the customer and product
views (single-customer scoring is fast enough for the GUI thread).
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Optional

import pandas as pd
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from ...core import drill
from ...core.export import write_table
from ..widgets.chart import ChartView
from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable
from ..widgets.model_form import ModelForm
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.layout import STRETCH, button, group, hbox, note, page, pages, search_edit, spin, splitter, vbox

__all__ = ["RecommendationsTab"]

EXPORT_COLUMNS = ["customer_id", "rank", "product_id", "product_name", "score", "reason"]


class RecommendationsTab(AnalysisTab):
    """Customer view, product view and model comparison."""

    job_kind = "recommend.train"
    setup_loader = "shopinsight.core.jobs:recommend_setup"      # the newest stored model comparison
    run_loader = "shopinsight.core.recommend.pipeline:RecommendResult.load"   # refits the stored run's model
    long_load = True
    cancel_kinds = ("recommend.evaluate", "recommend.rules")
    busy_kinds = ("recommend.customer", "recommend.product")

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        from ...core.registries import RECOMMEND

        self.setObjectName("RecommendationsTab")
        self.model = None             # the fitted recommender of self.result
        self.evaluation: Optional[pd.DataFrame] = None

        # -- training bar (the model and its parameters: a form generated from the registry)
        self.model_form = ModelForm(RECOMMEND, compact=True)
        self.model_combo = self.model_form.combo
        self.k_spin = spin(1, 100, 10)
        self.exclude_box = QCheckBox(self.tr("Only products they have not bought"))
        self.tune_box = QCheckBox(self.tr("Tune on recent weeks (slower)"))
        self.train_button = button(self.tr("Train"), self.train)
        self.status.setText(self.tr("Choose a model and click Train."))

        # -- customer view
        self.customer_edit, self.customer_list = search_edit(self.tr("Customer id"), self, self.show_customer)
        self.customer_info = QLabel()
        self.history_model, self.recs_model, self.similar_model, self.together_model, self.eval_model = (
            DataFrameModel(ctx=ctx, headers=self._headers(), formats={"last_day": "day"}) for _ in range(5))
        history = FrameTable(self.history_model)      # a double-click: the customer's lines of that product
        history.doubleClicked.connect(lambda i: self.ctx.show_lines(drill.history_lines(
            self.model.interactions_, self.customer_edit.text(), self.history_model.row(i.row())["product_id"])))
        split = splitter(group(self.tr("Bought before"), history),
                         group(self.tr("Recommended"), FrameTable(self.recs_model)), sizes=[400, 700])
        cust = page(hbox(self.tr("Customer:"), (self.customer_edit, 1), (self.customer_info, 2)), (split, 1))

        # -- product view
        self.product_edit, self.product_list = search_edit(self.tr("Product id or name"), self, self.show_product)
        self.product_info = QLabel()
        self.together_chart = ChartView(name="bought_together", min_height=260, placeholder=self.tr(
            "Train a model, then choose a product to see what is bought with it."))
        prod = page(hbox(self.tr("Product:"), (self.product_edit, 1), (self.product_info, 2)),
                    (hbox((group(self.tr("Similar products"), FrameTable(self.similar_model)), 1),
                          (group(self.tr("Frequently bought together"), FrameTable(self.together_model)), 1)), 1),
                    (self.together_chart, 1))

        # -- model comparison
        # the yardsticks always run
        self.compare_form = ModelForm(RECOMMEND, multi=True, show_params=False, locked=RECOMMEND.always,
                                      checked=("itemknn", "ease", "hybrid"), compact=True)
        self.evaluate_button = button(self.tr("Compare models"), self.evaluate)
        self.start_buttons = (self.train_button, self.evaluate_button)
        self.eval_info = note(self.tr("Models learn from all but the last 28 days and are scored on "
                                      "what customers bought in those days (every product ranked)."), style=None)
        self.eval_chart = ChartView(name="model_comparison", min_height=260)
        comp = page(self.compare_form, hbox(self.evaluate_button, (self.eval_info, 1)),
                    (FrameTable(self.eval_model), 1), (self.eval_chart, 1))
        self.pages = pages((cust, self.tr("Customers")), (prod, self.tr("Products")),
                           (comp, self.tr("Compare models")))

        # -- exports
        self.export_recs_button = button(self.tr("Export recommendations…"), self.export, enabled=False)
        self.export_rules_button = button(self.tr("Export frequently-bought-together rules…"), self.export_rules)
        # two rows: the model with its parameters, then the choices and Train (one row clipped the
        # parameters' labels at 1280 px, "Validation da")
        vbox(hbox(self.tr("Model:"), self.model_form, self.tr("Products per customer:"), self.k_spin, STRETCH),
             hbox(self.exclude_box, self.tune_box, self.train_button, self.cancel_button, (self.progress, 1)),
             (self.pages, 1), hbox((self.status, 1), self.export_recs_button, self.export_rules_button),
             margins=(12, 10, 12, 6), parent=self)
        self.watch_shop()

    # -- tab protocol -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Recommendations")

    def _headers(self) -> dict[str, str]:
        return {"product_id": self.tr("Product"), "product_name": self.tr("Name"), "orders": self.tr("Orders"),
                "last_day": self.tr("Last bought"), "rank": self.tr("Rank"), "score": self.tr("Score"),
                "reason": self.tr("Why"), "lift": self.tr("Lift"), "confidence": self.tr("Confidence"),
                "label": self.tr("Model"), "mode": self.tr("Products"), "precision": self.tr("Precision@k"),
                "recall": self.tr("Recall@k"), "ndcg": self.tr("NDCG@k"), "hit_rate": self.tr("Hit rate"),
                "coverage": self.tr("Catalogue coverage"), "customers": self.tr("Customers"),
                "fit_seconds": self.tr("Fit seconds")}

    # -- stored runs ------------------------------------------------------------------------------
    def clear(self) -> None:
        self.model = None
        self.export_recs_button.setEnabled(False)
        for m in (self.history_model, self.recs_model, self.similar_model, self.together_model):
            m.set_frame(pd.DataFrame())
        self.customer_info.setText("")
        self.product_info.setText("")
        self.status.setText(self.tr("Choose a model and click Train."))
        self._show_evaluation(None)

    def show_setup(self, evaluation) -> None:
        self._show_evaluation(evaluation)

    def stored_text(self, result) -> str:
        return tr_args(self.tr("Last stored run (#%1): %2"), result.run_id, self.status.text())

    # -- training ---------------------------------------------------------------------------------
    def options(self):
        from ...core.recommend.pipeline import RecommendOptions
        return RecommendOptions(models=(self.model_form.current(),), k=self.k_spin.value(),
                                exclude_purchased=self.exclude_box.isChecked(), tune=self.tune_box.isChecked(),
                                model_params=self.model_form.params())

    def train(self) -> None:
        """Train the chosen model in the background and recommend for every customer."""
        from ...core.jobs import Job

        self.start_job(Job("recommend", self.options()), message=self.tr("Training…"),
                       title=self.tr("Training recommendations"))

    def show_result(self, result) -> None:
        if result.model is None:            # a stored model comparison
            self._show_evaluation(result.evaluation)
            return
        self.model = result.fitted[result.model]
        X = self.model.interactions_
        self.customer_list.setStringList([str(c) for c in X.customer_ids])
        self.product_list.setStringList(
            [f"{p} — {X.product_name(i)}" for i, p in enumerate(X.product_ids)])
        self.export_recs_button.setEnabled(True)
        n = result.recommendations["customer_id"].nunique()
        top = int(result.recommendations["rank"].max()) if len(result.recommendations) else self.k_spin.value()
        self.status.setText(tr_args(self.tr("%1: top %2 for %3 customers, learned from %4 – %5."),
                                    self.model_form.registry.label(result.model), top,
                                    self.ctx.fmt_int(n), self.ctx.fmt_day(result.data_from),
                                    self.ctx.fmt_day(result.data_to))
                            + "".join(" " + note for note in result.bounded_notes()))   # what a memory bound left out
        if len(X.customer_ids):
            self.show_customer(self.customer_edit.text() or str(X.customer_ids[0]))
        if len(X.product_ids) and not self.product_edit.text():
            top = int(self.model.popularity_.argmax())
            self.show_product(str(X.product_ids[top]))

    # -- customer and product views -----------------------------------------------------------------
    def show_customer(self, customer_id: str) -> None:
        """Show a customer's history and recommendations with reasons (scored on the worker)."""
        if self.model is None:
            return
        from ...core.recommend.pipeline import customer_view
        model, cid, n, exclude = self.model, str(customer_id).strip(), self.k_spin.value(), self.exclude_box.isChecked()
        self.customer_edit.setText(cid)
        self.ctx.runner.start("recommend.customer", lambda state: (
            model.interactions_.customer_rows([cid])[0] >= 0, *customer_view(model, cid, n=n, exclude_purchased=exclude)),
            on_done=self._customer_shown, on_error=self._failed, title=self.tr("Recommended"))

    def _customer_shown(self, view) -> None:
        known, history, recs = view
        self.customer_info.setText(
            tr_args(self.tr("%1 products bought before"), self.ctx.fmt_int(len(history))) if known
            else self.tr("Unknown customer: showing best sellers"))
        self.history_model.set_frame(history)
        self.recs_model.set_frame(recs, ("rank", "product_id", "product_name", "score", "reason"))

    def show_product(self, text: str) -> None:
        """Show similar products and products frequently bought with it (table and chart; computed on
        the worker)."""
        if self.model is None:
            return
        from ...core.recommend.pipeline import product_view

        model, product_id, n = self.model, str(text).split(" — ")[0].strip(), self.k_spin.value()
        self.ctx.runner.start("recommend.product", lambda state: product_view(model, product_id, n=n),
                              on_done=self._product_shown, on_error=self._product_failed,
                              title=self.tr("Similar products"))

    def _product_failed(self, exc) -> bool:
        from ...core.errors import InputError
        if isinstance(exc, InputError):           # an unknown product: said next to the box
            self.product_info.setText(str(exc))
            return True
        return self._failed(exc)

    def _product_shown(self, view) -> None:
        from ...core.recommend.charts import together_figure

        pid, name, together = view["product_id"], view["product_name"], view["together"]
        self.product_edit.setText(f"{pid} — {name}")
        if view["similar"] is not None:
            self.similar_model.set_frame(view["similar"])
            self.product_info.setText(name)
        else:
            self.similar_model.set_frame(pd.DataFrame())
            self.product_info.setText(tr_args(self.tr("%1 — this model has no product similarity; "
                                                      "choose item-kNN, EASE, ALS, content or hybrid"), name))
        self.together_model.set_frame(together, ("product_id", "product_name", "orders", "confidence", "lift",
                                                 "reason"))
        # the charts' words come from the core catalog, in the app's language; a bar: its orders' lines
        baskets = self.model.interactions_.basket_set() if self.model is not None else None
        self.together_chart.set_figure(partial(together_figure, together, name), together,
                                       drill=baskets and partial(drill.together_lines, baskets, pid))

    # -- comparison -------------------------------------------------------------------------------
    def evaluate(self) -> None:
        """Compare the ticked models on the last 28 days (in the background)."""
        from ...core.jobs import Job

        names = tuple(self.compare_form.selected())
        self.start_job(Job("recommend.evaluate", names, self.k_spin.value(), self.tune_box.isChecked()),
                       kind="recommend.evaluate", on_done=self._evaluated, message=self.tr("Comparing models…"),
                       title=self.tr("Comparing recommendation models"))

    def _evaluated(self, table: pd.DataFrame) -> None:
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
        t["label"] = [self.model_form.registry.label(m) for m in t["model"]]
        modes = {"include": self.tr("incl. repurchases"), "exclude": self.tr("new products only")}
        shown = t[["label", "mode", "precision", "recall", "ndcg", "hit_rate", "coverage", "customers",
                   "fit_seconds"]].copy()
        shown["mode"] = shown["mode"].map(modes)
        self.eval_model.set_frame(shown.round(4))
        self.eval_chart.set_figure(partial(model_comparison_figure, t, "recall"), shown)

    # -- export -----------------------------------------------------------------------------------
    def export(self, path: Optional[str] = None) -> bool:
        """Save the recommendations for all customers (CSV or Excel); False when none yet."""
        if self.result is None:
            return False
        path = path or self.save_path(self.tr("Export recommendations"), str(Path.home() / "recommendations.csv"))
        if path:
            write_table(self.result.recommendations[EXPORT_COLUMNS], path, "recommendations")
            self.status.setText(tr_args(self.tr("Saved %1"), path))
        return True

    def export_rules(self, path: Optional[str] = None) -> None:
        """Mine frequently-bought-together rules in the background and save them (CSV or Excel)."""
        path = path or self.save_path(self.tr("Export rules"), str(Path.home() / "bought_together_rules.csv"))
        if not path:
            return

        from ...core.jobs import Job

        # the same call as `shopinsight rules` (stored as a run of kind rules), then the file
        self.start_job(Job("rules.export", str(path)), kind="recommend.rules",
                       title=self.tr("Finding products bought together"),
                       on_done=lambda info: self.status.setText(tr_args(
                           self.tr("Saved %1 rules (support ≥ %2 of orders) to %3"), self.ctx.fmt_int(info["rules"]),
                           self.ctx.fmt_percent(info["min_support"], 2), path)))
