"""A .docx template read, patched and compiled once, then rendered for many contexts.

docxtpl's patch_xml turns the Word XML into Jinja source (joining tags that Word split
across runs, and `{%p %}` paragraph tags). Compiling that source once per template, instead
of per document as docxtpl's render does, is what makes batches fast. Every rendered part is
parsed strictly: docxtpl's own recovering parser silently drops text after broken XML.
"""

import re
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree

from docgen.errors import Location, TemplateError, display_path
from docgen.render.compiled import compile_part
from docgen.render.environment import ENVIRONMENT
from docgen.render.layout import justified_styles, style_ids
from docgen.render.pagenumbers import follow_decree
from docgen.render.saved import as_utf8, refuse_comments, refuse_revisions, unescape_tags
from docgen.render.splice import lay_out_kept
from docgen.render.version import TEMPLATE_FORMAT, template_format
from docgen.render.wellformed import check as well_formed
from docgen.render.widths import as_saved

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_TAG = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_PAIRS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_PATCHER = None  # docxtpl's DocxTemplate, made on first use (_patch_xml)


def _patch_xml(xml: str) -> str:
    """docxtpl's patch_xml of `xml`. docxtpl (and python-docx under it) is imported on the first
    template compiled, not with this module: a large build's own process compiles none (its
    workers do, docgen.render.batch), and its ~0.2 s import would lie on the build's serial
    part, before the records are read (issue 16)."""
    global _PATCHER
    if _PATCHER is None:
        import docxtpl

        _PATCHER = docxtpl.DocxTemplate.__new__(docxtpl.DocxTemplate)
    return _PATCHER.patch_xml(xml)


# A cell left with no paragraph by a loop that produced nothing: <w:tc><w:tcPr>…</w:tcPr></w:tc>.
_EMPTY_CELL = re.compile(r"<w:tc>(?:<w:tcPr>(?:(?!</w:tcPr>).)*</w:tcPr>)?</w:tc>", re.S)
_STRICT = etree.XMLParser(resolve_entities=False, huge_tree=True)


def _paragraph_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml, _STRICT)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_tags(text: str) -> str | None:
    """Every tag opens and closes inside one paragraph, or docxtpl would eat the ones between."""
    expected: str | None = None
    for token in _TAG.findall(text):
        if token in _PAIRS:
            if expected:
                return f"thẻ mở '{token}' nằm trong một thẻ chưa đóng (thiếu '{expected}')"
            expected = _PAIRS[token]
        elif token != expected:
            return f"thẻ đóng '{token}' không có thẻ mở tương ứng"
        else:
            expected = None
    if expected:
        return f"thẻ chưa được đóng: thiếu '{expected}' trong cùng đoạn"
    return None


@dataclass(frozen=True)
class _Part:
    name: str
    source: str
    template: JinjaTemplate


class DocxTemplate:
    """A compiled template: `render(context)` gives the parts of a new document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as zf:
                self.parts = {name: zf.read(name) for name in zf.namelist()}
        except FileNotFoundError:
            raise TemplateError.at(Location(path), "không tìm thấy tệp mẫu") from None
        except (zipfile.BadZipFile, OSError) as err:
            raise TemplateError.at(
                Location(path), f"tệp mẫu không phải tệp .docx đọc được ({err})"
            ) from None
        if "word/document.xml" not in self.parts:
            raise TemplateError.at(Location(path), "tệp mẫu thiếu phần word/document.xml")
        for name in sorted(self.parts):
            if _TEMPLATED.match(name):
                self.parts[name] = as_utf8(path, name, self.parts[name])
                refuse_revisions(path, name, self.parts[name])
        refuse_comments(path, self.parts)
        self.style_ids = style_ids(self.parts.get("word/styles.xml", b""))
        self.justified = justified_styles(self.parts.get("word/styles.xml", b""))
        self.format = template_format(self.parts)
        try:
            self.parts = as_saved(follow_decree(self.parts))  # as_saved: LibreOffice's fixed tables
        except etree.XMLSyntaxError as err:
            raise TemplateError.at(Location(path), f"XML của mẫu bị hỏng: {err}") from None
        # Parts without a tag (most headers) are copied as they are, not rendered.
        self.compiled = [self._compile(name) for name in sorted(self.parts)
                         if _TEMPLATED.match(name) and _TAG.search(self.parts[name].decode("utf-8"))]

    def _where(self, part: str, text: str) -> str:
        place = "" if part == "word/document.xml" else f"{part.split('/')[-1]}, "
        return f'{place}đoạn "{_short(text)}"'

    def _hinted(self, message: str) -> str:
        """A missing field or filter, with what to do when the template is older or newer."""
        hint = _older_or_newer(self.path, self.format)
        return f"{message}; {hint}" if hint else message

    def _error(self, part: str, text: str, message: str) -> TemplateError:
        return TemplateError.at(Location(self.path, where=self._where(part, text)), message)

    def _compile(self, name: str) -> _Part:
        raw = self.parts[name]
        try:
            texts = _paragraph_texts(raw)
        except etree.XMLSyntaxError as err:
            raise TemplateError.at(
                Location(self.path, where=name), f"XML của mẫu bị hỏng: {err}"
            ) from None
        for text in texts:
            problem = _check_tags(text)
            if problem:
                raise self._error(name, text, problem)
        source = unescape_tags(_patch_xml(raw.decode("utf-8")))
        # One paragraph per line, so Jinja's line numbers point at paragraphs.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            code = compile_part(ENVIRONMENT, source, name, f"{self.path}:{name}")
        except TemplateSyntaxError as err:
            message = _syntax(err)
            if re.match(r"No filter named|Encountered unknown tag", err.message or ""):
                message = self._hinted(message)
            raise self._error(name, self._line(source, err.lineno), message) from None
        template = ENVIRONMENT.template_class.from_code(
            ENVIRONMENT, code, ENVIRONMENT.make_globals(None), None
        )
        return _Part(name, source, template)

    @staticmethod
    def _line(source: str, lineno: int | None) -> str:
        lines = source.splitlines()
        if not lineno or lineno > len(lines):
            return ""
        return re.sub(r"<[^>]+>", "", lines[lineno - 1])

    def render(self, context: dict[str, Any]) -> dict[str, bytes]:
        """The document's parts with every templated part rendered and checked."""
        parts = dict(self.parts)
        for part in self.compiled:
            parts[part.name] = self._render_part(part, context)
        return parts

    def _render_part(self, part: _Part, context: dict[str, Any]) -> bytes:
        try:
            xml = part.template.render(context)
        except (JinjaError, ValueError, TypeError, ArithmeticError) as err:
            lineno = _template_line(err, f"{self.path}:{part.name}")
            message = _runtime(err)
            if isinstance(err, UndefinedError):
                message = self._hinted(message)
            raise self._error(part.name, self._line(part.source, lineno), message) from None
        if part.name == "word/document.xml":
            xml = lay_out_kept(xml, self.style_ids, self.justified)  # layout.lay_out, pieces kept
        # The newlines put before each paragraph for line numbers stay: whitespace between
        # block elements is ignored by Word and LibreOffice, and removing it costs a pass.
        data = xml.encode("utf-8")
        try:
            well_formed(data)  # strictly, as expat parses it: nothing dropped
        except expat.ExpatError as err:
            raise TemplateError.at(
                Location(self.path, where=part.name),
                f"văn bản dựng từ mẫu không phải XML hợp lệ ({expat.ErrorString(err.code)}, dòng"
                f" {err.lineno}); kiểm tra các thẻ {{%p %}} và {{%tr %}} trong mẫu",
            ) from None
        # Only a cell closing right after its properties (or opening) can be empty: the search
        # itself crawls through every cell.
        if ("</w:tcPr></w:tc>" in xml or "<w:tc></w:tc>" in xml) and _EMPTY_CELL.search(xml):
            root = etree.fromstring(data, _STRICT)
            if _fill_empty_cells(root):
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return data


