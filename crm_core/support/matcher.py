"""Answer support questions from the FAQ, and know when not to.

An incoming question is compared with every FAQ entry (its question and, with less weight,
its answer) by TF-IDF cosine similarity in two spaces that are averaged: words (Latin words
plus Chinese character bigrams, so Chinese needs no word segmenter) and character n-grams
(robust to typos and word forms). Below a confidence threshold the question goes to a person.

The default threshold needs no labels: the *second-best* score of each question is the best
score a wrong FAQ entry reaches, which is what an off-topic question's top score looks like.
Answering only above a high quantile of that distribution keeps wrong replies rare on any
FAQ, whatever its wording or language. When past tickets carry the right FAQ id, the
evaluation shows accuracy and the deflection-versus-wrong-answer trade-off per threshold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from crm_core.errors import CrmError
from crm_core.workspace import store
from crm_core.workspace.sqlutil import qi

RUNNER_UP_PENALTY = 0.5
"""Confidence is the best score minus this share of the runner-up's: an answer that barely
beats another entry is a coin toss, whatever its own score."""
NULL_QUANTILE = 0.9
"""Answer when the confidence beats what wrong entries reach for 9 in 10 questions."""
THRESHOLD_BOUNDS = (0.05, 0.5)
"""The automatic threshold stays in this range, so a tiny or odd FAQ cannot push it absurd."""
TARGET_PRECISION = 0.9
"""With labels, the suggested threshold is the lowest one where 9 in 10 sent replies are right."""
TOP_K = 3
MATCH_CHUNK = 4096
"""Questions scored per sparse product, bounding memory on large question tables."""

# --------------------------------------------------------------------------- text


_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)
_FILLER = frozenset({
    "hi", "hello", "hey", "dear", "thanks", "thank", "cheers", "please", "pls", "advance",
    "morning", "afternoon", "evening", "regards", "good", "guys", "ok", "okay",
})
_CJK_FILLER = re.compile("你好|您好|请问|谢谢|麻烦|客服|怎么|可以|你们|我们|什么|如何|一下|[吗呢吧啊呀的]")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _FILLER


def normalise(text: object) -> str:
    """Lower case, full-width → half-width (NFKC), punctuation to spaces, spaces collapsed."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    return _SPACES.sub(" ", _PUNCT.sub(" ", folded)).strip()


