"""Forecasting models: baselines, linear, gradient boosting, intermittent and deep (Keras)."""
from .registry import BASELINES, DEFAULT_MODELS, MODELS, ModelInfo, Param, create_model, get_model

__all__ = ["MODELS", "BASELINES", "DEFAULT_MODELS", "ModelInfo", "Param", "create_model", "get_model"]
