"""Normalising short answers for merging: accents, case, punctuation, stop words, stemming.

Pure functions, no I/O. An answer becomes a tuple of content *tokens*: the cleaned word plus
two stems. Dutch gets both Snowball stemmers because each misses what the other catches:
"dutch" (the current algorithm) handles diminutives and participles (lijntjes → lijn,
gehoord → hoor), "dutch_porter" handles adjective endings after long vowels
(groene → groen, schone → schon). Two words match when any of their forms agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import OSA

# Dutch function words, auxiliaries/light verbs and fillers: they carry no meaning of their own
# in a two-to-five word answer ("de bewoners worden echt gehoord" = "bewoners gehoord").
STOP_WORDS_NL = frozenset(
    """
    de het een en of maar want dus zijn is was waren ben bent wordt worden werd werden geworden
    word we wij ze zij je jij jullie u ik me mij mijn ons onze hun hen hem haar zijn zich men
    voor van met op in aan te tot uit over onder tussen na naar bij door om tegen zonder via
    per sinds dat die dit deze er hier daar waar wat wie welke hoe als dan zo ook niet geen
    meer minder veel weinig kan kunnen kon konden moet moeten moest mag mogen wil willen zal
    zullen zou zouden heeft hebben had hadden heb hebt doen doet deed gaan gaat ging laten laat
    echt heel erg zeer wel nog al gewoon even toch juist vooral steeds zelf elk elke ieder iets
    niets alles alle beetje nu genoeg voldoende iemand
    """.split()
)

STOP_WORDS_EN = frozenset(
    """
    a an the and or but so is are was were be been being am do does did have has had will would
    can could should must may might shall we us our ours you your they them their he him his she
    her it its i me my of for with on in at to from by about into over under between after
    before through without this that these those there here what which who whom how when where
    as than then too also not no more less much many very really just only some any all each
    every own get gets got
    """.split()
)

# Words so common in this method that sharing them says nothing: "goede samenwerking" and
# "samenwerking met scholen" must not merge. General nouns ("mensen", "groepen") and light
# verbs ("organiseren", "maken") too: "buurtfeest organiseren" meets "jaarlijks buurtfeest".
# "partner" is here too; "gelijkwaardige partners" and "partners zijn gelijkwaardig" still
# merge on their other, distinctive stem.
COMMON_WORDS_NL = frozenset(
    """
    samen samenwerking samenwerkingen samenwerken samenwerkt partner partners partnerschap
    partnerschappen goed goede beter betere iedereen elkaar belangrijk belangrijke
    mens mensen groep groepen persoon personen
    organiseren organiseer maken maak starten start opzetten beginnen regelen inzetten
    """.split()
)
COMMON_WORDS_EN = frozenset(
    """
    together collaboration collaborate cooperation cooperate partner partners partnership good
    better everyone everybody each other important
    """.split()
)

# Inflection endings recognised directly on words (kans/kansen, wijk/wijken, luister/luistert),
# for pairs the stemmers leave apart. Longest first so "tjes" wins over "s".
_SUFFIXES = ("tjes", "jes", "tje", "je", "en", "es", "e", "s", "n", "t")

_LANGS = {
    "nl": ("dutch", "dutch_porter", STOP_WORDS_NL, COMMON_WORDS_NL),
    "en": ("english", "porter", STOP_WORDS_EN, COMMON_WORDS_EN),
}

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['’‘`´]")


@dataclass(frozen=True, slots=True)
class Token:
    """A content word of an answer with its two stems."""

    word: str
    stem: str
    alt: str
    common: bool

    def __hash__(self) -> int:
        # The word determines the rest; hashing one str keeps set/dict lookups cheap.
        return hash(self.word)

    @property
    def forms(self) -> tuple[str, str, str]:
        """The word and both stems, the strings typo matching looks at."""
        return (self.word, self.stem, self.alt)


def clean(text: str) -> list[str]:
    """Strip accents, casefold, drop punctuation/emoji/control characters and split into words."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Combining marks go (financiële → financiele); apostrophes join (auto's → autos).
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = _APOSTROPHES.sub("", bare)
    # Everything outside a-z/0-9 (emoji, punctuation, symbols, other scripts) splits words.
    return _NON_WORD.sub(" ", bare).split()


