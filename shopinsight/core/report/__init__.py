"""The one-page report (issue 14): key figures, sales, what changed, next period's forecast,
customers to win back, anomalies awaiting review, best sellers and a data-quality line, as a
self-contained HTML file or an A4 PDF, in English or Chinese.  No Qt.

    from shopinsight.core.report import ReportOptions, build_report
    build_report(shop, ReportOptions(out="nov.pdf", month="2011-11", lang="zh_CN"), reporter)
"""
from .build import ReportContent, ReportResult, Section, build_report, gather_content
from .options import FORMATS, ReportOptions, ReportPeriod, month_label, report_months, resolve_period

__all__ = ["ReportOptions", "ReportPeriod", "ReportResult", "ReportContent", "Section", "build_report",
           "gather_content", "resolve_period", "report_months", "month_label", "FORMATS"]
