"""How easy the bot's Dutch reads: Flesch-Douma and words per sentence over the demo.

Run: .venv/bin/python benchmarks/bench_language.py
Plays the offline demo (bot/demo.py) in-process, collects every message and edit the bot
sent (each distinct text once, markup and buttons left out) and prints:

* Flesch-Douma over all of it: 206.84 − 0.77 · syllables per 100 words − 0.93 · words per
  sentence (Douma's Dutch version of Flesch; 60–70 is plain, 80+ easy), with Dutch
  syllables counted as groups of vowels ("waarden" 2, "buurt" 1, "iedereen" 3);
* the average words per sentence;
* the worst message: the lowest score among messages of at least MIN_WORDS words (the
  formula means nothing on three words: "Gekozen." alone scores −25).

Twice: over the messages as sent, and over the bot's own words, with what people typed
(answers, the goal, names of people and groups) taken out of them. Only the second is
the bot's language; "Ondernemersvereniging" is the room's word, not the bot's.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox import TranscriptEvent  # noqa: E402

# Shorter messages get no score of their own (they still count in the total).
MIN_WORDS = 10
_VOWELS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_URL = re.compile(r"https?://\S+|t\.me/\S+")
_MARKUP = re.compile(r"\n?\[(?:buttons|force reply|keyboard)[^\]]*\]\s*$", re.DOTALL)


def syllables(word: str) -> int:
    """Dutch syllables as groups of vowels; every word has at least one."""
    return max(1, len(_VOWELS.findall(word)))


def words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", text))


def sentences(text: str) -> list[str]:
    """Sentences end at . ! ? before a space, or at a line break; only those with a word."""
    return [s for s in _SENTENCE_END.split(_URL.sub(" ", text)) if words(s)]


def plain_text(text: str) -> str:
    """The visible text: tags dropped, entities read, the sandbox's markup note gone."""
    return _MARKUP.sub("", html.unescape(re.sub(r"<[^>]+>", "", text))).strip()


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int

    @property
    def flesch_douma(self) -> float:
        if not self.words:
            return 206.84
        per_100 = 100 * self.syllables / self.words
        return 206.84 - 0.77 * per_100 - 0.93 * self.words / max(1, self.sentences)

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(1, self.sentences)


def score(text: str) -> Score:
    found = words(text)
    return Score(len(found), len(sentences(text)), sum(syllables(w) for w in found))


@dataclass(frozen=True)
class Report:
    messages: list[str]

    @property
    def total(self) -> Score:
        scores = [score(m) for m in self.messages]
        return Score(*(sum(getattr(s, f) for s in scores) for f in ("words", "sentences",
                                                                      "syllables")))

    def scored(self) -> list[tuple[float, str]]:
        """(Flesch-Douma, message) for every message long enough to score, worst first."""
        return sorted(
            (score(m).flesch_douma, m) for m in self.messages if score(m).words >= MIN_WORDS
        )

    @property
    def worst(self) -> tuple[float, str]:
        return self.scored()[0]

    @property
    def mean(self) -> float:
        found = self.scored()
        return sum(f for f, _ in found) / len(found)


def _bot(event: TranscriptEvent) -> bool:
    return event.actor.startswith("🤖")


def bot_texts(events: list[TranscriptEvent]) -> list[str]:
    """Every distinct text the bot sent or edited to, in order, as a reader sees it."""
    seen: dict[str, None] = {}
    for event in events:
        if _bot(event) and event.kind in ("message", "edit"):
            text = plain_text(event.text)
            if text:
                seen.setdefault(text, None)
    return list(seen)


def typed_by_people(events: list[TranscriptEvent]) -> list[str]:
    """What people put into the bot's messages: the text after each command (one piece a
    line), their names and the names of their chats; longest first."""
    found: set[str] = set()
    for event in events:
        found.add(event.chat_title)
        if event.topic:
            found.add(event.topic)
        if _bot(event):
            continue
        found.add(event.actor)
        if event.kind != "message":
            continue
        for line in event.text.splitlines():
            # "/tekst 2 Iedereen …", "/idee …", "/typ 4 1": keep what follows the command
            found.add(re.sub(r"^/\w+(?:@\w+)?(?:\s+\d+)*\s*", "", line).strip())
    return sorted((t for t in found if len(words(t)) >= 1), key=len, reverse=True)


def own_words(text: str, typed: list[str]) -> str:
    """The text without what people typed in it."""
    for piece in typed:
        text = text.replace(piece, " ")
    return text


@dataclass(frozen=True)
class DemoLanguage:
    sent: Report  # the bot's messages as they were sent
    own: Report  # the same, with what people typed taken out


async def demo_language(out_dir: Path) -> DemoLanguage:
    from bot.demo import run_demo

    events: list[TranscriptEvent] = []
    with contextlib.redirect_stdout(io.StringIO()):
        assert await run_demo(out_dir, quiet=True, web="127.0.0.1:0", listen=events.append) == 0
    return language_of(events)


def language_of(events: list[TranscriptEvent]) -> DemoLanguage:
    sent = bot_texts(events)
    typed = typed_by_people(events)
    return DemoLanguage(Report(sent), Report([own_words(m, typed) for m in sent]))


def describe(report: Report, what: str) -> str:
    total = report.total
    worst, text = report.worst
    return "\n".join([
        f"{what}: {len(report.messages)} distinct texts, "
        f"{total.words} words, {total.sentences} sentences",
        f"  Flesch-Douma over all: {total.flesch_douma:.1f} "
        f"(mean per message of {MIN_WORDS}+ words: {report.mean:.1f})",
        f"  words per sentence: {total.words_per_sentence:.1f}",
        f"  worst message: {worst:.1f} "
        f"({score(text).words_per_sentence:.1f} words a sentence):",
        "      " + re.sub(r"\s*\n\s*", "\n      ", text.strip()),
    ])  # fmt: skip


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        found = asyncio.run(demo_language(Path(folder)))
    print(describe(found.own, "the bot's own words in the demo"))
    print(describe(found.sent, "the bot's messages as sent (with the answers in them)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