def _lang(lang: str) -> tuple[str, str, frozenset[str], frozenset[str]]:
    try:
        return _LANGS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; use one of {sorted(_LANGS)}") from None


@lru_cache(maxsize=8)
def _stemmers(lang: str):
    first, second, _, common = _lang(lang)
    primary, secondary = snowballstemmer.stemmer(first), snowballstemmer.stemmer(second)
    common_stems = frozenset(primary.stemWord(w) for w in common) | frozenset(
        secondary.stemWord(w) for w in common
    )
    return primary, secondary, common_stems


@lru_cache(maxsize=50_000)
def make_token(word: str, lang: str = "nl") -> Token:
    """Stem one cleaned content word (cached: Snowball in pure Python costs ~20 µs a word)."""
    primary, secondary, common_stems = _stemmers(lang)
    stem, alt = primary.stemWord(word), secondary.stemWord(word)
    common = word in _lang(lang)[3] or stem in common_stems or alt in common_stems
    return Token(word, stem, alt, common)


# Dutch separable verbs are written together or apart ("meedoen", "mee doen", "doet
# mee"): the particle "mee" is split off so all three read as the same word "mee".
_PARTICLE = "mee"
_NOT_PARTICLE = frozenset(
    "meer meest meeste meestal meester meesters meeuw meeuwen meel meeting meetings".split()
)


def _split_particles(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        rest = word[len(_PARTICLE) :]
        if word.startswith(_PARTICLE) and len(rest) >= 3 and word not in _NOT_PARTICLE:
            out.extend((_PARTICLE, rest))
        else:
            out.append(word)
    return out


@lru_cache(maxsize=20_000)
def tokens(text: str, lang: str = "nl") -> tuple[Token, ...]:
    """The content tokens of an answer, in order of first appearance, one per stem."""
    stop = _lang(lang)[2]
    seen: set[str] = set()
    out: list[Token] = []
    words = clean(text)
    if lang == "nl":
        words = _split_particles(words)
    for word in words:
        if word in stop:
            continue
        token = make_token(word, lang)
        if token.stem in seen:
            continue
        seen.add(token.stem)
        out.append(token)
    return tuple(out)


def normalise(text: str, lang: str = "nl") -> tuple[str, ...]:
    """Content-word stems of an answer, in order of first appearance, without duplicates."""
    return tuple(t.stem for t in tokens(text, lang))


def _inflected(a: str, b: str) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 3 or not long_.startswith(short):
        return False
    rest = long_[len(short) :]
    # A bare "-t" is only a verb ending on a longer base: avoid plan/plant, kan/kant.
    return rest in _SUFFIXES and (rest != "t" or len(short) >= 5)


def _typo(a: str, b: str) -> bool:
    # One edit (insert, delete, substitute or swap) on words of 5+ letters; shorter words
    # differ meaningfully by one letter (geld/geel, wijk/wijn).
    return min(len(a), len(b)) >= 5 and OSA.distance(a, b, score_cutoff=1) <= 1


# Match kinds, from strongest evidence to weakest.
EXACT, INFLECTION, TYPO = 0, 1, 2


def match_kind(a: Token, b: Token) -> int | None:
    """How two tokens match: EXACT (same word), INFLECTION (same stem), TYPO, or None."""
    if a.word == b.word:
        return EXACT
    if a.stem == b.stem or a.alt == b.alt or _inflected(a.word, b.word):
        return INFLECTION
    if any(_typo(x, y) for x, y in zip(a.forms, b.forms, strict=True)):
        return TYPO
    return None


def deletions(form: str) -> set[str]:
    """The form and its one-letter deletions: two forms within one edit share one of these."""
    if len(form) < 5:
        return {form}
    return {form} | {form[:i] + form[i + 1 :] for i in range(len(form))}


def index_keys(token: Token) -> set[str]:
    """Keys under which a token is indexed so that every possible match shares at least one."""
    keys = {"s:" + token.stem, "a:" + token.alt}
    # Inflection by suffix: index the word under each base it could be an inflection of.
    keys.add("w:" + token.word)
    for suffix in _SUFFIXES:
        if token.word.endswith(suffix) and len(token.word) > len(suffix):
            keys.add("w:" + token.word[: -len(suffix)])
    for n, form in enumerate(token.forms):
        keys.update(f"d{n}:{d}" for d in deletions(form))
    return keys
