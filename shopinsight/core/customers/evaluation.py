"""Scoring purchase probabilities against what happened after the cutoff, and calibrating them."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, f1_score,
                             precision_score, recall_score, roc_auc_score, roc_curve)

__all__ = ["classification_metrics", "top_decile_lift", "calibration_table", "roc_table",
           "PlattCalibrator", "regression_metrics"]


def top_decile_lift(y, p) -> float:
    """Purchase rate among the 10 % highest-scored customers divided by the overall rate."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if len(y) == 0 or y.mean() == 0:
        return float("nan")
    k = max(1, int(np.ceil(0.1 * len(y))))
    top = np.argsort(-p, kind="stable")[:k]
    return float(y[top].mean() / y.mean())


def classification_metrics(y, p, threshold: float = 0.5) -> dict:
    """ROC AUC, PR AUC, accuracy/precision/recall/F1 at ``threshold``, Brier (and the base rate's
    Brier: a constant forecast equal to the observed rate), top-decile lift."""
    y, p = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    base = float(y.mean()) if len(y) else float("nan")
    out = {"n": int(len(y)), "positives": int(y.sum()), "base_rate": base, "threshold": threshold}
    both = len(np.unique(y)) == 2
    pred = (p >= threshold).astype(int)
    out.update({
        "roc_auc": float(roc_auc_score(y, p)) if both else float("nan"),
        "pr_auc": float(average_precision_score(y, p)) if both else float("nan"),
        "accuracy": float(accuracy_score(y, pred)) if len(y) else float("nan"),
        "precision": float(precision_score(y, pred, zero_division=0)),
        "recall": float(recall_score(y, pred, zero_division=0)),
        "f1": float(f1_score(y, pred, zero_division=0)),
        "brier": float(brier_score_loss(y, p)) if len(y) else float("nan"),
        "brier_base_rate": base * (1 - base),
        "top_decile_lift": top_decile_lift(y, p),
        "mean_probability": float(p.mean()) if len(p) else float("nan"),
    })
    return out


def calibration_table(y, p, n_bins: int = 10) -> pd.DataFrame:
    """Observed purchase rate vs mean predicted probability in equal-count bins."""
    y, p = np.asarray(y, dtype=int), np.asarray(p, dtype=float)
    if len(np.unique(y)) < 2:
        return pd.DataFrame(columns=["predicted", "observed"])
    obs, pred = calibration_curve(y, p, n_bins=n_bins, strategy="quantile")
    return pd.DataFrame({"predicted": pred, "observed": obs})


def roc_table(y, p, max_points: int = 200) -> pd.DataFrame:
    """ROC curve points (thinned to at most ``max_points``)."""
    fpr, tpr, _ = roc_curve(np.asarray(y, dtype=int), np.asarray(p, dtype=float))
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(max_points, len(fpr))).astype(int))
    return pd.DataFrame({"fpr": fpr[keep], "tpr": tpr[keep]})


class PlattCalibrator:
    """Maps raw probabilities through a logistic fit on their logits (Platt scaling).

    Fitted on a later cutoff than the model saw, so the map corrects drift in the base rate as
    well as over/under-confidence.  Monotone, so it leaves AUC and ranking unchanged.
    """

    def fit(self, p, y) -> "PlattCalibrator":
        z = self._logit(p).reshape(-1, 1)
        self.lr_ = LogisticRegression(C=1e4).fit(z, np.asarray(y, dtype=int))
        return self

    def transform(self, p) -> np.ndarray:
        return self.lr_.predict_proba(self._logit(p).reshape(-1, 1))[:, 1]

    @staticmethod
    def _logit(p):
        p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))


def regression_metrics(y, pred, naive) -> dict:
    """MAE of the expected-value model and of the naive "same as last period" forecast."""
    y, pred, naive = (np.asarray(v, dtype=float) for v in (y, pred, naive))
    mae, mae_naive = float(np.mean(np.abs(y - pred))), float(np.mean(np.abs(y - naive)))
    return {"mae": mae, "mae_naive": mae_naive,
            "mae_skill": 1 - mae / mae_naive if mae_naive > 0 else float("nan"),
            "actual_total": float(y.sum()), "predicted_total": float(pred.sum()),
            "naive_total": float(naive.sum())}
