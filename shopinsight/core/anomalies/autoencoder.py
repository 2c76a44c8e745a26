"""The Keras autoencoder scorer (``--models ...,autoencoder``; full edition only).

An alternative to the Isolation Forest over the same per-level features (the signed robust z
of each feature, tails squashed): a small dense autoencoder (d → 8 → 2 → 8 → d) learns to
reconstruct the level's *ordinary* items (the reference rows: a sample of ordinary lines, all
orders, the open days, all customers; at most 8,000, seeded), and an item's score is how much
worse it is reconstructed than ordinary items are: 0 up to the 99th percentile of the
reference's errors, then ``1 − exp(−(error / p99 − 1))``.

TensorFlow is imported inside :func:`autoencoder_scores` only (through
:func:`~shopinsight.core.deep_available.import_keras`); progress is reported per epoch and
Cancel stops training after the current batch through the one shared Keras callback
(:func:`~shopinsight.core.deep_available.progress_callback`), then raises ``Cancelled``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import _
from ..tasks import Cancelled, as_reporter

__all__ = ["autoencoder_scores", "AE_EPOCHS", "AE_MAX_ROWS"]

AE_EPOCHS = 15
AE_MAX_ROWS = 8_000
AE_BATCH = 256


def _squash(a: np.ndarray) -> np.ndarray:
    a = np.clip(np.nan_to_num(np.asarray(a, dtype=float)), -50, 50)
    return np.sign(a) * np.log1p(np.abs(a))


def autoencoder_scores(items: pd.DataFrame, ref: np.ndarray, seed: int = 0, epochs: int = AE_EPOCHS,
                       progress=None, should_stop=None) -> np.ndarray:
    """0–1 autoencoder score of each item (0 = reconstructed as well as ordinary items)."""
    feats = [c for c in items.columns if c.startswith("f_")]
    if items.empty or not feats:
        return np.zeros(len(items))
    from ..deep_available import import_keras, progress_callback

    rep = as_reporter(progress, should_stop)
    rep(0.0, _("loading TensorFlow"))
    keras = import_keras()
    keras.utils.set_random_seed(int(seed))
    x = _squash(items[feats].to_numpy(float))
    r = _squash(ref) if ref is not None and len(ref) >= 50 else x
    if len(r) > AE_MAX_ROWS:
        r = r[np.random.default_rng(seed).choice(len(r), AE_MAX_ROWS, replace=False)]
    mu = r.mean(axis=0)
    sd = np.maximum(r.std(axis=0), 0.1)
    xs, rs = ((x - mu) / sd).astype("float32"), ((r - mu) / sd).astype("float32")
    d = xs.shape[1]
    inputs = keras.Input(shape=(d,))
    h = keras.layers.Dense(8, activation="relu")(inputs)
    h = keras.layers.Dense(2)(h)
    h = keras.layers.Dense(8, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(d)(h))
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    model.fit(rs, rs, epochs=int(epochs), batch_size=AE_BATCH, shuffle=True, verbose=0,
              callbacks=[progress_callback(rep.sub(0.05, 0.95), epochs)])
    if rep.stopping:
        raise Cancelled("cancelled by the user")
    # a direct call, not predict(): predict traces a new function per model and TensorFlow warns
    # about retracing after a few levels
    err_ref = np.mean((keras.ops.convert_to_numpy(model(rs, training=False)) - rs) ** 2, axis=1)
    err = np.mean((keras.ops.convert_to_numpy(model(xs, training=False)) - xs) ** 2, axis=1)
    p99 = max(float(np.quantile(err_ref, 0.99)), 1e-6)
    rep(1.0, _("autoencoder done"))
    return 1.0 - np.exp(-np.clip(err / p99 - 1.0, 0.0, None))
