"""Text from a claims file, made safe for the place a report puts it.

A claims file is written by anyone: a quote pasted from a web page may carry a newline, an
ampersand or a terminal escape sequence, and a source id may begin with `=`. Every renderer
passes such text through one of these functions, so that it reads as what it is, never as
markup, a terminal command or a spreadsheet formula:

- `visible`: one line, with control characters shown as `\\x1b` (the text report, `show`,
  plot labels; the base of the others);
- `md_text` / `md_code`: Markdown prose and code spans (no headings or lists smuggled in);
- `html_text`: HTML text and attribute values;
- `json_text`: the JSON document, with the C1 and bidirectional controls that `json.dumps`
  leaves raw written as `\\u` escapes (the same data, safe to `cat`); `json_document` writes a
  whole document that way;
- `csv_cell`: a text cell of a CSV or Excel file (OWASP's CSV-injection rule).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import orjson

__all__ = ["csv_cell", "html_text", "json_document", "json_text", "md_code", "md_text", "visible"]

# Line and paragraph breaks (with the blanks around them) become one space: a report line stays one line.
_BREAKS = re.compile("[ \t]*[\n\r\v\f\x85\u2028\u2029]+[ \t]*")
# C0 and C1 controls (a tab reads as a space), DEL, and the bidirectional controls that can make
# text display in another order than it is stored ("Trojan source").
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\|*_\[`~])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """One line of inert text: breaks become a space, tabs a space, other controls `\\x1b`-style escapes."""
    one_line = _BREAKS.sub(" ", text).replace("\t", " ")
    return _CONTROLS.sub(lambda m: _escape(m.group()), one_line)


def md_text(text: str) -> str:
    """Escape what GitHub would read as markup inside a sentence or a table cell.

    Newlines are gone (so no text can start a heading or a list item), `& < >` become entities
    (no HTML, no entity references), and `\\ | * _ [ ` ~` are backslash-escaped."""
    out = _MD_SPECIAL.sub(r"\\\1", visible(text))
    return out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_code(text: str) -> str:
    """A Markdown code span that no backtick inside the text can close early."""
    text = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def html_text(text: str) -> str:
    """HTML-escaped (`& < > " '`), so it is safe in element text and in quoted attribute values."""
    return html.escape(visible(text), quote=True)


def json_text(document: str) -> str:
    """The JSON text with C1, DEL, line-separator and bidi characters as `\\uXXXX` escapes.

    They can only occur inside JSON strings (the structure is ASCII), and an escape there is the
    same string to every JSON reader."""
    if document.isascii() and "\x7f" not in document:  # two scans in C: most documents have none
        return document
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def json_document(document: Any) -> str:
    """A JSON document as numcheck writes one: indented by two spaces, UTF-8 as written (controls
    escaped, see `json_text`), one trailing newline.

    orjson writes it ten to thirty times faster than `json.dumps(indent=2, ensure_ascii=False)`
    (0.15 s of a 10,000-claim check) and, for what a document holds (str keys, strings,
    integers, booleans, null, lists, mappings: no report holds a float, its exact numbers are
    integers or decimal text), the very same bytes (tests/test_json_bytes.py). What orjson
    refuses (an integer beyond 64 bits, a lone surrogate, a key that is not a string) is written
    by `json.dumps`, the reference."""
    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # orjson.JSONEncodeError
        text = json.dumps(document, indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


def csv_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading `'` (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
