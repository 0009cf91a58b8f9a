"""Judging a merge proposal against answers grouped by hand: pairwise precision and recall.

Pure functions over already loaded data (the set lives in ``tests/data/merge_eval_nl.json``;
the benchmark and the tests read it). A *pair* is two answers of one set (one workshop kind,
one column) in the same group. Precision: of the pairs the merge puts together, the share the
hand grouping also has; recall: of the hand grouping's pairs, the share the merge finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from flows.merge import MergeInput, ProposedItem, propose_items

Pair = tuple[int, int]
Proposer = Callable[[Sequence[MergeInput]], list[ProposedItem]]


@dataclass(frozen=True)
class EvalSet:
    """The answers of one workshop kind and column, grouped by hand."""

    kind: str
    kolom: str
    clusters: tuple[tuple[str, ...], ...]
    negations: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_json(cls, data: Mapping) -> EvalSet:
        return cls(
            data["kind"],
            data["kolom"],
            tuple(tuple(c) for c in data["clusters"]),
            tuple((a, b) for a, b in data.get("negations", ())),
        )

    @property
    def texts(self) -> list[str]:
        return [t for cluster in self.clusters for t in cluster]


@dataclass(frozen=True)
class Score:
    """Pair counts and the figures derived from them; adds up over sets."""

    true_pairs: int = 0  # pairs both the hand grouping and the merge have
    proposed_pairs: int = 0
    gold_pairs: int = 0
    negation_merges: int = 0  # hand-marked opposite answers the merge put together
    answers: int = 0

    @property
    def precision(self) -> float:
        return self.true_pairs / self.proposed_pairs if self.proposed_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_pairs + other.true_pairs,
            self.proposed_pairs + other.proposed_pairs,
            self.gold_pairs + other.gold_pairs,
            self.negation_merges + other.negation_merges,
            self.answers + other.answers,
        )


def _pairs(groups: Iterable[Iterable[int]]) -> set[Pair]:
    return {(a, b) for g in groups for a, b in combinations(sorted(g), 2)}


def score_set(s: EvalSet, propose: Proposer = propose_items) -> tuple[Score, list[ProposedItem]]:
    """Run the merge on one set's answers (one subgroup each) and count the pairs."""
    texts = s.texts
    inputs = [MergeInput(i, t, f"g{i}") for i, t in enumerate(texts)]
    items = propose(inputs)
    gold, n = [], 0
    for cluster in s.clusters:
        gold.append(range(n, n + len(cluster)))
        n += len(cluster)
    got = _pairs(item.answer_ids for item in items)
    want = _pairs(gold)
    index = {t: i for i, t in enumerate(texts)}
    opposite = {tuple(sorted((index[a], index[b]))) for a, b in s.negations}
    score = Score(len(got & want), len(got), len(want), len(got & opposite), len(texts))
    return score, items


def score_sets(sets: Iterable[EvalSet], propose: Proposer = propose_items) -> dict[str, Score]:
    """Scores per workshop kind and ``"all"``."""
    out: dict[str, Score] = {}
    for s in sets:
        score, _ = score_set(s, propose)
        out[s.kind] = out.get(s.kind, Score()) + score
        out["all"] = out.get("all", Score()) + score
    return out


