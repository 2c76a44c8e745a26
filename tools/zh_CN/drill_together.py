"""Chinese texts of the Recommendations tab's "bought together" drill-down (issue 15)."""
ZH: dict = {}
CORE = {
    "bought with {product}": "与{product}一同购买",
}
