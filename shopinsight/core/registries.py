"""The three model families, registered in the one shape of :mod:`shopinsight.core.registry`.

This module imports nothing heavy (factories are import strings), so the CLI builds its
``--help`` from it and the GUI lists the models without loading scikit-learn or TensorFlow.
Labels, descriptions and parameter labels are English ``N_`` texts, translated when read.
"""
from __future__ import annotations

from .i18n import N_
from .registry import ModelInfo, Param, Registry

__all__ = ["FORECAST", "CUSTOMERS", "RECOMMEND"]

# -- forecast ---------------------------------------------------------------------------------
_F = "shopinsight.core.forecast.models."
_CROSTON_ALPHA = Param("alpha", "float", 0.1, N_("Smoothing α"), 0.01, 1.0, help_en=N_("smoothing of demand size"))

FORECAST = Registry("forecast", N_("Forecast models"), [
    ModelInfo("naive", N_("Naive"), N_("Last observed value, repeated."),
              factory=_F + "baselines:Naive", family="baseline"),
    ModelInfo("seasonal_naive", N_("Seasonal naive"),
              N_("Value one season earlier (same weekday last week for daily data)."),
              factory=_F + "baselines:SeasonalNaive", family="baseline"),
    ModelInfo("moving_average", N_("Moving average"), N_("Mean of the last N open periods."),
              (Param("window", "int", 28, N_("Window (periods)"), 1, 400),),
              factory=_F + "baselines:MovingAverage", family="baseline"),
    ModelInfo("linear", N_("Linear regression"),
              N_("Ridge regression on lags, rolling means, calendar, holidays/events and price."),
              (Param("alpha", "float", 1.0, N_("Ridge α"), 0.0, 1e4, help_en=N_("L2 penalty")),),
              factory=_F + "linear:LinearForecaster", family="linear"),
    ModelInfo("gbm", N_("Gradient boosting"), N_("Histogram gradient boosting, one global model over all series."),
              (Param("max_iter", "int", 100, N_("Boosting rounds"), 10, 2000),
               Param("learning_rate", "float", 0.1, N_("Learning rate"), 0.001, 1.0),
               Param("max_leaf_nodes", "int", 15, N_("Leaves per tree"), 2, 255),
               Param("min_samples_leaf", "int", 20, N_("Min rows per leaf"), 1, 1000),
               Param("loss", "choice", "squared_error", N_("Loss"), choices=(
                   "squared_error", "absolute_error", "poisson"))),
              factory=_F + "gbm:GBMForecaster", family="gbm"),
    ModelInfo("croston", N_("Croston"), N_("Croston's method for intermittent demand."), (_CROSTON_ALPHA,),
              factory=_F + "intermittent:Croston", family="intermittent", fixed=(("method", "croston"),)),
    ModelInfo("sba", N_("Croston SBA"), N_("Syntetos–Boylan bias-corrected Croston."), (_CROSTON_ALPHA,),
              factory=_F + "intermittent:Croston", family="intermittent", fixed=(("method", "sba"),)),
    ModelInfo("tsb", N_("TSB"), N_("Teunter–Syntetos–Babai: demand probability decays when a product stops selling."),
              (_CROSTON_ALPHA, Param("beta", "float", 0.1, N_("Smoothing β"), 0.01, 1.0,
                                     help_en=N_("smoothing of demand probability"))),
              factory=_F + "intermittent:Croston", family="intermittent", fixed=(("method", "tsb"),)),
    ModelInfo("deep", N_("Neural network (Keras MLP)"),
              N_("Keras multi-layer perceptron over windows of history (TensorFlow; slower)."),
              (Param("hidden", "int", 64, N_("Hidden units"), 4, 1024),
               Param("epochs", "int", 15, N_("Epochs"), 1, 1000),
               Param("batch_size", "int", 128, N_("Batch size"), 8, 8192),
               Param("learning_rate", "float", 0.003, N_("Learning rate"), 1e-5, 1.0),
               Param("dropout", "float", 0.1, N_("Dropout"), 0.0, 0.9),
               Param("patience", "int", 0, N_("Early-stopping patience"), 0, 100,
                     help_en=N_("epochs without improvement on the most recent rows before stopping (0 = off)")),
               Param("validation", "float", 0.1, N_("Validation share"), 0.0, 0.5,
                     help_en=N_("share of the most recent target periods held out for early stopping")),
               Param("seed", "int", 0, N_("Random seed"), 0, 2**31 - 1)),
              needs_full=True, factory=_F + "deep:DeepForecaster", family="deep"),
    ModelInfo("ensemble", N_("Ensemble (linear + GBM)"),
              N_("Mean of the linear and gradient-boosting forecasts (and the neural network's when "
                 "it is trained): averaging models with different errors usually beats each."),
              family="combination", members=("linear", "gbm", "deep")),
], defaults=("naive", "seasonal_naive", "moving_average", "linear", "gbm", "ensemble", "sba", "tsb"),
    always=("naive", "seasonal_naive", "moving_average"),
    other_labels={"auto": N_("Automatic choice")})     # the per-series choice in the metrics

# -- customers (purchase probability) ----------------------------------------------------------
_C = "shopinsight.core.customers.models:"

