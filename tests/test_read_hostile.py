"""Hostile input: every file below is refused with a clear InputError (`file:line: message`,
exit 2 at the command line), never a traceback, and quickly. The time bounds are loose on
purpose: they catch runaway work (minutes, or a hang), not a few slow milliseconds."""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import numcheck
from numcheck import ExpressionError, FormatError, IncludeError, InputError, PhraseError
from numcheck.cli import app
from numcheck.read import PhraseSyntaxError, bindings, parse_value, scan_number

HEAD = "numcheck: 1\nquantities:\n  a: {unit: soldier}\n  b: {unit: soldier}\n"
QUICK = 5.0  # seconds; each of these takes milliseconds
SECRET = "root:$6$hunter2:19000:0:99999:7:::"


def refused(path: Path | str, kind: type[InputError] = InputError, **options: object) -> InputError:
    """Load `path`, expecting `kind`; the error, which must have come quickly."""
    started = time.perf_counter()
    with pytest.raises(kind) as info:
        numcheck.load(path, **options)  # type: ignore[arg-type]
    assert time.perf_counter() - started < QUICK
    err = info.value
    assert err.path is not None and str(err).startswith(err.where + ": ")
    return err


# ---------------------------------------------------------------------------------- nesting


def test_a_rule_nested_thousands_of_parentheses_deep_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("deep.yaml", HEAD + "rules:\n  - '" + "(" * 3000 + "a" + ")" * 3000 + " <= b'\n")
    err = refused(path, ExpressionError)
    assert "parentheses nest deeper than" in str(err) and err.line == 6


def test_a_relation_nested_thousands_of_parentheses_deep_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("deep.yaml", HEAD + "claims:\n  - {id: c, relation: '" + "(" * 3000 + "a" + ")" * 3000 + " <= b'}\n")
    err = refused(path, ExpressionError)
    assert "claim 'c'" in str(err) and "parentheses nest deeper than" in str(err)


