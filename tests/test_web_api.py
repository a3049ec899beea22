"""`numcheck serve`'s app through Starlette's TestClient: every endpoint, and every safety rule
(other origins and hosts refused, uploads capped, saves kept inside the served folder, includes
limited to the shipped packs, bad files shown at their line, nothing in a file evaluated)."""

from __future__ import annotations

import json
import os
import socket
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")
from starlette.testclient import TestClient

from numcheck import check_model, load
from numcheck.web import allowed_hosts, create_app, emit, is_loopback, parse

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "examples" / "article-nk-troops.en.txt").read_text(encoding="utf-8")
SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"
SAME = {"Origin": "http://testserver"}
EVIL = {"Origin": "http://evil.example"}
# the limits docs/web.md promises
MAX_ARTICLE_BYTES = 5_000_000  # "an article may have at most 5 MB"
MAX_CLAIMS_BYTES = 10 * 1024 * 1024  # "and a claims file at most 10 MB"
MAX_BODY = 21 * 1024 * 1024  # "a request body of more than 21 MB is refused before any route reads it"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    served = tmp_path / "served"
    (served / "sub").mkdir(parents=True)
    (served / "article-nk-troops.en.txt").write_text(ARTICLE, encoding="utf-8")
    (served / "sub" / "seed.yaml").write_bytes(SEED.read_bytes())
    (served / ".hidden.yaml").write_text("numcheck: 1\n", encoding="utf-8")
    (served / "rules.yaml").write_text("numcheck: 1\nrules:\n  - a <= b\n", encoding="utf-8")
    return served


@pytest.fixture()
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder, hosts={"testserver"}))


def draft(client: TestClient, **form: Any) -> dict[str, Any]:
    data = {"text": ARTICLE, "source": "hur", "date": "2024-10-24", "packs": ["casualties"], **form}
    r = client.post("/api/article", data=data, headers=SAME)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def edit(client: TestClient, text: str, *ops: dict[str, Any], status: int = 200) -> dict[str, Any]:
    r = client.post("/api/edit", json={"text": text, "ops": list(ops)}, headers=SAME)
    assert r.status_code == status, r.text
    return r.json()  # type: ignore[no-any-return]


def loads(text: str, tmp_path: Path, name: str = "check.yaml") -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_model(load(path))


# ---- the page and its files ----------------------------------------------------------------


def test_the_page_lists_packs_and_files_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    for pack in ("casualties", "elections", "polls"):
        assert f'value="{pack}"' in r.text
    assert "article-nk-troops.en.txt" in r.text and "sub/seed.yaml" in r.text and ".hidden" not in r.text
    assert 'type="module" src="/static/app.js"' in r.text and 'href="/static/app.css"' in r.text
    assert "http://" not in r.text and "https://" not in r.text  # no CDN, nothing from elsewhere
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
        assert header in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for asset in ("/static/app.js", "/static/page.js", "/static/app.css"):
        assert client.get(asset).status_code == 200


def test_files_lists_articles_and_claims_files_but_no_hidden_ones(client: TestClient) -> None:
    files = client.get("/api/files").json()["files"]
    assert files == ["article-nk-troops.en.txt", "rules.yaml", "sub/seed.yaml"]


# ---- articles ------------------------------------------------------------------------------


def test_an_article_is_drafted_with_every_figure_marked(client: TestClient, tmp_path: Path) -> None:
    data = draft(client)
    assert data["lang"] == "en" and data["figures"] == 5 and data["name"] == "claims.yaml"
    assert [ARTICLE[a:b] for a, b in data["marks"].values()] == [
        "up to 12,000", "as many as 3,000", "more than 115,000", "up to half a million", "1.3 million"]
    assert data["article_html"].count('<mark class="fig" id="fig-') == 5
    assert "  - numcheck:casualties" in data["text"] and "date: 2024-10-24" in data["text"]
    report = loads(data["text"], tmp_path)
    assert report.verdict == "consistent" and all(c.review for c in report.model.claims)
    assert data["verdict"] == "consistent" and len(data["problems"]) == 5  # five figures to confirm
    assert all(p["warning"] and p["claim"] for p in data["problems"])
    first = parse(data["text"]).claims()[0]
    assert list(data["marks"])[0] == first["id"] == "hur-1"
    assert 'data-claim="hur-1"' in data["claims_html"] and f'data-quantity="{first["quantity"]}"' in data["side_html"]


