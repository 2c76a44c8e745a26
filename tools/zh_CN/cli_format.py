"""Chinese texts of the CLI's help formatter (shopinsight/cli/argtext.py) for
tools/update_core_catalog.py."""
CORE = {
    "{help}; one of: {choices}": "{help}；可选：{choices}",
}