def _fill_empty_cells(root: etree._Element) -> bool:
    """Word refuses a table cell without a paragraph (a loop that produced nothing)."""
    changed = False
    for cell in root.iter(f"{W}tc"):
        if cell.find(f"{W}p") is None and cell.find(f"{W}tbl") is None:
            etree.SubElement(cell, f"{W}p")
            changed = True
    return changed


def _template_line(err: BaseException, filename: str) -> int | None:
    line = getattr(err, "lineno", None)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def _syntax(err: TemplateSyntaxError) -> str:
    msg = err.message or ""
    m = re.match(r"No filter named '(.+?)'", msg)
    if m:
        return f"không có bộ lọc '{m.group(1)}'"
    m = re.match(r"Encountered unknown tag '(.+?)'", msg)
    if m:
        return f"thẻ '{m.group(1)}' không hợp lệ ({msg})"
    return f"cú pháp mẫu sai: {msg}"


def _runtime(err: BaseException) -> str:
    msg = str(err)
    if isinstance(err, SecurityError):
        m = re.search(r"attribute '(.+?)'", msg)
        return f"mẫu không được truy cập thuộc tính '{m.group(1) if m else msg}'"
    if isinstance(err, UndefinedError):
        m = re.match(r"'(.+?)' is undefined", msg)
        if m:
            return f"không có dữ liệu '{m.group(1)}'"
        m = re.match(r"'(.+?)' has no attribute '(.+?)'", msg)
        if m:
            return f"không có trường '{m.group(2)}' trong dữ liệu"
        m = re.match(r"access to attribute '(.+?)'", msg)
        if m:
            return f"mẫu không được truy cập thuộc tính '{m.group(1)}'"
        return f"thiếu dữ liệu: {msg}"
    if isinstance(err, ValueError):
        return msg
    return f"lỗi khi dựng mẫu: {msg}"


def _workspace_root(path: Path) -> Path:
    """templates/x.docx -> the workspace; plans/<id>/templates/x.docx -> the workspace too."""
    folder = path.parent
    if folder.parent.parent.name == "plans":
        return folder.parent.parent.parent
    return folder.parent


def _older_or_newer(path: Path, declared: int | None) -> str | None:
    """The hint for a template asking for something this docgen lacks; None when its format is
    this docgen's own (then the template itself is wrong, and the message says where)."""
    if declared == TEMPLATE_FORMAT:
        return None
    if declared is not None and declared > TEMPLATE_FORMAT:
        return (f"mẫu này làm cho docgen mới hơn (định dạng mẫu {declared}, docgen này dùng định dạng"
                f" {TEMPLATE_FORMAT}): hãy cài bản docgen mới hơn, bản đã làm ra mẫu này, rồi dựng lại")
    made = "không ghi định dạng mẫu" if declared is None else f"định dạng mẫu {declared}"
    root = display_path(_workspace_root(path))
    return (f"mẫu này làm cho docgen cũ hơn ({made}, docgen này dùng định dạng {TEMPLATE_FORMAT}):"
            f" hãy đổi tên tệp mẫu này (ví dụ thêm '-cu'), chạy docgen init --force {root}"
            " để lấy mẫu mới, rồi sửa mẫu mới như đã sửa mẫu cũ")
