"""Making the export files: in a child process in the running bot, in-process elsewhere.

python-pptx, python-docx and their XML and image libraries take about 30 MB, and an
export of a big workshop takes a hundred more while it runs. The running bot hands the
workshop's data (the JSON export) to `partnerschapkaart export --from-json` in a child
process: the bot never loads those libraries, and the memory is returned when the child
ends. Tests and the offline command line build the files in-process.
"""

from __future__ import annotations

import asyncio
import datetime
import sys
import tempfile
from pathlib import Path
from typing import Protocol

from exports.files import ExportError, ExportFile
from exports.json_data import to_json
from exports.model import WorkshopData

EXIT_USAGE = 2  # the command line's 'one clear line' exit code


class Exporter(Protocol):
    """What the use cases need to make files."""

    async def export_set(self, data: WorkshopData, template_dir: Path | None) -> list[ExportFile]:
        """The export set of a workshop; ExportError with the reason when it cannot be made."""
        ...

    async def template_set(
        self, goal: str | None, lang: str, date: datetime.date
    ) -> list[ExportFile]:
        """The blank maps (A3 and 16:9)."""
        ...


class InProcessExporter:
    """Builds the files in this process, off the event loop."""

    async def export_set(self, data: WorkshopData, template_dir: Path | None) -> list[ExportFile]:
        from exports.bundle import export_set

        return await asyncio.to_thread(export_set, data, template_dir=template_dir)

    async def template_set(
        self, goal: str | None, lang: str, date: datetime.date
    ) -> list[ExportFile]:
        from exports.bundle import template_set

        return await asyncio.to_thread(template_set, goal, lang, date)


class ChildProcessExporter:
    """Builds the files with the `partnerschapkaart` command in a child process."""

    async def export_set(self, data: WorkshopData, template_dir: Path | None) -> list[ExportFile]:
        with tempfile.TemporaryDirectory(prefix="partnerschapkaart-") as tmp:
            source = Path(tmp) / "workshop.json"
            source.write_bytes(to_json(data))
            args = ["export", "--from-json", str(source)]
            if template_dir is not None:
                args += ["--templates", str(template_dir)]
            return await _run(args, Path(tmp) / "out")

    async def template_set(
        self, goal: str | None, lang: str, date: datetime.date
    ) -> list[ExportFile]:
        with tempfile.TemporaryDirectory(prefix="partnerschapkaart-") as tmp:
            args = ["template", "--lang", lang, "--date", date.isoformat()]
            if goal:
                args += ["--goal", goal]
            return await _run(args, Path(tmp) / "out")


async def _run(args: list[str], out: Path) -> list[ExportFile]:
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, "--out", str(out),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    printed, complaint = await child.communicate()
    if child.returncode == EXIT_USAGE:
        lines = complaint.decode("utf-8", "replace").strip().splitlines() or [""]
        raise ExportError(lines[-1].removeprefix("partnerschapkaart: "))
    if child.returncode != 0:
        raise RuntimeError(f"the export process failed ({child.returncode})")
    paths = [Path(line) for line in printed.decode("utf-8").splitlines() if line.strip()]
    return [ExportFile(path.name, path.read_bytes()) for path in paths]
