"""Product recommendations and frequently-bought-together rules (no Qt).

``load_interactions(shop, until=...)`` → :class:`Interactions`; a model from
``make_model(name)`` (popularity, buy_again, itemknn, ease, als, content, hybrid) is fitted with
``fit(interactions)`` and answers ``recommend(customer_ids, n, exclude_purchased=...)`` and
``similar_products(product_id, n)``.  ``rules.association_rules`` mines frequently bought
together pairs; ``evaluate`` measures models on a global time split; ``pipeline`` ties it all
together and stores runs in the shop.
"""
from .base import Recommender
from .interactions import Interactions, build_interactions, load_interactions, load_purchases
from .registry import DESCRIPTIONS, MODELS, make_model, model_names

__all__ = ["Recommender", "Interactions", "build_interactions", "load_interactions",
           "load_purchases", "MODELS", "DESCRIPTIONS", "make_model", "model_names"]
