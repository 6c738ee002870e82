"""Benchmark: fit + match N FAQ entries × M questions, against two baselines in the same process.

Baselines: exact-string lookup (normalised question → FAQ id) and a word-only TF-IDF matcher.
Prints timings, throughput and accuracy on generated paraphrases (typos, greetings, word swaps)
and off-topic questions. ``python bench/support.py [--faq 1000] [--questions 50000]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from crm_core.support import evaluate
from crm_core.support import matcher as support
from crm_core.support.selfcheck import self_check
from crm_core.support.text import normalise

TOPICS = ("delivery", "refund", "password", "invoice", "voucher", "points", "card", "account",
          "address", "parcel", "subscription", "warranty", "discount", "order", "payment", "email",
          "store", "gift", "size", "stock")
VERBS = ("change", "cancel", "track", "reset", "use", "get", "update", "return", "claim", "check")
CONTEXT = ("online", "in store", "abroad", "on the app", "for a business", "after 30 days",
           "with paypal", "as a guest", "on my phone", "before shipping")
GREET = ("hi, ", "hello! ", "", "", "good morning, ")
OFF = ("are you hiring drivers", "can you sponsor our charity run", "what is the weather tomorrow",
       "my neighbour's dog barks", "do you sell cars", "who won the football")


def make_data(n_faq: int, n_questions: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """FAQ entries built from topic × verb × context, questions that reword them (75 %) or not."""
    rng = np.random.default_rng(seed)
    combos = [(t, v, c) for t in TOPICS for v in VERBS for c in CONTEXT]
    picks = rng.choice(len(combos), size=n_faq, replace=n_faq > len(combos))
    faq = pd.DataFrame({
        "faq_id": [f"F{i:05d}" for i in range(n_faq)],
        "question": [f"How do I {combos[p][1]} my {combos[p][0]} {combos[p][2]}?" for p in picks],
        "answer": [f"To {combos[p][1]} a {combos[p][0]} {combos[p][2]}, open your account and follow "
                   f"the steps; support replies within {1 + p % 5} days." for p in picks],
        "category": [combos[p][0] for p in picks],
    })
    target = rng.integers(0, n_faq, size=n_questions)
    on_topic = rng.random(n_questions) < 0.75
    texts = []
    for i in range(n_questions):
        if on_topic[i]:
            t, v, c = combos[picks[target[i]]]
            word = t if rng.random() > 0.3 else t[:-1] + t[-1] * 2  # a typo now and then
            texts.append(f"{rng.choice(GREET)}{c}, can I {v} the {word}? thanks")
        else:
            texts.append(f"{rng.choice(GREET)}{rng.choice(OFF)}?")
    questions = pd.DataFrame({"question_id": [f"Q{i}" for i in range(n_questions)], "question": texts,
                              "true_faq_id": np.where(on_topic, faq["faq_id"].to_numpy()[target], "")})
    return faq, questions


def exact_lookup(faq: pd.DataFrame, questions: pd.DataFrame) -> np.ndarray:
    lookup = dict(zip(faq["question"].map(normalise), faq["faq_id"], strict=True))
    return questions["question"].map(normalise).map(lookup).fillna("").to_numpy()


def word_only(faq: pd.DataFrame, questions: pd.DataFrame) -> np.ndarray:
    vec = TfidfVectorizer(sublinear_tf=True).fit(faq["question"] + " " + faq["answer"])
    entries = normalize(vec.transform(faq["question"] + " " + faq["answer"]))
    best = []
    for start in range(0, len(questions), support.MATCH_CHUNK):
        block = normalize(vec.transform(questions["question"].iloc[start:start + support.MATCH_CHUNK]))
        best.append(np.asarray((block @ entries.T).argmax(axis=1)).ravel())
    return faq["faq_id"].to_numpy()[np.concatenate(best)]


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--faq", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=50_000)
    args = parser.parse_args()
    faq, questions = make_data(args.faq, args.questions)
    truth = questions["true_faq_id"].to_numpy()
    on = truth != ""
    print(f"FAQ entries: {len(faq):,}  questions: {len(questions):,} ({on.mean():.0%} answerable)")

    exact, t_exact = timed(exact_lookup, faq, questions)
    words, t_words = timed(word_only, faq, questions)
    matches, t_match = timed(support.match_questions, faq, questions)
    check, t_run = timed(self_check, matches.matcher)
    summary = evaluate.evaluate(matches, check.threshold)
    rows = [
        ("exact-string lookup", t_exact, (exact[on] == truth[on]).mean()),
        ("word-only TF-IDF", t_words, (words[on] == truth[on]).mean()),
        ("FaqMatcher fit + top-3", t_match, summary["accuracy_at_1"]),
    ]
    for name, seconds, acc in rows:
        print(f"{name:<26} {seconds:8.2f} s  {len(questions) / seconds:>10,.0f} questions/s  "
              f"accuracy@1 {acc:.3f}")
    print(f"FAQ self-check       {t_run:8.2f} s")
    print(f"FaqMatcher / word-only time ratio: {t_match / t_words:.1f}x;  "
          f"/ exact lookup: {t_match / t_exact:.1f}x")
    print(f"auto threshold {summary['threshold']:.3f}: answered {summary['answered_share']:.1%}, "
          f"replies right {summary['precision_of_replies']:.1%}, wrong replies {summary['wrong_share']:.1%} "
          f"of all, off-topic routed {summary['no_faq_routed_share']:.1%}, accuracy@3 "
          f"{summary['accuracy_at_3']:.3f}, threshold {check.threshold:.2f} (FAQ self-check)")
    labels = evaluate.label_threshold(evaluate.threshold_curve(matches))
    crossed, t_cross = timed(evaluate.cross_checked, matches, check)
    if labels is not None and crossed:
        fitted = evaluate.evaluate(matches, labels)
        print(f"labels' threshold {labels:.2f}: replies right {fitted['precision_of_replies']:.1%} on the "
              f"questions that set it, {crossed['precision_of_replies']:.1%} out of fold "
              f"(answered {fitted['answered_share']:.1%} / {crossed['answered_share']:.1%}; {t_cross:.2f} s)")


if __name__ == "__main__":
    main()
