"""Extraction on hostile input: bounded work and output, and drafts that load whatever the text holds.

Sizes are asserted, not speeds, except for one generous time bound per case: the machine that
runs the tests may be busy, but a step that re-reads the sentence per figure would take minutes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numcheck
from numcheck.extract import draft_claims, extract_mentions

TIME_BOUND = 20.0  # seconds; a 200,000-character sentence takes a few on a quiet machine

# one sentence, no full stop: figures of every kind, a relative phrase, words and digits
CLAUSE = ("up to 12,000 North Korean soldiers and about 3 000 civilians, more than twenty-two tanks, "
          "the aircraft 40 drones, between 10 and 12 million rounds and a loss that represents half of "
          "the Russian losses, ")


def _json(text: str, lang: str = "en") -> tuple[int, str]:
    """The number of mentions and the JSON `numcheck extract --format json` prints for them."""
    mentions = extract_mentions(text, lang)  # type: ignore[arg-type]
    return len(mentions), json.dumps([m.to_dict() for m in mentions], indent=2, ensure_ascii=False)


def _one_sentence(length: int, clause: str = CLAUSE) -> str:
    return (clause * (length // len(clause) + 1))[:length]


def test_a_200000_character_sentence_takes_bounded_time_and_gives_small_output() -> None:
    text = _one_sentence(200_000)
    started = time.perf_counter()
    count, out = _json(text)
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_BOUND
    per_clause = len(extract_mentions(CLAUSE * 3, "en")) // 3
    assert count >= (len(text) // len(CLAUSE)) * per_clause  # all are found, not just the first ones
    # each record is its fixed keys plus a bounded context: about 450 bytes as printed, whatever
    # the sentence's length (it was the whole sentence, 200 KB, per mention)
    assert len(out) < 580 * count
    for record in json.loads(out):
        assert len(record["sentence"]) <= 200
        assert record["text"] in record["sentence"]


def test_output_grows_with_the_text_not_faster() -> None:
    small_count, small = _json(_one_sentence(20_000))
    large_count, large = _json(_one_sentence(200_000))
    assert 9 <= large_count / small_count <= 11
    assert len(large) / len(small) <= 11


def test_the_context_is_a_window_of_words_cut_at_a_word() -> None:
    words = " ".join(f"word{i}" for i in range(100))
    text = f"{words} up to 12,000 North Korean soldiers {words}"
    [m] = extract_mentions(text, "en")
    assert m.sentence.startswith("… ") and m.sentence.endswith(" …")
    inner = m.sentence[2:-2].split()
    assert all(w in text.split() for w in inner)  # whole words only
    assert inner[:7] == [f"word{i}" for i in range(93, 100)]
    assert "up to 12,000 North Korean" in m.sentence and len(inner) <= 7 + 3 + 7


@pytest.mark.parametrize(("clause", "lang"), [
    ("one ", "en"),          # a run of number words: the read stage tries each run it meets
    ("a ", "en"),
    ("un deux trois ", "fr"),
    ("12 ", "en"),           # a figure every three characters
    ("1 000 ", "fr"),        # one grouped number as long as the text
    ("1,000,", "en"),
    ("9", "en"),             # a run of digits longer than Python reads into an int
    ("x" * 5000 + " ", "en"),  # words longer than any noun
    ("\n12", "en"),
    ("~", "en"),
])
def test_pathological_sentences_take_bounded_work(clause: str, lang: str) -> None:
    text = _one_sentence(30_000, clause)
    started = time.perf_counter()
    count, out = _json(text, lang)
    assert time.perf_counter() - started < TIME_BOUND
    assert len(out) < 600 * max(count, 1)
    for record in json.loads(out):
        assert len(record["text"]) <= 200 and len(record["sentence"]) <= 400


def test_a_number_longer_than_any_figure_is_left_out() -> None:
    digits = "1 000" + " 000" * 20_000
    assert extract_mentions(f"Officials counted {digits} soldiers.", "fr") == []
    assert extract_mentions(f"Officials counted {'9' * 10_000} soldiers.", "en") == []
    [m] = extract_mentions("Officials counted 12 000 soldiers.", "fr")
    assert m.text == "12 000"


def test_many_bare_nouns_get_distinct_names_in_linear_time() -> None:
    text = "In one place 12 soldiers. " * 5_000
    started = time.perf_counter()
    mentions = extract_mentions(text, "en")
    assert time.perf_counter() - started < TIME_BOUND
    names = [m.quantity for m in mentions]
    assert len(set(names)) == len(names) == 5_000
    assert names[:3] == ["soldiers", "soldiers_2", "soldiers_3"]
    draft = draft_claims(text, mentions, lang="en")
    assert draft.count("\n  - id: ") == 5_000


CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x80\x85\x9f\u2028\u2029\ufffe\uffff\ud800"


def test_a_draft_of_a_text_with_control_characters_loads(tmp_path: Path) -> None:
    text = ("Up to 12,000\x7f North Korean soldiers\x00 were seen;\x1b[31m more than 3 000 \x85civilians\u2028fled "
            "\ud800and nearly 40\x08 drones\x7f. Selon\x0c le ministère, 1,3 million de\x7f soldats.")
    mentions = extract_mentions(text, "auto")
    assert len(mentions) >= 3
    draft = draft_claims(text, mentions, lang="en", source="src", title="Draft\x7f from\x00 a paste")
    assert not any(c in draft for c in CONTROLS)
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    model = numcheck.load(path)
    assert len(model.claims) == len(mentions)
    assert model.claims[0].value == "Up to 12,000"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Up to 12,000 soldiers", " more than 3 000 civilians", " 40 drones", ". ",
                                 " half of the Russian losses", "\n", " les soldats"])
                | st.text(alphabet=st.sampled_from(list(CONTROLS) + [" ", "x", "é"]), max_size=3),
                min_size=1, max_size=12))
def test_drafts_of_texts_with_any_control_characters_load(tmp_path_factory: pytest.TempPathFactory,
                                                          parts: list[str]) -> None:
    text = "".join(parts)
    mentions = extract_mentions(text, "en")
    draft = draft_claims(text, mentions, lang="en")
    path = tmp_path_factory.mktemp("draft") / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    assert len(numcheck.load(path).claims) == len(mentions)
