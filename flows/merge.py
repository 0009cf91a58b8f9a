"""Merging similar answers across subgroups into proposed items for the plenary round.

Deterministic, explainable, no network. Answers are normalised (accents, case, punctuation,
Dutch stop words, two Snowball stemmers; see ``flows.merge_normalise``) into content tokens.
Words that are too common in this method ("samenwerking", "partners", "goed", ...) never count
as evidence on their own. Two answers are similar when

* all distinctive tokens of one are matched in the other (same word, same stem or an
  inflection, or one typo), or
* their weighted overlap (Dice coefficient over matched distinctive tokens) reaches
  ``threshold``.

Grouping uses *complete linkage*: an answer joins a group only when it is similar to every
member, so "open" cannot chain "open communicatie" and "open dag" into one blob. Candidate
pairs come from an inverted index (stems, inflection bases, one-letter deletions), so 2,500
answers merge without an all-pairs loop. The result is only a proposal: the facilitator
always has the last word.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from flows import merge_meaning
from flows.merge_meaning import concept, concept_keys, negated, related
from flows.merge_normalise import (
    EXACT,
    INFLECTION,
    TYPO,
    Token,
    clean,
    index_keys,
    match_kind,
    normalise,
    tokens,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "HINT_FLOOR",
    "REASONS",
    "MergeInput",
    "ProposedItem",
    "near_pairs",
    "pairs_with",
    "normalise",
    "propose_items",
    "similar",
    "similarity",
]

# Dice over distinctive tokens. 0.75 lets 4-word answers differing in one word merge
# (3 of 4 shared) but keeps 2-of-3 ("schone veilige wijk" / "groene veilige wijk") apart;
# anything sharing less is only merged by containment.
DEFAULT_THRESHOLD = 0.75

# Pairs that share a meaningful word but too little to be merged (the overlap is this or more)
# are shown to the facilitator as "looks like" hints: about half of them are right on the
# evaluation set, where merging alone finds under half of the pairs (docs/merge-quality.md).
HINT_FLOOR = 0.3
# A word shared by more answers than this (or 2 % of them, when more) starts no hint.
_HINT_WORD_ANSWERS = 12

# Explanation keys, weakest change first; a group reports the strongest one among its members.
REASONS = ("identiek", "woordvolgorde", "verbuiging", "typfout", "bevat", "overlap", "verwant")
_RANK = {r: i for i, r in enumerate(REASONS)}
# Related words (a compound's part, a near-synonym; see ``flows.merge_meaning``) are the
# weakest evidence of a match, after a typo.
CONCEPT = 3
# A typo counts for a little less than an inflection, so closer pairs are merged first.
_WEIGHT = {EXACT: 1.0, INFLECTION: 0.97, TYPO: 0.9, CONCEPT: 0.85}


@dataclass(frozen=True)
class MergeInput:
    """One answer of one subgroup, as handed to the merge."""

    answer_id: int
    text: str
    subgroup: str


@dataclass(frozen=True)
class ProposedItem:
    """A proposed merged item: one wording, the answers behind it and why they were grouped."""

    text: str
    answer_ids: tuple[int, ...]
    subgroups: tuple[str, ...]
    reason: str
    key_words: tuple[str, ...] = ()  # words of the proposed text found in every member


@dataclass(frozen=True)
class _View:
    """Lookup sets of a group of tokens, for fast matching."""

    words: frozenset[str]
    stems: frozenset[str]
    alts: frozenset[str]

    @classmethod
    def of(cls, toks: tuple[Token, ...]) -> _View:
        return cls(
            frozenset(t.word for t in toks),
            frozenset(t.stem for t in toks),
            frozenset(t.alt for t in toks),
        )


@dataclass(frozen=True)
class _Sig:
    """The normalised form of an answer: all content tokens and the distinctive ones."""

    all: tuple[Token, ...]
    distinct: tuple[Token, ...]
    negated: bool  # "geen vertrouwen" is never merged with "(wel) vertrouwen"
    all_view: _View = field(compare=False, repr=False)
    distinct_view: _View = field(compare=False, repr=False)

    @classmethod
    def of(cls, text: str, lang: str) -> _Sig:
        toks = tokens(text, lang)
        distinct = tuple(t for t in toks if not t.common)
        neg = negated(clean(text), lang)
        return cls(toks, distinct, neg, _View.of(toks), _View.of(distinct))


# Fuzzy neighbours: word -> {word: kind} for matches that equal words/stems do not reveal
# (inflection by suffix, typos). Built once per merge from an index, so no all-pairs loop.
_Fuzzy = dict[str, dict[str, int]]


def _fuzzy_neighbours(vocab: Iterable[Token], lang: str = "nl") -> _Fuzzy:
    """Find every suffix-inflection, typo or related-word match within a vocabulary."""
    vocab = list(vocab)
    postings: dict[str, list[Token]] = defaultdict(list)
    for token in vocab:
        for key in index_keys(token):
            if key[0] not in "sa":  # equal stems are matched by set lookups instead
                postings[key].append(token)
    out: _Fuzzy = defaultdict(dict)
    seen: set[tuple[Token, Token]] = set()
    for group in postings.values():
        for x, y in combinations(group, 2):
            if (x, y) in seen:
                continue
            seen.add((x, y))
            kind = match_kind(x, y)
            if kind is not None and kind != EXACT:
                out[x.word][y.word] = out[y.word][x.word] = kind
    # Related words: compound parts and near-synonyms, for pairs not matched above.
    by_key: dict[str, list[Token]] = defaultdict(list)
    concepts = {t.word: concept(t.word, lang) for t in vocab}
    for token in vocab:
        for key in concept_keys(concepts[token.word]):
            by_key[key].append(token)
    for group in by_key.values():
        for x, y in combinations(group, 2):
            if x.word == y.word or y.word in out[x.word] or match_kind(x, y) is not None:
                continue
            if related(concepts[x.word], concepts[y.word]):
                out[x.word][y.word] = out[y.word][x.word] = CONCEPT
    return out


def _best(token: Token, view: _View, fuzzy: _Fuzzy) -> int | None:
    """The strongest way a token is matched in a view, or None."""
    if token.word in view.words:
        return EXACT
    if token.stem in view.stems or token.alt in view.alts:
        return INFLECTION
    near = fuzzy.get(token.word)
    if not near:
        return None
    # Related words make these maps longer: intersect (in C) rather than loop over them.
    hits = near.keys() & view.words
    return min(near[word] for word in hits) if hits else None


def _compare(
    a: _Sig, b: _Sig, threshold: float, fuzzy: _Fuzzy, weights: dict[str, float] | None = None
) -> tuple[bool, str, float]:
    """Decide whether two normalised answers belong together: (group?, reason, score).

    ``weights`` (word -> weight, default 1) lowers words found in many answers of one merge:
    they count for less in the overlap, and an answer made of them alone ("werk") is not
    merged into every answer that contains them ("plezier in je werk")."""
    if not a.all or not b.all:
        return False, "", 0.0  # empty, stop words only or emoji: never merged
    if a.negated != b.negated:
        return False, "", 0.0  # "geen vertrouwen" against "wel vertrouwen": opposites
    if a.all == b.all:
        return True, "identiek", 1.0
    if not a.distinct or not b.distinct:
        # Only common words ("samenwerking"): merge just the same common words, inflected.
        if a.distinct or b.distinct or len(a.all) != len(b.all):
            return False, "", 0.0
        kinds = [_best(t, b.all_view, fuzzy) for t in a.all] + [
            _best(t, a.all_view, fuzzy) for t in b.all
        ]
        if None in kinds:
            return False, "", 0.0
        return True, _equal_reason(a, b, max(kinds)), 0.95
    ka = [_best(t, b.distinct_view, fuzzy) for t in a.distinct]
    kb = [_best(t, a.distinct_view, fuzzy) for t in b.distinct]
    matched = [k for k in ka + kb if k is not None]
    wa = [weights.get(t.word, 1.0) if weights else 1.0 for t in a.distinct]
    wb = [weights.get(t.word, 1.0) if weights else 1.0 for t in b.distinct]
    got = sum(_WEIGHT[k] * w for k, w in zip(ka + kb, wa + wb, strict=True) if k is not None)
    score = got / (sum(wa) + sum(wb))
    full_a, full_b = None not in ka, None not in kb
    if full_a and full_b:
        if {t.stem for t in a.all if t.common} != {t.stem for t in b.all if t.common}:
            # Same distinctive words, one adds a common word ("... voor iedereen").
            return True, "bevat", score
        return True, _equal_reason(a, b, max(matched)), score
    if (full_a and max(wa) >= 1.0) or (full_b and max(wb) >= 1.0):
        return True, "bevat", score
    if score >= threshold:
        return True, "overlap", score
    return False, "", score


def _equal_reason(a: _Sig, b: _Sig, worst: int) -> str:
    if worst == CONCEPT:
        return "verwant"
    if worst == TYPO:
        return "typfout"
    if worst == INFLECTION:
        return "verbuiging"
    words_a, words_b = [t.word for t in a.all], [t.word for t in b.all]
    return (
        "woordvolgorde" if words_a != words_b and sorted(words_a) == sorted(words_b) else "identiek"
    )


def similarity(
    a: str, b: str, lang: str = "nl", threshold: float = DEFAULT_THRESHOLD
) -> tuple[bool, str, float]:
    """Compare two answers: (group?, reason key, score in 0..1)."""
    sa, sb = _Sig.of(a, lang), _Sig.of(b, lang)
    return _compare(sa, sb, threshold, _fuzzy_neighbours(set(sa.all) | set(sb.all), lang))


def similar(a: str, b: str, lang: str = "nl") -> tuple[bool, str]:
    """Whether two answers should be proposed as one item, and the reason key ("" if not)."""
    ok, reason, _ = similarity(a, b, lang)
    return ok, reason if ok else ""


def _word_index(sigs: list[_Sig], fuzzy: _Fuzzy) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Which answers hold each distinctive word, and which hold it or a word it matches
    (a stem, an inflection base, a typo, a related word): the inverted index the merge and
    the hints look candidates up in."""
    nodes_of: dict[str, set[int]] = defaultdict(set)
    by_stem: dict[str, set[str]] = defaultdict(set)
    by_alt: dict[str, set[str]] = defaultdict(set)
    vocab: dict[str, Token] = {}
    for i, sig in enumerate(sigs):
        for t in sig.distinct:
            nodes_of[t.word].add(i)
            by_stem[t.stem].add(t.word)
            by_alt[t.alt].add(t.word)
            vocab[t.word] = t
    holding = {
        word: {
            i
            for other in by_stem[t.stem] | by_alt[t.alt] | fuzzy.get(word, {}).keys()
            for i in nodes_of.get(other, ())
        }
        for word, t in vocab.items()
    }
    return dict(nodes_of), holding