def test_an_article_is_escaped_on_the_page(client: TestClient) -> None:
    data = draft(client, text="<script>alert(1)</script> Officials said up to 12,000 <b>soldiers</b> left.")
    assert "<script>" not in data["article_html"] and "&lt;script&gt;" in data["article_html"]
    assert "<b>" not in data["claims_html"] + data["result_html"]


def test_an_article_is_uploaded_or_opened_from_the_folder(client: TestClient, folder: Path) -> None:
    r = client.post("/api/article", files={"file": ("story.txt", ARTICLE.encode(), "text/plain")}, headers=SAME)
    assert r.status_code == 200 and r.json()["name"] == "story.yaml" and r.json()["figures"] == 5
    r = client.post("/api/article", data={"name": "article-nk-troops.en.txt", "lang": "en"}, headers=SAME)
    assert r.status_code == 200 and r.json()["name"] == "article-nk-troops.en.yaml"
    assert client.post("/api/article", data={"name": "../outside.txt"}, headers=SAME).status_code == 403
    assert client.post("/api/article", data={"name": "missing.txt"}, headers=SAME).status_code == 404


def test_a_french_article_is_read_in_french(client: TestClient) -> None:
    text = "Kiev, le 24 octobre 2024. Le renseignement ukrainien affirme que jusqu'à 12 000 soldats nord-coréens se préparent."
    data = draft(client, text=text, lang="auto")
    assert data["lang"] == "fr" and data["figures"] == 1 and "jusqu'à 12 000" in data["text"]


