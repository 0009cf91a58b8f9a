"""A draft cooperation agreement (samenwerkingsovereenkomst / convenant) from the joint model.

Pure: ``render_agreement_markdown(data) -> str`` and ``agreement_docx(markdown) -> bytes``.
The text lives in Jinja2 templates (``exports/templates/overeenkomst.md.j2``, Dutch, and
``overeenkomst.en.md.j2``, English), rendered to Markdown; :mod:`exports.markdown_docx`
turns that Markdown into a Word file.

Own templates
-------------
A facilitator can pass a folder (``template_dir``) with ``overeenkomst.<lang>.md.j2`` and/or
``overeenkomst.md.j2``. The first that exists wins, in this order: the folder's
``overeenkomst.<lang>.md.j2``, the folder's ``overeenkomst.md.j2``, then the built-in ones.
``{% include %}`` finds files in the folder first, then the built-in ones.

Templates run in Jinja2's sandbox with ``StrictUndefined``: an unknown variable is an error.
A broken template raises :class:`AgreementTemplateError` naming the file and the line.

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

import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from exports.action_plan import action_plan_rows, column_texts
from exports.markdown_docx import escape_markdown, markdown_to_docx
from exports.model import WorkshopData
from flows.kaart import Kolom

DEFAULT_TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "overeenkomst.md.j2"


class AgreementTemplateError(jinja2.TemplateError):
    """A template that cannot be rendered; the message names the file and the line."""

    def __init__(self, template: str, line: int | None, detail: str, lang: str = "nl") -> None:
        word = "line" if lang == "en" else "regel"
        where = f"{template}, {word} {line}" if line else template
        super().__init__(f"{where}: {detail}")
        self.template = template
        self.line = line
        self.detail = detail


def _finalize(value: Any) -> str:
    """Every ``{{ … }}`` output: None is empty, everything else is escaped Markdown."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    return escape_markdown(str(value))


def _environment(template_dir: Path | None) -> SandboxedEnvironment:
    paths = [str(template_dir)] if template_dir is not None else []
    paths.append(str(DEFAULT_TEMPLATE_DIR))
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template_name(lang: str, template_dir: Path | None = None) -> str:
    """The template to use: the facilitator's folder first, then the built-in ones."""
    names = [TEMPLATE_NAME]
    if re.fullmatch(r"[a-z]{2,8}", lang):
        names.insert(0, f"overeenkomst.{lang}.md.j2")
    folders = [template_dir] if template_dir is not None else []
    for folder in [*folders, DEFAULT_TEMPLATE_DIR]:
        for name in names:
            if (folder / name).is_file():
                return name
    return TEMPLATE_NAME


def _items(data: WorkshopData, kolom: Kolom) -> list[dict[str, Any]]:
    return [{"tekst": t, "subgroepen": list(g)} for t, g in column_texts(data, kolom)]


def _parties(data: WorkshopData) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    by_network: dict[str, str | None] = {}
    for p in data.participants:
        if p.network and p.network.strip():
            by_network.setdefault(p.network.strip(), p.role)
            if by_network[p.network.strip()] is None:
                by_network[p.network.strip()] = p.role
    covered = {p.role for p in data.participants if p.network and p.network.strip()}
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


def agreement_context(data: WorkshopData) -> dict[str, Any]:
    """The variables a template sees (see the module docstring)."""
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
    actions = [
        {
            "wat": row.what,
            "wie": row.who,
            "wanneer": row.when,
            "voorwaarde": row.condition,
            "subgroepen": list(row.subgroups),
            "tekst": row.text,
        }
        for row in action_plan_rows(data)
    ]
    networks = [p.network.strip() for p in data.participants if p.network and p.network.strip()]
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
        "acties": actions,
    }


def _template_line(exc: BaseException, files: set[str]) -> tuple[str | None, int | None]:
    """The template file and line a rendering error came from (Jinja rewrites tracebacks)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in files or frame.filename.endswith(".j2"):
            found = (Path(frame.filename).name, frame.lineno)
    return found


def render_agreement_markdown(data: WorkshopData, template_dir: Path | None = None) -> str:
    """The draft agreement as Markdown, from the template for the workshop's language."""
    if template_dir is not None:
        template_dir = Path(template_dir)
    env = _environment(template_dir)
    name = template_name(data.lang, template_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        file = Path(exc.filename).name if exc.filename else (exc.name or name)
        raise AgreementTemplateError(file, exc.lineno, exc.message or str(exc), data.lang) from exc
    except jinja2.TemplateError as exc:
        raise AgreementTemplateError(name, None, str(exc), data.lang) from exc
    context = agreement_context(data)
    try:
        markdown = template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # a broken {% include %}d file
        file = Path(exc.filename).name if exc.filename else (exc.name or name)
        raise AgreementTemplateError(file, exc.lineno, exc.message or str(exc), data.lang) from exc
    except Exception as exc:  # noqa: BLE001 - anything a template does wrong is its error
        file, line = _template_line(exc, {template.filename or ""})
        detail = str(exc) or type(exc).__name__
        raise AgreementTemplateError(file or name, line, detail, data.lang) from exc
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip("\n")
    return markdown + "\n"


def agreement_docx(markdown: str, *, lang: str = "nl") -> bytes:
    """The agreement as a Word file: the Markdown converted by :mod:`exports.markdown_docx`."""
    return markdown_to_docx(markdown, lang=lang)
