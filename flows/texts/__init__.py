"""The message catalogue: every text a user sees, one module per language.

Templates are Telegram HTML with ``{name}`` placeholders. ``render`` escapes every
parameter (user text can never inject markup) unless it is wrapped in ``Html``, which
marks a fragment that was itself produced by ``render``. ``plain`` fills a template
without escaping, for exports that are not HTML.

Counts read as real words: ``plain_n("aantal.subgroepen", 3)`` is "3 subgroepen" and
with 1 "1 subgroep" (like gettext's ngettext, a pair of keys ending in ``.een`` and
``.meer``), never "subgroep(en)".
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping

from flows.texts import en, nl

DEFAULT_LANGUAGE = "nl"
CATALOGUES: Mapping[str, Mapping[str, str]] = {"nl": nl.MESSAGES, "en": en.MESSAGES}


class Html(str):
    """A fragment that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def language_for(code: str | None) -> str:
    """Pick a supported language from a Telegram language code ('nl', 'en-GB', None)."""
    if code:
        short = code.split("-")[0].lower()
        if short in CATALOGUES:
            return short
    return DEFAULT_LANGUAGE


def template(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the raw template for key, falling back to Dutch."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANGUAGE])
    if key in catalogue:
        return catalogue[key]
    return CATALOGUES[DEFAULT_LANGUAGE][key]


def placeholders(key: str, lang: str = DEFAULT_LANGUAGE) -> set[str]:
    """The names of the placeholders a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template(key, lang)) if name}


def render(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> Html:
    """Fill a template as Telegram HTML, escaping every parameter that is not Html."""
    safe = {
        name: value if isinstance(value, Html) else html.escape(str(value), quote=False)
        for name, value in params.items()
    }
    return Html(template(key, lang).format(**safe))


def plain(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Fill a template as plain text (no escaping; the template itself has no markup)."""
    return template(key, lang).format(**params)


def plural_key(key: str, aantal: int) -> str:
    """The singular or plural form of key for a count: 'key.een' for 1, else 'key.meer'."""
    return f"{key}.een" if aantal == 1 else f"{key}.meer"


def render_n(key: str, aantal: int, lang: str = DEFAULT_LANGUAGE, **params: object) -> Html:
    """Like render, in the singular or plural form for aantal (passed as {aantal})."""
    return render(plural_key(key, aantal), lang, aantal=aantal, **params)


def plain_n(key: str, aantal: int, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """Like plain, in the singular or plural form for aantal (passed as {aantal})."""
    return plain(plural_key(key, aantal), lang, aantal=aantal, **params)
