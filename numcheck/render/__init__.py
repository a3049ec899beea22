"""Reports and tables from a finished `Report`: the last stage, which never loads or solves.

May import: numcheck.model, numcheck.report (for types only: report.py uses render's number
and sentence writers), the standard library, matplotlib, pandas, rich. Never numcheck.read,
numcheck.engine or numcheck.extract. A new report format is a module here, listed in
dispatch.py.

`dispatch.render(report, format)` picks text.py, markdown.py, jsondoc.py or html.py (with
plot.py); sentences.py words every sentence once for all of them; intervals.py prints every
interval, on top of scalars.py for single numbers; numbers.py writes constraints back as text;
table.py, show.py and output.py serve `numcheck table`, `numcheck show` and `-o FILE`.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["FORMATS", "render"]

_SEAMS = {"render": "dispatch", "FORMATS": "dispatch"}

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__)