@pytest.mark.parametrize("prefix", ["- ", "5% of "])
def test_operators_nested_hundreds_deep_are_refused(write, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """No parentheses, yet a deep tree ('- - - … a'): the compiler used to recurse into a
    RecursionError."""
    path = write("deep.yaml", HEAD + "rules:\n  - '" + prefix * 300 + "a <= b'\n")
    assert "nests more than 200 operators deep" in str(refused(path, ExpressionError))


def test_a_long_flat_sum_is_not_nesting(write) -> None:  # type: ignore[no-untyped-def]
    path = write("sum.yaml", HEAD + "rules:\n  - '" + "a + " * 450 + "a <= b'\n")
    (rule,) = numcheck.load(path).rules
    assert dict(rule.atoms[0].expr.terms) == {"a": 451, "b": -1}


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_yaml_nested_thousands_deep_is_refused(write, opening: str, closing: str) -> None:  # type: ignore[no-untyped-def]
    """PyYAML's own composer crashed (RecursionError, or a segmentation fault at 100,000), and its
    parser takes time in the square of the depth: the cap applies while the events arrive."""
    path = write("deep.yaml", "numcheck: 1\nrules: " + opening * 100_000 + "1" + closing * 100_000 + "\n")
    err = refused(path, FormatError)
    assert "nests more than" in str(err) and err.line == 2


# ---------------------------------------------------------------------------------- long numbers


def test_a_defaults_about_of_5000_digits_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("about.yaml", "numcheck: 1\ndefaults: {about: '0." + "1" * 5000 + "'}\n")
    err = refused(path, FormatError)
    assert err.line == 2 and "1" * 100 not in str(err)  # the value is not echoed whole


def test_a_number_of_5000_digits_in_a_rule_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("rule.yaml", HEAD + "rules:\n  - a <= " + "9" * 1500 + "\n")
    assert "at most 1,000 digits" in str(refused(path, ExpressionError))


def test_a_value_of_5000_digits_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("value.yaml", HEAD + "claims:\n  - {id: c, quantity: a, value: '" + "9" * 5000 + "'}\n")
    assert "claim 'c'" in str(refused(path, PhraseError))


def test_number_readers_refuse_more_than_1000_digits() -> None:
    with pytest.raises(PhraseSyntaxError, match="at most 1,000 digits"):
        scan_number("7" * 5000, 0, "en")
    with pytest.raises(PhraseSyntaxError):
        parse_value("up to " + "7" * 1001)
    assert scan_number("7" * 1000, 0, "en") is not None


# ---------------------------------------------------------------------------------- includes


def test_an_include_name_too_long_for_the_file_system_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.yaml", "numcheck: 1\ninclude: [" + "x" * 5000 + ".yaml]\n")
    err = refused(path, IncludeError)
    assert err.line == 2 and "too long" in str(err)


@pytest.mark.parametrize("target", ["/etc/shadow", "/etc/passwd", "../outside/pack.yaml"])
def test_an_include_outside_the_including_files_folder_is_refused(write, target: str) -> None:  # type: ignore[no-untyped-def]
    write("outside/pack.yaml", "numcheck: 1\nrules: []\n")
    path = write("inside/a.yaml", f"numcheck: 1\ninclude: [{target}]\n")
    err = refused(path, IncludeError)
    assert err.line == 2 and "outside the folder" in str(err) and "allow_includes_outside" in str(err)


def test_a_link_inside_the_folder_that_leads_outside_is_refused(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("outside/pack.yaml", "numcheck: 1\nrules: []\n")
    path = write("inside/a.yaml", "numcheck: 1\ninclude: [pack.yaml]\n")
    os.symlink(tmp_path / "outside" / "pack.yaml", tmp_path / "inside" / "pack.yaml")
    assert "outside the folder" in str(refused(path, IncludeError))


def test_includes_outside_load_when_allowed(write) -> None:  # type: ignore[no-untyped-def]
    write("packs/pack.yaml", "numcheck: 1\nrules:\n  - a <= b\n")
    path = write("claims/a.yaml", HEAD + "include: [../packs/pack.yaml]\n")
    assert [r.id for r in numcheck.load(path, allow_includes_outside=True).rules] == ["pack#1"]


def test_no_message_quotes_a_file_that_is_not_a_claims_file(write) -> None:  # type: ignore[no-untyped-def]
    """Neither a key, a value nor the YAML parser's excerpt of a file without `numcheck:`."""
    secrets = {
        "mapping.yaml": f"{SECRET}\nother: 1\n",
        "scalar.yaml": f"{SECRET}\n",
        "broken.yaml": f"password: {SECRET}\n  bad: [\n",
        "twice.yaml": f"{SECRET}: 1\n{SECRET}: 2\n",
        "alias.yaml": f"a: *{SECRET[:4]}\n",
    }
    for name, text in secrets.items():
        write(f"private/{name}", text)
        main = write(f"main-{name}", f"numcheck: 1\ninclude: [private/{name}]\n")
        for path in (main, main.parent / "private" / name):
            err = refused(path)
            assert "hunter2" not in str(err) and SECRET[:4] not in err.message, (name, str(err))
            assert err.line is not None or err.path.endswith(name)


def test_a_claims_files_own_errors_still_quote_it(write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.yaml", "numcheck: 1\ntitel: x\n")
    assert "unknown key 'titel'" in str(refused(path, FormatError))
    path = write("b.yaml", "numcheck: 1\nrules: [\n  - oops: : :\n")
    assert "malformed YAML: " in str(refused(path, FormatError))


# ---------------------------------------------------------------------------------- special files


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _loop(tmp_path: Path) -> Path:
    os.symlink(tmp_path / "loop-b.yaml", tmp_path / "loop-a.yaml")
    os.symlink(tmp_path / "loop-a.yaml", tmp_path / "loop-b.yaml")
    return tmp_path / "loop-a.yaml"


def _zero(tmp_path: Path) -> Path:
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    return tmp_path / "zero.yaml"


SPECIAL: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "FIFO"), "link loop": (_loop, "loop of symbolic links"), "/dev/zero": (_zero, "device"),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_a_special_file_as_the_main_file_fails_fast(tmp_path: Path, kind: str) -> None:
    make, said = SPECIAL[kind]
    assert said in str(refused(make(tmp_path), FormatError))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_a_special_file_as_an_include_fails_fast(write, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    make, said = SPECIAL[kind]
    target = make(tmp_path)
    path = write("a.yaml", f"numcheck: 1\ninclude: [{target.name}]\n")
    err = refused(path, IncludeError, allow_includes_outside=True)
    assert said in str(err) and err.line == 2


def test_a_folder_is_not_a_claims_file(tmp_path: Path) -> None:
    assert "folder" in str(refused(tmp_path, FormatError))


# ---------------------------------------------------------------------------------- size


def test_a_20_mb_file_without_aliases_is_refused_while_it_is_read(tmp_path: Path) -> None:
    """About 5 million tiny scalars: the node cap stops composition at MAX_NODES, so neither
    the whole file's nodes nor gigabytes are ever built."""
    path = tmp_path / "huge.yaml"
    path.write_text("numcheck: 1\nclaims:\n" + "- 1\n" * (5 * 1024 * 1024 - 10))
    started = time.perf_counter()
    with pytest.raises(FormatError, match="YAML nodes") as info:
        numcheck.load(path)
    assert time.perf_counter() - started < 30  # bounded work, not a timing target
    assert info.value.line is not None and info.value.line < 600_000  # stopped early, at the cap (500,000 nodes)
    assert "alias bomb" not in str(info.value)


# ---------------------------------------------------------------------------------- units, text


@pytest.mark.parametrize("text", [
    "numcheck: 1\nquantities:\n  a: {unit: 'km**99999999'}\n",
    "numcheck: 1\nquantities:\n  a: {unit: km}\nclaims:\n  - {id: c, quantity: a, value: '5 m**99999999'}\n",
    "numcheck: 1\nquantities:\n  a: {unit: km}\nrules:\n  - a >= 5 [m**99999999]\n",
    "numcheck: 1\nquantities:\n  a: {unit: " + "*".join(["km"] * 13) + "}\n",
])
def test_huge_unit_exponents_are_refused(write, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "power" in str(refused(write("u.yaml", text)))


def test_an_ordinary_power_still_reads(write) -> None:  # type: ignore[no-untyped-def]
    path = write("u.yaml", "numcheck: 1\nquantities:\n  area: {unit: km**2}\nclaims:\n"
                           "  - {id: c, quantity: area, value: 'about 5 km²'}\n")
    assert numcheck.load(path).claim("c").interval is not None


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x7f", "\x9b"])
def test_a_control_character_is_refused_at_its_line(write, char: str) -> None:  # type: ignore[no-untyped-def]
    path = write("c.yaml", HEAD + f"claims:\n  - {{id: c, quantity: a, value: '12{char}'}}\n")
    err = refused(path, FormatError)
    assert err.line == 6 and err.column == 36 and f"U+{ord(char):04X}" in str(err)
    assert "\n" not in str(err)


# ---------------------------------------------------------------------------------- generic rules


def _prefixes(n: int) -> str:
    lines = [f"  x{i}_{s}: {{unit: soldier}}\n" for i in range(n) for s in "pqsr"]
    lines += [f"  x{i}x{i}x{i}_r: {{unit: soldier}}\n" for i in range(3)]
    return "numcheck: 1\nquantities:\n" + "".join(lines)


def test_a_generic_rule_with_three_placeholders_over_300_prefixes_loads_quickly(write) -> None:  # type: ignore[no-untyped-def]
    path = write("g.yaml", _prefixes(300) + "rules:\n  - {id: g, rule: '{a}_p + {b}_q + {c}_s <= {a}{b}{c}_r'}\n")
    started = time.perf_counter()
    model = numcheck.load(path)
    assert time.perf_counter() - started < QUICK
    assert [r.id for r in model.rules] == [f"g[a=x{i},b=x{i},c=x{i}]" for i in range(3)]


def test_a_generic_rule_binding_too_many_ways_is_refused_quickly(write) -> None:  # type: ignore[no-untyped-def]
    path = write("g.yaml", _prefixes(300) + "rules:\n  - {id: g, rule: '{a}_p + {b}_q <= {a}_r + {b}_s'}\n")
    err = refused(path, FormatError)
    assert "binds more than 10,000 ways" in str(err) and err.line == _prefixes(300).count("\n") + 2


def test_a_generic_rule_needing_too_much_work_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    names = "".join(f"  {'q' * 40}{i}: {{}}\n" for i in range(400))
    path = write("g.yaml", "numcheck: 1\nquantities:\n" + names + "rules:\n  - '{a}{b}{c}{d}{e} >= 0'\n")
    assert "steps" in str(refused(path, FormatError))


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME_WITH_PLACEHOLDER = re.compile(r"[A-Za-z0-9_]*(?:\{[A-Za-z_][A-Za-z0-9_]*\}[A-Za-z0-9_]*)+")


def _fill(template: str, binding: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: binding[m.group(1)], template)


def _brute_force(text: str, declared: set[str]) -> list[dict[str, str]]:
    """The definition (claims-format.md, generic rules): every combination of candidate values
    for the placeholders, in order of first appearance, kept if all the names it makes exist."""
    holes = list(dict.fromkeys(_PLACEHOLDER.findall(text)))
    values = sorted({name[i:j] for name in declared for i in range(len(name)) for j in range(i + 1, len(name) + 1)})
    names = _NAME_WITH_PLACEHOLDER.findall(text)
    found = []
    for combo in itertools.product(values, repeat=len(holes)):
        binding = dict(zip(holes, combo))
        if all(_fill(t, binding) in declared for t in names):
            found.append(binding)
    return found


@given(st.sets(st.from_regex(r"[ab_]{1,5}", fullmatch=True), max_size=8),
       st.sampled_from(["{x}_a <= {x}b", "{x}{y} <= {y}_{x}", "{x}a + {y} <= {x}{y}", "{x}{x} <= b{x}"]))
def test_generic_bindings_are_exactly_the_combinations_that_exist(declared: set[str], text: str) -> None:
    assert bindings(text, declared, 10_000) == _brute_force(text, declared)


# ---------------------------------------------------------------------------------- the command line


CLI_CASES = {
    "deep rule": HEAD + "rules:\n  - '" + "(" * 3000 + "a" + ")" * 3000 + " <= b'\n",
    "deep yaml": "numcheck: 1\nrules: " + "[" * 5000 + "]" * 5000 + "\n",
    "long number": "numcheck: 1\ndefaults: {about: '" + "1" * 5000 + "%'}\n",
    "long include": "numcheck: 1\ninclude: [" + "x" * 5000 + "]\n",
    "outside include": "numcheck: 1\ninclude: [/etc/shadow]\n",
    "unit power": "numcheck: 1\nquantities:\n  a: {unit: 'km**99999999'}\n",
    "control character": "numcheck: 1\ntitle: a\x01b\n",
}


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_the_cli_exits_2_with_one_line_and_no_traceback(write, case: str) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", CLI_CASES[case])
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.strip().startswith(f"error: {path}") and len(result.stderr.strip().splitlines()) == 1