def stem(word: str) -> str:
    """A light English suffix strip (points → point, returned → return), enough for TF-IDF
    to see plural and tense variants as one word."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def word_tokens(text: str) -> list[str]:
    """Content words: stemmed Latin words without stop words or greetings, numbers, and
    Chinese character bigrams (single characters for one-character runs) once greetings and
    sentence particles are cut out."""
    clean = normalise(text)
    tokens = [stem(w) for w in _LATIN.findall(_CJK.sub(" ", clean)) if w not in STOP_WORDS]
    for run in _CJK.findall(_CJK_FILLER.sub(" ", clean)):
        tokens.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
    return tokens


# --------------------------------------------------------------------------- columns

_FAQ_PATTERNS: dict[str, str] = {
    "faq_id": r"^(faq|entry|article|question|q|kb)?[ _.-]?(id|no|nr|number|code|key)$|^faq$"
              r"|^(问题|条目|知识)?(编号|序号|id|ID)$",
    "question": r"question|^q$|query|title|subject|prompt|问题|提问|标题|问法",
    "answer": r"answer|^a$|reply|response|solution|resolution|content|body|text|答案|回答|回复|答复|解答",
    "category": r"category|class|topic|type|group|section|area|类别|分类|类型|主题|栏目",
}
_QUESTION_PATTERNS: dict[str, str] = {
    "question_id": r"^(question|ticket|case|chat|message|msg|conversation|request|query|q)?[ _.-]?"
                   r"(id|no|nr|number|key)$|^(工单|问题|咨询|会话)?(编号|序号|id|ID)$",
    "faq_id": r"faq|label|intent|answer[ _.-]?id|matched|correct|true|gold|target|expected"
              r"|标签|意图|对应|正确",
    "question": r"question|query|text|message|body|content|subject|utterance|comment|问题|内容|咨询"
                r"|留言|提问",
}
_ROLE_ORDER = {"faq": ("faq_id", "question", "answer", "category"),
               "questions": ("question_id", "faq_id", "question")}
_TEXT_ROLES = {"question", "answer"}


def _text_lengths(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> dict[str, float]:
    """Average text length of each column over a sample of rows."""
    if not columns:
        return {}
    parts = ", ".join(f"avg(length(CAST({qi(c)} AS VARCHAR)))" for c in columns)
    row = con.execute(f"SELECT {parts} FROM (SELECT * FROM {qi(table)} LIMIT 5000)").fetchone()
    return {c: float(v or 0.0) for c, v in zip(columns, row, strict=True)}


def detect_columns(
    con: duckdb.DuckDBPyConnection, table: str, kind: str, overrides: dict[str, str | None] | None = None
) -> dict[str, str]:
    """Role → column for an FAQ (``kind="faq"``) or a questions table (``kind="questions"``).

    Header names (English and 中文) decide first; text roles fall back to the text columns
    by length (an FAQ's answer is its longest text, the question the next). Overrides win
    and an unknown override names the table's columns.
    """
    store.require_table(con, table)
    columns = store.columns_of(con, table)
    names = [c for c, _ in columns]
    texts = [c for c, t in columns if t.upper() == "VARCHAR"]
    found = {role: col for role, col in (overrides or {}).items() if col}
    for role, col in found.items():
        if col not in names:
            raise CrmError(f"Table '{table}' has no column '{col}' (for the {role.replace('_', ' ')}); "
                           f"columns are: {', '.join(names[:40])}")
    patterns = _FAQ_PATTERNS if kind == "faq" else _QUESTION_PATTERNS
    for role in _ROLE_ORDER[kind]:
        if role in found:
            continue
        pool = texts if role in _TEXT_ROLES else names
        rx = re.compile(patterns[role], re.IGNORECASE)
        hit = next((c for c in pool if c not in found.values() and rx.search(c.strip())), None)
        if hit:
            found[role] = hit
    _fill_text_roles(con, table, kind, texts, found)
    return found


def _fill_text_roles(con, table: str, kind: str, texts: list[str], found: dict[str, str]) -> None:
    needed = ["question", "answer"] if kind == "faq" else ["question"]
    missing = [r for r in needed if r not in found]
    if not missing:
        return
    free = [c for c in texts if c not in found.values()]
    lengths = _text_lengths(con, table, free)
    by_length = sorted(free, key=lambda c: -lengths[c])
    if kind == "faq" and "answer" in missing and by_length:
        found["answer"] = by_length.pop(0)
    if "question" in missing and by_length:
        found["question"] = by_length[0]
    absent = [r for r in needed if r not in found]
    if absent:
        flags = ", ".join(f"--{r}-col" for r in absent)
        raise CrmError(f"Table '{table}' has no text column for the {' and the '.join(absent)} "
                       f"(columns: {', '.join(c for c, _ in store.columns_of(con, table))}); "
                       f"name it with {flags}.")


def _clean_id(value: object) -> str:
    """Ids compared as text: ``3``, ``3.0`` and `` 3 `` are the same id; blanks are empty."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text


def read_faq(con: duckdb.DuckDBPyConnection, table: str,
             overrides: dict[str, str | None] | None = None) -> pd.DataFrame:
    """The FAQ as faq_id, question, answer, category (row numbers when there is no id)."""
    cols = detect_columns(con, table, "faq", overrides)
    select = ", ".join(f"CAST({qi(cols[r])} AS VARCHAR) AS {r}" for r in _ROLE_ORDER["faq"] if r in cols)
    frame = con.execute(f"SELECT {select} FROM {qi(table)}").df()
    if "faq_id" not in frame:
        frame.insert(0, "faq_id", [str(i) for i in range(1, len(frame) + 1)])
    if "category" not in frame:
        frame["category"] = ""
    frame["faq_id"] = frame["faq_id"].map(_clean_id)
    frame = frame.fillna({"question": "", "answer": "", "category": ""})
    keep = frame["question"].map(normalise).str.len() > 0
    return frame.loc[keep, ["faq_id", "question", "answer", "category"]].reset_index(drop=True)


def read_questions(con: duckdb.DuckDBPyConnection, table: str,
                   overrides: dict[str, str | None] | None = None) -> pd.DataFrame:
    """Incoming questions as question_id, question and, when the table has one, true_faq_id."""
    cols = detect_columns(con, table, "questions", overrides)
    parts = [f"CAST({qi(cols['question'])} AS VARCHAR) AS question"]
    if "question_id" in cols:
        parts.insert(0, f"CAST({qi(cols['question_id'])} AS VARCHAR) AS question_id")
    if "faq_id" in cols:
        parts.append(f"CAST({qi(cols['faq_id'])} AS VARCHAR) AS true_faq_id")
    frame = con.execute(f"SELECT {', '.join(parts)} FROM {qi(table)}").df()
    if "question_id" not in frame:
        frame.insert(0, "question_id", [str(i) for i in range(1, len(frame) + 1)])
    frame["question"] = frame["question"].fillna("")
    if frame.empty:
        raise CrmError(f"The questions table '{table}' has no rows.")
    return frame


# --------------------------------------------------------------------------- matcher


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

    def fit(self, faq: pd.DataFrame, questions: Sequence[str] | None = None) -> FaqMatcher:
        """Learn the vocabulary and IDF from the FAQ (plus incoming question texts, unlabelled,
        so words customers use everywhere — greetings, "order" — weigh little).

        ``faq`` has faq_id, question and answer columns.
        """
        if len(faq) == 0:
            raise CrmError("The FAQ has no entries with question text, so nothing can be matched.")
        if len(faq) < 2:
            raise CrmError("The FAQ has only one entry; matching needs at least two to tell a match "
                           "from a near miss. Add entries to the FAQ table.")
        faq_q = faq["question"].fillna("").astype(str).tolist()
        faq_a = faq["answer"].fillna("").astype(str).tolist()
        corpus = faq_q + faq_a + [str(q) for q in (questions or [])]
        self.word_ = TfidfVectorizer(analyzer=word_tokens, sublinear_tf=True)
        self.char_ = TfidfVectorizer(analyzer="char_wb", preprocessor=normalise,
                                     ngram_range=self.char_ngrams, sublinear_tf=True, min_df=1)
        self.word_.fit(corpus)
        self.char_.fit(corpus)
        self.faq_ = faq.reset_index(drop=True)[["faq_id", "question", "answer", "category"]].copy()
        self.faq_ids_ = self.faq_["faq_id"].to_numpy(dtype=object)
        self.entry_vectors_ = self._entry_vectors(faq_q, faq_a)
        return self

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

    def top(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row indices into the FAQ and scores of the best ``top_k`` entries, best first."""
        if not hasattr(self, "entry_vectors_"):
            raise NotFittedError("FaqMatcher is not fitted yet; call fit(faq) first.")
        k = min(self.top_k, len(self.faq_ids_))
        texts = [str(t) for t in texts]
        idx = np.zeros((len(texts), k), dtype=np.int64)
        scores = np.zeros((len(texts), k))
        for start in range(0, len(texts), MATCH_CHUNK):
            block = (self._space(texts[start:start + MATCH_CHUNK]) @ self.entry_vectors_.T).toarray()
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


# --------------------------------------------------------------------------- confidence


def confidence(top_scores: np.ndarray) -> np.ndarray:
    """Best score minus :data:`RUNNER_UP_PENALTY` × the second best, per question."""
    if top_scores.shape[1] < 2:
        return top_scores[:, 0].copy()
    return top_scores[:, 0] - RUNNER_UP_PENALTY * top_scores[:, 1]


def auto_threshold(top_scores: np.ndarray, quantile: float = NULL_QUANTILE) -> float:
    """The label-free threshold: the ``quantile`` of the confidence that *wrong* entries get.

    Ranks 2 and 3 are wrong answers for (almost) every question, so the confidence computed
    from them (second minus half the third) shows how high a wrong match can reach on this
    FAQ; an off-topic question's best match is exactly such a near miss. Near-duplicate FAQ
    entries only make the threshold stricter, never looser.
    """
    lo, hi = THRESHOLD_BOUNDS
    if top_scores.ndim != 2 or top_scores.shape[1] < 3 or len(top_scores) == 0:
        return lo
    null = confidence(top_scores[:, 1:])
    return float(np.clip(np.quantile(null, quantile), lo, hi))


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
    auto_threshold: float
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
    ids = raw.map(_clean_id)
    known = set(faq["faq_id"])
    given = ids[~ids.str.lower().isin(_NO_FAQ)]
    notes = []
    if len(given) and given.isin(known).mean() < 0.5:
        by_text = dict(zip(faq["question"].map(normalise), faq["faq_id"], strict=True))
        as_text = raw.map(normalise).map(by_text)
        if as_text.notna().sum() > given.isin(known).sum():
            ids = as_text.fillna("")
            notes.append("the true FAQ column holds FAQ question texts; matched them to FAQ ids")
    unknown = int((~ids.isin(known) & ~ids.str.lower().isin(_NO_FAQ)).sum())
    if unknown:
        notes.append(f"{unknown} questions name an FAQ id that is not in the FAQ; counted as having no FAQ")
    return np.where(ids.isin(known), ids, "").astype(object), notes


def match_questions(faq: pd.DataFrame, questions: pd.DataFrame,
                    matcher: FaqMatcher | None = None) -> Matches:
    """Fit on the FAQ (IDF also sees the question texts) and rank entries for every question."""
    matcher = matcher or FaqMatcher()
    texts = questions["question"].fillna("").astype(str).tolist()
    matcher.fit(faq, texts)
    idx, scores = matcher.top(texts)
    suggestions = matcher.suggest_from(idx, scores)
    suggestions.insert(0, "question_id", questions["question_id"].to_numpy()[suggestions.pop("row")])
    frame = questions[["question_id", "question"]].copy()
    notes: list[str] = []
    if "true_faq_id" in questions:
        frame["true_faq_id"], notes = map_labels(questions["true_faq_id"].astype("object"), faq)
    return Matches(questions=frame, suggestions=suggestions, top_ids=matcher.faq_ids_[idx],
                   top_scores=scores, confidence=confidence(scores),
                   auto_threshold=auto_threshold(scores), matcher=matcher, notes=notes)


def parse_threshold(threshold: float | str | None) -> float | None:
    """A number between 0 and 1 from the analyst, or None for the automatic choice."""
    if threshold is None or (isinstance(threshold, str) and threshold.strip().lower() == "auto"):
        return None
    try:
        value = float(threshold)
    except ValueError as exc:
        raise CrmError(
            f"The threshold must be a number between 0 and 1 or 'auto', not {threshold!r}.") from exc
    if not 0.0 <= value <= 1.0:
        raise CrmError(f"The threshold must be between 0 and 1, not {value}.")
    return value


def resolve_threshold(matches: Matches, threshold: float | str | None) -> float:
    """The analyst's number, else the automatic choice (``None`` or ``"auto"``)."""
    value = parse_threshold(threshold)
    return matches.auto_threshold if value is None else value


def replies(matches: Matches, threshold: float) -> pd.DataFrame:
    """One row per question: the reply to send, or an empty faq_id when a person should answer.

    ``score`` is the best entry's similarity and ``confidence`` what the threshold is applied to;
    ``best_faq_id`` keeps the best guess for routed questions, as a hint for the agent.
    """
    best = matches.suggestions[matches.suggestions["rank"] == 1].reset_index(drop=True)
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
    })