def _candidate_pairs(sigs: list[_Sig], threshold: float, fuzzy: _Fuzzy) -> list[tuple[int, int]]:
    """Pairs of signatures that could be similar, found via an inverted index on tokens."""
    _, hits_of = _word_index(sigs, fuzzy)
    # counts[(i, j)]: how many of i's distinctive tokens match in j.
    counts: Counter[tuple[int, int]] = Counter()
    for i, sig in enumerate(sigs):
        for t in sig.distinct:
            counts.update((i, j) for j in hits_of[t.word] if j != i)
    pairs = []
    for (i, j), ci in counts.items():
        if i > j:
            continue
        cj = counts[(j, i)]
        na, nb = len(sigs[i].distinct), len(sigs[j].distinct)
        # Necessary for containment of either side, or for the Dice score to reach threshold.
        if ci == na or cj == nb or (ci + cj) / (na + nb) >= threshold:
            pairs.append((i, j))
    # Answers made of common words only ("samenwerking") can only meet their own kind.
    by_len: dict[int, list[int]] = defaultdict(list)
    for i, sig in enumerate(sigs):
        if sig.all and not sig.distinct:
            by_len[len(sig.all)].append(i)
    for group in by_len.values():
        pairs.extend((x, y) for n, x in enumerate(group) for y in group[n + 1 :])
    return pairs


