"""Chinese texts of File ▸ Export report… (the report dialog, issue 14)."""
ZH = {
    "MainWindow": {
        "Export &report…": "导出报告(&R)…",
        "Export report": "导出报告",
        "The shop has no sales to report on yet.": "店铺还没有可报告的销售数据。",
        "Writing the report": "正在写入报告",
        "Report written to %1": "报告已写入 %1",
    },
    "ReportDialog": {
        "Export report": "导出报告",
        "A month": "某个月",
        "From … to …": "从…到…",
        "Period:": "时间段：",
        "Language:": "语言：",
        "PDF (print or send)": "PDF（打印或发送）",
        "HTML (one file, opens offline)": "HTML（单个文件，可离线打开）",
        "Format:": "格式：",
        "Choose…": "选择…",
        "File:": "文件：",
        "Write the report": "写入报告",
        "Cancel": "取消",
        "PDF file (*.pdf)": "PDF 文件 (*.pdf)",
        "HTML file (*.html)": "HTML 文件 (*.html)",
    },
}
