"""Reports stay safe whatever a claims file says: no markup, escape sequence or formula gets through,
outputs never follow a planted link, and drawing a page leaves the caller's matplotlib alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import numcheck

from .conftest import ROOT

SEED = ROOT / "claims" / "nk-troops-russia-2024-10.yaml"


def _huge_file(write) -> Path:  # type: ignore[no-untyped-def]
    big = "1" + "0" * 307  # 1.7 times this is close to the largest float
    return write("huge.yaml", f"""
        numcheck: 1
        quantities:
          x: {{unit: km}}
          y: {{unit: km}}
        claims:
          - {{id: a, relation: "x <= 1.7 * y"}}
          - {{id: b, relation: "y <= {big}"}}
          - {{id: c, quantity: x, value: "at least 5"}}
          - {{id: d, quantity: y, value: "at least 5"}}
    """)


# ------------------------------------------------------------------------------- matplotlib


def test_html_leaves_the_callers_backend_and_pyplot_alone() -> None:
    """A notebook's backend must not be switched, nor pyplot imported, by rendering a page."""
    code = ("import sys, matplotlib; matplotlib.use('pdf'); import numcheck; "
            f"numcheck.render(numcheck.check({str(SEED)!r}), 'html'); "
            "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["pdf", "False"]


def test_a_dollar_sign_in_a_source_name_is_text_not_mathtext(write) -> None:  # type: ignore[no-untyped-def]
    path = write("dollar.yaml", r"""
        numcheck: 1
        sources:
          s: {name: "$\\x$ agency"}
        quantities:
          x: {unit: km}
        claims:
          - {id: a, source: s, quantity: x, value: "5"}
    """)
    page = numcheck.render(numcheck.check(path), "html")
    assert page.count("<svg") == 1


def test_html_ignores_the_callers_usetex_and_style(write) -> None:  # type: ignore[no-untyped-def]
    import matplotlib

    path = write("plain.yaml", """
        numcheck: 1
        quantities:
          x: {unit: km}
        claims:
          - {id: a, quantity: x, value: "5"}
    """)
    with matplotlib.rc_context({"text.usetex": True, "axes.facecolor": "black"}):
        page = numcheck.render(numcheck.check(path), "html")
        assert matplotlib.rcParams["text.usetex"] is True  # and the caller's settings are back
    assert page.count("<svg") == 1


def test_bounds_near_the_largest_float_do_not_break_the_page(write) -> None:  # type: ignore[no-untyped-def]
    report = numcheck.check(_huge_file(write))
    page = numcheck.render(report, "html")
    assert page.count("<svg") == 2  # the claims that fit are drawn
    assert "too large or too small for a chart" in page and "implied range" in page