# In a merge of enough answers, a word in at least this share of them (and in 3 or more) is
# the theme of the workshop ("zorg" in a care workshop): it counts half.
_THEME_SHARE, _THEME_MIN, _THEME_WEIGHT, _THEME_ANSWERS = 0.15, 3, 0.5, 10


def _set_weights(sigs: list[_Sig], members: list[list[int]]) -> dict[str, float]:
    """Weights of words that occur in many answers of this merge (others weigh 1)."""
    df: Counter[str] = Counter()
    for sig, m in zip(sigs, members, strict=True):
        df.update({t.word: len(m) for t in sig.distinct})
    total = sum(len(m) for m in members)
    if total < _THEME_ANSWERS:
        return {}
    return {
        w: _THEME_WEIGHT for w, n in df.items() if n >= _THEME_MIN and n >= _THEME_SHARE * total
    }


def propose_items(
    answers: Sequence[MergeInput], *, lang: str = "nl", threshold: float = DEFAULT_THRESHOLD
) -> list[ProposedItem]:
    """Group similar answers into proposed items, ordered by first mention in ``answers``."""
    # Answers with the same content tokens are one node; nodes are numbered in a content-based
    # order so that the result does not depend on the order of the input.
    node_of_sig: dict[_Sig, list[int]] = defaultdict(list)
    singles: list[list[int]] = []
    for pos, answer in enumerate(answers):
        sig = _Sig.of(answer.text, lang)
        if sig.all:
            node_of_sig[sig].append(pos)
        else:
            singles.append([pos])
    sigs = sorted(node_of_sig, key=lambda s: ([t.word for t in s.all], len(s.all), s.negated))
    members = [node_of_sig[s] for s in sigs]

    fuzzy = _fuzzy_neighbours({t for sig in sigs for t in sig.all}, lang)
    weights = _set_weights(sigs, members) if merge_meaning.FEATURES.set_weights else None
    scored: dict[tuple[int, int], tuple[str, float]] = {}
    for i, j in _candidate_pairs(sigs, threshold, fuzzy):
        ok, reason, score = _compare(sigs[i], sigs[j], threshold, fuzzy, weights)
        if ok:
            scored[(i, j)] = (reason, score)

    # Complete linkage: take pairs best first (ties by content order) and merge two clusters
    # only when every cross pair is similar.
    cluster = list(range(len(sigs)))
    nodes_in: dict[int, list[int]] = {i: [i] for i in range(len(sigs))}
    for i, j in sorted(scored, key=lambda p: (-scored[p][1], p)):
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        if all((min(x, y), max(x, y)) in scored for x in nodes_in[ci] for y in nodes_in[cj]):
            keep, drop = min(ci, cj), max(ci, cj)
            for x in nodes_in[drop]:
                cluster[x] = keep
            nodes_in[keep].extend(nodes_in.pop(drop))

    ordered: list[tuple[int, ProposedItem]] = []
    for nodes in nodes_in.values():
        ordered.append(_item(sorted(nodes), sigs, members, scored, fuzzy, answers))
    for (pos,) in singles:
        a = answers[pos]
        ordered.append((pos, ProposedItem(a.text.strip(), (a.answer_id,), (a.subgroup,), "")))
    return [item for _, item in sorted(ordered, key=lambda pair: pair[0])]


