"""A Keras MLP over windows of history — the only module that imports TensorFlow/Keras.

Keras is imported inside the functions, so the app and the other models start without it.
The network sees the same direct multi-horizon features as the other regression models
(a window of lags, rolling means, the same-season values, calendar), standardised, and
predicts the scaled target with an absolute-error loss.  Training reports progress per
epoch and stops at the end of the current batch when the caller asks to cancel.
"""
from __future__ import annotations

import numpy as np

from ...tasks import Cancelled, as_reporter
from .base import FeatureForecaster

__all__ = ["DeepForecaster"]


class DeepForecaster(FeatureForecaster):
    """Multi-layer perceptron (Keras) on the scaled direct features.

    Parameters
    ----------
    hidden : int
        Units in each of the two hidden layers.
    epochs : int
        Passes over the training rows.
    batch_size : int
        Rows per gradient step.
    learning_rate : float
        Adam step size.
    dropout : float
        Dropout after each hidden layer.
    seed : int
        Random seed (weights, shuffling), for repeatable results.
    """

    max_rows = 150_000

    def __init__(self, hidden: int = 64, epochs: int = 30, batch_size: int = 256,
                 learning_rate: float = 0.003, dropout: float = 0.1, seed: int = 0):
        self.hidden = hidden
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.dropout = dropout
        self.seed = seed

    def _fit_regressor(self, X, y, progress, should_stop):
        import os
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        import keras
        from sklearn.impute import SimpleImputer
        from sklearn.preprocessing import StandardScaler

        rep = as_reporter(progress, should_stop)
        keras.utils.set_random_seed(int(self.seed))
        prep = [SimpleImputer(keep_empty_features=True), StandardScaler()]
        Z = X
        for step in prep:
            Z = step.fit_transform(Z)
        Z = Z.astype("float32")
        inputs = keras.Input(shape=(Z.shape[1],))
        h = inputs
        for _ in range(2):
            h = keras.layers.Dense(int(self.hidden), activation="relu")(h)
            if self.dropout:
                h = keras.layers.Dropout(float(self.dropout))(h)
        out = keras.layers.Dense(1)(h)
        net = keras.Model(inputs, out)
        net.compile(optimizer=keras.optimizers.Adam(float(self.learning_rate)), loss="mae")
        epochs = int(self.epochs)

        class _Progress(keras.callbacks.Callback):
            """Reports per epoch; asks Keras to stop when the caller wants to cancel."""

            def on_epoch_end(self, epoch, logs=None):
                if rep.stopping:
                    self.model.stop_training = True
                    return
                rep((epoch + 1) / epochs, f"epoch {epoch + 1}/{epochs} loss {logs.get('loss', 0):.3f}")

            def on_train_batch_end(self, batch, logs=None):
                if rep.stopping:
                    self.model.stop_training = True

        net.fit(Z, np.asarray(y, dtype="float32"), epochs=epochs, batch_size=int(self.batch_size),
                shuffle=True, verbose=0, callbacks=[_Progress()])
        if rep.stopping:
            raise Cancelled("training cancelled")
        return _KerasRegressor(prep, net)


class _KerasRegressor:
    """Preprocessing + network with a scikit-learn-like ``predict``."""

    def __init__(self, prep, net):
        self.prep, self.net = prep, net

    def predict(self, X):
        Z = X
        for step in self.prep:
            Z = step.transform(Z)
        return self.net.predict(Z.astype("float32"), verbose=0, batch_size=4096)[:, 0]
