"""The data-quality report: what an import (or the whole shop) flagged, rejected and skipped.

Shown on the import wizard's last page and in the Data tab.  It only displays the counts the
core importer stored (``imports.quality_json`` / :func:`shopinsight.core.quality.shop_quality`)
and examples of rejected rows (``Shop.rejected``); it computes nothing itself.
"""
from __future__ import annotations

import html
from typing import Any, Mapping, Optional

import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..core.classify import kind_label
from ..core.importer.reasons import reject_reason_text
from .widgets.frame_model import DataFrameModel

__all__ = ["QualityView", "quality_labels"]



def quality_labels() -> dict[str, str]:
    """Readable names of the importer's quality counts, in display order."""
    return {
        "rows_read": QCoreApplication.translate("QualityView", "Rows read"),
        "imported": QCoreApplication.translate("QualityView", "Lines imported"),
        "rejected": QCoreApplication.translate("QualityView", "Rows rejected"),
        "skipped_already_present": QCoreApplication.translate("QualityView", "Skipped: already in the shop"),
        "updated": QCoreApplication.translate("QualityView", "Already in the shop, updated to this file's values"),
        "duplicates_in_file": QCoreApplication.translate("QualityView", "Exact duplicates within the file (kept)"),
        "cancellations": QCoreApplication.translate("QualityView",
                                                    "Cancellation lines, any kind (goods, postage, fees)"),
        "cancellation_lines": QCoreApplication.translate("QualityView",
                                                         "Cancellation lines, any kind (goods, postage, fees)"),
        "non_merchandise_lines": QCoreApplication.translate("QualityView", "Postage, fees and adjustments"),
        "returns": QCoreApplication.translate("QualityView", "Returns"),
        "non_merchandise": QCoreApplication.translate("QualityView", "Postage, fees and adjustments"),
        "missing_customer": QCoreApplication.translate("QualityView", "No customer (guest)"),
        "missing_product_name": QCoreApplication.translate("QualityView", "No product name"),
        "zero_price": QCoreApplication.translate("QualityView", "Unit price 0"),
        "negative_price": QCoreApplication.translate("QualityView", "Negative unit price"),
        "negative_quantity": QCoreApplication.translate("QualityView", "Negative quantity"),
        "codes_normalised": QCoreApplication.translate("QualityView", "Product codes normalised (case, spaces)"),
        "names_trimmed": QCoreApplication.translate("QualityView", "Names with spaces trimmed"),
        "status_cancelled_zeroed": QCoreApplication.translate("QualityView", "Cancelled status: amount set to 0"),
        "amount_derived": QCoreApplication.translate("QualityView", "Amount computed as quantity × price"),
        "unit_price_derived": QCoreApplication.translate("QualityView", "Unit price computed from the amount"),
        "lines_with_extra_columns": QCoreApplication.translate("QualityView", "Lines with extra source data kept"),
        "products_with_several_names": QCoreApplication.translate("QualityView", "Product codes with several names"),
        "customers_with_several_countries": QCoreApplication.translate("QualityView", "Customers seen in several countries"),
        "orders_with_several_times": QCoreApplication.translate("QualityView", "Orders entered at several times"),
    }


