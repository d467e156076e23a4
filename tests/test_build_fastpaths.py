"""A build's fast paths (issue 16) give what the plain ones give: the same bytes, the same
verdicts, the same register.

- the workers started before the records are read (docgen.buildwork) and the packaging, lint and
  read-back done on them (docgen.finish) against a build on a pool started at rendering time,
  linted afterwards from the written files;
- the register's subject and recipients read from the styled paragraphs alone
  (docgen.render.readback) against the whole document parsed;
- the checker's verdicts and header shapes kept across files (checker.rules.text.FAST,
  checker.ooxml.KEEP_PARTS), section properties, relationships and custom properties kept
  (checker.ooxml.KEEP_SECTIONS, KEEP_SMALL) and new
  paragraphs read from the skeleton of one differing only in its texts
  (checker.fastread.SKELETONS), the cut of pieces kept (checker.fastread.KEEP_PIECES), a file's plan taken from one
  whose pieces divide the same way (checker.fastread.KEEP_PLANS) against
  each file judged afresh;
- rendering: the keep_names patterns kept for the process and the one search for any name
  (vn.text.FAST_NAMES), its result kept by names and text (vn.text.KEEP_RESULTS), an issuer's names kept by its frozen
  record (render.environment.KEEP_NAMES), the sandbox's verdicts on attributes taken as kept
  (render.environment.FAST_ATTRIBUTES), against each compiled, searched and checked afresh;
- the decisions sent to the workers first and the print bundle made and judged while the other
  documents render (render.batch.FIRST_WANTED), the templates compiled at home while the
  workers render (render.batch.HOME_COMPILE_AFTER), or not at all, their own parts sent by the
  workers (render.batch.STATIC_FROM_WORKERS), and the jobs sent in chunks shrinking towards
  the end, each handled as it comes back (render.batch.SHRINKING_CHUNKS), against everything
  rendered in job order, in chunks of one size, after the templates were compiled at home; the
  print bundle judged from its parts while they are packed (build.JUDGE_BUNDLE_PARTS) against
  judged from its packed bytes, and each document written into the staging folder by the
  worker that rendered it (build.WRITE_WHERE_RENDERED) against written by the build's process;
  the bundle's report carried from its decisions' and a sample
  bundle's (bundleverdict.CARRY, tests/test_bundle_verdict.py) against the bundle judged whole;
  awards.yaml's list read in pieces on the early workers (records.yamlsplit.SPLIT,
  tests/test_yaml_split.py) against read whole, its pieces read line by line
  (records.yamllines.FAST, tests/test_yaml_lines.py) against read through libyaml's events; the
  list tables' widths sized on the part's bytes (render.widths.FAST, docgen/render/widthscan.py)
  against the part parsed by lxml; a rendered part's well-formedness taken from its skeleton's
  kept verdict (render.wellformed.KEEP_SKELETONS, tests/test_well_formed.py) against the
  whole part parsed by expat; the sections' places found once a part, the titles' longest
  lines kept and the paragraphs before the closing table found by str.find
  (render.layout.FAST_LAYOUT, tests/test_layout_fast.py) against a search from each title to
  its section, each line measured afresh and the paragraphs matched by their pattern;
- a package joined from zip entries kept for the process (output.package.KEEP_ENTRIES,
  tests/test_zip_entries.py) against written whole by zipfile;
- the templates' Jinja code kept on disk between processes (render.compiled.KEEP_CODE,
  tests/test_compiled_code.py) against compiled afresh; a staged file written with fewer
  system calls (output.transaction.FEWER_CALLS) against through Path and a file object;
- a file whose table widths alone differ from an earlier one's taking its plan
  (checker.fastread.MASK_WIDTHS, tests/test_fastread_widths.py) against planned afresh, a
  paragraph of the same shape at the same place as in the last file taken as that file's
  (checker.fastread.KEEP_PLACED) against made anew, and the
  register's fields read from the paragraphs the lint parsed (finish.READ_ONCE,
  tests/test_finish_read.py) against read from the parts again.
"""

