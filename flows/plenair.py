"""The plenary list editor: the facilitator shapes one column's proposed items into a list.

Pure: every edit returns a new ``Draft`` and never changes the old one, so undo is just
keeping old drafts. A refused edit raises ``PlenairFout`` with a message-catalogue key and
its parameters (like ``flows.subgroep.Geweigerd``); the bot chooses the words. Positions
are 1-based, as the facilitator sees the list numbered.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from flows.antwoord import clean
from flows.kaart import Kolom
from flows.merge import MergeInput, ProposedItem, near_pairs, pairs_with, propose_items

# An item has to fit on a sticky note of the map; a facilitator's wording is short.
MAX_ITEM_CHARS = 500
HISTORY_LIMIT = 50
# No list has a billion items; longer digit runs are garbage, and int() of a huge digit
# string is slow (and refused beyond 4300 digits).
_MAX_DIGITS = 9


class PlenairFout(Exception):
    """A refused edit; ``reason`` is a message-catalogue key, ``params`` fill in its text."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Item:
    """One item of the list: a wording, the answers behind it and who named it."""

    text: str
    answer_ids: tuple[int, ...] = ()  # sorted; () for items the facilitator added
    subgroups: tuple[str, ...] = ()  # first-seen order, no duplicates
    votes: int = 0
    # Made by the bot's proposal and not touched since: an answer that comes in late may
    # join it. Anything the facilitator did to it is final.
    auto: bool = False
    # Answers of other items the facilitator said are not the same as this one (after a
    # split, or "≠" under a hint): no hint puts them together again. Sorted.
    apart: tuple[int, ...] = ()

    @property
    def suggested(self) -> bool:
        """A group the bot proposed and the facilitator did not accept or undo yet."""
        return self.auto and len(self.answer_ids) > 1


@dataclass(frozen=True)
class Draft:
    """The list of items for one column, as it stands while the facilitator edits it."""

    kolom: Kolom
    items: tuple[Item, ...]


def draft_from_proposals(kolom: Kolom, proposals: Sequence[ProposedItem]) -> Draft:
    """The starting list: one item per proposed (already merged) item, in the same order;
    each a suggestion until the facilitator touches it."""
    return Draft(kolom, tuple(_proposed(p) for p in proposals))


def _proposed(p: ProposedItem) -> Item:
    ids = tuple(sorted(set(p.answer_ids)))
    return Item(p.text.strip(), ids, tuple(dict.fromkeys(p.subgroups)), auto=True)


def _index(draft: Draft, n: int) -> int:
    """The 0-based index of position n, or refuse a position that is not on the list."""
    if not 1 <= n <= len(draft.items):
        raise PlenairFout("plenair.fout.nummer", nummer=n, aantal=len(draft.items))
    return n - 1


def clean_text(text: str) -> str:
    """Clean typed text like an answer, and collapse runs of spaces inside each line."""
    return "\n".join(re.sub(r"[^\S\n]+", " ", line) for line in clean(text).split("\n"))


def _visible(text: str) -> bool:
    # Zero-width and format characters survive clean() but show nothing on the map.
    return any(unicodedata.category(ch)[0] not in "ZC" for ch in text)


def _checked_text(text: str) -> str:
    cleaned = clean_text(text)
    if not _visible(cleaned):
        raise PlenairFout("plenair.fout.leeg")
    if len(cleaned) > MAX_ITEM_CHARS:
        raise PlenairFout("plenair.fout.te_lang", lengte=len(cleaned), max=MAX_ITEM_CHARS)
    return cleaned


def merge(draft: Draft, a: int, b: int) -> Draft:
    """Merge items a and b into one with a's text, standing at the smaller position."""
    return merge_many(draft, (a, b))


def merge_many(draft: Draft, positions: Sequence[int]) -> Draft:
    """Merge several items; the first-named position gives the text."""
    if len(positions) < 2:
        raise PlenairFout("plenair.fout.gebruik", command=Op.MERGE.value)
    indices = [_index(draft, n) for n in positions]
    if len(set(indices)) != len(indices):
        twice = next(n for k, n in enumerate(positions) if n in positions[:k])
        raise PlenairFout("plenair.fout.zelfde_item", nummer=twice)
    chosen = [draft.items[i] for i in indices]
    ids = tuple(sorted({a for item in chosen for a in item.answer_ids}))
    merged = Item(
        chosen[0].text,
        ids,
        tuple(dict.fromkeys(s for item in chosen for s in item.subgroups)),
        sum(item.votes for item in chosen),
        apart=tuple(sorted({a for item in chosen for a in item.apart} - set(ids))),
    )
    at, gone = min(indices), set(indices)
    items = tuple(
        merged if i == at else item
        for i, item in enumerate(draft.items)
        if i == at or i not in gone
    )
    return replace(draft, items=items)