CUSTOMERS = Registry("customers", N_("Customer models"), [
    ModelInfo("recency", N_("Recency only (baseline)"),
              N_("Logistic regression on the days since the last order alone: the simplest honest yardstick."),
              factory=_C + "recency_model"),
    ModelInfo("logreg_rfm", N_("Logistic regression, RFM only (yardstick)"),
              N_("Logistic regression on recency, frequency and monetary value (log scale)."),
              factory=_C + "logreg_rfm_model"),
    ModelInfo("logreg", N_("Logistic regression, all features"),
              N_("Logistic regression on every customer feature; its coefficients explain the scores."),
              (Param("C", "float", 1.0, N_("Inverse regularisation C"), 1e-4, 1e4,
                     help_en=N_("smaller values shrink the coefficients more")),),
              factory=_C + "logreg_model"),
    ModelInfo("hgb", N_("Gradient boosting (histogram GBM)"),
              N_("Histogram gradient boosting on every customer feature (shallow, slow-learning trees)."),
              (Param("max_iter", "int", 300, N_("Boosting rounds"), 10, 3000),
               Param("learning_rate", "float", 0.03, N_("Learning rate"), 0.001, 1.0),
               Param("max_depth", "int", 3, N_("Tree depth"), 1, 20),
               Param("min_samples_leaf", "int", 100, N_("Min rows per leaf"), 1, 10000),
               Param("l2_regularization", "float", 1.0, N_("L2 regularisation"), 0.0, 100.0)),
              factory=_C + "hgb_model", open_params=True),
    ModelInfo("bgnbd", N_("BG/NBD buy-till-you-die"),
              N_("The BG/NBD probability of at least one order in the horizon (no label training)."),
              factory=_C + "bgnbd_model"),
    ModelInfo("mlp", N_("Neural network (Keras MLP)"),
              N_("A Keras multi-layer perceptron on every customer feature (TensorFlow; slower)."),
              (Param("epochs", "int", 60, N_("Epochs"), 1, 500,
                     help_en=N_("most training epochs (early stopping may end sooner)")),
               Param("batch_size", "int", 256, N_("Batch size"), 8, 8192),
               Param("learning_rate", "float", 1e-3, N_("Learning rate"), 1e-5, 1.0),
               Param("dropout", "float", 0.1, N_("Dropout"), 0.0, 0.9),
               Param("patience", "int", 6, N_("Early-stopping patience"), 0, 100)),
              needs_full=True, factory=_C + "mlp_model", open_params=True),
], defaults=("recency", "logreg_rfm", "logreg", "hgb", "bgnbd"),
    other_labels={"chosen_calibrated": N_("Chosen model, calibrated")})   # a row of the metrics

# -- recommend --------------------------------------------------------------------------------
_R = "shopinsight.core.recommend."


def _half_life(default):
    return Param("half_life_days", "float", default, N_("Half-life (days)"), 1.0, 3650.0, optional=True,
                 help_en=N_("older purchases count half as much after this many days (off: all count the same)"))


def _neighbours(default):
    return Param("neighbours", "int", default, N_("Neighbours"), 1, 5000)


RECOMMEND = Registry("recommend", N_("Recommendation models"), [
    ModelInfo("popularity", N_("Popularity"), N_("Best sellers: the same list for everyone (the yardstick)."),
              (_half_life(None),), factory=_R + "baselines:Popularity", open_params=True),
    ModelInfo("trending", N_("Trending (recent best sellers)"),
              N_("Recent best sellers: the same list for everyone, recent sales count more."),
              (_half_life(30),), factory=_R + "baselines:Trending", open_params=True),
    ModelInfo("buy_again", N_("Buy again"),
              N_("The customer's own favourites, frequent and recent first. Never suggests anything new."),
              (_half_life(60),), factory=_R + "baselines:BuyAgain", open_params=True),
    ModelInfo("itemknn", N_("Item-kNN"),
              N_("Customers who bought this also bought ... (item-to-item similarity)."),
              (_neighbours(200), Param("shrink", "float", 10.0, N_("Shrinkage"), 0.0, 1000.0,
                                       help_en=N_("damps similarities resting on few shared customers")),
               _half_life(60)), factory=_R + "neighbours:ItemKNN", open_params=True),
    ModelInfo("userknn", N_("User-kNN"),
              N_("Customers who buy like this one also bought ... (customer-to-customer similarity)."),
              (_neighbours(50), _half_life(120)), factory=_R + "userknn:UserKNN", open_params=True),
    ModelInfo("ease", N_("EASE"), N_("A linear item-to-item model learned from all baskets at once (EASE)."),
              (Param("l2", "float", 150.0, N_("L2 penalty"), 0.1, 1e5), _half_life(None)),
              factory=_R + "ease:EASE", open_params=True),
    ModelInfo("als", N_("ALS (matrix factorisation)"),
              N_("Hidden taste factors learned from who bought what (matrix factorisation, ALS)."),
              (Param("factors", "int", 128, N_("Factors"), 2, 1024),
               Param("regularization", "float", 0.05, N_("Regularisation"), 0.0, 100.0),
               Param("alpha", "float", 2.0, N_("Confidence α"), 0.0, 1000.0),
               Param("iterations", "int", 15, N_("Iterations"), 1, 200)),
              factory=_R + "als:ALS", open_params=True),
    ModelInfo("content", N_("Content (product names)"),
              N_("Products with similar names to what the customer bought (works for rarely bought items)."),
              (_neighbours(50), _half_life(60)), factory=_R + "content:ContentTFIDF", open_params=True),
    ModelInfo("hybrid", N_("Hybrid"),
              N_("A blend of the models above with fixed weights learned beforehand; Tune re-weights it on this shop's recent weeks."),
              (Param("val_days", "int", 30, N_("Validation days"), 7, 365,
                     help_en=N_("with Tune: the most recent days the blend's weights are chosen on")),),
              factory=_R + "hybrid:Hybrid", open_params=True),
], defaults=("hybrid",), always=("popularity", "buy_again"), single=True)
