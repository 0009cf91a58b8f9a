"""The complete export set of a workshop, as named files: what `/export` sends and
`partnerschapkaart export` writes."""
# ExportError and ExportFile live in exports.files (light to import) and are named here too.

from __future__ import annotations

import datetime
from pathlib import Path

from exports.action_plan import action_plan_csv, action_plan_rows
from exports.agreement import AgreementTemplateError, agreement_files
from exports.files import ExportError, ExportFile, export_file_name
from exports.json_data import to_json
from exports.model import WorkshopData
from exports.participation import render_report_markdown, report_context, report_docx
from exports.pptx_deck import build_appendix, build_deck
from exports.pptx_template import blank_template

__all__ = ["ExportError", "ExportFile", "export_set", "template_set"]


def export_set(data: WorkshopData, *, template_dir: Path | None = None) -> list[ExportFile]:
    """Every file the facilitator takes home, in the order they are most often needed:
    the PowerPoint to project, its appendix with every subgroup's map, the draft agreement
    (Word and Markdown), the participation report (Word and Markdown), the action plan, the
    A3 template and the complete data."""
    # The action plan links every action to its condition, which takes a while in a big
    # workshop: made once, used by the deck, the agreement, the report and the CSV.
    rows = action_plan_rows(data)
    actions = [(r.what, r.who, r.when, r.condition or "") for r in rows]
    try:
        agreement_md, agreement_word = agreement_files(data, template_dir, rows)
        report_md = render_report_markdown(data, template_dir, context=report_context(data, rows))
    except AgreementTemplateError as exc:
        raise ExportError(str(exc)) from exc

    def name(extension: str, kind: str = "") -> str:
        return export_file_name(data.goal, data.date, extension, kind=kind)

    return [
        ExportFile(name("pptx"), build_deck(data, actions)),
        ExportFile(name("pptx", "bijlage-subgroepen"), build_appendix(data)),
        ExportFile(name("docx", "overeenkomst"), agreement_word),
        ExportFile(name("md", "overeenkomst"), agreement_md.encode("utf-8")),
        ExportFile(
            name("docx", "participatieverslag"),
            report_docx(report_md, lang=data.lang, concept=not data.final),
        ),
        ExportFile(name("md", "participatieverslag"), report_md.encode("utf-8")),
        ExportFile(name("csv", "actieplan"), action_plan_csv(data, rows)),
        ExportFile(name("pptx", "sjabloon-a3"), blank_template(data.goal, data.lang, "a3")),
        ExportFile(name("json"), to_json(data)),
    ]


def template_set(goal: str | None, lang: str, date: datetime.date) -> list[ExportFile]:
    """The blank map templates for preparation: A3 to print, 16:9 for the screen."""
    title = goal or "partnerschapkaart"
    return [
        ExportFile(export_file_name(title, date, "pptx", kind="sjabloon-a3"),
                   blank_template(goal, lang, "a3")),
        ExportFile(export_file_name(title, date, "pptx", kind="sjabloon-16x9"),
                   blank_template(goal, lang, "16:9")),
    ]  # fmt: skip
