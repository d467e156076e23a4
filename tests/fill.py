"""Fill a report form's fields as a clerk would: by the content controls' names."""

import re
from pathlib import Path
from xml.sax.saxutils import escape

from zipparts import rewrite


def fill(path: Path, values: dict[str, str]) -> None:
    """Put each text into the content control whose alias is the key ("docgen:target:viec_lam")."""

    def change(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode()
        for alias, text in values.items():
            pattern = re.compile(r'(<w:sdt><w:sdtPr><w:alias w:val="' + re.escape(alias)
                                 + r'"/>.*?<w:sdtContent>).*?(</w:sdtContent></w:sdt>)', re.S)
            run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            xml, count = pattern.subn(lambda m, run=run: m.group(1) + run + m.group(2), xml)
            assert count == 1, (alias, count)
        parts["word/document.xml"] = xml.encode()

    rewrite(path, change)


def remove_field(path: Path, alias: str) -> None:
    def change(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode()
        xml, count = re.subn(r'<w:sdt><w:sdtPr><w:alias w:val="' + re.escape(alias) + r'"/>.*?</w:sdt>', "", xml,
                             flags=re.S)
        assert count == 1
        parts["word/document.xml"] = xml.encode()

    rewrite(path, change)
