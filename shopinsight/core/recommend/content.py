"""Content-based similarity from product names: TF-IDF vectors and cosine similarity.

Works for products that were rarely or never bought by a known customer (the catalogue
includes products sold only to guests): a customer's score for j is the sum, over the
products i they bought, of cos(tfidf(i), tfidf(j)).
"""
from __future__ import annotations

import math
import re
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp

from ..i18n import _
from .base import Recommender
from .interactions import Interactions
from .userknn import scale_rows
from .neighbours import column_norms, cosine_block, top_k_cosine

__all__ = ["ContentTFIDF", "tfidf"]

_WORD = re.compile(r"(?u)\b[^\W\d_]{2,}\b")


def tfidf(texts: Sequence[str]) -> Optional[sp.csr_matrix]:
    """TF-IDF vectors of ``texts`` over their words (letters only, two or more, lower-cased) and
    word pairs: term frequency 1 + ln(count), idf ln((1 + n) / (1 + df)) + 1, each row scaled to
    unit length — the numbers of scikit-learn's ``TfidfVectorizer(ngram_range=(1, 2),
    sublinear_tf=True)`` with that token pattern, without importing scikit-learn (about 2 s of
    the default recommendation run).  None when no text has a word."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        words = _WORD.findall(text.lower())
        terms = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        counts: dict[int, int] = {}
        for t in terms:
            j = vocab.setdefault(t, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(1.0 + math.log(c))
    if not vocab:
        return None
    T = sp.csr_matrix((np.asarray(vals), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
                      shape=(len(texts), len(vocab)))
    df = np.bincount(T.indices, minlength=len(vocab))
    T = T @ sp.diags(np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0)
    return scale_rows(T, np.sqrt(np.asarray(T.multiply(T).sum(axis=1)).ravel()), dtype=np.float64)


class ContentTFIDF(Recommender):
    """TF-IDF over product names (words and word pairs), cosine similarity."""

    name = "content"
    param_grid: list[dict] = [{"neighbours": k} for k in (20, 100)]

    def __init__(self, neighbours: int = 50, half_life_days: Optional[float] = 60):
        self.neighbours = neighbours
        self.half_life_days = half_life_days

    def _fit(self, X: Interactions, rep) -> None:
        names = ["" if (n is None or n != n) else str(n) for n in X.product_names]
        T = tfidf(names)                           # rows are L2-normalised; None: no usable words
        rep(0.5, _("{model}: product similarities").format(model=self.label))
        self.terms_ = None if T is None else T.T.tocsc()      # terms × products, unit columns
        self.norms_ = None if T is None else column_norms(self.terms_)
        # the k most similar names of every product, in column blocks (no products × products matrix)
        self.similarity_ = (sp.csr_matrix((X.n_products, X.n_products), dtype=np.float32) if T is None
                            else top_k_cosine(self.terms_, self.neighbours, norms=self.norms_))
        self.history_ = X.weighted(self.half_life_days, "log")

    def _score_rows(self, rows: np.ndarray) -> np.ndarray:
        return (self.history_[rows] @ self.similarity_).toarray().astype(np.float64)

    def _similarity_block(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.terms_ is None:
            return np.zeros((len(a), len(b)))
        return cosine_block(self.terms_, self.norms_, a, b)