import shutil
import zipfile
from dataclasses import astuple, dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from nd30doc import make
from test_checker_rules import CASES
from test_transaction import many_decisions, state
from test_unchanged import files
from zipparts import replace_in

import docgen.build
import docgen.buildwork
import docgen.bundleverdict as bundleverdict
import docgen.checker.fastread as fastread
import docgen.checker.ooxml as ooxml
import docgen.checker.rules.text as text_rules
import docgen.finish
import docgen.output.package as package
import docgen.output.transaction as transaction
import docgen.render.batch as batch
import docgen.render.compiled as compiled
import docgen.render.environment as environment
import docgen.render.layout as layout
import docgen.render.wellformed as wellformed
import docgen.render.widths as widths
import docgen.vn.text as vn_text
from docgen.build import build_path
from docgen.checker import lint, lint_paths
from docgen.errors import TemplateError
from docgen.records import yamllines, yamlsplit
from docgen.records.register import Register
from docgen.render import readback

PLAN = "ninh-binh-2021"


def workspace(root: Path, awards: str) -> Path:
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    (root / "plans" / PLAN / "awards.yaml").write_text(awards, encoding="utf-8")
    return root / "plans" / PLAN


def verdicts(reports) -> list:
    return [(r.path.name, r.error, r.draft, sorted(r.deferred.items()),
             [(f.rule, f.paragraph, f.message) for f in r.findings]) for r in reports]


def plain_paths(monkeypatch) -> None:
    """Every fast path of this module's list turned off, for this test."""
    monkeypatch.setattr(text_rules, "FAST", False)
    monkeypatch.setattr(ooxml, "KEEP_PARTS", 0)
    monkeypatch.setattr(vn_text, "FAST_NAMES", False)
    monkeypatch.setattr(vn_text, "KEEP_RESULTS", False)
    monkeypatch.setattr(environment, "FAST_ATTRIBUTES", False)
    monkeypatch.setattr(environment, "KEEP_NAMES", False)
    monkeypatch.setattr(batch, "FIRST_WANTED", False)
    monkeypatch.setattr(batch, "HOME_COMPILE_AFTER", False)
    monkeypatch.setattr(batch, "STATIC_FROM_WORKERS", False)
    monkeypatch.setattr(batch, "SHRINKING_CHUNKS", False)
    monkeypatch.setattr(docgen.build, "JUDGE_BUNDLE_PARTS", False)
    monkeypatch.setattr(docgen.build, "WRITE_WHERE_RENDERED", False)
    monkeypatch.setattr(ooxml, "KEEP_SECTIONS", False)
    monkeypatch.setattr(ooxml, "KEEP_SMALL", False)
    monkeypatch.setattr(fastread, "SKELETONS", False)
    monkeypatch.setattr(fastread, "KEEP_PIECES", False)
    monkeypatch.setattr(bundleverdict, "CARRY", False)
    monkeypatch.setattr(yamlsplit, "SPLIT", False)
    monkeypatch.setattr(yamllines, "FAST", False)
    monkeypatch.setattr(fastread, "KEEP_PLANS", False)
    monkeypatch.setattr(package, "KEEP_ENTRIES", False)
    monkeypatch.setattr(widths, "FAST", False)
    monkeypatch.setattr(compiled, "KEEP_CODE", False)
    monkeypatch.setattr(transaction, "FEWER_CALLS", False)
    monkeypatch.setattr(wellformed, "KEEP_SKELETONS", False)
    monkeypatch.setattr(layout, "FAST_LAYOUT", False)
    monkeypatch.setattr(fastread, "MASK_WIDTHS", False)
    monkeypatch.setattr(fastread, "KEEP_PLACED", False)
    monkeypatch.setattr(docgen.finish, "READ_ONCE", False)


def register_rows(root: Path) -> list:
    return [astuple(e)[:-1] for e in Register.of_workspace(root).entries()]