def _item(
    nodes: list[int],
    sigs: list[_Sig],
    members: list[list[int]],
    scored: dict[tuple[int, int], tuple[str, float]],
    fuzzy: _Fuzzy,
    answers: Sequence[MergeInput],
) -> tuple[int, ProposedItem]:
    """Build one proposed item from a cluster of nodes; returns (first input position, item)."""
    positions = sorted(p for n in nodes for p in members[n])

    def pair(x: int, y: int) -> tuple[str, float]:
        return ("identiek", 1.0) if x == y else scored[(min(x, y), max(x, y))]

    # Representative: the form named most often, then the most central one (highest summed
    # similarity to the others), then the shortest, then alphabetical: clear and deterministic.
    def texts(n: int) -> list[str]:
        return sorted(answers[p].text.strip() for p in members[n])

    def rank(n: int) -> tuple:
        centrality = sum(pair(n, m)[1] * len(members[m]) for m in nodes if m != n)
        shortest = min(texts(n), key=lambda t: (len(t), t))
        return (-len(members[n]), -round(centrality, 6), len(shortest), shortest)

    rep = min(nodes, key=rank)
    counts = Counter(texts(rep))
    text = min(counts, key=lambda t: (-counts[t], t))
    reasons = [pair(rep, n)[0] for n in nodes if n != rep]
    if len(members[rep]) > 1:
        reasons.append("identiek")
    reason = max(reasons, key=_RANK.__getitem__) if len(positions) > 1 else ""
    key_words = tuple(
        t.word
        for t in sigs[rep].distinct
        if all(n == rep or _best(t, sigs[n].distinct_view, fuzzy) is not None for n in nodes)
    )
    subgroups = tuple(dict.fromkeys(answers[p].subgroup for p in positions))
    item = ProposedItem(
        text, tuple(answers[p].answer_id for p in positions), subgroups, reason, key_words
    )
    return positions[0], item


