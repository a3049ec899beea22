"""Reports and tables from a finished `Report`: the last stage, which never loads or solves.

`dispatch.render(report, format)` picks text.py, markdown.py, jsondoc.py or html.py (with
plot.py); sentences.py words every sentence once for all of them; intervals.py prints every
interval, on top of scalars.py for single numbers; numbers.py writes constraints back as text;
table.py, show.py and output.py serve `numcheck table`, `numcheck show` and `-o FILE`.
"""
