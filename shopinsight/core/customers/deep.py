"""The Keras MLP purchase model.  The ONLY module that imports TensorFlow/Keras, and only inside
functions, so the app and the other models start without it (import costs ~5 s)."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from ..i18n import _
from ..deep_available import progress_callback
from ..tasks import Cancelled, as_reporter

__all__ = ["KerasMLPClassifier"]


def _keras():
    from ..deep_available import import_keras
    return import_keras()           # a clear "needs the full edition" error in the lite build


class KerasMLPClassifier(ClassifierMixin, BaseEstimator):
    """Dense MLP (64-32-1 sigmoid by default, the seeds' shape) on log-scaled, standardised features.

    Early stopping watches the loss on the latest ``validation_fraction`` of the rows (the frame is
    ordered by cutoff, so that is the most recent cutoff: a time-respecting split).  ``class_weight``
    "balanced" weighs the classes equally.  ``fit`` reports per epoch through ``progress`` and stops
    (raising :class:`Cancelled`) when ``should_stop`` says so.
    """

    def __init__(self, hidden: Sequence[int] = (64, 32), epochs: int = 60, batch_size: int = 256,
                 learning_rate: float = 1e-3, dropout: float = 0.1, patience: int = 6,
                 validation_fraction: float = 0.2, class_weight: Optional[str] = "balanced",
                 columns: Optional[list[str]] = None, seed: int = 0):
        self.hidden = hidden
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.dropout = dropout
        self.patience = patience
        self.validation_fraction = validation_fraction
        self.class_weight = class_weight
        self.columns = columns
        self.seed = seed

    def fit(self, X: pd.DataFrame, y, progress=None, should_stop=None) -> "KerasMLPClassifier":
        from .models import linear_preprocessor, usable_columns

        rep = as_reporter(progress, should_stop)
        rep(0.0, _("loading TensorFlow"))
        keras = _keras()
        keras.utils.set_random_seed(int(self.seed))
        self.columns_ = list(self.columns or usable_columns(X))
        self.prep_ = linear_preprocessor()
        Xa = self.prep_.fit_transform(X[self.columns_].to_numpy(dtype=float)).astype("float32")
        ya = np.asarray(y, dtype="float32")
        cw = None
        if self.class_weight == "balanced":
            pos = max(float(ya.mean()), 1e-6)
            cw = {0: 0.5 / max(1 - pos, 1e-6), 1: 0.5 / pos}

        inputs = keras.Input(shape=(Xa.shape[1],))
        h = inputs
        for units in self.hidden:
            h = keras.layers.Dense(int(units), activation="relu")(h)
            if self.dropout:
                h = keras.layers.Dropout(float(self.dropout))(h)
        out = keras.layers.Dense(1, activation="sigmoid")(h)
        model = keras.Model(inputs, out)
        model.compile(optimizer=keras.optimizers.Adam(self.learning_rate), loss="binary_crossentropy")

        epochs = int(self.epochs)

        n_val = int(len(Xa) * self.validation_fraction) if self.validation_fraction else 0
        callbacks = [progress_callback(rep, epochs)]
        if n_val >= 20:
            callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=int(self.patience),
                                                           restore_best_weights=True))
        hist = model.fit(Xa[: len(Xa) - n_val], ya[: len(Xa) - n_val],
                         validation_data=(Xa[len(Xa) - n_val:], ya[len(Xa) - n_val:]) if n_val >= 20 else None,
                         epochs=epochs, batch_size=int(self.batch_size), class_weight=cw,
                         callbacks=callbacks, verbose=0, shuffle=True)
        if rep.stopping:
            raise Cancelled("training cancelled")
        self.model_ = model
        self.epochs_run_ = len(hist.history.get("loss", []))
        self.history_ = {k: [float(v) for v in vals] for k, vals in hist.history.items()}
        self.classes_ = np.array([0, 1])
        self.feature_names_in_ = np.array(self.columns_, dtype=object)
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        Xa = self.prep_.transform(X[self.columns_].to_numpy(dtype=float)).astype("float32")
        p = self.model_.predict(Xa, batch_size=4096, verbose=0).reshape(-1).astype(float)
        p = np.clip(p, 1e-6, 1 - 1e-6)
        return np.column_stack([1 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)
