"""The read stage: claims files and rule packs in, a typed `numcheck.model.Model` out.

May import: numcheck.model, numcheck.errors, numcheck.packs (the shipped rule packs), the
standard library, PyYAML, pint, lark, text2num. Never numcheck.engine, numcheck.render or
numcheck.extract: the model is all a later stage gets from here.

Where things are: yamlnodes.py (YAML with lines, bounded while composing), files.py (reading
files safely), units.py (pint and the newsroom's count units), vocabulary.py (word tables),
numbers.py, hedges.py, relative.py and phrases.py (value phrases), expressions.py and generic.py
(rules and relations), declarations.py, fields.py, includes.py, rules.py, claims.py and
load_warnings.py (what a file declares and claims), loader.py (`load`), helper.py (the forked
process that compiles half of a large file), split.py and split_load.py (large files read in two
processes from the start).

Seams for tests and other stages (tests import nothing else from here):
- `load`: the stage's one entry point.
- `parse_value`, `scan_number`, `PhraseSyntaxError`: the value-phrase grammar, which extraction
  shares and whose laws (digits, hedges, ranges) are tested phrase by phrase.
- `parse_unit`, `conversion_factor`: the unit registry, whose conversions are tested as laws.
- `new_registry`, `define_newsroom_units`, `DEFERRED`: the short unit file and pint's whole one,
  which a law holds to the same meaning for every unit name.
- `HEDGES`: the word tables' hedges, so that a test can walk every one of them.
- `bindings`: the generic-rule binder, tested against a brute force of every combination.
- `Helper`: the forked helper, which a test replaces to make it die or fail.
- `loader`: the loader's module, so that a test can start the helper on a small file
  (`HELPER_MIN_CLAIMS`) and switch off the warning checks (`claim_warnings`, `rule_warnings`).
- `split_load`: the load of large files in two processes from the start (the text cut as
  `read/split.py` says), whose `stats()` shows that the route is taken and not fallen back from.
- `yamlnodes`: the YAML reader, whose node budget (`MAX_NODES`) a test lowers to hold a file cut
  in two to the budget of the whole file.
- `shapes`: the parsed shapes of expressions, which a test switches off (`ENABLED`) to hold the
  cached trees to lark's own, and whose `stats()` shows that the cache is used.
"""

from __future__ import annotations

from numcheck.seams import lazy

__all__ = ["DEFERRED", "HEDGES", "Helper", "PhraseSyntaxError", "bindings", "conversion_factor",
           "define_newsroom_units", "load", "loader", "new_registry", "parse_unit", "parse_value", "scan_number",
           "shapes", "split_load", "yamlnodes"]

_SEAMS = {"load": "loader", "parse_value": "phrases", "scan_number": "numbers", "PhraseSyntaxError": "numbers",
          "parse_unit": "units", "conversion_factor": "units", "Helper": "helper", "HEDGES": "vocabulary",
          "bindings": "generic", "DEFERRED": "units", "define_newsroom_units": "units", "new_registry": "units"}

_MODULES = ("loader", "shapes", "split_load", "yamlnodes")

__getattr__, __dir__ = lazy(__name__, _SEAMS, __all__, _MODULES)