def split(draft: Draft, n: int, answers: Mapping[int, tuple[str, str]]) -> Draft:
    """Split item n into one item per source answer (answer id → (text, subgroup))."""
    i = _index(draft, n)
    item = draft.items[i]
    if len(item.answer_ids) < 2:
        raise PlenairFout("plenair.fout.niet_splitsen", nummer=n)
    if any(a not in answers for a in item.answer_ids):
        # An answer was withdrawn since the merge: splitting would lose or invent items.
        raise PlenairFout("plenair.fout.antwoord_onbekend", nummer=n)
    # Equal texts stay separate items: the facilitator asked to see every answer. The parts
    # are apart from each other: no hint suggests putting them back together.
    parts = tuple(
        Item(
            answers[a][0].strip(),
            (a,),
            (answers[a][1],),
            apart=tuple(sorted((set(item.answer_ids) | set(item.apart)) - {a})),
        )
        for a in item.answer_ids
    )
    return replace(draft, items=draft.items[:i] + parts + draft.items[i + 1 :])


def rephrase(draft: Draft, n: int, text: str) -> Draft:
    """Give item n a new wording; its answers, subgroups and votes stay."""
    i = _index(draft, n)
    items = list(draft.items)
    items[i] = replace(items[i], text=_checked_text(text), auto=False)
    return replace(draft, items=tuple(items))