@pytest.mark.parametrize("trial", [False, True])
def test_a_build_judged_on_early_workers_is_byte_for_byte_one_judged_after(tmp_path, monkeypatch, trial):
    awards = many_decisions(60, people=3)  # past the batch size that renders on worker processes
    fast_plan = workspace(tmp_path / "fast", awards)
    plain_plan = workspace(tmp_path / "plain", awards)

    monkeypatch.setattr(docgen.buildwork, "LARGE_LIST", 0)  # this small list starts them early too
    monkeypatch.setattr(yamlsplit, "MIN_CHARS", 0)  # and is read in pieces on them
    fast = build_path(fast_plan, trial=trial, lint=True)
    monkeypatch.setattr(docgen.buildwork, "LARGE_LIST", 10**12)
    plain_paths(monkeypatch)
    plain = build_path(plain_plan, trial=trial)

    assert len(fast.written) == len(plain.written) > 60
    assert files(fast.folder) == files(plain.folder)
    assert register_rows(tmp_path / "fast") == register_rows(tmp_path / "plain")
    # Every written file was judged on the workers (the bundle too), as lint judges it from disk.
    assert sorted(fast.reports) == sorted(fast.written)
    after = lint_paths(plain.written, draft=trial)
    assert verdicts([fast.reports[p] for p in fast.written]) == verdicts(after)