# --------------------------------------------------------------------------- evaluation


def _outcomes(matches: Matches, threshold: float) -> dict[str, np.ndarray]:
    truth = matches.questions["true_faq_id"].to_numpy()
    answered = matches.confidence >= threshold
    right = matches.top_ids[:, 0] == truth
    return {"answered": answered, "correct": answered & right, "wrong": answered & ~right,
            "on_topic": truth != ""}


def evaluate(matches: Matches, threshold: float) -> dict[str, float | int | None]:
    """Share answered, and with labels accuracy@1/@3 (questions an FAQ answers) and how many
    sent replies would be wrong at this threshold."""
    answered = matches.confidence >= threshold
    out: dict[str, float | int | None] = {
        "questions": len(answered), "faq_entries": matches.faq_entries,
        "answered": int(answered.sum()), "answered_share": round(float(answered.mean()), 4),
        "threshold": round(threshold, 4), "auto_threshold": round(matches.auto_threshold, 4),
    }
    if not matches.labelled:
        return out
    o = _outcomes(matches, threshold)
    truth = matches.questions["true_faq_id"].to_numpy()
    on = o["on_topic"]
    n_on = int(on.sum())
    hit3 = (matches.top_ids == truth[:, None]).any(axis=1)
    n_answered = max(int(o["answered"].sum()), 1)
    out.update({
        "labelled_with_faq": n_on, "labelled_without_faq": int((~on).sum()),
        "accuracy_at_1": round(float((matches.top_ids[on, 0] == truth[on]).mean()), 4) if n_on else None,
        "accuracy_at_3": round(float(hit3[on].mean()), 4) if n_on else None,
        "correct_share": round(float(o["correct"].mean()), 4),
        "wrong_share": round(float(o["wrong"].mean()), 4),
        "precision_of_replies": round(float(o["correct"].sum() / n_answered), 4),
        "no_faq_routed_share": round(float((~o["answered"][~on]).mean()), 4) if (~on).any() else None,
    })
    return out