@dataclass
class _Answers:
    """Answers ready to compare one by one: their signatures, the fuzzy word matches, the
    theme weights, and which answers hold each word (``_word_index``)."""

    sigs: list[_Sig]
    fuzzy: _Fuzzy
    weights: dict[str, float] | None
    nodes_of: dict[str, set[int]]  # the answers that hold a word
    holding: dict[str, set[int]]  # the answers that hold it or a word it matches

    @classmethod
    def of(cls, texts: Sequence[str], lang: str) -> _Answers:
        sigs = [_Sig.of(t, lang) for t in texts]
        fuzzy = _fuzzy_neighbours({t for sig in sigs for t in sig.all}, lang)
        weights = (
            _set_weights(sigs, [[i] for i in range(len(sigs))])
            if merge_meaning.FEATURES.set_weights
            else None
        )
        return cls(sigs, fuzzy, weights, *_word_index(sigs, fuzzy))

    def compare(self, i: int, j: int, threshold: float = DEFAULT_THRESHOLD):
        return _compare(self.sigs[i], self.sigs[j], threshold, self.fuzzy, self.weights)


def near_pairs(
    texts: Sequence[str], *, lang: str = "nl", floor: float = HINT_FLOOR
) -> dict[tuple[int, int], float]:
    """Pairs of answers (indexes into ``texts``, smaller first) that look alike: the merge's
    overlap score is ``floor`` or more, or one contains the other. Opposites (a negation on
    one side only) and answers without content words never pair. For hints, not merges.

    Only words that few answers share can start a pair: a word in many answers ("jongeren"
    in a youth workshop) says little about two of them, and would pair nearly all."""
    found = _Answers.of(texts, lang)
    cap = max(_HINT_WORD_ANSWERS, len(found.sigs) // 50)
    candidates: set[tuple[int, int]] = set()
    for word, hits in found.holding.items():
        if len(hits) <= cap:
            candidates.update(
                (min(i, j), max(i, j)) for i in found.nodes_of[word] for j in hits if i != j
            )
    out: dict[tuple[int, int], float] = {}
    for i, j in sorted(candidates):
        if found.sigs[i].negated != found.sigs[j].negated:
            continue
        ok, _, score = found.compare(i, j)
        if ok:
            score = max(score, DEFAULT_THRESHOLD)
        if score >= floor:
            out[(i, j)] = score
    return out


def pairs_with(
    texts: Sequence[str],
    targets: Iterable[int],
    *,
    lang: str = "nl",
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[tuple[int, int], float]:
    """The pairs the merge calls similar (indexes into ``texts``, smaller first, with their
    score) that include one of ``targets``: what a late answer could join, without
    comparing all the other answers with each other again."""
    found = _Answers.of(texts, lang)
    common_only: dict[int, set[int]] = defaultdict(set)
    for i, sig in enumerate(found.sigs):
        if sig.all and not sig.distinct:
            common_only[len(sig.all)].add(i)
    out: dict[tuple[int, int], float] = {}
    for i in set(targets):
        sig = found.sigs[i]
        others: set[int] = set()
        for t in sig.distinct:
            others |= found.holding[t.word]
        if sig.all and not sig.distinct:
            others |= common_only[len(sig.all)]
        for j in others - {i}:
            pair = (min(i, j), max(i, j))
            if pair not in out:
                ok, _, score = found.compare(*pair, threshold)
                if ok:
                    out[pair] = score
    return out
