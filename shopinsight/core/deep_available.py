"""Are the neural-network (Keras/TensorFlow) models available in this build of the app?

The installer comes in two editions: *full* (with TensorFlow) and *lite* (without it, about a
quarter of the size).  The deep models import Keras through :func:`import_keras`, so in the lite
edition the user gets one clear message instead of an ImportError traceback; callers that
choose models (the model registries, the GUI's model lists) can ask :func:`deep_available`
first — it looks for the package without importing it (importing TensorFlow costs ~5 s).
"""
from __future__ import annotations

import importlib.util
import os

from . import fmt
from .errors import InputError
from .i18n import _

__all__ = ["FULL_EDITION_MESSAGE", "DeepModelsUnavailable", "deep_available", "require_deep", "progress_callback",
           "import_keras"]

FULL_EDITION_MESSAGE = (
    "the neural-network models need the full edition of ShopInsight (with TensorFlow); this is the "
    "lite edition. Install the full edition, or choose another model — the linear and "
    "gradient-boosting models are usually as accurate.")


class DeepModelsUnavailable(InputError):
    """A neural-network model was asked for, but Keras/TensorFlow is not in this build."""

    def __init__(self, what: str = "", detail: str = ""):
        msg = f"{what}: {FULL_EDITION_MESSAGE}" if what else FULL_EDITION_MESSAGE
        super().__init__(msg + (f" ({detail})" if detail else ""))


def deep_available() -> bool:
    """True when Keras and TensorFlow can be imported (checked without importing them)."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in ("keras", "tensorflow"))
    except (ImportError, ValueError):
        return False


def require_deep(what: str = "") -> None:
    """Raise :class:`DeepModelsUnavailable` (an InputError: exit code 2) in the lite edition."""
    if not deep_available():
        raise DeepModelsUnavailable(what)


def import_keras():
    """Import and return ``keras`` on the TensorFlow backend, quietly; a clear error without it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    try:
        import keras  # noqa: WPS433 (lazy on purpose: ~5 s)
    except ImportError as exc:
        raise DeepModelsUnavailable(detail=str(exc)) from exc
    return keras


def progress_callback(rep, epochs: int):
    """The one Keras callback for training progress and cancel (forecast and customer deep models):
    reports ``epoch i/n loss … val …`` through the Reporter ``rep`` after each epoch, and sets
    ``model.stop_training`` after the current batch once ``rep`` is asked to stop (the caller then
    raises Cancelled after ``fit`` returns; raising inside Keras would leave it half-way)."""
    keras = import_keras()
    epochs = max(int(epochs), 1)

    class _Progress(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if rep.stopping:
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            if rep.stopping:
                self.model.stop_training = True
                return
            logs = logs or {}
            text = _("epoch {i}/{n}  loss {loss}").format(
                i=fmt.integer(epoch + 1), n=fmt.integer(epochs), loss=fmt.number(logs.get("loss", float("nan")), 4))
            if "val_loss" in logs:
                text += _("  val {loss}").format(loss=fmt.number(logs["val_loss"], 4))
            if rep.progress is not None:       # reported, not checked: stopping is handled above
                rep.progress(rep.start + (rep.end - rep.start) * min((epoch + 1) / epochs, 1.0), text)

    return _Progress()