def _styled(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {"word/document.xml": zf.read("word/document.xml")}


def test_the_register_reads_the_same_subject_and_recipients_from_the_styled_paragraphs(tmp_path):
    workspace(tmp_path / "ws", many_decisions(3))
    written = []
    for folder in sorted((tmp_path / "ws" / "plans").iterdir()):
        written += build_path(folder, trial=True).written
    assert len(written) > 20
    fast = 0
    for path in written:
        xml = _styled(path)["word/document.xml"]
        for styles in (readback.SUBJECT_STYLES, {readback.RECIPIENT_STYLE}, readback.SUBJECT_STYLES | {"NoiNhanMuc"}):
            found = readback._styled_found(xml, styles)
            assert found is None or found == readback._styled_parsed(xml, styles), path
            fast += found is not None
        parts = _styled(path)
        assert readback.register_fields(parts) == (readback.subject_of(parts), readback.recipients_of(parts))
    assert fast == 3 * len(written)  # docgen's own documents all take the fast road
    decision = next(p for p in written if p.parent.name == "quyet-dinh" and "nhom-g000" in p.name)  # the Sở's
    assert readback.subject_of(_styled(decision)) == "Về việc tặng Giấy khen của Giám đốc Sở"


def test_a_document_written_otherwise_is_read_by_the_whole_parse():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = '<w:p><w:pPr><w:pStyle w:val="TrichYeu"/></w:pPr><w:r><w:t>V/v  thi &amp; đua</w:t></w:r></w:p>'
    plain = f'<w:document {w}><w:body>{para}</w:body></w:document>'.encode()
    assert readback._styled_found(plain, readback.SUBJECT_STYLES) == [("TrichYeu", "V/v thi & đua")]
    # Another prefix for the main namespace, or the style given as a full element: the whole parse.
    other = plain.replace(b"w:", b"x:").replace(b"xmlns:w=", b"xmlns:x=")
    assert readback._styled_found(other, readback.SUBJECT_STYLES) is None
    assert readback.subject_of({"word/document.xml": other}) == "V/v thi & đua"
    spelled = plain.replace(b'<w:pStyle w:val="TrichYeu"/>', b'<w:pStyle w:val="TrichYeu"></w:pStyle>')
    assert readback._styled_found(spelled, readback.SUBJECT_STYLES) is None
    assert readback.subject_of({"word/document.xml": spelled}) == "V/v thi & đua"
    # A paragraph inside the styled one (a text box): the whole parse reads both.
    nested = plain.replace(b"</w:t></w:r></w:p>", b"</w:t></w:r><w:r><w:pict><w:p><w:r><w:t>x</w:t></w:r></w:p>"
                           b"</w:pict></w:r></w:p>")
    assert readback._styled_found(nested, readback.SUBJECT_STYLES) is None
    assert readback.subject_of({"word/document.xml": nested}) == "V/v thi & đuax"


def test_verdicts_kept_across_files_are_those_of_each_file_judged_afresh(tmp_path, monkeypatch):
    # Files breaking the font, colour and text rules among correct ones, some read by the
    # whole-tree road (a tracked change), each judged three times in turn in one process.
    paths = [make(tmp_path / "ok.docx")]
    for rule in ("ND30-FONT", "ND30-COLOR", "ND30-TEXT-NFC", "ND30-TEXT-TCVN3", "ND30-PAGENUM", "ND30-CQBH"):
        paths.append(make(tmp_path / f"{rule}.docx", **CASES[rule]))
    tracked = '<w:ins w:id="1" w:author="x" w:date="2021-01-01T00:00:00Z"><w:r><w:t>x</w:t></w:r></w:ins>'
    paths.append(make(tmp_path / "tracked.docx", **CASES["ND30-FONT"], after_closing=f"<w:p>{tracked}</w:p>"))
    kept = [lint(p) for _ in range(3) for p in paths]
    plain_paths(monkeypatch)
    afresh = [lint(p) for _ in range(3) for p in paths]
    assert verdicts(kept) == verdicts(afresh)
    assert {f.rule for r in afresh for f in r.findings} >= {"ND30-FONT", "ND30-COLOR", "ND30-TEXT-NFC",
                                                            "ND30-TEXT-TCVN3", "ND30-PAGENUM", "ND30-CQBH"}


NAMES = ["Phòng Lao động", "Lao động - Thương binh và Xã hội", "Ninh Bình", " ", "LAO ĐỘNG"]
TEXTS = ["các phòng Lao động - Thương binh và Xã hội tỉnh Ninh Bình", "Nguyễn Văn An 123", "",
         "Ninh Bìnhx và Ninh  Bình", "Ninh\u00a0Bình Ninh Bình", "PHÒNG LAO ĐỘNG - THƯƠNG BINH",
         "xNinh Bình, Ninh Bình.", "Lao động - Lao động - Thương binh và Xã hội", "Ninh Bi\u0300nh"]


@pytest.mark.parametrize("kind", [list, tuple])
@pytest.mark.parametrize("names", [NAMES, NAMES[:1], NAMES[3:4], [], ("Ninh Bình",), ["Ninh Bình", 12], [["x"]]])
def test_keep_names_with_its_patterns_kept_is_keep_names_compiled_afresh(monkeypatch, names, kind):
    # A tuple of names (as the environment passes them) also keeps each text's result.
    names = kind(names)

    def each(fast: bool) -> list:
        monkeypatch.setattr(vn_text, "FAST_NAMES", fast)
        monkeypatch.setattr(vn_text, "KEEP_RESULTS", fast)
        monkeypatch.setattr(vn_text, "_RESULTS_KEPT", 3)  # its memo started again on the way
        out = []
        for text in [*TEXTS, 12, *TEXTS]:
            try:
                out.append(vn_text.keep_names(text, names))
            except ValueError as err:
                out.append(str(err))
        return out

    each(True)  # the patterns and results kept from here on
    fast, plain = each(True), each(False)
    assert fast == plain
    if names == NAMES:
        assert sum("\u00a0" in x for x in plain) >= 5


def test_nobreak_with_its_joined_names_kept_is_nobreak_worked_out(monkeypatch):
    def each(kept: bool) -> list:
        monkeypatch.setattr(vn_text, "KEEP_RESULTS", kept)
        return [vn_text.nobreak(text, *names) for text in TEXTS for names in ([], NAMES[:3], NAMES)]

    each(True)
    assert each(True) == each(False)


class _Issuer:  # not frozen: its names are gathered again at each call
    def __init__(self, names: list[str]) -> None:
        self.fixed_names = names


@dataclass(frozen=True)
class _FrozenIssuer:
    fixed_names: tuple[str, ...]


@pytest.mark.parametrize("kept", [True, False])
def test_an_issuers_names_kept_by_its_record_are_the_names_it_holds(monkeypatch, kept):
    monkeypatch.setattr(environment, "KEEP_NAMES", kept)
    template = environment.ENVIRONMENT.from_string("{{ t | keep_names }}")
    # names in small letters: a proper name's capitals ("Ninh Bình") are kept with or without a list
    text = "Sở nội vụ và tư pháp"
    loose = _Issuer(["nội vụ"])
    frozen = _FrozenIssuer(("tư pháp",))
    out = [template.render(t=text, org=loose), template.render(t=text, org=frozen)]
    loose.fixed_names = ["tư pháp"]  # changed after a render: the next render keeps the new name
    out += [template.render(t=text, org=loose), template.render(t=text, org=frozen)]
    out.append(template.render(t=text, doc=_FrozenIssuer(("nội vụ",))))
    assert out == ["Sở nội\u00a0vụ và tư pháp", "Sở nội vụ và tư\u00a0pháp",
                   "Sở nội vụ và tư\u00a0pháp", "Sở nội vụ và tư\u00a0pháp",
                   "Sở nội\u00a0vụ và tư pháp"]


class _Row:
    def __init__(self) -> None:
        self.name = "An"
        self._secret = "x"
        self.fmt = "{0.__class__}".format

    def method(self) -> str:
        return "m"


@pytest.mark.parametrize("source", ["{{ r.name }}", "{{ r.method() }}", "{{ r._secret }}", "{{ r.missing }}",
                                    "{{ r.fmt(1) }}", "{{ d.key }}", "{{ s.format(1) }}", "{{ r.name.upper() }}"])
def test_attributes_judged_once_are_what_the_sandbox_gives(monkeypatch, source):
    def each(fast: bool) -> list:
        monkeypatch.setattr(environment, "FAST_ATTRIBUTES", fast)
        out = []
        for _ in range(3):  # the first asks the sandbox, the next ones take its kept verdict
            try:
                out.append(environment.ENVIRONMENT.from_string(source).render(r=_Row(), d={"key": "k"}, s="{0}"))
            except Exception as err:  # noqa: BLE001  (the refusal itself is compared)
                out.append(f"{type(err).__name__}: {err}")
        return out

    assert each(True) == each(False)
@pytest.mark.parametrize("early", [True, False])
def test_a_broken_template_fails_a_parallel_build_once_with_its_place_as_the_plain_one_does(
        tmp_path, monkeypatch, early):
    # The decisions render on the workers before the build compiles the template at home: the
    # error still comes once, from home, as the plain road (compiled before any rendering) says it.
    messages = []
    for side in ("fast", "plain"):
        plan_dir = workspace(tmp_path / side, many_decisions(60))
        templates = tmp_path / side / "templates"
        shutil.copytree(ROOT / "templates", templates)
        build_path(plan_dir)  # a first build and a register to keep
        replace_in(templates / "quyet-dinh.docx", "word/document.xml", "{{ d.proposed_by }}", "{{ d.proposed_by }")
        (plan_dir / "awards.yaml").write_text(many_decisions(61), encoding="utf-8")
        before = state(tmp_path / side)
        monkeypatch.setattr(docgen.buildwork, "LARGE_LIST", 0 if early else 10**12)
        if side == "plain":
            plain_paths(monkeypatch)
        with pytest.raises(TemplateError) as err:
            build_path(plan_dir, lint=True)
        messages.append([str(p).replace(str(tmp_path / side), "WS") for p in err.value.problems])
        assert state(tmp_path / side) == before
    assert messages[0] == messages[1]
    assert messages[0] == ['WS/templates/quyet-dinh.docx: đoạn "Xét đề nghị của {{ d.proposed_by }.": thẻ chưa được'
                           " đóng: thiếu '}}' trong cùng đoạn"]