def threshold_curve(matches: Matches, step: float = 0.01) -> pd.DataFrame | None:
    """Per threshold: share answered (deflection), answered correctly and answered wrongly."""
    if not matches.labelled:
        return None
    top = float(np.ceil(max(matches.confidence.max(initial=0.0), step) / step) * step)
    rows = []
    for t in np.arange(0.0, top + step / 2, step):
        o = _outcomes(matches, float(t))
        answered = int(o["answered"].sum())
        rows.append({"threshold": round(float(t), 4), "answered_share": o["answered"].mean(),
                     "correct_share": o["correct"].mean(), "wrong_share": o["wrong"].mean(),
                     "precision": o["correct"].sum() / answered if answered else 1.0})
    return pd.DataFrame(rows)


def label_threshold(curve: pd.DataFrame | None, precision: float = TARGET_PRECISION) -> float | None:
    """The lowest threshold at which at least ``precision`` of the replies sent are right."""
    if curve is None:
        return None
    fine = curve[(curve["precision"] >= precision) & (curve["answered_share"] > 0)]
    return float(fine["threshold"].iloc[0]) if len(fine) else None


# --------------------------------------------------------------------------- gaps

GAP_SAMPLE = 5000
"""KMeans and silhouette run on at most this many routed questions (the rest are assigned)."""
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
    """The k in 2..MAX_GAPS with the best cosine silhouette; one group when none shows structure."""
    n = x.shape[0]
    best_k, best_labels, best_score = 1, np.zeros(n, dtype=int), MIN_SILHOUETTE
    for k in range(2, min(MAX_GAPS, n // 3) + 1):
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
    texts = [str(t) for t in texts if word_tokens(str(t))]
    if not texts:
        return pd.DataFrame(columns=columns)
    x = normalize(TfidfVectorizer(analyzer=word_tokens, sublinear_tf=True).fit(texts).transform(texts))
    vocab = TfidfVectorizer(analyzer=word_tokens).fit(texts).get_feature_names_out()
    if len(texts) < MIN_GAP_QUESTIONS:
        labels = np.zeros(len(texts), dtype=int)
    else:
        topics = _lsa(x, random_state)
        sample = np.random.default_rng(random_state).permutation(len(texts))[:GAP_SAMPLE]
        k, sample_labels = _choose_k(topics[sample], random_state)
        labels = _assign(topics, topics[sample], sample_labels, k)
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


def _assign(x: np.ndarray, sample_x: np.ndarray, sample_labels: np.ndarray, k: int) -> np.ndarray:
    """Every routed question joins the group whose sample centroid it is closest to."""
    if k == 1:
        return np.zeros(x.shape[0], dtype=int)
    centroids = normalize(np.vstack([sample_x[sample_labels == g].mean(axis=0) for g in range(k)]))
    return (x @ centroids.T).argmax(axis=1)


# --------------------------------------------------------------------------- one call


@dataclass
class SupportRun:
    """What the CLI writes and the page shows for one threshold."""

    replies: pd.DataFrame
    summary: dict
    curve: pd.DataFrame | None
    gaps: pd.DataFrame


def run_support(matches: Matches, threshold: float, random_state: int = 0) -> SupportRun:
    """Replies, evaluation, threshold curve and gaps for one threshold."""
    table = replies(matches, threshold)
    curve = threshold_curve(matches)
    gaps = find_gaps(table.loc[table["routed_to_person"], "question"].tolist(), random_state)
    summary = evaluate(matches, threshold)
    suggested = label_threshold(curve)
    if matches.labelled:
        summary["suggested_threshold_from_labels"] = suggested
    summary["gaps"] = gaps[["questions", "top_terms"]].to_dict("records")
    summary["notes"] = list(matches.notes)
    return SupportRun(replies=table, summary=summary, curve=curve, gaps=gaps)


def load_and_match(con: duckdb.DuckDBPyConnection, faq_table: str, questions_table: str,
                   faq_columns: dict[str, str | None] | None = None,
                   question_columns: dict[str, str | None] | None = None) -> Matches:
    """Read both tables (columns detected or overridden) and match every question."""
    if faq_table == questions_table:
        raise CrmError(f"'{faq_table}' is given as both the FAQ and the questions table; "
                       "pick the table of incoming questions.")
    faq = read_faq(con, faq_table, faq_columns)
    if faq.empty:
        raise CrmError(f"The FAQ table '{faq_table}' has no entries with question text.")
    matches = match_questions(faq, read_questions(con, questions_table, question_columns))
    matches.columns = {"faq": detect_columns(con, faq_table, "faq", faq_columns),
                       "questions": detect_columns(con, questions_table, "questions", question_columns)}
    return matches


def try_question(matches: Matches, text: str, threshold: float) -> tuple[pd.DataFrame, bool]:
    """Top suggestions for one typed question and whether it would be answered."""
    if not normalise(text):
        raise CrmError("Type a question to try.")
    idx, scores = matches.matcher.top([text])
    table = matches.matcher.suggest_from(idx, scores).drop(columns="row")
    return table, bool(confidence(scores)[0] >= threshold)


REPLIES_TABLE = "support_replies"


def save_replies(con: duckdb.DuckDBPyConnection, table: pd.DataFrame, faq_table: str,
                 questions_table: str, threshold: float) -> store.TableInfo:
    """Write the replies back to the workspace as table ``support_replies``."""
    return store.write_frame(con, REPLIES_TABLE, table, source=f"{faq_table} × {questions_table}",
                             kind="result", parent=questions_table, replace=True,
                             run_params=f"threshold={threshold:.4f}")