def test_an_oversized_article_gets_413(client: TestClient) -> None:
    big = "word " * (MAX_ARTICLE_BYTES // 5 + 1)
    assert client.post("/api/article", data={"text": big}, headers=SAME).status_code == 413
    r = client.post("/api/article", files={"file": ("big.txt", big.encode(), "text/plain")}, headers=SAME)
    assert r.status_code == 413


# ---- claims files: open, edit, check, save -------------------------------------------------------


def test_a_claims_file_opened_and_saved_unedited_keeps_its_bytes(client: TestClient, folder: Path) -> None:
    original = SEED.read_bytes()
    opened = client.post("/api/open", data={"name": "sub/seed.yaml"}, headers=SAME).json()
    assert opened["text"].encode() == original and opened["verdict"] == "consistent"
    r = client.post("/api/save", json={"name": "copy.yaml", "text": opened["text"]}, headers=SAME)
    assert r.status_code == 200 and r.json()["saved"] == "copy.yaml"
    assert (folder / "copy.yaml").read_bytes() == original
    crlf = original.replace(b"\n", b"\r\n")
    uploaded = client.post("/api/open", files={"file": ("crlf.yaml", crlf, "application/yaml")}, headers=SAME).json()
    client.post("/api/save", json={"name": "crlf.yaml", "text": uploaded["text"]}, headers=SAME)
    assert (folder / "crlf.yaml").read_bytes() == crlf
    bom = b"\xef\xbb\xbf" + original
    uploaded = client.post("/api/open", files={"file": ("bom.yaml", bom, "application/yaml")}, headers=SAME).json()
    assert uploaded["verdict"] == "consistent"
    client.post("/api/save", json={"name": "bom.yaml", "text": uploaded["text"]}, headers=SAME)
    assert (folder / "bom.yaml").read_bytes() == bom


def test_edits_are_written_deterministically_and_load(client: TestClient, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    op = {"op": "set", "claim": "hur-kursk", "field": "value", "value": "up to 3,500"}
    first, second = edit(client, text, op)["text"], edit(client, text, op)["text"]
    assert first == second and "value: \"up to 3,500\"" in first
    assert emit(parse(first)) == first
    assert "# One source per speaker" in first  # comment lines above a section are kept
    assert loads(first, tmp_path).verdict == "consistent"


def test_every_example_written_back_checks_the_same(tmp_path: Path) -> None:
    for path in [SEED, *sorted((ROOT / "examples").glob("*.yaml"))]:
        original = json.loads(json.dumps(check_model(load(path)).to_dict()))
        copy = tmp_path / path.name
        copy.write_text(emit(parse(path.read_text(encoding="utf-8"))), encoding="utf-8")
        again = check_model(load(copy)).to_dict()
        for doc in (original, again):
            doc.pop("warnings")
        assert _unplaced(json.loads(json.dumps(again))) == _unplaced(original), path.name


def _unplaced(doc: object) -> object:
    """The document without its `where` maps: a copy in another folder names other files."""
    if isinstance(doc, dict):
        return {k: _unplaced(v) for k, v in doc.items() if k != "where"}
    return [_unplaced(v) for v in doc] if isinstance(doc, list) else doc


def test_joining_renaming_and_the_other_edits(client: TestClient, tmp_path: Path) -> None:
    text = draft(client)["text"]
    claims = parse(text).claims()
    assert [c["id"] for c in claims] == ["hur-1", "hur-2", "hur-3", "hur-4", "hur-5"]
    troops, kursk = claims[0]["quantity"], claims[1]["quantity"]  # up to 12,000 and as many as 3,000
    text = edit(client, text, {"op": "rename", "quantity": kursk, "to": "nk_troops_kursk"},
                {"op": "unit", "quantity": "nk_troops_kursk", "value": "soldier"},
                {"op": "set", "claim": "hur-1", "field": "review", "value": "false"},
                {"op": "set", "claim": "hur-3", "field": "review", "value": "false"},
                {"op": "add"},
                {"op": "set", "claim": "hur-6", "field": "source", "value": "blog"},
                {"op": "set", "claim": "hur-6", "field": "quantity", "value": "nk_troops"},
                {"op": "set", "claim": "hur-6", "field": "value", "value": "about 15,000"},
                {"op": "set", "claim": "hur-6", "field": "as_of", "value": "2024-10-26"},
                {"op": "source", "source": "blog", "field": "name", "value": "A defence blog"})["text"]
    report = loads(text, tmp_path)
    assert report.verdict == "consistent"
    assert report.model.claim("hur-2").quantity == "nk_troops_kursk"
    assert [c.id for c in report.model.claims if c.review] == ["hur-2", "hur-4", "hur-5", "hur-6"]
    assert report.model.sources["blog"].name == "A defence blog" and str(report.model.claim("hur-6").as_of) == "2024-10-26"
    joined = edit(client, text, {"op": "join", "quantity": "nk_troops", "into": troops})
    assert joined["verdict"] == "inconsistent" and "nk_troops:" not in joined["text"]
    report = loads(joined["text"], tmp_path)
    assert report.conflicts[0].claims == ("hur-1", "hur-6") and report.model.claim("hur-6").quantity == troops
    assert '<section class="repairs"' in joined["result_html"] and "drop" in joined["result_html"]
    assert 'data-claims="hur-1 hur-6"' in joined["result_html"]
    fewer = edit(client, joined["text"], {"op": "delete", "claim": "hur-6"}, {"op": "packs", "packs": []})
    assert fewer["verdict"] == "consistent" and "include" not in fewer["text"] and "hur-6" not in fewer["text"]


def test_a_rename_reaches_rules_relations_and_value_phrases(client: TestClient, tmp_path: Path) -> None:
    text = (ROOT / "examples" / "ratio-through-rule.yaml").read_text(encoding="utf-8")
    renamed = edit(client, text, {"op": "rename", "quantity": "ru_casualties", "to": "russian_losses"})["text"]
    assert "ru_casualties" not in renamed and "about half of russian_losses" in renamed
    # the pack's generic rule binds by name ({side}_casualties): renamed, it no longer applies
    assert loads(renamed, tmp_path).verdict == "consistent"
    renamed = edit(client, text, {"op": "rename", "quantity": "ua_casualties", "to": "ukrainian_losses"})["text"]
    assert "ua_casualties" not in renamed and "quantity: ukrainian_losses" in renamed
    assert loads(renamed, tmp_path).conflicts[0].claims == ("us-killed", "us-ratio", "blog-ua")
    relation = "numcheck: 1\nquantities:\n  a: {unit: km}\n  b: {unit: km}\nrules:\n  - a <= b\n" \
               "claims:\n  - {id: r, relation: \"a >= 2 * b\"}\n"
    renamed = edit(client, relation, {"op": "rename", "quantity": "a", "to": "road"})["text"]
    assert "- \"road <= b\"" in renamed and "relation: \"road >= 2 * b\"" in renamed


def test_edits_that_cannot_apply_are_refused_with_a_reason(client: TestClient) -> None:
    text = SEED.read_text(encoding="utf-8")
    for op in ({"op": "explode"}, {"op": "set", "claim": "nope", "field": "value", "value": "1"},
               {"op": "rename", "quantity": "ru_killed", "to": "not a name"},
               {"op": "join", "quantity": "ru_killed", "into": "ru_killed"},
               {"op": "set", "claim": "hur-total", "field": "id", "value": "x"},
               {"op": "packs", "packs": ["../../etc/passwd"]}):
        assert "error" in edit(client, text, op, status=422)
    assert "line 3" in edit(client, "numcheck: 1\nclaims: [\n", {"op": "add"}, status=422)["error"]
    r = client.post("/api/edit", json={"text": text, "ops": []}, headers=SAME)
    assert r.status_code == 400


def test_check_reports_conflicts_with_links_to_their_claims(client: TestClient) -> None:
    text = (ROOT / "examples" / "ratio-through-rule.yaml").read_text(encoding="utf-8")
    data = client.post("/api/check", json={"text": text}, headers=SAME).json()
    assert data["verdict"] == "inconsistent" and data["loaded"]
    html = data["result_html"]
    for claim in ("us-killed", "us-ratio", "blog-ua"):
        assert f'class="claim-link" data-claim="{claim}"' in html
    assert "Repairs" in html and 'class="chart"' in html and "fewer than 50,000 Ukrainian casualties" in html


def test_a_bad_file_shows_the_loader_error_at_its_line(client: TestClient) -> None:
    text = SEED.read_text(encoding="utf-8").replace("value: up to 3,000", "value: up to three bananas")
    line = text.split("\n").index("    value: up to three bananas") + 1
    data = client.post("/api/check", json={"text": text}, headers=SAME).json()
    assert data["verdict"] == "error" and not data["loaded"]
    [problem] = data["problems"]
    assert problem["line"] == line and problem["claim"] == "hur-kursk" and problem["text"].startswith(f"line {line}: ")
    assert f"<strong>line {line}</strong>" in data["result_html"] and 'class="bad"' in data["result_html"]
    assert "/tmp" not in json.dumps(data)  # the temporary file's path is never shown
    broken = client.post("/api/check", json={"text": "numcheck: 1\nclaims:\n  - {id: a\n"}, headers=SAME).json()
    assert broken["problems"][0]["line"] == 4 and "malformed YAML" in broken["problems"][0]["text"]
    assert not broken["parsed"] and "<table" not in broken["claims_html"]  # nothing to show as a table


def test_nothing_in_a_file_is_evaluated(client: TestClient, tmp_path: Path) -> None:
    marker = tmp_path / "evaluated"
    for payload in (f"!!python/object/apply:os.system ['touch {marker}']",
                    f"!!python/object/apply:subprocess.call [['touch', '{marker}']]", "!!python/name:os.system"):
        text = f"numcheck: 1\nquantities:\n  q: {{unit: soldier}}\nclaims:\n  - id: a\n    quantity: q\n    value: {payload}\n"
        for url in ("/api/check", "/api/edit"):
            body: dict[str, Any] = {"text": text, "ops": [{"op": "add"}]}
            r = client.post(url, json=body, headers=SAME)
            assert r.status_code in (200, 422)
            assert r.json().get("verdict", "error") == "error"
    assert not marker.exists()


def test_includes_other_than_the_shipped_packs_are_refused(client: TestClient) -> None:
    for include in ("rules.yaml", "/etc/passwd", "../served/rules.yaml"):
        text = f"numcheck: 1\ninclude:\n  - {include}\nclaims: []\n"
        data = client.post("/api/check", json={"text": text}, headers=SAME).json()
        assert data["verdict"] == "error" and data["problems"][0]["line"] == 3
        assert "only the shipped rule packs" in data["problems"][0]["text"]
    text = "numcheck: 1\ninclude:\n  - numcheck:casualties\nclaims: []\n"
    assert client.post("/api/check", json={"text": text}, headers=SAME).json()["verdict"] == "consistent"


def test_saves_stay_inside_the_served_folder(client: TestClient, folder: Path, tmp_path: Path) -> None:
    (folder / "out").symlink_to(tmp_path, target_is_directory=True)
    (folder / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    for name in ("../escape.yaml", "/tmp/escape.yaml", "sub/../../escape.yaml", "out/escape.yaml", "link.yaml",
                 ".hidden.yaml", "notes.txt", "", "nofolder/x.yaml", "sub"):
        r = client.post("/api/save", json={"name": name, "text": "numcheck: 1\n", "overwrite": True}, headers=SAME)
        assert r.status_code == 403, name
    assert not list(tmp_path.glob("*.yaml")) and not (tmp_path / "escape.yaml").exists()
    r = client.post("/api/save", json={"name": "sub/new.yaml", "text": "numcheck: 1\n"}, headers=SAME)
    assert r.status_code == 200 and (folder / "sub" / "new.yaml").read_text() == "numcheck: 1\n"
    assert "sub/new.yaml" in r.json()["files"]


def test_saving_over_a_file_asks_first(client: TestClient, folder: Path) -> None:
    r = client.post("/api/save", json={"name": "sub/seed.yaml", "text": "numcheck: 1\n"}, headers=SAME)
    assert r.status_code == 409 and (folder / "sub" / "seed.yaml").read_bytes() == SEED.read_bytes()
    r = client.post("/api/save", json={"name": "sub/seed.yaml", "text": "numcheck: 1\n", "overwrite": True},
                    headers=SAME)
    assert r.status_code == 200 and (folder / "sub" / "seed.yaml").read_text() == "numcheck: 1\n"


def test_the_saved_draft_checks_with_the_cli_as_the_page_said(client: TestClient, folder: Path) -> None:
    import subprocess
    import sys

    data = draft(client)
    text = edit(client, data["text"], {"op": "add"},
                {"op": "set", "claim": "hur-6", "field": "value", "value": "more than 2 million"})["text"]
    client.post("/api/save", json={"name": "article-nk-troops.en.yaml", "text": text}, headers=SAME)
    run = subprocess.run([sys.executable, "-m", "numcheck", "check", str(folder / "article-nk-troops.en.yaml")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr


# ---- who may ask, and how much -----------------------------------------------------------------


def test_other_origins_are_refused(client: TestClient) -> None:
    text = SEED.read_text(encoding="utf-8")
    posts: dict[str, dict[str, Any]] = {"/api/article": {"data": {"text": ARTICLE}}, "/api/open": {"data": {"name": "sub/seed.yaml"}},
             "/api/edit": {"json": {"text": text, "ops": [{"op": "add"}]}}, "/api/check": {"json": {"text": text}},
             "/api/save": {"json": {"name": "x.yaml", "text": text}}}
    for url, body in posts.items():
        assert client.post(url, headers=EVIL, **body).status_code == 403, url
        assert client.post(url, headers={"Origin": "null"}, **body).status_code == 403, url
        assert client.post(url, headers={"Sec-Fetch-Site": "cross-site"}, **body).status_code == 403, url
        assert client.post(url, headers=SAME, **body).status_code == 200, url
    assert client.get("/api/files", headers=EVIL).status_code == 403
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 403  # DNS rebinding
    assert client.get("/", headers={"Host": "attacker.example", "Origin": "http://attacker.example"}).status_code == 403


def test_oversized_requests_get_413(client: TestClient) -> None:
    too_big = b"x" * (MAX_BODY + 1)
    r = client.post("/api/check", content=too_big, headers={**SAME, "Content-Type": "application/json"})
    assert r.status_code == 413

    def chunks() -> Any:
        for _ in range(MAX_BODY // 1_000_000 + 2):
            yield b"x" * 1_000_000

    r = client.post("/api/check", content=chunks(), headers={**SAME, "Content-Type": "application/json"})
    assert r.status_code == 413
    text = "numcheck: 1\n#" + "x" * MAX_CLAIMS_BYTES + "\n"
    assert client.post("/api/check", json={"text": text}, headers=SAME).status_code == 413
    r = client.post("/api/open", files={"file": ("big.yaml", text.encode(), "application/yaml")}, headers=SAME)
    assert r.status_code == 413


def test_the_hosts_a_loopback_server_answers_to() -> None:
    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"}
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert "192.168.1.4:80" in allowed_hosts("192.168.1.4", 80)


def test_serve_binds_to_loopback_and_warns_otherwise(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from numcheck.errors import UsageError
    from numcheck.web import serve

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        serve(folder, open_browser=False)
    assert calls[-1]["host"] == "127.0.0.1"
    with pytest.warns(UserWarning, match="other machines"):
        serve(folder, host="0.0.0.0", port=9999, open_browser=False)
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9999
    said: list[str] = []
    serve(folder, host="0.0.0.0", port=9998, open_browser=False, warn=said.append)
    assert len(said) == 1 and "other machines" in said[0]
    for bad in ({"folder": folder / "missing"}, {"port": 0}, {"port": 70000}, {"host": "no such host.invalid"}):
        with pytest.raises(UsageError):
            serve(**{"folder": folder, "open_browser": False, "warn": said.append, **bad})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(UsageError, match="cannot listen"):
            serve(folder, port=taken.getsockname()[1], open_browser=False)


def test_an_edit_of_a_few_hundred_claims_is_checked_within_a_second(client: TestClient) -> None:
    lines = ["numcheck: 1", "include:", "  - numcheck:casualties", "sources:"]
    lines += [f"  s{k}: {{name: Source {k}, date: 2024-10-{10 + k}}}" for k in range(10)]
    lines += ["quantities:", *(f"  q{k}: {{unit: soldier}}" for k in range(40)), "rules:"]
    lines += [f"  - q{k} <= q{k + 1}" for k in range(0, 38, 2)]
    lines.append("claims:")
    values = ("up to 12,000", "more than 5,000", "about 9,000", "between 8,000 and 11,000")
    lines += [f'  - {{id: c{k}, source: s{k % 10}, quantity: q{(k * 7) % 40}, value: "{values[k % 4]}"}}' for k in range(300)]
    text = "\n".join(lines) + "\n"
    edit(client, text, {"op": "set", "claim": "c1", "field": "value", "value": "up to 12,500"})  # warm up
    times = []
    for value in ("up to 13,000", "up to 2,000", "about 9,500"):
        started = time.perf_counter()
        data = edit(client, text, {"op": "set", "claim": "c1", "field": "value", "value": value})
        times.append(time.perf_counter() - started)
        assert data["loaded"]
    assert min(times) < 1.0, times


def test_write_inside_keeps_the_mode_of_a_file_it_replaces(folder: Path) -> None:
    from numcheck.web import write_inside

    target = folder / "mode.yaml"
    target.write_text("numcheck: 1\n")
    os.chmod(target, 0o640)
    write_inside(folder, "mode.yaml", b"numcheck: 1\n# again\n", overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o640 and not list(folder.glob(".numcheck-*"))


def test_the_charts_draw_each_claim_where_the_report_does() -> None:
    from numcheck.render import claim_interval as report_interval
    from numcheck.web import charts, claim_interval

    for path in [SEED, *sorted((ROOT / "examples").glob("*.yaml"))]:
        report = check_model(load(path))
        for claim in report.model.claims:
            assert claim_interval(claim, report.ranges) == report_interval(claim, report.ranges), (path.name, claim.id)
        drawn = charts(report)
        assert all(0 <= b.left <= b.right <= 100 for c in drawn for b in c.bars)
        in_conflict = {c for conflict in report.conflicts for c in conflict.claims}
        assert {b.claim for c in drawn for b in c.bars if b.status == "in-conflict"} <= in_conflict
