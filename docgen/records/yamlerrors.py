"""libyaml's parse errors said in Vietnamese, for clerks who edit YAML in Notepad.

The English problem strings are libyaml's (scanner.c, parser.c, composer of PyYAML); each is
matched by its start and given a sentence saying what is wrong and what to do.
"""

import yaml

TAB = "dòng được thụt lề bằng phím Tab"

_PROBLEMS = [
    ("found character that cannot start any token",
     "có ký tự không được đứng đầu một giá trị (như @, ` hoặc %); hãy đặt cả giá trị trong ngoặc kép"),
    ("mapping values are not allowed",
     "dấu ':' không được đứng ở đây; nếu giá trị có dấu ':' hãy đặt cả giá trị trong ngoặc kép,"
     " nếu không hãy kiểm tra thụt lề"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa (viết khóa: giá trị)"),
    ("did not find expected key",
     "thụt lề không khớp với các dòng phía trên; hãy thụt lề bằng dấu cách cho thẳng hàng với các"
     " khóa cùng cấp"),
    ("did not find expected '-' indicator",
     "dòng này không thẳng hàng với danh sách phía trên; mỗi phần tử của danh sách bắt đầu bằng '- '"
     " ở cùng một cột"),
    ("did not find expected ',' or ']'", "thiếu dấu ']' đóng danh sách (hoặc thiếu dấu ',' giữa các phần tử)"),
    ("did not find expected ',' or '}'", "thiếu dấu '}' đóng bảng (hoặc thiếu dấu ',' giữa các cặp khóa)"),
    ("found unexpected end of stream", "chuỗi trong ngoặc chưa được đóng: thiếu dấu ngoặc kép đóng"),
    ("found unknown escape character",
     "ký tự sau dấu '\\' trong chuỗi ngoặc kép không hợp lệ; hãy dùng ngoặc đơn ' ' hoặc viết '\\\\'"),
    ("found invalid Unicode character escape code",
     "mã \\u… trong chuỗi ngoặc kép không phải một ký tự (nửa cặp surrogate); hãy xóa mã đó và gõ chữ"),
    ("found undefined alias", "có '*' (bí danh YAML) không trỏ tới đâu; hãy viết thẳng giá trị, hoặc đặt"
     " cả giá trị có dấu '*' trong ngoặc kép"),
    ("found undefined tag handle", "thẻ kiểu YAML ('!') không hợp lệ; hãy bỏ thẻ"),
    ("found duplicate anchor", "neo YAML ('&') bị lặp; hãy viết thẳng giá trị"),
    ("found unexpected ':'", "dấu ':' không được đứng ở đây; hãy đặt cả giá trị trong ngoặc kép"),
    ("did not find expected node content", "thiếu giá trị ở đây; kiểm tra dấu ',' và dấu ngoặc"),
    ("did not find expected comment or line break",
     "sau chuỗi trong ngoặc còn chữ khác; hãy đặt cả giá trị trong ngoặc kép"),
    ("found a tab character", "dòng được thụt lề bằng phím Tab; YAML cần dấu cách (space): hãy thay"
     " Tab bằng dấu cách"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên; hãy thụt lề bằng dấu cách"),
    ("expected a single document", "tệp chỉ được có một tài liệu YAML; hãy xóa dòng '---' thừa"),
    ("found incompatible YAML document", "phiên bản YAML không hỗ trợ; hãy xóa dòng %YAML"),
    ("while scanning a block scalar", "khối văn bản sau '|' hoặc '>' sai dạng; hãy thụt lề các dòng đó"),
]


def message(err: yaml.YAMLError, text: str) -> str:
    """One Vietnamese sentence for a YAML parse error of `text`."""
    mark = getattr(err, "problem_mark", None)
    if mark is not None and _tab_at(text, mark.line, mark.column):
        return f"{TAB}; YAML cần dấu cách (space): hãy thay Tab bằng dấu cách"
    problem = getattr(err, "problem", None) or ""
    context = getattr(err, "context_mark", None)
    since = f" (mở ở dòng {context.line + 1})" if context and mark and context.line != mark.line else ""
    for start, said in _PROBLEMS:
        if problem.startswith(start):
            return f"cú pháp YAML sai: {said}{since}"
    return ("cú pháp YAML sai ở đây; kiểm tra thụt lề (chỉ dùng dấu cách), dấu ':' sau mỗi khóa và các"
            " dấu ngoặc")


def _tab_at(text: str, line: int, column: int) -> bool:
    """A tab at the error or in the indentation of its line."""
    lines = text.split("\n")
    if line >= len(lines):
        return False
    row = lines[line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[column:column + 1] == "\t"
