"""`--format sarif`: the check as a SARIF 2.1.0 log, for code-scanning tools (GitHub's among them).

One result per claim of each conflict (level error), per load warning (warning), and per part the
solver gave up on (note), from findings.py. Files below the current folder are named relative to
it under the `%SRCROOT%` base, as a CI checkout expects; a file elsewhere gets its absolute
`file://` URI, and a claim read from standard input no location at all. The log holds no URL to
fetch and nothing that changes from run to run (no time, no absolute folder), so the same check
in the same folder gives the same bytes.

Messages and the rules' descriptions are in the reader's language, named by the run's `language`
(SARIF's own field for it); rule ids and levels are the same in every language. `check --each`
writes one run holding every file's results (`sarif_each`): GitHub code scanning no longer
accepts several runs of one tool in one upload.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import numcheck
from numcheck.model import Location
from numcheck.render.findings import CheckFindings, Finding, Kind, ci_check, relative_path
from numcheck.render.options import RenderOptions
from numcheck.render.safe import json_document
from numcheck.render.wording import Wording, wording

if TYPE_CHECKING:
    from numcheck.report import Report

__all__ = ["EachFile", "RULES", "render_sarif", "rules", "sarif_each", "sarif_log", "sarif_text"]

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
ROOT_ID = "%SRCROOT%"


_KINDS: tuple[tuple[Kind, str], ...] = (("conflict", "ClaimsInConflict"), ("warning", "LoadWarning"),
                                        ("unknown", "Undecided"))
_LEVELS = {"conflict": "error", "warning": "warning", "unknown": "note"}


def rules(w: Wording) -> tuple[dict[str, Any], ...]:
    """The driver's three rules, described in `w`'s language; their ids and levels never change."""
    return tuple({"id": f"numcheck/{kind}", "name": name, "shortDescription": {"text": w(f"ci.rule.{kind}")},
                  "fullDescription": {"text": w(f"ci.rule.{kind}.full")},
                  "defaultConfiguration": {"level": _LEVELS[kind]}} for kind, name in _KINDS)


RULES = rules(wording("en"))
_RULE_INDEX = {rule["id"]: index for index, rule in enumerate(RULES)}


@dataclass(frozen=True)
class EachFile:
    """One file of `check --each`, for the run's properties: its name as given, its exit status,
    its findings (None when it did not load) and, then, its error lines."""

    path: str
    exit_code: int
    found: CheckFindings | None
    errors: tuple[str, ...] = ()


def render_sarif(report: Report, options: RenderOptions | None = None, *,
                 root: str | os.PathLike[str] | None = None) -> str:
    """The SARIF log as indented UTF-8 JSON text, one trailing newline; in the options' language."""
    return sarif_text(sarif_log(report, options, root=root))


def sarif_text(log: dict[str, Any]) -> str:
    """A log as text: the one JSON form every SARIF output of numcheck takes (indented, UTF-8,
    controls escaped), so that the same findings give the same bytes."""
    return json_document(log)


def sarif_log(report: Report, options: RenderOptions | None = None, *,
              root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The log as data; paths are made relative to `root` (default: the current folder)."""
    found = ci_check(report, options)
    properties = {"verdict": found.verdict, "complete": found.complete, "exitCode": found.exit_code}
    return _log(found.findings, found.lang, properties, root)


def sarif_each(files: Sequence[EachFile], lang: str | None, exit_code: int, *,
               root: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """One log, one run, for files checked each on its own: their results in the order of the
    files, and each file's verdict and exit status in the run's properties (a file that did not
    load also as a tool notification, error level, with its messages). `lang` names the run's
    language; None when the files' messages are in several (the rules are then described in English)."""
    base = Path.cwd() if root is None else Path(root)
    # two files may hold the same claim ids: each result's fingerprint names its file as well
    results = tuple(replace(f, key=f"{relative_path(one.path, base) or one.path}|{f.key}")
                    for one in files if one.found is not None for f in one.found.findings)
    listed = [{"file": one.path, "exitCode": one.exit_code,
               **({"verdict": one.found.verdict, "complete": one.found.complete} if one.found else {})}
              for one in files]
    log = _log(results, lang, {"exitCode": exit_code, "files": listed}, base)
    failed = [one for one in files if one.found is None]
    log["runs"][0]["invocations"] = [{
        "executionSuccessful": not failed,
        "toolExecutionNotifications": [{"level": "error", "message": {"text": line}}
                                       for one in failed for line in one.errors]}]
    return log


def _log(found: Sequence[Finding], lang: str | None, properties: dict[str, Any],
         root: str | os.PathLike[str] | None) -> dict[str, Any]:
    base = Path.cwd() if root is None else Path(root)
    driver = {"name": "numcheck", "version": str(numcheck.__version__), "rules": list(rules(wording(lang or "en")))}
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if lang is not None:
        run["language"] = lang
    run.update({"results": [_result(f, base) for f in found], "columnKind": "unicodeCodePoints",
                "properties": properties})
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
