"""`docgen validate`: every file `build` reads, checked as `build` checks it, nothing written.

Plan, organisation, units, results, the award list (YAML or Excel), the law files, the document
records (a plan's documents/, or a folder of them) and the templates are each read and checked.
The records are read by `docgen.build.read_inputs`, the very step `build` starts with, so every
problem of every file is reported together, with the messages and in the order `build` gives.
Documents are rendered in memory only (a template error shows at render time), and numbered
documents are left unnumbered: the register is not touched.
"""

from pathlib import Path

from docgen.build import Inputs, read_inputs
from docgen.model.document import document_job
from docgen.model.documents import award_jobs, form_jobs, plan_documents, report_jobs
from docgen.render import TemplateSet
from docgen.workspace import Workspace


def validate_all(path: Path) -> Inputs:
    """The checked inputs of a plan folder, a document folder or a document record (.yaml).

    Raises what `docgen.build.build_path` raises before writing: WorkspaceError when `path`
    holds nothing to build, RecordError (or DocgenError) with every problem of every record,
    TemplateError at the template's paragraph.
    """
    inputs = read_inputs(path)
    plan = inputs.plan
    jobs = []
    if plan is not None:
        jobs = plan_documents(plan) + form_jobs(plan, inputs.forms)
        jobs += report_jobs(plan, inputs.report, inputs.awards)
        jobs += award_jobs(plan, inputs.awards)
    jobs += [document_job(doc, inputs.name) for doc in inputs.documents]
    templates = TemplateSet(Workspace.of_plan(inputs.folder).template_folders(inputs.folder))
    for job in jobs:
        templates.render(job)  # raises TemplateError at the template's paragraph
    return inputs