def wrong_pairs(
    s: EvalSet, propose: Proposer = propose_items
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(merged but apart by hand, apart but together by hand): for reading the misses."""
    texts = s.texts
    _, items = score_set(s, propose)
    gold, n = [], 0
    for cluster in s.clusters:
        gold.append(range(n, n + len(cluster)))
        n += len(cluster)
    got, want = _pairs(item.answer_ids for item in items), _pairs(gold)
    show = lambda pairs: [(texts[a], texts[b]) for a, b in sorted(pairs)]  # noqa: E731
    return show(got - want), show(want - got)


@dataclass(frozen=True)
class HintScore:
    """How the "looks like" hints on the list do (``flows.plenair.hints``), adding up over
    sets: how many are shown and right, and the recall once the right ones are merged."""

    shown: int = 0
    right: int = 0  # both items' answers are in one hand group: merging them is right
    gold_pairs: int = 0
    merged_pairs: int = 0  # hand pairs the merge itself makes
    after_pairs: int = 0  # hand pairs once the facilitator merged every right hint

    @property
    def right_share(self) -> float:
        return self.right / self.shown if self.shown else 1.0

    @property
    def recall_after(self) -> float:
        return self.after_pairs / self.gold_pairs if self.gold_pairs else 1.0

    def __add__(self, other: HintScore) -> HintScore:
        return HintScore(
            self.shown + other.shown,
            self.right + other.right,
            self.gold_pairs + other.gold_pairs,
            self.merged_pairs + other.merged_pairs,
            self.after_pairs + other.after_pairs,
        )


def hint_score(s: EvalSet) -> HintScore:
    """Propose one set's answers, take the hints of that list, and merge the right ones
    (one round: what a facilitator does with the list as first shown)."""
    from flows.kaart import Kolom
    from flows.plenair import draft_from_proposals, hints

    texts = s.texts
    inputs = [MergeInput(i, t, f"g{i}") for i, t in enumerate(texts)]
    draft = draft_from_proposals(Kolom.WAARDEN, propose_items(inputs))
    gold = {a: k for k, cluster in enumerate(_gold_ranges(s)) for a in cluster}
    found = hints(draft, {i: (t, f"g{i}") for i, t in enumerate(texts)})
    items = [set(item.answer_ids) for item in draft.items]
    groups = [set(ids) for ids in items]
    right = 0
    for h in found:
        if len({gold[a] for a in items[h.a - 1] | items[h.b - 1]}) == 1:
            right += 1
            x = next(g for g in groups if items[h.a - 1] <= g)
            y = next(g for g in groups if items[h.b - 1] <= g)
            if x is not y:
                groups = [g for g in groups if g is not x and g is not y] + [x | y]
    want = _pairs(_gold_ranges(s))
    merged = _pairs(item.answer_ids for item in draft.items)
    after = _pairs(groups)
    return HintScore(len(found), right, len(want), len(merged & want), len(after & want))


def hint_scores(sets: Iterable[EvalSet]) -> dict[str, HintScore]:
    """Hint scores per workshop kind and ``"all"``."""
    out: dict[str, HintScore] = {}
    for s in sets:
        score = hint_score(s)
        out[s.kind] = out.get(s.kind, HintScore()) + score
        out["all"] = out.get("all", HintScore()) + score
    return out


def _gold_ranges(s: EvalSet) -> list[range]:
    gold, n = [], 0
    for cluster in s.clusters:
        gold.append(range(n, n + len(cluster)))
        n += len(cluster)
    return gold


def hints_worked_through(s: EvalSet, limit: int = 200) -> HintScore:
    """The room goes through the hints one by one until none is left: a right one is
    merged (🤝), a wrong one set apart (≠), and the list shows its next hints. ``shown``
    is then the number of taps it took."""
    from flows.kaart import Kolom
    from flows.plenair import draft_from_proposals, hints, merge, set_apart

    texts = s.texts
    sources = {i: (t, f"g{i}") for i, t in enumerate(texts)}
    inputs = [MergeInput(i, t, f"g{i}") for i, t in enumerate(texts)]
    draft = draft_from_proposals(Kolom.WAARDEN, propose_items(inputs))
    gold = {a: k for k, cluster in enumerate(_gold_ranges(s)) for a in cluster}
    want = _pairs(_gold_ranges(s))
    merged = len(_pairs(item.answer_ids for item in draft.items) & want)
    taps = right = 0
    while taps < limit:
        found = hints(draft, sources)
        if not found:
            break
        h = found[0]
        taps += 1
        both = draft.items[h.a - 1].answer_ids + draft.items[h.b - 1].answer_ids
        if len({gold[a] for a in both}) == 1:
            right += 1
            draft = merge(draft, h.a, h.b)
        else:
            draft = set_apart(draft, h.a, h.b)
    after = len(_pairs(item.answer_ids for item in draft.items) & want)
    return HintScore(taps, right, len(want), merged, after)
