"""FAQ gaps: routed questions grouped by what they ask about, named by their top terms."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from hashlib import blake2b

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from crm_core.support.text import _CJK, _LATIN, gap_terms, normalise, stem

GAP_SAMPLE = 5000
"""KMeans and silhouette run on at most this many routed questions (the rest are assigned): the
first in :func:`_hash_order`, a seeded sample that no order of the tickets changes."""
MIN_GAP_QUESTIONS = 6
"""Fewer routed questions than this are listed as one group: too few to cluster honestly."""
MAX_GAPS = 10
LSA_DIMS = 50
MIN_SILHOUETTE = 0.05
"""Below this best silhouette the routed questions show no groups, and are listed as one."""


def _surface_forms(texts: Sequence[str]) -> dict[str, str]:
    """Stem → its most common spelling, so gap names read as words ("damaged", not "damag")."""
    counts: dict[str, dict[str, int]] = {}
    for text in texts:
        clean = normalise(text)
        for word in _LATIN.findall(_CJK.sub(" ", clean)):
            forms = counts.setdefault(stem(word), {})
            forms[word] = forms.get(word, 0) + 1
    return {s: max(forms, key=forms.get) for s, forms in counts.items()}


def _lsa(x, random_state: int) -> np.ndarray:
    """Dense unit-length topic vectors (LSA): KMeans on raw sparse TF-IDF of short texts
    tends to put most of them in one big group."""
    dims = min(LSA_DIMS, x.shape[0] - 1, x.shape[1] - 1)
    if dims < 2:
        return x.toarray()
    return normalize(TruncatedSVD(n_components=dims, random_state=random_state).fit_transform(x))


def _choose_k(x: np.ndarray, random_state: int) -> tuple[int, np.ndarray]:
    """The k in 2..MAX_GAPS with the best cosine silhouette; one group when none shows structure.
    Never more groups than distinct questions: a desk's tickets repeat the same few questions
    word for word, and KMeans asked for more warned in English on a Chinese run."""
    n = x.shape[0]
    distinct = len(np.unique(x.round(9), axis=0))
    best_k, best_labels, best_score = 1, np.zeros(n, dtype=int), MIN_SILHOUETTE
    for k in range(2, min(MAX_GAPS, n // 3, distinct) + 1):
        labels = KMeans(n_clusters=k, n_init=2, random_state=random_state).fit_predict(x)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(x, labels, metric="cosine", random_state=random_state,
                                 sample_size=min(n, 2000))
        if score > best_score:
            best_k, best_labels, best_score = k, labels, score
    return best_k, best_labels


def find_gaps(texts: Sequence[str], random_state: int = 0, terms: int = 4) -> pd.DataFrame:
    """Group routed questions (KMeans on their TF-IDF, via LSA) and name each group by the
    terms that set it apart: the FAQ entries to write next, biggest first."""
    columns = ["gap", "questions", "top_terms", "examples"]
    texts = _hash_order([str(t) for t in texts if gap_terms(str(t))], random_state)
    if not texts:
        return pd.DataFrame(columns=columns)
    x = normalize(TfidfVectorizer(analyzer=gap_terms, sublinear_tf=True).fit(texts).transform(texts))
    vocab = TfidfVectorizer(analyzer=gap_terms).fit(texts).get_feature_names_out()
    if len(texts) < MIN_GAP_QUESTIONS:
        labels = np.zeros(len(texts), dtype=int)
    else:
        topics = _lsa(x, random_state)
        k, sample_labels = _choose_k(topics[:GAP_SAMPLE], random_state)
        labels = _assign(topics, topics[:GAP_SAMPLE], sample_labels, k)
    forms = _surface_forms(texts)
    overall = np.asarray(x.mean(axis=0)).ravel()
    rows = []
    for group in np.unique(labels):
        members = np.flatnonzero(labels == group)
        centroid = np.asarray(x[members].mean(axis=0)).ravel()
        lift = centroid - (overall if len(members) < len(texts) else 0.0)
        top_terms = [forms.get(vocab[i], vocab[i]) for i in np.argsort(-lift)[:terms] if lift[i] > 0]
        nearest = members[np.argsort(-(x[members] @ centroid))[:2]]
        rows.append({"questions": len(members), "top_terms": ", ".join(top_terms),
                     "examples": " | ".join(texts[i] for i in nearest)})
    out = pd.DataFrame(rows).sort_values("questions", ascending=False, kind="stable")
    out.insert(0, "gap", range(1, len(out) + 1))
    return out.reset_index(drop=True)[columns]


def _hash_order(texts: list[str], random_state: int) -> list[str]:
    """The questions ordered by a seeded hash of their words and of how many times they were asked
    before: the sample and every fit (SVD, KMeans' seeding) read the same questions in the same
    order whatever the order of the tickets (they drew by position: 4 of 5 shuffles of judge13's
    tickets gave other gaps, det29); a question asked 18 times spreads over the order."""
    key = str(random_state).encode()
    asked: Counter[str] = Counter()
    hashed = []
    for text in texts:
        hashed.append((blake2b(f"{asked[text]}\n{text}".encode(), digest_size=8, key=key).digest(), text))
        asked[text] += 1
    return [text for _, text in sorted(hashed)]


def _assign(x: np.ndarray, sample_x: np.ndarray, sample_labels: np.ndarray, k: int) -> np.ndarray:
    """Every routed question joins the group whose sample centroid it is closest to."""
    if k == 1:
        return np.zeros(x.shape[0], dtype=int)
    centroids = normalize(np.vstack([sample_x[sample_labels == g].mean(axis=0) for g in range(k)]))
    return (x @ centroids.T).argmax(axis=1)
