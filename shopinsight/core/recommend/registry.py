"""The recommenders the GUI and the CLI offer, by name."""
from __future__ import annotations

from ..i18n import N_, Labels, _
from .als import ALS
from .base import Recommender
from .baselines import BuyAgain, Popularity, Trending
from .content import ContentTFIDF
from .ease import EASE
from .hybrid import Hybrid
from .neighbours import ItemKNN
from .userknn import UserKNN

__all__ = ["MODELS", "make_model", "model_names", "model_label", "DESCRIPTIONS"]

MODELS: dict[str, type[Recommender]] = {
    cls.name: cls for cls in (Popularity, Trending, BuyAgain, ItemKNN, UserKNN, EASE, ALS, ContentTFIDF, Hybrid)
}

# id -> description; reading one gives it in the current language
DESCRIPTIONS = Labels({
    "popularity": N_("Best sellers: the same list for everyone (the yardstick)."),
    "trending": N_("Recent best sellers: the same list for everyone, recent sales count more."),
    "buy_again": N_("The customer's own favourites, frequent and recent first. Never suggests anything new."),
    "itemknn": N_("Customers who bought this also bought ... (item-to-item similarity)."),
    "userknn": N_("Customers who buy like this one also bought ... (customer-to-customer similarity)."),
    "ease": N_("A linear item-to-item model learned from all baskets at once (EASE)."),
    "als": N_("Hidden taste factors learned from who bought what (matrix factorisation, ALS)."),
    "content": N_("Products with similar names to what the customer bought (works for rarely bought items)."),
    "hybrid": N_("A blend of the models above, weighted by what worked best on recent weeks."),
})


def model_names() -> list[str]:
    """Registered model names, in display order."""
    return list(MODELS)


def model_label(name: str) -> str:
    """The model's name to show, in the current language (``name`` is the id)."""
    return _(MODELS[name].label)


def make_model(name: str, **params) -> Recommender:
    """A new (unfitted) recommender by name; unknown names are bad input."""
    from ..errors import InputError

    try:
        cls = MODELS[name]
    except KeyError:
        raise InputError(f"unknown model {name!r}; choose from {', '.join(MODELS)}",
                         value=name) from None
    return cls(**params)
