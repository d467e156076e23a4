"""Render: a job and its compiled template -> the parts of a .docx."""

from pathlib import Path

from docgen.model.documents import Job
from docgen.render import properties
from docgen.render.environment import ENVIRONMENT, make_environment
from docgen.render.sections import turn_pages
from docgen.render.template import DocxTemplate
from docgen.render.widths import fit_tables

__all__ = ["ENVIRONMENT", "DocxTemplate", "TemplateSet", "make_environment"]


class TemplateSet:
    """Templates of one build, each read and compiled on first use only."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._cache: dict[str, DocxTemplate] = {}

    def find(self, name: str) -> Path:
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        return self.folders[0] / name

    def get(self, name: str) -> DocxTemplate:
        if name not in self._cache:
            self._cache[name] = DocxTemplate(self.find(name))
        return self._cache[name]

    def render(self, job: Job) -> dict[str, bytes]:
        parts = self.get(job.template).render(job.context)
        if job.landscape:
            parts["word/document.xml"] = turn_pages(parts["word/document.xml"], job.landscape)
        # After the turn: a table's columns share the text width of its section, by content.
        parts["word/document.xml"] = fit_tables(parts["word/document.xml"])
        return properties.apply(parts, job.properties)
