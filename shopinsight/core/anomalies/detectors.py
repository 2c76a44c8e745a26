"""Scorers and the combined score.

* ``rules``: the robust per-product / per-shop / seasonal statistics of :mod:`.levels`; each
  reason code is its own detector (``price_far``, ``repeated`` …) whose score is the reason's
  robust z mapped onto 0–1.
* ``iforest``: a scikit-learn Isolation Forest per level over the level's signed robust z
  features, fitted on the level's ordinary items (a sample for lines) plus the candidates.
* ``autoencoder`` (full edition, not in the default set): a Keras autoencoder over the same
  features, see :mod:`.autoencoder`.

The combined score of an item is ``0.8 × max(weighted rule scores) + 0.2 × the mean of the
weighted learned scorers (iforest, autoencoder) chosen``, where the weights come from the
owner's reviews (see :func:`detector_weights`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_, Labels
from .stats import z_to_score

__all__ = ["MODEL_LABELS", "MODELS", "DEFAULT_MODELS", "LEARNED", "iforest_scores", "combine", "detector_weights", "rule_scores"]

MODELS = ("rules", "iforest", "autoencoder")
DEFAULT_MODELS = ("rules", "iforest")          # the autoencoder needs the full edition and ~30 s more
LEARNED = ("iforest", "autoencoder")            # scorers without reasons of their own
RULE_SHARE = 0.8
#: the scorers in words (for run parameters and options shown to people)
MODEL_LABELS = Labels({"rules": N_("robust rules"), "iforest": N_("Isolation Forest"),
                       "autoencoder": N_("autoencoder")})


def rule_scores(reasons: list[dict]) -> dict[str, float]:
    """Per reason code (detector): its 0–1 score."""
    out: dict[str, float] = {}
    for r in reasons:
        out[r["code"]] = max(out.get(r["code"], 0.0), float(z_to_score(r["z"])))
    return out


def iforest_scores(items: pd.DataFrame, ref: np.ndarray, seed: int = 0) -> np.ndarray:
    """0–1 Isolation Forest score of each item (0 = ordinary), fitted on ``ref`` + the items."""
    feats = [c for c in items.columns if c.startswith("f_")]
    if items.empty or not feats:
        return np.zeros(len(items))
    from sklearn.ensemble import IsolationForest

    x = np.clip(np.nan_to_num(items[feats].to_numpy(float)), -50, 50)
    r = np.clip(np.nan_to_num(np.asarray(ref, dtype=float)), -50, 50) if ref is not None and len(ref) else x
    fit = np.vstack([r, x]) if r is not x else x
    # squash the tails: a 100× typo should not make every other feature look ordinary
    squash = np.sign(fit) * np.log1p(np.abs(fit))
    model = IsolationForest(n_estimators=100, max_samples=min(256, len(fit)), random_state=seed).fit(squash)
    raw = -model.score_samples(np.sign(x) * np.log1p(np.abs(x)))      # 0.5 ≈ ordinary, → 1 isolated
    return np.clip((raw - 0.5) / 0.3, 0.0, 1.0)


def detector_weights(reviews: pd.DataFrame, prior: float = 2.0) -> dict[str, float]:
    """Weights of the detectors from reviewed items: ``(prior + Σ scores on confirmed) /
    (prior + Σ scores on dismissed)``, kept within 0.25–2, so detectors that found confirmed
    problems count more and those that raised dismissed items count less."""
    import json

    conf: dict[str, float] = {}
    dism: dict[str, float] = {}
    if reviews is None or reviews.empty:
        return {}
    for state, det in zip(reviews["state"], reviews["detectors_json"]):
        if state not in ("confirmed", "dismissed") or not det:
            continue
        target = conf if state == "confirmed" else dism
        for k, v in json.loads(det).items():
            target[k] = target.get(k, 0.0) + float(v)
    return {k: float(np.clip((prior + conf.get(k, 0.0)) / (prior + dism.get(k, 0.0)), 0.25, 2.0))
            for k in set(conf) | set(dism)}


def combine(detectors: list[dict], weights: dict[str, float], models=DEFAULT_MODELS) -> np.ndarray:
    """Combined 0–1 score per item from its detector scores, the detector weights and the
    scorers chosen (``models``)."""
    learned = [m for m in LEARNED if m in models]
    use_rules = "rules" in models
    out = np.zeros(len(detectors))
    for i, det in enumerate(detectors):
        rule = max((weights.get(k, 1.0) * v for k, v in det.items() if k not in LEARNED), default=0.0)
        learn = float(np.mean([weights.get(m, 1.0) * det.get(m, 0.0) for m in learned])) if learned else 0.0
        if use_rules and learned:
            out[i] = RULE_SHARE * rule + (1 - RULE_SHARE) * learn
        elif use_rules:
            out[i] = rule
        else:
            out[i] = learn
    return np.clip(out, 0.0, 1.0)
