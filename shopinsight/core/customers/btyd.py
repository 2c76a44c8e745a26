"""BG/NBD "buy till you die" model (Fader, Hardie & Lee 2005), fitted by maximum likelihood.

Why our own ~100 lines rather than a package: ``lifetimes`` (last release 0.11.3, July 2020) is in
maintenance mode and its author points users elsewhere, and ``btyd`` (its fork) is an unmaintained
0.1 beta from 2022; both pull ``autograd``/``dill`` and predate NumPy 2 and pandas 3.  The model is
small: four parameters, a closed-form likelihood, and ``scipy.optimize`` does the rest.

Per customer the model needs ``x`` (repeat purchases: distinct purchase days − 1), ``t_x`` (time of
the last purchase since the first) and ``T`` (time since the first purchase), here in weeks.
"""
from __future__ import annotations

import numpy as np
from scipy import optimize, special

__all__ = ["BetaGeoModel"]


class BetaGeoModel:
    """BG/NBD: purchases follow Poisson(λ), λ ~ Gamma(r, α); after each purchase the customer
    drops out with probability p, p ~ Beta(a, b).

    Parameters
    ----------
    penalizer : L2 penalty on the log-parameters (keeps small shops' fits finite).
    """

    def __init__(self, penalizer: float = 0.0):
        self.penalizer = penalizer

    # -- likelihood --------------------------------------------------------------------------
    @staticmethod
    def _loglik(params, x, tx, T):
        r, alpha, a, b = params
        a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
        a2 = (special.gammaln(a + b) + special.gammaln(b + x)
              - special.gammaln(b) - special.gammaln(a + b + x))
        a3 = -(r + x) * np.log(alpha + T)
        with np.errstate(divide="ignore", invalid="ignore"):
            a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-12))
                          - (r + x) * np.log(alpha + tx), -np.inf)
        return a1 + a2 + np.logaddexp(a3, a4)

    def fit(self, x, t_x, T) -> "BetaGeoModel":
        """Fit on arrays of repeat purchases, recency and age (same time unit)."""
        x, tx, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        if len(x) < 2:
            raise ValueError("BG/NBD needs at least two customers")
        scale = 10.0 / max(T.max(), 1e-9)     # rescale time so α starts near 1 (better conditioning)

        def nll(logp):
            p = np.exp(logp)
            ll = self._loglik(p, x, tx * scale, T * scale)
            return -ll.mean() + self.penalizer * np.sum(p ** 2) / len(x)

        # bounded log-parameters: with little churn in the data the MLE runs off to a→0, b→∞
        # (the NBD limit); the bounds keep the predictions finite and change them negligibly
        res = optimize.minimize(nll, np.array([0.0, 0.0, -1.0, 1.0]), method="L-BFGS-B",
                                bounds=[(-8.0, 8.0)] * 4)
        r, alpha, a, b = np.exp(res.x)
        self.params_ = {"r": r, "alpha": alpha / scale, "a": a, "b": b}
        # log-likelihood in the caller's time unit (rescaling time shifts it by x·log(scale))
        self.loglik_ = float(-res.fun * len(x) + np.sum(x) * np.log(scale))
        self.converged_ = bool(res.success)
        return self

    # -- predictions -------------------------------------------------------------------------
    def _p(self):
        p = self.params_
        return p["r"], p["alpha"], p["a"], p["b"]

    def p_alive(self, x, t_x, T) -> np.ndarray:
        """Probability the customer is still active (has not dropped out) at ``T``."""
        r, alpha, a, b = self._p()
        x, tx, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            log_ratio = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-12))
                         + (r + x) * (np.log(alpha + T) - np.log(alpha + tx)))
        return np.where(x > 0, special.expit(-log_ratio), 1.0)

    def p_purchase(self, t, x, t_x, T) -> np.ndarray:
        """Probability of at least one purchase in the next ``t``.

        Dropout happens only right after a purchase, so an active customer makes no purchase in
        the next ``t`` exactly when the Poisson process is silent: E[exp(−λt) | history].
        """
        r, alpha, _, _ = self._p()
        x, T = np.asarray(x, dtype=float), np.asarray(T, dtype=float)
        silent = np.exp((r + x) * (np.log(alpha + T) - np.log(alpha + T + t)))
        return self.p_alive(x, t_x, T) * (1.0 - silent)

    def expected_purchases(self, t, x, t_x, T) -> np.ndarray:
        """Expected number of purchases in the next ``t`` (FHL 2005, eq. 10)."""
        r, alpha, a, b = self._p()
        x, tx, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        z = t / (alpha + T + t)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            den = 1 + np.where(x > 0, a / np.maximum(b + x - 1, 1e-12)
                               * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
        out = num / den
        return np.where(np.isfinite(out), out, np.nan)
