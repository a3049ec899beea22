"""The YAML reader (read/yamlnodes.py) against an independent reference: PyYAML's own composer.

numcheck builds its nodes straight from the parser's events, with lines and limits, in a loop
that handles scalars inline and skips tag resolution where it cannot matter (mapping keys, plain
text whose first character no resolver looks at). The law: for any document, every value, its
resolved tag, its style (plain or not) and its line, and every key and its line, are what
`yaml.compose` gives. Merge keys (`<<`) are checked against PyYAML's constructor instead, since
its composer leaves them as they are written.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.read import yamlnodes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def ours(text: str) -> Any:
    """Our nodes as plain data: scalars as (text, tag, line, plain), mappings with their keys' lines."""
    def walk(node: Any) -> Any:
        if isinstance(node, yamlnodes.YMap):
            return ("map", node.line, {k: (node.key_lines[k], walk(v)) for k, v in node.items()})
        if isinstance(node, yamlnodes.YList):
            return ("list", node.line, [walk(v) for v in node])
        return (node.raw, node.tag, node.line, node.plain)
    root = yamlnodes.compose(text, "t.yaml")
    return None if root is None else walk(root)


def reference(text: str) -> Any:
    """PyYAML's composer's nodes, as the same plain data (its lines count from 0)."""
    def walk(node: Any) -> Any:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return ("map", line, {k.value: (k.start_mark.line + 1, walk(v)) for k, v in node.value})
        if isinstance(node, yaml.SequenceNode):
            return ("list", line, [walk(v) for v in node.value])
        return (node.value, node.tag, line, node.style in (None, ""))
    root = yaml.compose(text, Loader=_Loader)
    return None if root is None else walk(root)


# text that makes YAML resolve differently: numbers, booleans, nulls, dates, floats, odd starts
_WORDS = st.sampled_from(["12", "1.3", "-5", "+7", ".5", "1e3", "0x1F", "0o17", "yes", "No", "on", "off", "true",
                          "null", "~", "", "2024-10-20", "12:30", "=", "<<x", ".inf", "-.nan", "p0_q1", "c12",
                          "between 1 and 2", "up to 12,000", "é", "Ωmega", "#", "a: b", "- x", "[1]", "'q'",
                          "\"d\"", "   padded  ", "line\nbreak", "tab\there"])
_TEXT = st.one_of(_WORDS, st.text(max_size=12))
_SCALARS = st.one_of(_TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                     st.floats(allow_nan=False, allow_infinity=False))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(_TEXT, inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(data=_DATA, flow=st.sampled_from([False, True, None]), style=st.sampled_from([None, '"', "'", "|", ">"]),
       width=st.sampled_from([20, 80]))
def test_every_node_is_what_pyyamls_composer_reads(data: Any, flow: bool | None, style: str | None,
                                                   width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, width=width, allow_unicode=True)
    assert ours(text) == reference(text)


@given(st.lists(st.sampled_from(["a: 1", "b: [x, 'y', 3]", "c: {d: null, e: yes}", "'<<': 5", "f: !!str 12",
                                 "g: &anchor {h: 1}", "i: *anchor", "j: |\n  one\n  two", "k: >\n  folded\n  text",
                                 "# comment", "l: 'it''s'", "? m\n: 7", "n: \"- x\"", "o: !!int '12'"]),
                min_size=1, max_size=8, unique_by=lambda line: line.split(":")[0]))
def test_hand_written_forms_read_as_pyyaml_reads_them(lines: list[str]) -> None:
    if "i: *anchor" in lines and "g: &anchor {h: 1}" not in lines[:lines.index("i: *anchor")]:
        lines.remove("i: *anchor")  # an alias needs its anchor first
    text = "\n".join(lines) + "\n"
    assert ours(text) == reference(text)


def test_merge_keys_give_what_pyyamls_constructor_gives() -> None:
    text = "base: &b {unit: soldier, about: x}\nq:\n  <<: *b\n  about: y\nr:\n  <<: [*b, {signed: true}]\n"
    built = yamlnodes.compose(text, "t.yaml")
    assert isinstance(built, yamlnodes.YMap)
    expected = yaml.load(text, Loader=_Loader)
    for name in ("q", "r"):
        node = built[name]
        assert isinstance(node, yamlnodes.YMap)
        assert {k: v.raw for k, v in node.items()} == {k: str(v).lower() if isinstance(v, bool) else v
                                                       for k, v in expected[name].items()}
