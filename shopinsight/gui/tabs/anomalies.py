"""Anomalies tab: an inbox of unusual lines, orders, days and customers, with reasons and review.

Thin: the run, the reviews, the self-test, the context data and the chart all come from
:mod:`shopinsight.core.anomalies` (the same calls as ``shopinsight anomalies``).  Runs and the
self-test go to the task runner with progress and Cancel; a review is stored at once.
"""
from __future__ import annotations

import json
from functools import partial
from typing import Optional

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QWidget

from ...core.export import write_table
from ..widgets.chart import ChartView
from ..widgets.date_edit import date_edit, set_day
from ..widgets.frame_model import DataFrameModel
from ..widgets.frame_table import FrameTable
from ..widgets.job_tab import AnalysisTab, tr_args
from ..widgets.layout import STRETCH, button, combo, group, hbox, note, spin, splitter, vbox

__all__ = ["AnomaliesTab"]

SHOWN = ["rank", "level", "when", "what", "score", "reasons", "state"]


class AnomaliesTab(AnalysisTab):
    """Inbox (filters + table), detail (reasons, context chart, Confirm/Dismiss), run and self-test."""

    job_kind = "anomalies.run"
    cancel_kinds = ("anomalies.selftest",)
    busy_kinds = ("anomalies.context",)
    result_type = "shopinsight.core.anomalies:AnomalyResult"
    setup_loader = "shopinsight.core.jobs:anomalies_setup"      # the stored self-test and the date range

    def __init__(self, ctx, parent: Optional[QWidget] = None):
        super().__init__(ctx, parent)
        self.setObjectName("AnomaliesTab")
        self.view_frame = pd.DataFrame()   # the filtered rows (with keys)

        # -- run bar
        self.level_combo = combo(self._levels().items())
        from ...core.deep_available import deep_available     # looks for TensorFlow without importing it
        full = deep_available()
        self.ae_check = QCheckBox(self.tr("Autoencoder"))
        self.ae_check.setEnabled(full)
        self.ae_check.setToolTip(self.tr("Also score with a neural-network autoencoder (slower)") if full
                                 else self.tr("The autoencoder needs the full edition of ShopInsight (with TensorFlow)"))
        self.run_button = button(self.tr("Find anomalies"), self.run)
        self.selftest_button = button(self.tr("Self-test"), self.self_test, tooltip=self.tr(
            "Inject known problems into a copy of recent history and count how many are found"))
        self.start_buttons = (self.run_button, self.selftest_button)

        # -- filters
        self.f_level = combo(((None, self.tr("All levels")), *list(self._levels().items())[1:]),
                             on_change=self.apply_filters)
        self.f_state = combo(((None, self.tr("All states")), *self._states().items()), on_change=self.apply_filters)
        self.f_score = spin(0.0, 1.0, 0.0, step=0.05, decimals=2)
        self.f_from, self.f_to = date_edit(), date_edit()
        for d in (self.f_from, self.f_to):
            d.dateChanged.connect(self.apply_filters)
        self.f_score.valueChanged.connect(self.apply_filters)

        # -- inbox table
        self.model = DataFrameModel(ctx=ctx, headers=self._headers(),
                                    formats={"score": "float3", "when": "datetime", "rank": "int"})
        self.table = FrameTable(self.model, max_column_width=420, single=True, on_row=self.show_item)
        self.table.setObjectName("anomalies_inbox")
        self.table.doubleClicked.connect(lambda _i: self.show_lines())

        # -- detail
        self.detail = note(self.tr("Select an item to see why it stands out."), style=None)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = ChartView(name="anomaly_context", min_height=240)
        self.confirm_button = button(self.tr("Confirm (C)"), lambda: self.review("confirmed"),
                                     tooltip=self.tr("A real problem: keep it and count its detectors more"))
        self.dismiss_button = button(self.tr("Dismiss (D)"), lambda: self.review("dismissed"),
                                     tooltip=self.tr("Not a problem: later runs will not raise it again"))
        self.lines_button = button(self.tr("Show lines"), self.show_lines,
                                   tooltip=self.tr("The lines behind this item, in the Data tab (or double-click it)"))
        for key, state in (("C", "confirmed"), ("D", "dismissed")):
            sc = QShortcut(QKeySequence(key), self.table)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda s=state: self.review(s))
        split = splitter(self.table, group(self.tr("Why it stands out"), self.detail, (self.chart, 1),
                                           hbox(self.confirm_button, self.dismiss_button, STRETCH, self.lines_button)),
                         vertical=True, sizes=[380, 320])

        # -- bottom: status, self-test, export
        self.status.setText(self.tr("Click Find anomalies to rank unusual lines, orders, days and customers."))
        self.selftest_label = note(style=None)
        self.export_button = button(self.tr("Export inbox…"), self.export, enabled=False)

        vbox(hbox(self.tr("Look at:"), self.level_combo, self.ae_check, self.run_button, self.selftest_button,
                        self.cancel_button, (self.progress, 1)),
                   hbox(self.tr("Level:"), self.f_level, self.tr("State:"), self.f_state,
                        self.tr("Minimum score:"), self.f_score, self.tr("From:"), self.f_from,
                        self.tr("To:"), self.f_to, STRETCH),
                   (split, 1), hbox((vbox(self.status, self.selftest_label), 1), self.export_button),
                   margins=(12, 10, 12, 6), parent=self)
        self._set_buttons()
        self.watch_shop()

    def title(self) -> str:
        return self.tr("Anomalies")

    # -- texts ----------------------------------------------------------------------------------
    def _levels(self) -> dict:
        return {"all": self.tr("Everything"), "lines": self.tr("Lines"), "orders": self.tr("Orders"),
                "days": self.tr("Days"), "customers": self.tr("Customers")}

    def _states(self) -> dict:
        return {"new": self.tr("New"), "confirmed": self.tr("Confirmed"), "dismissed": self.tr("Dismissed")}

    def _headers(self) -> dict:
        return {"rank": self.tr("Rank"), "level": self.tr("Level"), "when": self.tr("When"), "what": self.tr("What"),
                "score": self.tr("Score"), "reasons": self.tr("Reasons"), "state": self.tr("State")}

    def _reason_lines(self, reasons_json: str) -> list[str]:
        """The reasons as the core writes them, in the UI language (the core speaks it too)."""
        from ...core.anomalies.reasons import reason_text
        return [reason_text(r, money=self.ctx.fmt_money) for r in json.loads(reasons_json or "[]")[:3]]

    # -- stored runs and jobs ---------------------------------------------------------------------
    def clear(self) -> None:
        self.model.set_frame(pd.DataFrame(columns=SHOWN))
        self.chart.set_message(self.tr("Select an item to see it in context."))
        self.selftest_label.setText("")
        self._set_buttons()

    def show_setup(self, setup) -> None:
        selftest, (first, last) = setup
        set_day(self.f_from, first, quiet=True)
        set_day(self.f_to, last, quiet=True)
        self._show_selftest(selftest)

    def stored_text(self, result) -> str:
        return tr_args(self.tr("Last stored run (#%1) of %2: %3 items."), result.run_id,
                       self.ctx.fmt_datetime(result.created_at), self.ctx.fmt_int(len(result.items)))

    def options(self):
        """The run's options from the run bar (level; the autoencoder when ticked)."""
        from ...core.anomalies import AnomalyOptions
        from ...core.anomalies.detectors import DEFAULT_MODELS

        extra = ("autoencoder",) if self.ae_check.isEnabled() and self.ae_check.isChecked() else ()
        return AnomalyOptions(level=self.level_combo.currentData(), models=(*DEFAULT_MODELS, *extra))

    def run(self) -> None:
        """Rank the chosen level(s) in the background; the run is stored in the shop."""
        from ...core.jobs import Job

        self.start_job(Job("anomalies", self.options()),
                       message=self.tr("Looking for anomalies…"), title=self.tr("Finding anomalies"))

    def self_test(self) -> None:
        from ...core.jobs import Job

        self.start_job(Job("anomalies.selftest"), kind="anomalies.selftest",
                       on_done=self._tested, title=self.tr("Anomaly self-test"),
                       message=self.tr("Self-test: injecting problems into a copy of recent history…"))

    def _tested(self, res) -> None:
        self.status.setText(self.tr("Self-test done and stored."))
        self._show_selftest(res)

    def _show_selftest(self, res) -> None:
        # the result's sentence in the app's language (the core speaks it too), as a sentence
        text = res.sentence() if res is not None else self.tr(
            "No self-test yet: click Self-test to see how well problems are found on your own data.")
        self.selftest_label.setText(text[:1].upper() + text[1:])

    # -- inbox ----------------------------------------------------------------------------------
    def show_result(self, result) -> None:
        """The inbox of a run (a stored run's status line is then :meth:`stored_text`)."""
        self.apply_filters()
        self._set_buttons()
        self.status.setText(tr_args(self.tr("%1 items ranked in %2 s; %3 dismissed items left out."),
                                    self.ctx.fmt_int(len(result.items)), self.ctx.fmt_number(result.seconds, 1),
                                    self.ctx.fmt_int(result.suppressed)))

    def apply_filters(self, *_args) -> None:
        if self.result is None:
            return
        from ...core.anomalies.pipeline import filter_items
        self.view_frame = filter_items(self.result.items, self.f_level.currentData(), self.f_state.currentData(),
                                       self.f_score.value(), self.f_from.date().toString("yyyy-MM-dd"),
                                       self.f_to.date().toString("yyyy-MM-dd"))
        v = self.view_frame
        self.model.set_frame(v.assign(
            rank=v["rank"].astype(int), level=v["level"].map(self._levels()), score=v["score"].astype(float),
            what=[self._what(row) for row in v.to_dict("records")], state=v["state"].map(self._states()),
            reasons=["; ".join(self._reason_lines(r)) for r in v["reasons_json"]]), SHOWN)
        if len(v):
            self.table.selectRow(0)

    def _what(self, row) -> str:
        lv = row["level"]
        if lv == "lines":
            return tr_args(self.tr("%1 in order %2"), row["what"], row["order_id"])
        if lv == "orders":
            return tr_args(self.tr("order %1 (customer %2)"), row["order_id"],
                           row["customer_id"] if row["customer_id"] else self.tr("guest"))
        if lv == "customers":
            return tr_args(self.tr("customer %1"), row["customer_id"])
        if str(row.get("key", "")).startswith("week:"):
            return tr_args(self.tr("week of %1"), self.ctx.fmt_day(row["day"], long=True))
        return self.ctx.fmt_day(row["day"], long=True)

    def _source_row(self, view_row: int) -> Optional[pd.Series]:
        """The item behind a (possibly sorted) table row."""
        if view_row < 0 or view_row >= self.model.rowCount():
            return None
        rank = int(self.model.row(view_row)["rank"])
        match = self.view_frame[self.view_frame["rank"] == rank]
        return match.iloc[0] if len(match) else None

    def current_item(self) -> Optional[pd.Series]:
        return self._source_row(self.table.currentIndex().row())

    def show_item(self, view_row: int) -> None:
        item = self._source_row(view_row)
        self._set_buttons()
        if item is None:
            return
        lines = self._reason_lines(item["reasons_json"])
        self.detail.setText("\n".join(f"• {s}" for s in lines))
        from ...core.anomalies.charts import item_context
        it = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in item.to_dict().items()}
        self.run_on_shop("anomalies.context", lambda shop, rep: (it, item_context(shop, it)), self._draw_context,
                         title=self.tr("Loading the item's context"))

    def _draw_context(self, loaded) -> None:
        from ...core.anomalies.charts import context_figure

        item, data = loaded          # the chart's words come from the core catalog, in the app's language
        from ...core.drill import context_lines      # a click on a line, order or day: its lines
        self.chart.set_figure(partial(context_figure, item, data, money=self.ctx.fmt_compact_money), data,
                              drill=context_lines)

    def show_lines(self) -> None:
        """The lines behind the selected item, in the Data tab (core.drill.anomaly_lines)."""
        from ...core.drill import anomaly_lines
        item = self.current_item()
        if item is not None:
            self.ctx.show_lines(anomaly_lines(item.to_dict()))

    def _set_buttons(self) -> None:
        has = self.current_item() is not None if self.result is not None else False
        for b in (self.confirm_button, self.dismiss_button, self.lines_button):
            b.setEnabled(has)
        self.export_button.setEnabled(self.result is not None and len(self.result.items) > 0)

    def review(self, state: str) -> None:
        """Store the verdict on the selected item at once and show it in the inbox."""
        item = self.current_item()
        if item is None or self.ctx.shop_path is None:
            return
        from ...core.anomalies import set_review

        with self.ctx.open_shop() as shop:
            set_review(shop, item["key"], state, run_id=self.result.run_id)
        row = self.table.currentIndex().row()
        self.result.items.loc[self.result.items["key"] == item["key"], "state"] = state
        self.apply_filters()
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(min(row + (1 if self.f_state.currentData() is None else 0), self.model.rowCount() - 1))
        self.status.setText(tr_args(self.tr("Stored: %1"), self._states()[state]))

    # -- export ---------------------------------------------------------------------------------
    def export(self, path: Optional[str] = None) -> bool:
        """The inbox as filtered, with reasons in words (CSV or Excel)."""
        if self.result is None or (path is None and self.ctx.headless):
            return False
        path = path or self.save_path(self.tr("Export inbox"), "anomalies.csv")
        if not path:
            return True
        table = self.result.table(keys=self.view_frame["key"] if len(self.view_frame) else ())
        write_table(table, path, "anomalies")
        self.status.setText(tr_args(self.tr("Exported %1 items to %2"), self.ctx.fmt_int(len(table)), path))
        return True
