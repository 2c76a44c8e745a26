"""Simplified Chinese texts of the forecast's "chosen:" words (model: series chosen for), for
tools/update_core_catalog.py."""

CORE = {
    "{model}: {n} series": "{model}：{n} 个序列",
}
