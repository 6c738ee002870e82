"""Answer support questions from the FAQ, and know when not to.

An incoming question is compared with every FAQ entry (its question and, with less weight,
its answer) by TF-IDF cosine similarity in two spaces that are averaged: words (Latin words
plus Chinese character bigrams and single characters, so Chinese needs no word segmenter) and
character n-grams (robust to typos and word forms). Below a confidence threshold the question
goes to a person; the threshold comes from the FAQ itself (:mod:`crm_core.support.selfcheck`)
or from labelled history (:mod:`crm_core.support.evaluate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from crm_core.errors import CrmError
from crm_core.i18n import Sentence
from crm_core.support.columns import clean_id
from crm_core.support.text import canonical, is_short, normalise, short_windows, word_tokens

RUNNER_UP_PENALTY = 0.5
"""Confidence is the best score minus this share of the runner-up's: an answer that barely
beats another entry is a coin toss, whatever its own score."""
TOP_K = 3
MATCH_CHUNK = 4096
"""Questions scored per sparse product, bounding memory on large question tables."""
HELD_OUT_QUANTILE = 0.95
"""Answer only above what 95 in 100 held-out (uncovered) questions reach."""
THRESHOLD_BOUNDS = (0.05, 0.6)
"""The threshold stays in this range, so a tiny or odd FAQ cannot push it absurd."""
MAX_CHECKS = 1000
"""FAQ questions (and short stretches) checked at most (a seeded sample beyond): bounds the similarity."""


class FaqMatcher:
    """TF-IDF matcher from questions to FAQ entries (scikit-learn estimator shape).

    ``word_weight`` splits the score between the word space and the character n-gram space;
    ``answer_weight`` is how much an entry's answer counts next to its question text.
    """

    def __init__(self, word_weight: float = 0.5, answer_weight: float = 0.5,
                 char_ngrams: tuple[int, int] = (2, 4), top_k: int = TOP_K) -> None:
        self.word_weight = word_weight
        self.answer_weight = answer_weight
        self.char_ngrams = char_ngrams
        self.top_k = top_k

    def fit(self, faq: pd.DataFrame, questions: Sequence[str] | None = None,
            phrasings: pd.DataFrame | None = None) -> FaqMatcher:
        """Learn the vocabulary and IDF from the FAQ (plus incoming question texts, unlabelled,
        so words customers use everywhere — greetings, "order" — weigh little).

        ``faq`` has faq_id, question and answer columns; ``phrasings`` (faq_id, question) are
        past questions answered with an entry: more ways to ask it, scored as the entry.
        """
        if len(faq) == 0:
            raise CrmError(Sentence("support.error.faq_no_text"))
        if len(faq) < 2:
            raise CrmError(Sentence("support.error.faq_one"))
        faq_q = faq["question"].fillna("").astype(str).tolist()
        faq_a = faq["answer"].fillna("").astype(str).tolist()
        rows = _entry_rows(faq, phrasings)
        row_q = faq_q + rows["question"].tolist()
        corpus = row_q + faq_a + [str(q) for q in (questions or [])]
        self.word_ = TfidfVectorizer(analyzer=word_tokens, sublinear_tf=True)
        self.char_ = TfidfVectorizer(analyzer="char_wb", preprocessor=canonical,
                                     ngram_range=self.char_ngrams, sublinear_tf=True, min_df=1)
        self.word_.fit(corpus)
        self.char_.fit(corpus)
        self.faq_ = faq.reset_index(drop=True)[["faq_id", "question", "answer", "category"]].copy()
        self.faq_ids_ = self.faq_["faq_id"].to_numpy(dtype=object)
        self.answer_groups_ = pd.factorize(pd.Series(faq_a).map(normalise))[0]
        self.question_groups_ = pd.factorize(pd.Series(faq_q).map(normalise))[0]
        row_entry = np.r_[np.arange(len(faq_q)), rows["entry"].to_numpy(dtype=np.int64)]
        order = np.argsort(row_entry, kind="stable")  # each entry's rows side by side
        self.row_starts_ = np.flatnonzero(np.r_[True, np.diff(row_entry[order]) != 0])
        self.phrasings_ = len(rows)
        self.entry_vectors_ = self._entry_vectors([row_q[i] for i in order],
                                                  [faq_a[row_entry[i]] for i in order])
        self.known_ = frozenset(w for text in row_q + faq_a for w in word_tokens(text))
        self.short_scale_ = self._short_scale(faq_q)
        return self

    def held_out_confidence(self, texts: Sequence[str], groups: np.ndarray) -> np.ndarray:
        """Confidence of each text with the entries of its question group (``groups``, as
        :attr:`question_groups_`) held out, so its best match is necessarily wrong: what a question
        this FAQ does not cover reaches, in its own wording."""
        sims = np.clip(self.entry_scores(list(texts)), 0.0, 1.0)
        same = np.asarray(groups)[:, None] == self.question_groups_[None, :]
        return np.maximum(dense_confidence(np.where(same, -1.0, sims), self.answer_groups_), 0.0)

    def _short_scale(self, faq_q: list[str]) -> float:
        """How much a short Chinese question's confidence is raised to stand on the long ones' scale:
        the FAQ's held-out threshold over the one its own short stretches reach (the same split-conformal
        quantile, both kept in :data:`THRESHOLD_BOUNDS`). A four-character question whose every gram is
        the entry's scores low against question plus answer, but so does a short uncovered one. Both
        come from the FAQ's Chinese questions only: an English FAQ's pairs say nothing about them."""
        probes = [(w, row) for row, q in enumerate(faq_q) for w in short_windows(q)]
        if not probes:  # no Chinese: English and numbers are judged as before
            return 1.0
        texts, owners = zip(*[probes[i] for i in checked_rows(len(probes))], strict=True)
        chinese = np.unique(owners)
        rows = chinese[checked_rows(len(chinese))]
        lo, hi = THRESHOLD_BOUNDS
        long = np.clip(conformal_quantile(self.held_out_confidence(
            [faq_q[i] for i in rows], self.question_groups_[rows]), HELD_OUT_QUANTILE), lo, hi)
        short = np.clip(conformal_quantile(self.held_out_confidence(
            texts, self.question_groups_[list(owners)]), HELD_OUT_QUANTILE), lo, hi)
        return float(max(1.0, long / short))

    def length_scale(self, texts: Sequence[str]) -> np.ndarray:
        """Per question, :attr:`short_scale_` for a short Chinese one, else 1."""
        return np.array([self.short_scale_ if is_short(str(t)) else 1.0 for t in texts])

    def coverage(self, texts: Sequence[str]) -> np.ndarray:
        """Per question, the share of its Latin content words the FAQ uses anywhere (a typo of
        a known word counts as known): "reset my internet banking password" asked of an FAQ
        that never says "reset" or "password" is half about something the FAQ does not cover,
        however well "internet banking" matches."""
        by_initial: dict[str, list[str]] = {}
        for word in self.known_:
            by_initial.setdefault(word[:1], []).append(word)
        verdicts: dict[str, bool] = {}  # each unknown spelling is looked up once

        def known(word: str) -> bool:
            if word not in verdicts:  # typos rarely change the first letter
                verdicts[word] = word in self.known_ or bool(
                    get_close_matches(word, by_initial.get(word[:1], []), 1, 0.8))
            return verdicts[word]

        out = np.ones(len(texts))
        for i, text in enumerate(texts):
            words = [w for w in word_tokens(str(text)) if w.isascii() and not w.isdigit()]
            if words:
                out[i] = sum(map(known, words)) / len(words)
        return out

    def _space(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Word and character vectors side by side, each unit length and weighted so that a
        dot product is ``w·cos_word + (1-w)·cos_char``."""
        word = normalize(self.word_.transform(texts)) * np.sqrt(self.word_weight)
        char = normalize(self.char_.transform(texts)) * np.sqrt(1.0 - self.word_weight)
        return sparse.hstack([word, char]).tocsr()

    def _entry_vectors(self, questions: list[str], answers: list[str]) -> sparse.csr_matrix:
        """Each entry as its question plus its answer at ``answer_weight``, per space."""
        word_q, word_a = (normalize(self.word_.transform(t)) for t in (questions, answers))
        char_q, char_a = (normalize(self.char_.transform(t)) for t in (questions, answers))
        word = normalize(word_q + self.answer_weight * word_a) * np.sqrt(self.word_weight)
        char = normalize(char_q + self.answer_weight * char_a) * np.sqrt(1.0 - self.word_weight)
        return sparse.hstack([word, char]).tocsr()

    def entry_scores(self, texts: Sequence[str]) -> np.ndarray:
        """Similarity of each text to each entry (dense, texts × entries): an entry with learned
        phrasings scores as its closest way of being asked."""
        block = (self._space(list(texts)) @ self.entry_vectors_.T).toarray()
        if self.phrasings_ == 0:
            return block
        return np.maximum.reduceat(block, self.row_starts_, axis=1)

    def top(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row indices into the FAQ and scores of the best ``top_k`` entries, best first."""
        if not hasattr(self, "entry_vectors_"):
            raise NotFittedError("FaqMatcher is not fitted yet; call fit(faq) first.")
        k = min(self.top_k, len(self.faq_ids_))
        texts = [str(t) for t in texts]
        idx = np.zeros((len(texts), k), dtype=np.int64)
        scores = np.zeros((len(texts), k))
        for start in range(0, len(texts), MATCH_CHUNK):
            block = self.entry_scores(texts[start:start + MATCH_CHUNK])
            part = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < block.shape[1] else \
                np.tile(np.arange(k), (len(block), 1))
            order = np.argsort(-np.take_along_axis(block, part, axis=1), axis=1, kind="stable")
            best = np.take_along_axis(part, order, axis=1)
            idx[start:start + len(block)] = best
            scores[start:start + len(block)] = np.take_along_axis(block, best, axis=1)
        return idx, np.clip(scores, 0.0, 1.0)

    def suggest(self, texts: Sequence[str]) -> pd.DataFrame:
        """Long form: one row per question and rank with faq_id, score, FAQ question and answer."""
        return self.suggest_from(*self.top(texts))

    def suggest_from(self, idx: np.ndarray, scores: np.ndarray) -> pd.DataFrame:
        """The long form of :meth:`top`'s result (``row`` numbers the questions)."""
        k = idx.shape[1]
        entries = self.faq_.iloc[idx.ravel()].reset_index(drop=True)
        return pd.DataFrame({
            "row": np.repeat(np.arange(len(idx)), k),
            "rank": np.tile(np.arange(1, k + 1), len(idx)),
            "faq_id": entries["faq_id"], "score": scores.ravel().round(4),
            "faq_question": entries["question"], "answer": entries["answer"],
        })


def _entry_rows(faq: pd.DataFrame, phrasings: pd.DataFrame | None) -> pd.DataFrame:
    """Learned phrasings as (entry row number, question), those of ids the FAQ lacks dropped."""
    if phrasings is None or phrasings.empty:
        return pd.DataFrame({"entry": pd.Series(dtype="int64"), "question": pd.Series(dtype=object)})
    first_row = pd.Series(np.arange(len(faq)), index=faq["faq_id"].to_numpy())
    first_row = first_row[~first_row.index.duplicated()]
    entry = phrasings["faq_id"].map(first_row)
    kept = entry.notna()
    return pd.DataFrame({"entry": entry[kept].astype("int64").to_numpy(),
                         "question": phrasings.loc[kept, "question"].astype(str).to_numpy()})


# --------------------------------------------------------------------------- confidence


def checked_rows(n: int, random_state: int = 0) -> np.ndarray:
    """The FAQ rows a self-check asks: all, or a seeded sample of :data:`MAX_CHECKS`."""
    rows = np.arange(n)
    if n > MAX_CHECKS:
        rows = np.sort(np.random.default_rng(random_state).choice(rows, MAX_CHECKS, replace=False))
    return rows


def conformal_quantile(values: np.ndarray, level: float) -> float:
    """The split-conformal quantile: with n held-out values, the ⌈(n+1)·level⌉-th smallest (the
    largest when n is small), so a new uncovered question passes it with chance ≤ 1 − level."""
    n = len(values)
    rank = min(n, int(np.ceil((n + 1) * level)))
    return float(np.sort(values)[rank - 1]) if n else 0.0


def dense_confidence(scores: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """Best minus the runner-up penalty, per row of a dense score matrix; the runner-up is the
    best entry whose answer group differs (as in :func:`confidence`)."""
    best = scores.argmax(axis=1)
    rivals = np.where(answers[None, :] != answers[best][:, None], scores, 0.0)
    return scores.max(axis=1) - RUNNER_UP_PENALTY * np.maximum(rivals.max(axis=1), 0.0)


def confidence(top_scores: np.ndarray, top_answers: np.ndarray | None = None) -> np.ndarray:
    """Best score minus :data:`RUNNER_UP_PENALTY` × the runner-up's, per question.

    With ``top_answers`` (answer group of each ranked entry) the runner-up is the best entry
    with a *different* answer: an FAQ listing the same entry twice (exports often do) sends the
    same reply either way, so the twin is no rival.
    """
    if top_scores.shape[1] < 2:
        return top_scores[:, 0].copy()
    if top_answers is None:
        return top_scores[:, 0] - RUNNER_UP_PENALTY * top_scores[:, 1]
    rivals = np.where(top_answers != top_answers[:, :1], top_scores, 0.0)
    return top_scores[:, 0] - RUNNER_UP_PENALTY * rivals.max(axis=1)


# --------------------------------------------------------------------------- matching


@dataclass
class Matches:
    """Every question's top-k FAQ entries; thresholds are applied afterwards (cheaply)."""

    questions: pd.DataFrame
    """question_id, question and, with labels, true_faq_id mapped onto the FAQ's ids."""
    suggestions: pd.DataFrame
    """Long form: question_id, rank, faq_id, score, faq_question, answer."""
    top_ids: np.ndarray
    top_scores: np.ndarray
    confidence: np.ndarray
    matcher: FaqMatcher
    notes: list[str] = field(default_factory=list)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    """The columns used, per table kind ("faq", "questions"): role → column."""

    @property
    def faq_entries(self) -> int:
        """How many FAQ entries were matched against."""
        return len(self.matcher.faq_)

    @property
    def labelled(self) -> bool:
        """Whether the questions carry the right FAQ id (past tickets answered by agents)."""
        return "true_faq_id" in self.questions


_NO_FAQ = {"", "nan", "none", "null", "n/a", "na", "-", "--", "无", "没有"}


def map_labels(raw: pd.Series, faq: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """True FAQ ids as the FAQ's own ids; blanks and ids the FAQ lacks mean "no FAQ answers it".

    Labels that hold the FAQ's question text instead of its id are recognised too.
    """
    ids = raw.map(clean_id)
    known = set(faq["faq_id"])
    given = ids[~ids.str.lower().isin(_NO_FAQ)]
    notes = []
    if len(given) and given.isin(known).mean() < 0.5:
        by_text = dict(zip(faq["question"].map(normalise), faq["faq_id"], strict=True))
        as_text = raw.map(normalise).map(by_text)
        if as_text.notna().sum() > given.isin(known).sum():
            ids = as_text.fillna("")
            notes.append(Sentence("support.note.labels_as_text"))
    unknown = int((~ids.isin(known) & ~ids.str.lower().isin(_NO_FAQ)).sum())
    if unknown:
        notes.append(Sentence("support.note.unknown_ids", count=f"{unknown:,}"))
    return np.where(ids.isin(known), ids, "").astype(object), notes


def match_questions(faq: pd.DataFrame, questions: pd.DataFrame,
                    matcher: FaqMatcher | None = None, phrasings: pd.DataFrame | None = None) -> Matches:
    """Fit on the FAQ (IDF also sees the question texts) and rank entries for every question;
    ``phrasings`` are past questions learned as more ways to ask their entry."""
    matcher = matcher or FaqMatcher()
    texts = questions["question"].fillna("").astype(str).tolist()
    matcher.fit(faq, texts, phrasings)
    idx, scores = matcher.top(texts)
    suggestions = matcher.suggest_from(idx, scores)
    suggestions.insert(0, "question_id", questions["question_id"].to_numpy()[suggestions.pop("row")])
    frame = questions[["question_id", "question"]].copy()
    notes: list[str] = []
    if "true_faq_id" in questions:
        frame["true_faq_id"], notes = map_labels(questions["true_faq_id"].astype("object"), faq)
    if "unread" in questions:  # replies that say nothing about the label (history.unread_replies, unanswered)
        frame["unread"] = questions["unread"].to_numpy(dtype=bool)
    sure = confidence(scores, matcher.answer_groups_[idx]) * matcher.coverage(texts)
    sure = np.minimum(sure * matcher.length_scale(texts), 1.0)  # a raised short one stays ≤ 1
    return Matches(questions=frame, suggestions=suggestions, top_ids=matcher.faq_ids_[idx],
                   top_scores=scores, confidence=sure,
                   matcher=matcher, notes=notes)


def replies(matches: Matches, threshold: float) -> pd.DataFrame:
    """One row per question: the reply to send, or an empty faq_id when a person should answer.

    ``score`` is the best entry's similarity and ``confidence`` what the threshold is applied to;
    ``best_faq_id`` keeps the best guess for routed questions, as a hint for the agent, and the
    runner-up shows what the matcher nearly chose instead.
    """
    ranks = matches.suggestions
    best = ranks[ranks["rank"] == 1].reset_index(drop=True)
    second = ranks[ranks["rank"] == 2].set_index("question_id").reindex(best["question_id"])
    answered = matches.confidence >= threshold
    return pd.DataFrame({
        "question_id": matches.questions["question_id"].to_numpy(),
        "faq_id": np.where(answered, best["faq_id"], ""),
        "score": best["score"].to_numpy(),
        "answer": np.where(answered, best["answer"].fillna(""), ""),
        "confidence": matches.confidence.round(4),
        "routed_to_person": ~answered,
        "question": matches.questions["question"].to_numpy(),
        "best_faq_id": best["faq_id"].to_numpy(),
        "best_faq_question": best["faq_question"].to_numpy(),
        "runner_up_faq_id": second["faq_id"].fillna("").to_numpy(),
        "runner_up_question": second["faq_question"].fillna("").to_numpy(),
        "runner_up_score": second["score"].to_numpy(),
    })
