"""What changed: the exact bridge of net sales between two periods, its top contributors and a
sentence in the user's language (issue 14).  No Qt.

    from shopinsight.core.explain import ExplainOptions, run_explain, bridge_figure
    result = run_explain(shop, ExplainOptions(period="2011-11", vs="previous"))
    result.to_dict(); result.text; bridge_figure(result); result.save(shop)
"""
from .bridge import bridge, logmean, lmdi, round_to_cents
from .charts import bridge_figure
from .periods import GRANULARITIES, Span, span_label
from .pipeline import (DIMENSION_LABELS, KIND, NOTE_TEXTS, PART_LABELS, ExplainOptions, ExplainResult,
                       options_for_overview, run_explain)

__all__ = ["ExplainOptions", "ExplainResult", "run_explain", "options_for_overview", "bridge_figure", "KIND", "PART_LABELS",
           "DIMENSION_LABELS", "NOTE_TEXTS", "GRANULARITIES", "Span", "span_label", "bridge", "logmean",
           "lmdi", "round_to_cents"]
