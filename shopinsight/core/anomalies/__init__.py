"""Anomalies: an inbox of unusual lines, orders, days and customers, with reasons in words, the
owner's review, and a seeded self-test on the shop's own data (issue 13).  No Qt here."""
from .detectors import MODELS
from .levels import LEVELS
from .pipeline import (ITEM_COLUMNS, KIND, STATES, AnomalyOptions, AnomalyResult, check_review, load_anomalies,
                       parse_key, reviews, run_anomalies, set_review)
from .reasons import REASON_TEMPLATES, format_money, reason_text, reasons_text

__all__ = ["AnomalyOptions", "AnomalyResult", "run_anomalies", "load_anomalies", "set_review", "reviews",
           "parse_key", "check_review", "KIND", "STATES", "LEVELS", "MODELS", "ITEM_COLUMNS", "REASON_TEMPLATES", "format_money",
           "reason_text", "reasons_text"]
from .selftest import KINDS, SelfTestResult, load_self_test, run_self_test  # noqa: E402

__all__ += ["KINDS", "SelfTestResult", "load_self_test", "run_self_test"]
