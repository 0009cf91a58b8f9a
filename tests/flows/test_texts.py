"""The message catalogues (flows.texts): complete, valid Telegram HTML, short and safe."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from flows.texts import CATALOGUES, Html, en, language_for, nl, placeholders, render

LANGUAGES = ("nl", "en")
KEYS = list(nl.MESSAGES)
ALLOWED_TAGS = frozenset({"b", "i", "code"})
TELEGRAM_LIMIT = 4096
MAX_WORDS = 25


class TelegramHtmlChecker(HTMLParser):
    """Collects what Telegram's HTML parse mode would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> not allowed")
        if attrs:
            self.problems.append(f"tag <{tag}> has attributes")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing tag <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close the open tag")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            self.problems.append(f"bare angle bracket in {data!r}")

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.problems.append(f"unknown entity &{name};")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("unknown declaration")


# Entities Telegram knows, then anything else starting with '&' is a bare ampersand.
_BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);)")
# A '<' that does not start one of the allowed tags.
_BARE_LT = re.compile(r"<(?!/?(?:b|i|code)>)")


def html_problems(text: str) -> list[str]:
    """Everything in text that is not valid Telegram HTML (empty when fine)."""
    checker = TelegramHtmlChecker()
    checker.feed(text)
    checker.close()
    problems = list(checker.problems)
    problems += [f"unclosed <{tag}>" for tag in checker.stack]
    if _BARE_AMP.search(text):
        problems.append("bare '&'")
    if _BARE_LT.search(text):
        problems.append("bare '<'")
    if checker.rawdata:
        problems.append(f"unparsed rest {checker.rawdata!r}")
    return problems


def dummy_params(key: str, lang: str, width: int = 5) -> dict[str, str]:
    """A plain value for every placeholder of key, at least ``width`` characters long."""
    return {name: name.ljust(width, "x") for name in placeholders(key, lang)}


def sentences(text: str) -> list[str]:
    """The sentences of a template (split on . ! ? and newlines), without markup."""
    text = re.sub(r"<[^>]+>", "", text)
    return [s.strip() for s in re.split(r"[.!?\n]+", text) if s.strip()]


def is_command_line(sentence: str) -> bool:
    """A list of commands ("/klaar – ...", "Aanpassen: /samen 1 2 · /splits 1 ...")."""
    return re.sub(r"^\w+:\s*", "", sentence).startswith("/")


def test_html_checker_catches_mistakes() -> None:
    assert html_problems("<b>goed</b> en <i>ook</i> <code>/x &lt;y&gt; &amp;</code>") == []
    assert html_problems("<b>open")
    assert html_problems("<b><i>kruis</b></i>")
    assert html_problems("<u>onderstreept</u>")
    assert html_problems('<a href="x">link</a>')
    assert html_problems("a < b")
    assert html_problems("Q&A")
    assert html_problems("</b>")


def test_catalogues_have_the_same_keys() -> None:
    assert set(CATALOGUES) == set(LANGUAGES)
    missing = [key for key in nl.MESSAGES if key not in en.MESSAGES]
    extra = [key for key in en.MESSAGES if key not in nl.MESSAGES]
    assert missing == [], f"English misses {missing}"
    assert extra == [], f"English has keys Dutch does not: {extra}"


def test_english_keeps_the_dutch_order() -> None:
    assert list(en.MESSAGES) == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(key, "en") == placeholders(key, "nl")


@pytest.mark.parametrize("key", KEYS)
def test_same_tags_and_line_breaks_in_both_languages(key: str) -> None:
    def tags(text: str) -> list[str]:
        return sorted(re.findall(r"</?(?:b|i|code)>", text))

    assert tags(en.MESSAGES[key]) == tags(nl.MESSAGES[key])
    assert en.MESSAGES[key].count("\n") == nl.MESSAGES[key].count("\n")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", KEYS)
