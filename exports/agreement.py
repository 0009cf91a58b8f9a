"""A draft cooperation agreement (samenwerkingsovereenkomst / convenant) from the joint model.

Pure: ``render_agreement_markdown(data) -> str`` and ``agreement_docx(markdown) -> bytes``.
The text lives in Jinja2 templates (``exports/templates/overeenkomst.md.j2``, Dutch, and
``overeenkomst.en.md.j2``, English), rendered to Markdown; :mod:`exports.markdown_docx`
turns that Markdown into a Word file (A4, the deck's colours, CONCEPT in the header while
the model is not confirmed, page numbers, the parties side by side with lines to sign).
By default it is an intentieovereenkomst: the text says plainly that it does not bind
legally unless the parties decide so.

Own templates
-------------
A facilitator can pass a folder (``template_dir``, the bot's ``PARTNERSCHAPKAART_TEMPLATES``)
with ``overeenkomst.<lang>.md.j2`` and/or ``overeenkomst.md.j2``. The first that exists
wins, in this order: the folder's ``overeenkomst.<lang>.md.j2``, the folder's
``overeenkomst.md.j2``, then the built-in ones (see :mod:`exports.md_templates`).

The same folder may hold a **Word template**: ``overeenkomst.<lang>.docx`` or
``overeenkomst.docx`` (that order). Then the Word file of the agreement is that document
filled in with docxtpl (Jinja2 in Word: ``{{ doel }}``, ``{%p for partij in partijen %}``
on a paragraph of its own, ``{%tr … %}`` on a table row), with the same variables as the
Markdown template; the Markdown file still comes from the Markdown template. The built-in
``exports/templates/overeenkomst.docx`` and ``overeenkomst.en.docx`` are the default text
as Word templates to start from; ``python -m exports.word_template`` makes them from the
Markdown templates. Values are escaped for Word (XML), never run as template code.

Templates run in Jinja2's sandbox with ``StrictUndefined``: an unknown variable is an error.
A broken template raises :class:`AgreementTemplateError` naming the file (and the line, for
Markdown).

Escaping: the output of every ``{{ … }}`` is Markdown-escaped (``* _ ` # [ ] < > | ~ & \\``
get a backslash; ``- + = >`` and ``1.`` at the start of a line too; line breaks become hard
breaks). Participants' answers therefore always appear literally, never as Markdown, HTML or
template code. Write Markdown in the template text itself, not inside ``{{ … }}``.
Answers are data only: they are never compiled as a template.

Variables available to templates
--------------------------------
``doel`` (str)
    The workshop's goal, e.g. "de gebiedsontwikkeling van Noord".
``taal`` (str)
    The workshop's language: "nl" or "en".
``datum`` (datetime.date)
    The day of the export: use ``datum.day``, ``datum.month``, ``datum.year``.
``concept`` (bool) / ``definitief`` (bool)
    ``concept`` is true while the joint model is not confirmed in full; ``definitief`` is
    its opposite.
``partijen`` (list)
    The parties: ``nummer`` (1, 2, …), ``naam`` (the organisation or network, or None: a
    placeholder to fill in) and ``rol`` (burger, professional, beleidsmaker, … or None).
    One per network participants named; roles without a network get a party of their own;
    always at least two.
``rollen`` (list of str) / ``netwerken`` (list of str)
    Every role present and every network named, first-seen order.
``subgroepen`` (list)
    ``naam``, ``soort`` ("chat", "topic" or "paper"), ``leden`` (first names), ``rollen``.
``waarden``, ``relaties``, ``handelen``, ``voorwaarden`` (lists)
    The items of each column: ``tekst`` and ``subgroepen`` (names of the subgroups that
    named it). From the joint model (confirmed or draft); when the model has no items for
    a column, every subgroup's answers (the same text once).
``acties`` (list)
    The action plan (:func:`exports.action_plan.action_plan_rows`): ``wat``, ``wie``,
    ``wanneer`` (empty strings when unknown), ``voorwaarde`` (the linked condition or None),
    ``subgroepen`` and ``tekst`` (the action as typed).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from exports.action_plan import ActionRow, action_plan_rows, column_texts
from exports.docx_look import xml_safe
from exports.markdown_docx import markdown_to_docx
from exports.md_templates import DEFAULT_TEMPLATE_DIR, TemplateFileError, render_markdown
from exports.md_templates import template_name as _template_name
from exports.model import WorkshopData
from flows.kaart import Kolom
from flows.texts import plain

__all__ = [
    "DEFAULT_TEMPLATE_DIR",
    "AgreementTemplateError",
    "agreement_context",
    "agreement_docx",
    "agreement_files",
    "fill_word_template",
    "render_agreement_markdown",
    "template_name",
    "word_template_path",
]

BASE = "overeenkomst"
TEMPLATE_NAME = f"{BASE}.md.j2"
AgreementTemplateError = TemplateFileError


def template_name(lang: str, template_dir: Path | None = None) -> str:
    """The Markdown template to use: the facilitator's folder first, then the built-in ones."""
    return _template_name(BASE, lang, template_dir)


def _items(data: WorkshopData, kolom: Kolom) -> list[dict[str, Any]]:
    return [{"tekst": t, "subgroepen": list(g)} for t, g in column_texts(data, kolom)]


def one_line(name: str | None) -> str:
    """A name as one line (it stands in a table cell and a header): spaces collapsed."""
    return " ".join((name or "").split())