def variants(item: Item, answers: Mapping[int, tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The wordings an item was made from, (text, subgroup), numbered from 1 in this order;
    answers withdrawn since are left out."""
    return tuple(
        (answers[a][0].strip(), answers[a][1]) for a in item.answer_ids if a in answers
    )


def pick(draft: Draft, n: int, v: int, answers: Mapping[int, tuple[str, str]]) -> Draft:
    """Make variant v (one of the answers behind item n) the wording of item n; the item
    keeps all its answers, so the other wordings stay its variants."""
    i = _index(draft, n)
    found = variants(draft.items[i], answers)
    if not found:
        raise PlenairFout("plenair.fout.geen_varianten", nummer=n)
    if not 1 <= v <= len(found):
        raise PlenairFout("plenair.fout.variant", nummer=n, variant=v, aantal=len(found))
    items = list(draft.items)
    items[i] = replace(items[i], text=found[v - 1][0], auto=False)
    return replace(draft, items=tuple(items))


def accept(draft: Draft, positions: Sequence[int]) -> Draft:
    """Keep the bot's suggested groups at these positions as they are: they are the
    facilitator's now, and a later proposal leaves them alone."""
    for n in positions:
        if not draft.items[_index(draft, n)].suggested:
            raise PlenairFout("plenair.fout.geen_voorstel", nummer=n)
    chosen = {n - 1 for n in positions}
    items = tuple(
        replace(item, auto=False) if i in chosen else item for i, item in enumerate(draft.items)
    )
    return replace(draft, items=items)


def set_apart(draft: Draft, a: int, b: int) -> Draft:
    """Items a and b are not the same: no hint puts them together again. Both stay as they
    are otherwise (a group the bot suggested is still a suggestion)."""
    i, j = _index(draft, a), _index(draft, b)
    if i == j:
        raise PlenairFout("plenair.fout.zelfde_item", nummer=a)
    x, y = draft.items[i], draft.items[j]
    if not x.answer_ids or not y.answer_ids:
        raise PlenairFout("plenair.fout.geen_antwoorden", nummer=a if not x.answer_ids else b)
    items = list(draft.items)
    items[i] = replace(x, apart=tuple(sorted(set(x.apart) | set(y.answer_ids))))
    items[j] = replace(y, apart=tuple(sorted(set(y.apart) | set(x.answer_ids))))
    return replace(draft, items=tuple(items))


@dataclass(frozen=True)
class Hint:
    """Two items on the list that look alike but were not put together: the facilitator
    decides (merge, or say they differ). Positions are 1-based, ``a`` before ``b``."""

    a: int
    b: int


def hints(
    draft: Draft, answers: Mapping[int, tuple[str, str]], lang: str = "nl"
) -> tuple[Hint, ...]:
    """The "looks like" hints of a list: for each item made of answers, the other item it
    looks most like (``flows.merge.near_pairs`` over their answers), unless the facilitator
    said they differ. ``answers``: answer id → (text, subgroup). Ordered by position; a
    pair is named once, and an item is the first of at most one hint."""
    ids = sorted(answer_ids(draft.items) & set(answers))
    if len(ids) < 2:
        return ()
    owner = {a: k for k, item in enumerate(draft.items) for a in item.answer_ids}
    best: dict[tuple[int, int], float] = {}
    for (x, y), score in _near(tuple(answers[a][0] for a in ids), lang).items():
        i, j = sorted((owner[ids[x]], owner[ids[y]]))
        if i != j and score > best.get((i, j), 0.0):
            best[(i, j)] = score
    mine: dict[int, tuple[float, int]] = {}
    for (i, j), score in sorted(best.items()):
        x, y = draft.items[i], draft.items[j]
        if set(x.apart) & set(y.answer_ids) or set(y.apart) & set(x.answer_ids):
            continue
        for k, other in ((i, j), (j, i)):
            if k not in mine or score > mine[k][0]:
                mine[k] = (score, other)
    pairs = {tuple(sorted((k, other))) for k, (_, other) in mine.items()}
    firsts: set[int] = set()
    out = []
    for i, j in sorted(pairs, key=lambda p: (-best[p], p)):
        if i in firsts:
            continue  # one hint under an item is enough; the next shows after a decision
        firsts.add(i)
        out.append(Hint(i + 1, j + 1))
    return tuple(sorted(out, key=lambda h: (h.a, h.b)))


def looks_like(draft: Draft, answers: Mapping[int, tuple[str, str]], lang: str) -> dict[int, int]:
    """The hints as the list shows them: position → the position it looks like."""
    return {h.a: h.b for h in hints(draft, answers, lang)}


@functools.lru_cache(maxsize=16)
def _near(texts: tuple[str, ...], lang: str) -> dict[tuple[int, int], float]:
    # A list is shown again after every edit, over the same answers: compare them once.
    return near_pairs(texts, lang=lang)


def remove(draft: Draft, n: int) -> Draft:
    """Take item n off the list."""
    i = _index(draft, n)
    return replace(draft, items=draft.items[:i] + draft.items[i + 1 :])


def remove_many(draft: Draft, positions: Sequence[int]) -> Draft:
    """Take several items off the list; all positions refer to the list as shown."""
    for n in positions:
        _index(draft, n)  # check all first, so a bad number removes nothing
    # Highest first, so the positions still to remove keep their numbers.
    for n in sorted(set(positions), reverse=True):
        draft = remove(draft, n)
    return draft


def add(draft: Draft, text: str) -> Draft:
    """Append an item the facilitator typed (no answers, no subgroups)."""
    return replace(draft, items=(*draft.items, Item(_checked_text(text))))


def move(draft: Draft, n: int, to: int) -> Draft:
    """Move item n so that it stands at position ``to``."""
    i, j = _index(draft, n), _index(draft, to)
    items = list(draft.items)
    items.insert(j, replace(items.pop(i), auto=False))
    return replace(draft, items=tuple(items))


def order_by_votes(draft: Draft, votes: Mapping[int, int]) -> Draft:
    """Set the votes per position (missing → 0) and sort by votes, most first, stably."""
    for n, count in votes.items():
        _index(draft, n)
        if count < 0:
            raise PlenairFout("plenair.fout.stemmen", nummer=n, stemmen=count)
    items = [replace(item, votes=votes.get(i + 1, 0)) for i, item in enumerate(draft.items)]
    return replace(draft, items=tuple(sorted(items, key=lambda item: -item.votes)))


class Op(StrEnum):
    """An edit; the value is the Dutch command."""

    MERGE = "samen"
    SPLIT = "splits"
    REPHRASE = "tekst"
    REMOVE = "weg"
    ADD = "erbij"
    MOVE = "zet"
    PICK = "kies"
    ACCEPT = "akkoord"
    APART = "apart"


# Command names (without "/") → edit; the English aliases help facilitators who think in them.
COMMANDS: dict[str, Op] = {op.value: op for op in Op} | {
    "merge": Op.MERGE, "split": Op.SPLIT, "rephrase": Op.REPHRASE, "text": Op.REPHRASE,
    "remove": Op.REMOVE, "add": Op.ADD, "move": Op.MOVE, "pick": Op.PICK,
    "accept": Op.ACCEPT, "different": Op.APART,
}  # fmt: skip


@dataclass(frozen=True)
class Edit:
    """A parsed edit: what to do, with which positions, and any new text."""

    op: Op
    numbers: tuple[int, ...] = ()
    text: str = ""


# How many positions each edit takes: (at least, at most); None is no upper bound.
_ARITY: dict[Op, tuple[int, int | None]] = {
    Op.MERGE: (2, None), Op.SPLIT: (1, 1), Op.REPHRASE: (1, 1),
    Op.REMOVE: (1, None), Op.ADD: (0, 0), Op.MOVE: (2, 2), Op.PICK: (2, 2),
    Op.ACCEPT: (1, None), Op.APART: (2, 2),
}  # fmt: skip
# Words people put between numbers: "2 en 5", "zet 4 naar 1".
_FILLER = frozenset({"en", "and", "met", "with", "naar", "to", "op", "->", "→"})
_SEPARATORS = re.compile(r"[,;&+]")
# ASCII digits only: "٣" or "３" is refused rather than read, so what the bot shows
# ("1.", "2.") is the only way to name a position.
_NUMBER = re.compile(r"#?([0-9]+)[.:]?")
# A space must follow the number, so "tekst 3.5 liter" is not read as item 3, text "5 liter".
_NUMBER_THEN_TEXT = re.compile(r"\s*#?([0-9]+)[.:)]?(?=\s)(.*)", re.DOTALL)


def _usage(op: Op) -> PlenairFout:
    return PlenairFout("plenair.fout.gebruik", command=op.value)


def _position(digits: str, op: Op) -> int:
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        raise _usage(op)
    return int(digits)


def _check_arity(edit: Edit) -> None:
    low, high = _ARITY[edit.op]
    if len(edit.numbers) < low or (high is not None and len(edit.numbers) > high):
        raise _usage(edit.op)


def parse_edit(command: str, args: str) -> Edit:
    """Read a typed edit ("samen 2 en 5", "tekst 3 nieuwe tekst", ...); positions unchecked."""
    name = command.strip().lstrip("/").split("@", 1)[0].lower()
    op = COMMANDS.get(name)
    if op is None:
        raise PlenairFout("plenair.fout.onbekend_commando", command=command.strip())
    numbers: tuple[int, ...] = ()
    text = ""
    if op is Op.ADD:
        text = clean_text(args)
    elif op is Op.REPHRASE:
        match = _NUMBER_THEN_TEXT.fullmatch(args)
        if match is None:
            raise _usage(op)
        numbers, text = (_position(match[1], op),), clean_text(match[2])
    else:
        found = []
        for word in _SEPARATORS.sub(" ", args).split():
            if word.lower() in _FILLER:
                continue
            match = _NUMBER.fullmatch(word)
            if match is None:
                raise _usage(op)
            found.append(_position(match[1], op))
        numbers = tuple(found)
    if op in (Op.ADD, Op.REPHRASE) and not _visible(text):
        raise _usage(op)
    edit = Edit(op, numbers, text)
    _check_arity(edit)
    return edit


def apply_edit(
    draft: Draft, edit: Edit, answers: Mapping[int, tuple[str, str]] | None = None
) -> Draft:
    """Apply a parsed edit (or one built by a button); ``answers`` is needed to split and
    to pick a variant."""
    _check_arity(edit)
    nums = edit.numbers
    match edit.op:
        case Op.MERGE:
            return merge_many(draft, nums)
        case Op.SPLIT:
            return split(draft, nums[0], answers or {})
        case Op.REPHRASE:
            return rephrase(draft, nums[0], edit.text)
        case Op.REMOVE:
            return remove_many(draft, nums)
        case Op.ADD:
            return add(draft, edit.text)
        case Op.MOVE:
            return move(draft, nums[0], nums[1])
        case Op.PICK:
            return pick(draft, nums[0], nums[1], answers or {})
        case Op.ACCEPT:
            return accept(draft, nums)
        case Op.APART:
            return set_apart(draft, nums[0], nums[1])
    raise AssertionError(edit.op)  # pragma: no cover - every Op is handled above


@dataclass(frozen=True)
class History:
    """Earlier drafts, newest last, at most HISTORY_LIMIT; push before each edit."""

    drafts: tuple[Draft, ...] = ()

    def push(self, draft: Draft) -> History:
        """Remember a draft (the oldest one drops off past the limit)."""
        return History((*self.drafts, draft)[-HISTORY_LIMIT:])

    def undo(self) -> tuple[History, Draft]:
        """The history without its newest draft, and that draft."""
        if not self.drafts:
            raise PlenairFout("plenair.fout.niets_ongedaan")
        return History(self.drafts[:-1]), self.drafts[-1]


def answer_ids(items: Sequence[Item]) -> frozenset[int]:
    """Every answer the items came from."""
    return frozenset(a for item in items for a in item.answer_ids)


def take_in_late(
    draft: Draft,
    answers: Mapping[int, tuple[str, str]],
    left_out: Collection[int],
    lang: str,
) -> Draft | None:
    """The list with the answers that came in after it was proposed (a paper table typed
    late), or None when there are none. ``answers`` is every answer of the column (id →
    (text, subgroup)); ``left_out`` the answers the facilitator took off the list.

    A late answer joins an item the bot made that nobody touched, when it is similar to
    every answer in it (as the merge groups); the item keeps its place and wording. Late
    answers that join none are grouped among themselves and come at the end. Nothing else
    changes: every item the facilitator made, changed, moved or accepted stays exactly as
    it is, and so does every untouched item no late answer joins.
    """
    late = sorted(set(answers) - answer_ids(draft.items) - set(left_out))
    if not late:
        return None
    items = list(draft.items)
    joinable = [
        k
        for k, item in enumerate(items)
        if item.auto and item.answer_ids and all(a in answers for a in item.answer_ids)
    ]
    ids = [a for k in joinable for a in items[k].answer_ids] + late
    index = {a: n for n, a in enumerate(ids)}
    similar = pairs_with(
        [answers[a][0] for a in ids], [index[a] for a in late], lang=lang
    )

    def fit(a: int, members: Sequence[int]) -> float | None:
        scores = [similar.get(tuple(sorted((index[a], index[m])))) for m in members]
        return None if None in scores else sum(scores) / len(scores)  # type: ignore[arg-type]

    members = {k: list(items[k].answer_ids) for k in joinable}
    alone = []
    for a in late:
        fits = [(score, -k) for k in joinable if (score := fit(a, members[k])) is not None]
        if fits:
            members[-max(fits)[1]].append(a)
        else:
            alone.append(a)
    for k in joinable:
        if len(members[k]) > len(items[k].answer_ids):
            found = members[k]
            items[k] = replace(
                items[k],
                answer_ids=tuple(sorted(found)),
                subgroups=tuple(
                    dict.fromkeys((*items[k].subgroups, *(answers[a][1] for a in found)))
                ),
            )
    inputs = [MergeInput(a, answers[a][0], answers[a][1]) for a in alone]
    items += [_proposed(p) for p in propose_items(inputs, lang=lang)]
    return replace(draft, items=tuple(items))


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def without_answers(
    items: Sequence[Item],
    gone: Mapping[int, tuple[str, str]],
    kept: Mapping[int, tuple[str, str]],
) -> tuple[Item, ...]:
    """The items once some answers are erased (a person asked to be forgotten, answers
    and all); ``gone`` and ``kept`` map answer id → (text, subgroup).

    An item that came from erased answers only goes. An item that also came from other
    answers stays for those: without the erased ids and the subgroups only they named, and
    with the words of its first other answer when its wording holds an erased answer. Items
    without erased answers are left alone (the facilitator's own words among them).
    """
    result = []
    for item in items:
        erased = [a for a in item.answer_ids if a in gone]
        if not erased:
            result.append(item)
            continue
        rest = tuple(a for a in item.answer_ids if a not in gone)
        known = [a for a in rest if a in kept]
        if not known:
            continue  # nothing left to say it but her (or answers long withdrawn)
        text = item.text
        if any(_plain(gone[a][0]) in _plain(text) for a in erased):
            text = kept[known[0]][0].strip()
        only_hers = {gone[a][1] for a in erased} - {kept[a][1] for a in known}
        subgroups = tuple(s for s in item.subgroups if s not in only_hers)
        result.append(replace(item, text=text, answer_ids=rest, subgroups=subgroups))
    return tuple(result)


def single_subgroup_items(draft: Draft) -> tuple[int, ...]:
    """Positions of items named by exactly one subgroup: possibly different values."""
    return tuple(i + 1 for i, item in enumerate(draft.items) if len(item.subgroups) == 1)


def all_subgroups(draft: Draft) -> tuple[str, ...]:
    """Every subgroup that named an item, in first-seen order."""
    return tuple(dict.fromkeys(s for item in draft.items for s in item.subgroups))