def test_every_template_renders_as_telegram_html(key: str, lang: str) -> None:
    text = render(key, lang, **dummy_params(key, lang))
    assert "{" not in text, text
    assert "}" not in text, text
    assert html_problems(text) == [], text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_user_text_is_escaped(lang: str) -> None:
    evil = "<script>&"
    text = render("bord.regel_auteur", lang, tekst=evil, auteur="<b>Anna</b>")
    assert "&lt;script&gt;&amp;" in text
    assert "&lt;b&gt;Anna&lt;/b&gt;" in text
    assert "<script>" not in text
    assert html_problems(text) == []
    # An Html fragment is trusted and passed on as it is.
    inner = render("kaart.leeg", lang)
    assert inner in render("bord.regel", lang, tekst=Html(inner))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", KEYS)
def test_every_message_fits_in_one_telegram_message(key: str, lang: str) -> None:
    text = render(key, lang, **dummy_params(key, lang, width=20))
    assert len(text) < TELEGRAM_LIMIT


def test_dutch_sentences_are_short() -> None:
    found = [
        (len(sentence.split()), key, sentence)
        for key, text in nl.MESSAGES.items()
        for sentence in sentences(text)
        if not is_command_line(sentence)
    ]
    print("\nThe 10 longest Dutch sentences:")
    for words, key, sentence in sorted(found, reverse=True)[:10]:
        print(f"  {words:2d}  {key}: {sentence}")
    too_long = [(key, sentence) for words, key, sentence in found if words > MAX_WORDS]
    assert too_long == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-GB", "en"), ("en", "en"), ("nl", "nl"), ("NL-be", "nl"), (None, "nl"), ("", "nl")]
    + [("fr", "nl")],
)
def test_language_for(code: str | None, expected: str) -> None:
    assert language_for(code) == expected


def test_every_command_shown_exists() -> None:
    from telegram.ext import CommandHandler

    from bot.handlers import all_handlers

    known = {
        command
        for handler in all_handlers()
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    shown = {
        (lang, key, command)
        for lang, catalogue in CATALOGUES.items()
        for key, text in catalogue.items()
        for command in re.findall(r"(?<![\w/{<])/([a-z]+)", text)
    }
    assert {item for item in shown if item[2] not in known} == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counts_are_real_singular_and_plural_words(lang: str) -> None:
    from flows.texts import plain_n

    catalogue = CATALOGUES[lang]
    bracketed = [k for k, t in catalogue.items() if re.search(r"\w\((?:en|s|men)\)", t)]
    assert bracketed == [], "write a pair of keys and use render_n/plain_n instead"
    for key in catalogue:
        if key.endswith(".een"):
            assert key.removesuffix(".een") + ".meer" in catalogue, key
    assert plain_n("aantal.subgroepen", 1, "nl") == "1 subgroep"
    assert plain_n("aantal.subgroepen", 3, "nl") == "3 subgroepen"
    assert plain_n("aantal.antwoorden", 0, "en") == "0 answers"
    assert plain_n("aantal.stemmen", 1, "en") == "1 vote"


def _registered_commands() -> list[frozenset[str]]:
    from telegram.ext import CommandHandler

    from bot.handlers import all_handlers

    return [
        frozenset(handler.commands)
        for handler in all_handlers()
        if isinstance(handler, CommandHandler)
    ]


# Commands that are the same word in both languages although the handler has a second name.
SHARED_COMMANDS = frozenset({"join", "cofac"})


def test_every_command_has_one_meaning() -> None:
    """/split was both 'split an item of the list' and 'split people over groups'."""
    seen: dict[str, frozenset[str]] = {}
    for names in _registered_commands():
        for name in names:
            assert name not in seen, f"/{name} is registered twice: {sorted(seen[name])}"
            seen[name] = names


def test_english_texts_name_only_english_commands() -> None:
    def named(text: str) -> set[str]:
        return set(re.findall(r"(?<![\w/{<])/([a-z]+)", text))

    in_dutch = {c for text in nl.MESSAGES.values() for c in named(text)}
    in_english = {(key, c) for key, text in en.MESSAGES.items() for c in named(text)}
    registered = set().union(*_registered_commands())
    # A Dutch command is one the Dutch texts name while its handler has another name.
    dutch_only = {
        name
        for names in _registered_commands()
        if len(names) > 1
        for name in names & in_dutch
        if name not in SHARED_COMMANDS
    }
    assert {(k, c) for k, c in in_english if c not in registered} == set()
    assert {(k, c) for k, c in in_english if c in dutch_only} == set()
