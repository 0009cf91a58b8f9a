"""Meaning signals for merging, beyond spelling: negation, compound words and related words.

Pure functions, no I/O beyond reading word frequencies that ship inside the ``wordfreq``
wheel (read once, cached; without the package compound splitting is simply off).

* **Negation.** "wel vertrouwen" and "geen vertrouwen" share every content word but say the
  opposite: an answer with a negation word is never merged with one without.
* **Compound words.** Dutch writes compounds as one word ("rolverdeling", "buurtfeest"). A
  compound is split into a modifier and a head when both are common Dutch words and the
  compound itself is rarer than its head, so "verbinden" stays whole (ver+binden). The head
  carries the meaning ("buurtfeest" ~ "straatfeest" ~ "feest"); the modifier only meets a plain
  word ("rolverdeling" ~ "rollen"), never another compound's modifier ("buurtfeest" is not
  "buurthuis").
* **Related words.** A short table of everyday near-synonyms ("buurt"/"wijk", "geld"/"budget").
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import snowballstemmer


@dataclass(frozen=True)
class Features:
    """Which meaning signals the merge uses; the benchmark switches them to compare."""

    negation: bool = True
    compounds: bool = True
    synonyms: bool = True
    lemmas: bool = False  # simplemma: no gain on the evaluation set, ~1 s to load (see docs)
    set_weights: bool = True  # words in many answers of one merge count for less


FEATURES = Features()


@contextmanager
def features(**changes: bool) -> Iterator[Features]:
    """Use other features for a while (benchmarks, tests); caches are cleared around it."""
    global FEATURES
    before = FEATURES
    FEATURES = replace(before, **changes)
    concept.cache_clear()
    try:
        yield FEATURES
    finally:
        FEATURES = before
        concept.cache_clear()


# Words that turn an answer into its opposite. "minder" counts: "minder administratie" and
# "administratie goed bijhouden" pull in opposite directions.
NEGATIONS_NL = frozenset("geen niet niemand nooit nergens niets zonder minder".split())
NEGATIONS_EN = frozenset(
    """no not never nobody nothing none without less fewer
    dont doesnt didnt cant wont isnt arent""".split()
)
_NEGATIONS = {"nl": NEGATIONS_NL, "en": NEGATIONS_EN}


def negated(words: list[str], lang: str = "nl") -> bool:
    """Whether cleaned words contain a negation ("geen", "niet", "zonder", ...)."""
    neg = _NEGATIONS.get(lang, frozenset())
    return FEATURES.negation and any(w in neg for w in words)


# Everyday near-synonyms, one group a line. General Dutch, not one workshop's jargon; the
# first word names the group. Grown on the wijk and zorg answers of the evaluation set only.
_SYNONYMS_NL = """
buurt wijk
geld budget financiering middelen
duidelijk helder
scholing training opleiding cursus
personeel medewerker medewerkers
enquete vragenlijst
contactpersoon aanspreekpunt
zorgverlener hulpverlener professional
administratie papierwerk bureaucratie
klacht melding
aanpakken oppakken oplossen
speeltuin speelplaats speelplek
zwerfvuil zwerfafval
gelijkwaardig gelijk gelijken
respect respectvol respecteren
"""

_STEMMER = snowballstemmer.stemmer("dutch")
_PORTER = snowballstemmer.stemmer("dutch_porter")


def _forms(word: str) -> frozenset[str]:
    forms = {word, _STEMMER.stemWord(word), _PORTER.stemWord(word)}
    if FEATURES.lemmas:
        import simplemma

        forms.add(simplemma.lemmatize(word, lang="nl"))
    return frozenset(forms)


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Every form (word and both stems) of a listed word -> the group's first word."""
    out: dict[str, str] = {}
    for line in _SYNONYMS_NL.strip().splitlines():
        words = line.split()
        for word in words:
            for form in _forms(word):
                out.setdefault(form, words[0])
    return out


