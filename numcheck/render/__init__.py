"""Reports and tables from a finished `Report`: the last stage, which never loads or solves.

May import: numcheck.model, numcheck.report (for types only: report.py uses render's number
and sentence writers), the standard library, matplotlib, pandas, rich. Never numcheck.read,
numcheck.engine or numcheck.extract. A new report format is a module here, listed in
dispatch.py.

`dispatch.render(report, format)` picks text.py, markdown.py, jsondoc.py or html.py (with
plot.py); sentences.py words every sentence once for all of them; intervals.py prints every
interval, on top of scalars.py for single numbers; numbers.py writes constraints back as text;
table.py, show.py and output.py serve `numcheck table`, `numcheck show` and `-o FILE`.

Seams for tests (tests import nothing else from here; most go through `numcheck.render`):
- `render`, `FORMATS`: every report format.
- `show_text`, `show_json`: `numcheck show` on a model built in code, which can hold what no
  claims file may (control characters), to test that the terminal and JSON get none of it raw.
- `write_table`: the claims table as a file, with spreadsheet formulas defused.
- `write_atomically`: `-o FILE`'s writer, whose refusals (links, devices, FIFOs) and kept
  permissions are tested on files a test makes.
- `escape_data`, `escape_property`: `--format github`'s escaping, tested as a law on any text.
- `PHRASES`: the report's sentence table, so that a test holds each English sentence to its
  French one, field for field.
- `json_document`: every JSON document's writer (orjson), held byte for byte to `json.dumps`
  on any document a report could hold.
- `claim_interval`: where the HTML chart draws a claim, which the desk page's charts must match.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["FORMATS", "PHRASES", "claim_interval", "escape_data", "escape_property", "json_document", "render",
           "show_json", "show_text", "write_atomically", "write_table"]

_SEAMS = {"render": "dispatch", "FORMATS": "dispatch", "show_text": "show", "show_json": "show",
          "write_table": "table", "write_atomically": "output", "escape_data": "github",
          "escape_property": "github", "PHRASES": "wording_table", "claim_interval": "plot",
          "json_document": "safe"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