def _is_count(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class QualityView(QWidget):
    """A headline, a table of findings with counts, and examples of rejected rows."""

    def __init__(self, ctx=None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._ctx = ctx
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.findings = QTableWidget(0, 2)
        self.findings.setHorizontalHeaderLabels([self.tr("Finding"), self.tr("Lines")])
        self.findings.verticalHeader().setVisible(False)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setAlternatingRowColors(True)
        self.findings.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.findings.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.rejected_label = QLabel()
        self.rejected_model = DataFrameModel(ctx=ctx, headers=self._rejected_headers(),
                                             formats={"line": "int"})
        self.rejected_view = QTableView()
        self.rejected_view.setModel(self.rejected_model)
        self.rejected_view.setSortingEnabled(True)
        self.rejected_view.verticalHeader().setVisible(False)
        self.rejected_view.setAlternatingRowColors(True)
        self.rejected_view.setWordWrap(False)
        self.rejected_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.rejected_view.horizontalHeader().setStretchLastSection(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.headline)
        lay.addWidget(self.findings, 3)
        lay.addWidget(self.rejected_label)
        lay.addWidget(self.rejected_view, 2)
        self.clear()

    def _rejected_headers(self) -> dict[str, str]:
        return {"file": self.tr("File"), "line": self.tr("Line"), "column": self.tr("Column"),
                "value": self.tr("Value"), "reason": self.tr("Reason")}

    def _int(self, n: Any) -> str:
        if self._ctx is not None:
            return self._ctx.fmt_int(n)
        return f"{int(n):,}"

    # -- content ---------------------------------------------------------------------------
    def clear(self, message: str = "") -> None:
        """Show nothing but ``message``."""
        self.headline.setText(message)
        self.findings.setRowCount(0)
        self.rejected_label.setText("")
        self.rejected_model.set_frame(pd.DataFrame(columns=list(self._rejected_headers())))

    def show_report(self, title: str, quality: Mapping[str, Any], rejected: Optional[pd.DataFrame] = None,
                    files: Optional[Mapping[int, str]] = None, rejected_total: Optional[int] = None) -> None:
        """Show ``quality`` (the importer's counts) and examples of ``rejected`` rows.

        ``rejected`` has the columns of :meth:`Shop.rejected`; ``files`` maps import ids to
        file names for its File column.
        """
        q = dict(quality or {})
        read, imported = q.get("rows_read"), q.get("imported", q.get("lines"))
        rejected_n = q.get("rejected", q.get("rejected_rows", 0)) or 0
        skipped = q.get("skipped_already_present", 0) or 0
        parts = []
        if _is_count(read):
            parts.append(self.tr("%1 rows read").replace("%1", self._int(read)))
        if _is_count(imported):
            parts.append(self.tr("%1 lines imported").replace("%1", self._int(imported)))
        parts.append(self.tr("%1 rejected").replace("%1", self._int(rejected_n)))
        parts.append(self.tr("%1 skipped (already in the shop)").replace("%1", self._int(skipped)))
        head = f"<b>{html.escape(title)}</b><br>" + " · ".join(parts)
        if q.get("first_day") and q.get("last_day"):
            d0 = self._ctx.fmt_day(q["first_day"]) if self._ctx else q["first_day"]
            d1 = self._ctx.fmt_day(q["last_day"]) if self._ctx else q["last_day"]
            head += "<br>" + self.tr("Dates from %1 to %2").replace("%1", d0).replace("%2", d1)
        if _is_count(q.get("orders")) and _is_count(q.get("customers")):
            # the shop's headline figures, as defined in core.facts (same as the Overview and `info`)
            head += "<br>" + self.tr("%1 orders · %2 customers (with a merchandise sale)").replace(
                "%1", self._int(q["orders"])).replace("%2", self._int(q["customers"]))
            if _is_count(q.get("net_sales")) and self._ctx is not None:
                head += " · " + self.tr("net sales %1").replace("%1", self._ctx.fmt_money(q["net_sales"]))
        date = q.get("date")
        if isinstance(date, Mapping) and date.get("format"):
            head += " · " + self.tr("date format %1").replace("%1", html.escape(str(date["format"])))
        self.headline.setText(head)

        labels = quality_labels()
        rows: list[tuple[str, Any, bool]] = []
        for key, label in labels.items():
            if key in ("rows_read", "imported", "rejected", "skipped_already_present"):
                continue
            if _is_count(q.get(key)) and q[key] > 0:     # a report lists what was found
                rows.append((label, q[key], True))
        by_reason = q.get("rejected_by_reason")
        if isinstance(by_reason, Mapping):
            for reason, n in by_reason.items():
                rows.append((self.tr("Rejected: %1").replace("%1", reject_reason_text(reason)), n, True))
        kinds = q.get("line_kinds")
        if isinstance(kinds, Mapping) and kinds:
            for kind, n in kinds.items():
                rows.append((self.tr("Lines of kind “%1”").replace("%1", kind_label(kind)), n, False))
        extra = q.get("extra_columns")
        if extra:
            rows.append((self.tr("Extra columns kept: %1").replace("%1", ", ".join(map(str, extra))), None, False))
        if q.get("pseudonymised"):
            rows.append((self.tr("Customer identities replaced by pseudonyms"), None, False))
        if not any(flagged for _l, _n, flagged in rows):
            rows.insert(0, (self.tr("No imported line was flagged."), None, False))
        self.findings.setRowCount(len(rows))
        for r, (label, n, flagged) in enumerate(rows):
            a = QTableWidgetItem(label)
            b = QTableWidgetItem("" if n is None else self._int(n))
            b.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.findings.setItem(r, 0, a)
            self.findings.setItem(r, 1, b)

        df = self._rejected_frame(rejected, files or {})
        self.rejected_model.set_frame(df)
        total = rejected_total if rejected_total is not None else rejected_n
        if not len(df):
            self.rejected_label.setText(self.tr("No rejected rows."))
        elif total and total > len(df):
            self.rejected_label.setText(self.tr("Rejected rows: the first %1 of %2")
                                        .replace("%1", self._int(len(df))).replace("%2", self._int(total)))
        else:
            self.rejected_label.setText(self.tr("Rejected rows"))
        self.rejected_view.setVisible(len(df) > 0)
        self.rejected_view.resizeColumnsToContents()
        for c in range(self.rejected_model.columnCount()):
            self.rejected_view.setColumnWidth(c, min(self.rejected_view.columnWidth(c), 260))

    @staticmethod
    def _rejected_frame(rejected: Optional[pd.DataFrame], files: Mapping[int, str]) -> pd.DataFrame:
        cols = ["file", "line", "column", "value", "reason"]
        if rejected is None or not len(rejected):
            return pd.DataFrame(columns=cols)
        return pd.DataFrame({
            "file": [files.get(int(i), str(i)) for i in rejected["import_id"]],
            "line": pd.to_numeric(rejected["source_row"], errors="coerce").astype("Int64"),
            "column": rejected["column_name"].astype(object).where(rejected["column_name"].notna(), ""),
            "value": rejected["value"].astype(object).where(rejected["value"].notna(), ""),
            "reason": [reject_reason_text(r) for r in rejected["reason"]],     # stored in English
        })

