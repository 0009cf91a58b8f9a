"""An edited message that held several answers (a paper table's `/typ`, one answer a
line): which answers change, which lines are new and which answers were taken out.

Lines are matched by their text, not by their place: a facilitator who fixes a typo in
line 3 and adds a line above it changes answer 3, and adds one; the answers below do not
shift into each other's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Regelwijziging:
    """What an edit does to the answers of one message."""

    changed: tuple[tuple[int, str], ...] = ()  # (index of the old line, its new text)
    added: tuple[str, ...] = ()  # new lines, in the order typed
    removed: tuple[int, ...] = ()  # indexes of old lines that are gone

    @property
    def nothing(self) -> bool:
        return not (self.changed or self.added or self.removed)


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False).ratio()


# Two lines this alike are one answer, rewritten; less alike, one went and one came.
ALIKE = 0.5


def _pair(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pair the lines of two rewritten blocks in order, the most alike together."""
    rows, cols = len(old), len(new)
    score = [[_similarity(a, b) for b in new] for a in old]
    # best[i][j]: the highest total likeness pairing old[i:] with new[j:].
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            paired = score[i][j] + best[i + 1][j + 1] if score[i][j] >= ALIKE else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < rows and j < cols:
        if score[i][j] >= ALIKE and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    if not pairs and rows == cols:
        # Nothing alike, as many lines as before: each line was rewritten in its place.
        pairs = [(k, k) for k in range(rows)]
    return pairs


def compare_lines(old: Sequence[str], new: Sequence[str]) -> Regelwijziging:
    """What turns the old lines into the new ones: changed, added and removed lines."""
    changed: list[tuple[int, str]] = []
    added: list[str] = []
    removed: list[int] = []
    blocks = SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":
            continue
        # A rewritten block: its lines are paired (each pair is one answer changed); a
        # line left over was added or taken out.
        pairs = _pair(old[i1:i2], new[j1:j2])
        changed += [(i1 + i, new[j1 + j]) for i, j in pairs]
        paired_old = {i for i, _ in pairs}
        paired_new = {j for _, j in pairs}
        removed += [i1 + i for i in range(i2 - i1) if i not in paired_old]
        added += [new[j1 + j] for j in range(j2 - j1) if j not in paired_new]
    # A line that only moved is the same answer: it stays as it is.
    for i in list(removed):
        if old[i] in added:
            added.remove(old[i])
            removed.remove(i)
    return Regelwijziging(tuple(changed), tuple(added), tuple(removed))
