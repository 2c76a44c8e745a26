"""Chinese texts of the importer's progress (shopinsight/core/importer/run.py) for
tools/update_core_catalog.py."""
CORE = {
    "adding new lines": "正在添加新明细行",
}
