"""Make the Word templates of the agreement from its Markdown templates.

    python -m exports.word_template                      # the built-in ones
    python -m exports.word_template SOURCE.md.j2 OUT.docx [LANG]

Without arguments it writes ``exports/templates/overeenkomst.docx`` (from
``overeenkomst.md.j2``) and ``overeenkomst.en.docx`` (from ``overeenkomst.en.md.j2``): the
default agreement as a Word file with docxtpl placeholders, for organisations that would
rather edit their template in Word. Run it after changing a Markdown template; a test
checks the committed files still match. With arguments it converts an organisation's own
Markdown template the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from exports.markdown_docx import template_to_docx
from exports.md_templates import DEFAULT_TEMPLATE_DIR
from flows.texts import plain

BUILT_IN = {"nl": "overeenkomst.md.j2", "en": "overeenkomst.en.md.j2"}


def word_name(lang: str) -> str:
    """The built-in Word template's file name for a language."""
    return "overeenkomst.docx" if lang == "nl" else f"overeenkomst.{lang}.docx"


def word_template(source: str, lang: str = "nl") -> bytes:
    """A Markdown template of the agreement as a Word template (docxtpl)."""
    return template_to_docx(source, lang=lang, kind=plain("export.soort_overeenkomst", lang))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help") or len(args) not in (0, 2, 3):
        print(
            "usage: python -m exports.word_template [SOURCE.md.j2 OUT.docx [LANG]]", file=sys.stderr
        )
        return 2
    if args:
        source, out = Path(args[0]), Path(args[1])
        lang = args[2] if len(args) > 2 else "nl"
        out.write_bytes(word_template(source.read_text(encoding="utf-8"), lang))
        print(out)
        return 0
    for lang, name in BUILT_IN.items():
        source = (DEFAULT_TEMPLATE_DIR / name).read_text(encoding="utf-8")
        out = DEFAULT_TEMPLATE_DIR / word_name(lang)
        out.write_bytes(word_template(source, lang))
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
