"""`--format sarif`: the check as a SARIF 2.1.0 log, for code-scanning tools (GitHub's among them).

One result per claim of each conflict (level error), per load warning (warning), and per part the
solver gave up on (note), from findings.py. Files below the current folder are named relative to
it under the `%SRCROOT%` base, as a CI checkout expects; a file elsewhere gets its absolute
`file://` URI, and a claim read from standard input no location at all. The log holds no URL to
fetch and nothing that changes from run to run (no time, no absolute folder), so the same check
in the same folder gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import numcheck
from numcheck.model import Location
from numcheck.render.findings import Finding, Kind, findings, relative_path
from numcheck.render.safe import json_text

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["RULES", "render_sarif", "sarif_log"]

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
ROOT_ID = "%SRCROOT%"


def _rule(kind: Kind, name: str, short: str, full: str, level: str) -> dict[str, Any]:
    return {"id": f"numcheck/{kind}", "name": name, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "defaultConfiguration": {"level": level}}


RULES: tuple[dict[str, Any], ...] = (
    _rule("conflict", "ClaimsInConflict", "Claims that cannot all be true",
          "This claim belongs to a minimal set of claims that contradict each other given the rules: "
          "dropping any one of them makes the rest consistent. At least one of them is wrong.", "error"),
    _rule("warning", "LoadWarning", "Probably not what the writer meant",
          "The file loads, but a value reads in a way its writer probably did not mean (such as 12.000 in an "
          "English file). A warning never changes the verdict.", "warning"),
    _rule("unknown", "Undecided", "Claims the solver could not decide",
          "The solver gave up on this part within its time limit: nothing is assumed either way.", "note"),
)
_RULE_INDEX = {rule["id"]: index for index, rule in enumerate(RULES)}


def render_sarif(report: Report, root: str | os.PathLike[str] | None = None) -> str:
    """The SARIF log as indented UTF-8 JSON text, one trailing newline."""
    return json_text(json.dumps(sarif_log(report, root), indent=2, ensure_ascii=False)) + "\n"


def sarif_log(report: Report, root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The log as data; paths are made relative to `root` (default: the current folder)."""
    base = Path.cwd() if root is None else Path(root)
    driver = {"name": "numcheck", "version": str(numcheck.__version__), "rules": list(RULES)}
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "results": [_result(f, base) for f in findings(report)],
        "columnKind": "unicodeCodePoints",
        "properties": {"verdict": report.verdict, "complete": report.complete, "exitCode": report.exit_code},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _result(finding: Finding, base: Path) -> dict[str, Any]:
    rule_id = f"numcheck/{finding.kind}"
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": _RULE_INDEX[rule_id],
        "level": finding.level,
        "message": {"text": finding.message},
    }
    if finding.location is not None:
        result["locations"] = [{"physicalLocation": _physical(finding.location, base)}]
    if finding.related:
        result["relatedLocations"] = [
            {"id": index, "physicalLocation": _physical(r.location, base), "message": {"text": r.id}}
            for index, r in enumerate(finding.related, start=1)]
    digest = hashlib.sha256(finding.key.encode("utf-8")).hexdigest()[:32]
    result["partialFingerprints"] = {"numcheckFinding/v1": digest}
    properties: dict[str, Any] = {}
    if finding.claim is not None:
        properties["claim"] = finding.claim
    if finding.conflict is not None:
        properties["conflict"] = finding.conflict
    if properties:
        result["properties"] = properties
    return result


def _physical(location: Location, base: Path) -> dict[str, Any]:
    """A file and line: relative to `base` under %SRCROOT% where it is below it, else absolute."""
    inside = relative_path(location.path, base)
    if inside is not None:
        artifact = {"uri": quote(inside), "uriBaseId": ROOT_ID}
    else:
        artifact = {"uri": Path(os.path.abspath(os.path.join(base, location.path))).as_uri()}
    return {"artifactLocation": artifact, "region": {"startLine": location.line}}
