"""Customers: purchase probability, churn risk, expected value, RFM segments and cohorts.

Public entry points (no Qt, TensorFlow only inside :mod:`.deep`)::

    from shopinsight.core.customers import CustomerOptions, run_customers, CustomerResult, segments, cohort_table
"""
from .cohorts import cohort_matrix, cohort_table
from .data import History, customer_orders, day_number, day_text, load_history
from .features import FEATURES, customer_features
from .frames import NotEnoughData
from .models import DEFAULT_MODELS, MODEL_LABELS, MODELS, make_model
from .pipeline import (CustomerOptions, CustomerResult, TrainedModels, backtest, run_customers, score_customers,
                       segments, train_models)
from .rfm import SEGMENT_RULES, SEGMENTS, rfm_scores

__all__ = ["CustomerOptions", "run_customers", "score_customers", "segments", "backtest", "train_models", "cohort_table", "cohort_matrix",
           "load_history", "History", "customer_features", "FEATURES", "rfm_scores", "SEGMENTS",
           "SEGMENT_RULES", "MODELS", "MODEL_LABELS", "DEFAULT_MODELS", "make_model", "NotEnoughData",
           "CustomerResult", "TrainedModels", "day_number", "day_text", "customer_orders"]