def _parties(data: WorkshopData) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    by_network: dict[str, str | None] = {}
    for p in data.participants:
        if network := one_line(p.network):
            by_network.setdefault(network, p.role)
            if by_network[network] is None:
                by_network[network] = p.role
    covered = {p.role for p in data.participants if one_line(p.network)}
    for network, role in by_network.items():
        parties.append({"naam": network, "rol": role})
    for role in data.roles_present():
        if role not in covered:
            parties.append({"naam": None, "rol": role})
    while len(parties) < 2:
        parties.append({"naam": None, "rol": None})
    for n, party in enumerate(parties, start=1):
        party["nummer"] = n
    return parties


def action_dicts(rows: Sequence[ActionRow]) -> list[dict[str, Any]]:
    """The action plan as templates see it: ``wat``, ``wie``, ``wanneer``, ``voorwaarde``,
    ``subgroepen``, ``tekst``."""
    return [
        {
            "wat": row.what,
            "wie": row.who,
            "wanneer": row.when,
            "voorwaarde": row.condition,
            "subgroepen": list(row.subgroups),
            "tekst": row.text,
        }
        for row in rows
    ]


def agreement_context(
    data: WorkshopData, rows: Sequence[ActionRow] | None = None
) -> dict[str, Any]:
    """The variables a template sees (see the module docstring); ``rows`` is the action
    plan when the caller has it already (it takes a while to make for a big workshop)."""
    subgroups = []
    for g in data.subgroups:
        roles = [*g.roles, *(p.role for p in data.participants if p.subgroup == g.name)]
        subgroups.append(
            {
                "naam": g.name,
                "soort": g.kind,
                "leden": list(g.members),
                "rollen": [r for r in dict.fromkeys(roles) if r],
            }
        )
    networks = [one_line(p.network) for p in data.participants if one_line(p.network)]
    return {
        "doel": data.goal,
        "taal": data.lang,
        "datum": data.date,
        "concept": not data.final,
        "definitief": data.final,
        "partijen": _parties(data),
        "rollen": list(data.roles_present()),
        "netwerken": list(dict.fromkeys(networks)),
        "subgroepen": subgroups,
        "waarden": _items(data, Kolom.WAARDEN),
        "relaties": _items(data, Kolom.RELATIES),
        "handelen": _items(data, Kolom.HANDELEN),
        "voorwaarden": _items(data, Kolom.VOORWAARDEN),
        "acties": action_dicts(action_plan_rows(data) if rows is None else rows),
    }


def render_agreement_markdown(
    data: WorkshopData,
    template_dir: Path | None = None,
    *,
    context: dict[str, Any] | None = None,
) -> str:
    """The draft agreement as Markdown, from the template for the workshop's language."""
    context = agreement_context(data) if context is None else context
    return render_markdown(BASE, data.lang, context, template_dir)


def agreement_docx(markdown: str, *, lang: str = "nl", concept: bool = False) -> bytes:
    """The agreement as a Word file: the Markdown converted by :mod:`exports.markdown_docx`,
    with CONCEPT in the header when ``concept``."""
    kind = plain("export.soort_overeenkomst", lang)
    return markdown_to_docx(markdown, lang=lang, kind=kind, concept=concept)


# -- Word templates (docxtpl) -----------------------------------------------------------------


def word_template_path(lang: str, template_dir: Path | None) -> Path | None:
    """The facilitator's Word template for the language, or None (then the Markdown wins)."""
    if template_dir is None:
        return None
    names = [f"{BASE}.docx"]
    if re.fullmatch(r"[a-z]{2,8}", lang):
        names.insert(0, f"{BASE}.{lang}.docx")
    for name in names:
        if (Path(template_dir) / name).is_file():
            return Path(template_dir) / name
    return None


def _word_finalize(value: Any) -> Any:
    """Every ``{{ … }}`` in Word: None is empty, text loses what XML cannot hold (the
    environment then escapes it for XML)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return Markup(xml_safe(str(value)))
    if isinstance(value, bool | int | float):
        return str(value)
    return xml_safe(str(value))


def _word_error(name: str, exc: BaseException, lang: str) -> TemplateFileError:
    detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    near = [line.strip() for line in getattr(exc, "docx_context", None) or () if line.strip()]
    if near:
        word = "near" if lang == "en" else "bij"
        detail = f"{detail} ({word}: {near[len(near) // 2][:80]})"
    return TemplateFileError(name, None, detail, lang)


def fill_word_template(path: Path, context: dict[str, Any], lang: str = "nl") -> bytes:
    """A Word template (docxtpl) filled in with the context; values stay literal text."""
    from docxtpl import DocxTemplate  # only when someone uses a Word template

    name = Path(path).name
    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=True, finalize=_word_finalize
    )
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - whatever is wrong, it is no Word file we can use
        word = "not a Word file (.docx)" if lang == "en" else "geen Word-bestand (.docx)"
        raise TemplateFileError(name, None, word, lang) from exc
    try:
        template.render(context, jinja_env=env, autoescape=True)
    except Exception as exc:  # noqa: BLE001 - anything a template does wrong is its error
        raise _word_error(name, exc, lang) from exc
    kind = plain("export.soort_overeenkomst", lang)
    template.docx.core_properties.title = xml_safe(f"{kind}: {context.get('doel')}")[:255]
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def agreement_files(
    data: WorkshopData,
    template_dir: Path | None = None,
    rows: Sequence[ActionRow] | None = None,
) -> tuple[str, bytes]:
    """The agreement as (Markdown, Word file): the Word file from the facilitator's Word
    template when there is one, else converted from the Markdown."""
    context = agreement_context(data, rows)
    markdown = render_agreement_markdown(data, template_dir, context=context)
    word = word_template_path(data.lang, template_dir)
    if word is not None:
        return markdown, fill_word_template(word, context, data.lang)
    return markdown, agreement_docx(markdown, lang=data.lang, concept=not data.final)
