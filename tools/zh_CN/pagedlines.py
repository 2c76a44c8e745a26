"""Chinese texts for the paged lines table (issue 16: rows before the count, reads on workers)."""
ZH = {
    "DataTab": {
        "At least %1 lines match · counting…": "至少 %1 行匹配 · 正在计数…",
    },
    "LinesModel": {
        "Counting lines": "正在统计明细行数",
        "Reading lines": "正在读取明细",
        "Indexing the order of the lines": "正在为明细排序建立定位点",
    },
}