@lru_cache(maxsize=1)
def zipf_nl() -> dict[str, float]:
    """Dutch word -> Zipf frequency (log10 per billion words), from wordfreq's small list.

    Read straight from the package data (a gzipped msgpack list of buckets, one per
    centibel), which takes milliseconds where importing wordfreq itself takes ~0.3 s."""
    try:
        import msgpack

        data = resources.files("wordfreq").joinpath("data", "small_nl.msgpack.gz").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return {}
    header, *buckets = msgpack.unpackb(gzip.decompress(data), raw=False, strict_map_key=False)
    if not isinstance(header, dict) or header.get("format") != "cB":
        return {}
    return {word: 9 - i / 100 for i, bucket in enumerate(buckets) for word in bucket}


# Linking letters between the parts of a Dutch compound ("ontmoeting-s-ruimte",
# "klass-en-regels"), and prefixes that make verbs, not compounds ("ver-binden").
_LINKS = ("s", "en", "e", "n")
_PREFIXES = frozenset("ver be ge ont her mis er toe aan".split())
_MIN_ZIPF = 3.0  # both parts must be everyday words (once per million words or more)
_BLEACHED_ZIPF = 5.5  # heads this frequent ("werk", "tijd", "huis") carry little meaning


@lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, str] | None:
    """(modifier, head) of a Dutch compound word, or None when it is not one."""
    zipf = zipf_nl()
    if len(word) < 6 or not zipf:
        return None
    own = zipf.get(word, 0.0)
    best: tuple[float, str, str] | None = None
    for i in range(3, len(word) - 2):
        left, head = word[:i], word[i:]
        fh = zipf.get(head, 0.0)
        if fh < _MIN_ZIPF or own >= fh or (len(head) < 4 and fh < 4.0):
            continue
        mods = [left] + [left[: -len(s)] for s in _LINKS if left.endswith(s)]
        for mod in mods:
            fm = zipf.get(mod, 0.0)
            if len(mod) >= 3 and mod not in _PREFIXES and fm >= _MIN_ZIPF:
                cand = (min(fm, fh), mod, head)
                if best is None or cand > best:
                    best = cand
    return (best[1], best[2]) if best else None


@dataclass(frozen=True, slots=True)
class Concept:
    """What a word means for matching: head forms, and modifier forms if it is a compound."""

    heads: frozenset[str]
    mods: frozenset[str]  # empty for a plain word

    @property
    def compound(self) -> bool:
        return bool(self.mods)


def _canon(forms: frozenset[str]) -> frozenset[str]:
    if not FEATURES.synonyms:
        return forms
    syn = _synonyms()
    return forms | {"=" + syn[f] for f in forms if f in syn}


@lru_cache(maxsize=50_000)
def concept(word: str, lang: str = "nl") -> Concept:
    """The concept of a cleaned content word (cached)."""
    if lang != "nl":
        return Concept(frozenset((word,)), frozenset())
    forms = _forms(word)
    if FEATURES.synonyms and any(f in _synonyms() for f in forms):
        return Concept(_canon(forms), frozenset())
    parts = split_compound(word) if FEATURES.compounds else None
    if parts is None:
        return Concept(_canon(forms), frozenset())
    mod, head = parts
    if zipf_nl().get(head, 0.0) >= _BLEACHED_ZIPF:
        # A very frequent head says little ("maatwerk", "netwerken"): only the modifier counts.
        return Concept(_canon(forms), _canon(_forms(mod)))
    return Concept(_canon(_forms(head)) | forms, _canon(_forms(mod)))


def related(a: Concept, b: Concept) -> bool:
    """Same head (or synonym), or a compound's modifier is the other, plain word."""
    if a.heads & b.heads:
        return True
    if a.compound and not b.compound:
        return bool(a.mods & b.heads)
    if b.compound and not a.compound:
        return bool(b.mods & a.heads)
    return False


def concept_keys(c: Concept) -> set[str]:
    """Index keys so that related concepts share at least one."""
    keys = {"h:" + f for f in c.heads}
    if c.compound:
        keys.update("m:" + f for f in c.mods)
    else:
        keys.update("m:" + f for f in c.heads)
    return keys
