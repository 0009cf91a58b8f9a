"""Markdown documents from Jinja2 templates: the agreement and the participation report.

A facilitator's folder (``template_dir``) comes first, then the built-in templates in
``exports/templates``. For a document ``base`` (e.g. "overeenkomst") the first that exists
wins: the folder's ``<base>.<lang>.md.j2``, the folder's ``<base>.md.j2``, the built-in
``<base>.<lang>.md.j2``, the built-in ``<base>.md.j2``. ``{% include %}`` finds files in the
folder first, then the built-in ones.

Templates run in Jinja2's sandbox with ``StrictUndefined``: an unknown variable is an error.
A broken template raises :class:`TemplateFileError` naming the file and the line.

Escaping: the output of every ``{{ … }}`` is Markdown-escaped (see
:func:`exports.markdown_docx.escape_markdown`): participants' answers always appear
literally, never as Markdown, HTML or template code. Answers are data only: they are never
compiled as a template.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from exports.markdown_docx import escape_markdown

DEFAULT_TEMPLATE_DIR = Path(__file__).parent / "templates"


class TemplateFileError(jinja2.TemplateError):
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


def template_name(base: str, lang: str, template_dir: Path | None = None) -> str:
    """The template to use: the facilitator's folder first, then the built-in ones."""
    names = [f"{base}.md.j2"]
    if re.fullmatch(r"[a-z]{2,8}", lang):
        names.insert(0, f"{base}.{lang}.md.j2")
    folders = [template_dir] if template_dir is not None else []
    for folder in [*folders, DEFAULT_TEMPLATE_DIR]:
        for name in names:
            if (folder / name).is_file():
                return name
    return names[-1]


def _template_line(exc: BaseException, files: set[str]) -> tuple[str | None, int | None]:
    """The template file and line a rendering error came from (Jinja rewrites tracebacks)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in files or frame.filename.endswith(".j2"):
            found = (Path(frame.filename).name, frame.lineno)
    return found


def render_markdown(
    base: str, lang: str, context: dict[str, Any], template_dir: Path | None = None
) -> str:
    """The document ``base`` as Markdown, from the template for the language."""
    if template_dir is not None:
        template_dir = Path(template_dir)
    env = _environment(template_dir)
    name = template_name(base, lang, template_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        file = Path(exc.filename).name if exc.filename else (exc.name or name)
        raise TemplateFileError(file, exc.lineno, exc.message or str(exc), lang) from exc
    except jinja2.TemplateError as exc:
        raise TemplateFileError(name, None, str(exc), lang) from exc
    try:
        markdown = template.render(context)
    except jinja2.TemplateSyntaxError as exc:  # a broken {% include %}d file
        file = Path(exc.filename).name if exc.filename else (exc.name or name)
        raise TemplateFileError(file, exc.lineno, exc.message or str(exc), lang) from exc
    except Exception as exc:  # noqa: BLE001 - anything a template does wrong is its error
        file, line = _template_line(exc, {template.filename or ""})
        detail = str(exc) or type(exc).__name__
        raise TemplateFileError(file or name, line, detail, lang) from exc
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip("\n")
    return markdown + "\n"
