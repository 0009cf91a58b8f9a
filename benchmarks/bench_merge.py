"""Benchmark: time merging 2,500 Dutch answers from 20 subgroups (flows.merge.propose_items),
and how well it groups: pairwise precision and recall on the hand-grouped Dutch answers in
``tests/data/merge_eval_nl.json``, per workshop kind (wijk and zorg tune, onderwijs and werk
are held out).

Run from the repository root: ``.venv/bin/python benchmarks/bench_merge.py [n]``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

# Runnable as a plain script from the repo root: make ``flows`` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.merge import MergeInput, near_pairs, propose_items  # noqa: E402
from flows.merge_meaning import concept, features, split_compound, zipf_nl  # noqa: E402
from flows.merge_normalise import make_token, tokens  # noqa: E402
from flows.merge_quality import (  # noqa: E402
    EvalSet,
    HintScore,
    hint_scores,
    hints_worked_through,
    score_sets,
)

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "merge_eval_nl.json"
TUNE, HELD_OUT = ("wijk", "zorg"), ("onderwijs", "werk")

# (uninflected, inflected) adjectives and (singular, plural) nouns, so answers vary in form.
ADJECTIVES = [
    ("gelijkwaardig", "gelijkwaardige"),
    ("open", "open"),
    ("duidelijk", "duidelijke"),
    ("veilig", "veilige"),
    ("groen", "groene"),
    ("schoon", "schone"),
    ("eerlijk", "eerlijke"),
    ("betaalbaar", "betaalbare"),
    ("toegankelijk", "toegankelijke"),
    ("transparant", "transparante"),
    ("kort", "korte"),
    ("betrokken", "betrokken"),
    ("respectvol", "respectvolle"),
    ("duurzaam", "duurzame"),
    ("gezond", "gezonde"),
    ("actief", "actieve"),
]
NOUNS = [
    ("partner", "partners"),
    ("afspraak", "afspraken"),
    ("buurt", "buurten"),
    ("wijk", "wijken"),
    ("straat", "straten"),
    ("woning", "woningen"),
    ("lijn", "lijnen"),
    ("besluit", "besluiten"),
    ("voorziening", "voorzieningen"),
    ("speelplek", "speelplekken"),
    ("bewoner", "bewoners"),
    ("school", "scholen"),
    ("ontmoetingsplek", "ontmoetingsplekken"),
    ("kans", "kansen"),
    ("initiatief", "initiatieven"),
    ("vereniging", "verenigingen"),
    ("jongere", "jongeren"),
    ("oudere", "ouderen"),
    ("ondernemer", "ondernemers"),
    ("vrijwilliger", "vrijwilligers"),
]
VERBS = [
    "luisteren naar",
    "samenwerken met",
    "investeren in",
    "zorgen voor",
    "praten met",
    "ruimte geven aan",
    "vertrouwen op",
    "betrekken van",
    "ondersteunen van",
    "bouwen aan",
]
SINGLE = [
    "vertrouwen",
    "respect",
    "veiligheid",
    "eigenaarschap",
    "verbinding",
    "gelijkwaardigheid",
    "transparantie",
    "betrokkenheid",
    "openheid",
    "continuïteit",
    "financiële zekerheid",
]
FILLERS = ["echt", "heel", "gewoon", "ook", "vooral"]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]  # dropped letter
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped letters
    return word[:i] + word[i] + word[i:]  # doubled letter


def _phrase(rng: random.Random) -> str:
    adj, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
    shape = rng.randrange(6)
    if shape == 0:
        return f"{adj[1]} {noun[1]}"
    if shape == 1:
        return f"de {noun[1]} zijn {rng.choice(FILLERS)} {adj[0]}"
    if shape == 2:
        return f"{rng.choice(VERBS)} {noun[1]}"
    if shape == 3:
        return f"een {adj[1]} {noun[0]} voor iedereen"
    if shape == 4:
        return rng.choice(SINGLE)
    return f"meer {noun[1]} in de {rng.choice(['wijk', 'buurt', 'stad'])}"


def make_answers(n: int = 2500, seed: int = 2024) -> list[MergeInput]:
    """Deterministically generate n realistic Dutch answers across 20 subgroups."""
    rng = random.Random(seed)
    answers = []
    for i in range(n):
        if rng.random() < 0.05:
            # A long answer (~300 characters): several phrases joined into sentences.
            parts = []
            while sum(len(p) + 2 for p in parts) < 300:
                parts.append(_phrase(rng))
            text = ". ".join(p.capitalize() for p in parts) + "."
        else:
            text = _phrase(rng)
        words = [_typo(w, rng) if rng.random() < 0.04 else w for w in text.split()]
        text = " ".join(words)
        if rng.random() < 0.3:
            text = text.capitalize()
        if rng.random() < 0.2:
            text += rng.choice(["!", ".", " 👍", "?!"])
        answers.append(MergeInput(i + 1, text, f"Groep {i % 20 + 1}"))
    return answers


def run(n: int = 2500, repeats: int = 3) -> dict:
    """Time propose_items on n generated answers (best of `repeats`); return the figures."""
    answers = make_answers(n)
    best = best_cpu = float("inf")
    items = []
    zipf_nl.cache_clear()
    start = time.perf_counter()
    zipf_nl()  # once per process: the Dutch word frequencies for compound splitting
    load = time.perf_counter() - start
    for _ in range(repeats):
        # Cold caches each round: the figure includes stemming, as in a real plenary.
        tokens.cache_clear()
        make_token.cache_clear()
        concept.cache_clear()
        split_compound.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        items = propose_items(answers)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return {
        "answers": n,
        "items": len(items),
        "merged_items": sum(1 for it in items if len(it.answer_ids) > 1),
        "seconds": best,
        "cpu_seconds": best_cpu,
        "load_seconds": load,
        "answers_per_second": n / best if best else float("inf"),
    }


def load_eval_sets() -> list[EvalSet]:
    """The hand-grouped evaluation sets."""
    return [EvalSet.from_json(d) for d in json.loads(EVAL_SET.read_text("utf-8"))["sets"]]


def quality(propose=propose_items) -> dict:
    """Pairwise precision/recall per workshop kind, for tuning and held-out kinds, and all."""
    sets = load_eval_sets()
    scores = score_sets(sets, propose)
    tune = score_sets([s for s in sets if s.kind in TUNE], propose)["all"]
    held = score_sets([s for s in sets if s.kind in HELD_OUT], propose)["all"]
    kinds = {k: scores[k] for k in (*TUNE, *HELD_OUT) if k in scores}
    return {
        **kinds,
        "tune (wijk+zorg)": tune,
        "held out (onderwijs+werk)": held,
        "all": scores["all"],
    }


# What was tried (flows.merge_meaning.Features), from none of the meaning signals to all the
# chosen ones and one more; the chosen method is the default.
VARIANTS = [
    (
        "spelling only",
        dict(negation=False, compounds=False, synonyms=False, set_weights=False),
    ),
    ("+ negation guard", dict(compounds=False, synonyms=False, set_weights=False)),
    ("+ compound splitting", dict(synonyms=False, set_weights=False)),
    ("+ near-synonyms", dict(set_weights=False)),
    ("+ theme words count half = chosen", {}),
    ("chosen + simplemma lemmas", dict(lemmas=True)),
]


def print_variants() -> None:
    print("merge methods tried: tune (wijk+zorg) | held out (onderwijs+werk) | all, P / R")
    for label, changes in VARIANTS:
        if changes.get("lemmas"):
            try:
                import simplemma  # noqa: F401
            except ImportError:
                print(f"  {label:36} (simplemma not installed; see docs/merge-quality.md)")
                continue
        with features(**changes):
            q = quality()
        cells = [q["tune (wijk+zorg)"], q["held out (onderwijs+werk)"], q["all"]]
        figures = " | ".join(f"{c.precision:.2f} / {c.recall:.2f}" for c in cells)
        print(f"  {label:36} {figures}  (negation merges {q['all'].negation_merges})")


def print_quality(label: str, propose=propose_items) -> None:
    print(f"merge quality ({label}): pairwise precision / recall on {EVAL_SET.name}")
    for name, sc in quality(propose).items():
        print(
            f"  {name:26} P {sc.precision:.2f}  R {sc.recall:.2f}  "
            f"({sc.true_pairs}/{sc.proposed_pairs} proposed, {sc.true_pairs}/{sc.gold_pairs} "
            f"by hand, {sc.answers} answers, negation merges {sc.negation_merges})"
        )


def print_hints() -> None:
    """The "looks like" hints of the list: how many, how many right, and the recall once
    the facilitator merged the right ones (one round)."""
    sets = load_eval_sets()
    print("looks-like hints on the list (flows.plenair.hints), one round of merging the right")
    groups = {
        "tune (wijk+zorg)": hint_scores([s for s in sets if s.kind in TUNE])["all"],
        "held out (onderwijs+werk)": hint_scores([s for s in sets if s.kind in HELD_OUT])["all"],
        "all": hint_scores(sets)["all"],
    }
    for name, h in groups.items():
        before = h.merged_pairs / h.gold_pairs if h.gold_pairs else 1.0
        print(
            f"  {name:26} {h.shown} hints, {h.right_share:.2f} right; recall {before:.2f} "
            f"by the merge, {h.recall_after:.2f} after merging the right hints"
        )
    through = sum((hints_worked_through(s) for s in sets), HintScore())
    print(
        f"  worked through until no hint is left: {through.shown} taps on {len(sets)} lists, "
        f"{through.right_share:.2f} right; recall {through.recall_after:.2f}"
    )
    texts = [a.text for a in make_answers(2500)]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        pairs = near_pairs(texts)
        best = min(best, time.perf_counter() - start)
    print(f"  hints over 2500 answers: {len(pairs)} alike pairs in {best:.3f} s (best of 3)")


def main() -> None:
    """Print the benchmark figures."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
    r = run(n)
    print(
        f"merge: {r['answers']} answers -> {r['items']} items ({r['merged_items']} merged) "
        f"in {r['seconds']:.3f} s (best of 3; {r['cpu_seconds']:.3f} s CPU), "
        f"{r['answers_per_second']:,.0f} answers/s; word frequencies load once in "
        f"{r['load_seconds']:.3f} s"
    )
    print_quality("propose_items")
    print_hints()
    print_variants()


if __name__ == "__main__":
    main()
