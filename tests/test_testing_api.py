"""The README's example of property-testing your own rule pack, kept true by running it."""

from __future__ import annotations

import os

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from numcheck.testing import check_document, claims_document, rules_hold, true_claims, worlds

from .conftest import ROOT

NAMES = ["ru_killed", "ru_wounded", "ru_casualties"]
PACK = "numcheck:casualties"


@settings(max_examples=25)
@given(st.data())
def test_readme_example_my_pack_never_flags_the_truth(data: st.DataObject) -> None:
    before = set(os.listdir(ROOT))
    world = data.draw(worlds(NAMES))
    assume(rules_hold(PACK, world, units=dict.fromkeys(NAMES, "soldier")))
    claims = data.draw(true_claims(world))
    doc = claims_document(world, claims, include=[PACK], unit="soldier")
    assert check_document(doc, folder=ROOT).verdict == "consistent"
    assert set(os.listdir(ROOT)) == before  # the temporary file is gone
