"""Drafting: a format-1 claims file from the mentions of an article.

The draft loads and checks as it stands, so that a fact-checker starts from a file that runs
and edits it (names, duplicates, rules) rather than from a list of figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import TYPE_CHECKING

from numcheck.extract.dating import ClaimTime, OverTime, draft_times
from numcheck.extract.sentences import LineCounter
from numcheck.extract.vocabulary import Lang

if TYPE_CHECKING:
    from numcheck.extract.mentions import Mention

__all__ = ["clean", "cut_at_word", "draft_claims", "speaker_sources"]

_COMMENT_CHARS = 200
_REVIEW_NOTE = "relation drafted from a relative phrase: check what it relates"
# What YAML may not hold (control characters, DEL, C1 controls, lone surrogates, U+FFFE/FFFF),
# and the line breaks YAML knows beyond \n (NEL, U+2028, U+2029), which would end a comment.
_NOT_YAML = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]+")


def clean(text: str) -> str:
    """Text as a draft may write it: on one line, with each run of spaces and of characters that
    YAML refuses made one space. An article pasted from a PDF or a terminal holds DEL and other
    controls; written as they are, they would make the draft a file that does not load."""
    return re.sub(r"\s+", " ", _NOT_YAML.sub(" ", text)).strip()


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML) of the cleaned text."""
    return json.dumps(clean(text), ensure_ascii=False)


def _units(mentions: list[Mention]) -> dict[str, str]:
    """Each quantity's unit ('' for a pure number), in order of first mention; the two sides of
    a relation share one, since a relation needs both sides in one dimension."""
    units: dict[str, str] = {}
    for m in mentions:
        unit = m.unit or ""
        if m.quantity not in units or (not units[m.quantity] and unit):
            units[m.quantity] = unit
        if m.relative_to:
            units.setdefault(m.relative_to, unit)
    for m in mentions:
        if m.relative_to:
            shared = units[m.quantity] or units[m.relative_to]
            units[m.quantity] = units[m.relative_to] = shared
    return units


def _quantity_lines(mentions: list[Mention], units: dict[str, str], over_time: dict[str, OverTime]) -> list[str]:
    """The `quantities:` section; `about:` says what the quantity counts, as the article says it
    (the phrase its name was made from); a quantity a figure puts below zero is `signed`; a
    quantity a rate is drafted on has `over_time`, with a comment saying it was guessed."""
    about: dict[str, str] = {}
    signed: set[str] = set()
    for m in mentions:
        if m.about and m.quantity not in about:
            about[m.quantity] = m.about
        if any(x is not None and x < 0 for x in (m.min, m.max)):
            signed.add(m.quantity)
    if not units:
        return ["quantities: {}"]
    out = ["quantities:"]
    for name, unit in units.items():
        extra = f", about: {_q(about[name])}" if name in about else ""
        extra += ", signed: true" if name in signed else ""
        timed = over_time.get(name)
        extra += f", over_time: {timed.kind}}}  # over_time {timed.why}" if timed else "}"
        out.append(f"  {name}: {{unit: {_q(unit)}{extra}")
    return out


def _slug(name: str) -> str:
    """A source id from a speaker's name: 'US officials' → us-officials (ASCII, at most 40 characters)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40].rstrip("-")
    return slug or "speaker"


def _key(name: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^a-z0-9 ]", "", unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
                        .decode().lower()).split())


def speaker_sources(mentions: list[Mention], default: str) -> dict[str, tuple[str, str]]:
    """Each speaker's source id and name, one per speaker: the same name written again, or its
    last words alone ('Frolova' after 'Alina Frolova'), is the same source."""
    out: dict[str, tuple[str, str]] = {}
    by_key: dict[tuple[str, ...], tuple[str, str]] = {}
    taken = {default}
    for m in mentions:
        if m.speaker is None or m.speaker in out:
            continue
        key = _key(m.speaker)
        same = by_key.get(key) or next((src for k, src in by_key.items() if key and k[-len(key):] == key), None)
        if same is None:
            sid, k = _slug(m.speaker), 2
            while sid in taken:
                sid, k = f"{_slug(m.speaker)}-{k}", k + 1
            taken.add(sid)
            same = (sid, clean(m.speaker))
            by_key[key] = same
        out[m.speaker] = same
    return out


def _comment(m: Mention, figure_line: int) -> str:
    """Where a claim was found, for the human who edits the draft: the line of the article its
    sentence starts on (and the figure's, when the sentence runs over lines), then the words
    around the figure, cut at a word."""
    where = f"line {m.line}" if figure_line == m.line else f"line {m.line} (the figure on line {figure_line})"
    return f"  # {where}: {cut_at_word(clean(m.sentence), _COMMENT_CHARS)}"


def cut_at_word(text: str, limit: int) -> str:
    """text if it has at most `limit` characters, else its longest run of whole words that fits,
    with '…' after (a single word longer than the limit is cut inside, since nothing else fits)."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    if not text[limit - 1].isspace() and " " in head:
        head = head[:head.rindex(" ")]
    return head.rstrip() + "…"


def _claim_lines(text: str, m: Mention, figure_line: int, claim_id: str, source: str, time: ClaimTime) -> list[str]:
    """One claim, after a comment that shows where it was found (and a warning when a word next
    to the figure was not read, and what was guessed of its date)."""
    out = [_comment(m, figure_line)]
    if m.review and m.note and not m.relative_to:
        out.append(f"  # warning: {cut_at_word(clean(m.note), _COMMENT_CHARS)}")
    if time.note:
        out.append(f"  # time: {cut_at_word(clean(time.note), _COMMENT_CHARS)}")
    out += [f"  - id: {claim_id}", f"    source: {source}", f"    quantity: {m.quantity}",
            f"    value: {_q(time.value)}", f"    quote: {_q(_quote(text, m))}"]
    out += [f"    {field}" for field in time.fields]
    notes = [n for n in ((m.note or _REVIEW_NOTE) if m.review else None, time.note) if n]
    if notes:
        out += ["    review: true", f"    note: {_q('; '.join(notes))}"]
    return out


def _article_date(date: str | None) -> dt.date | None:
    """The article's date, which dates its figures; None when it is not given (or not a date)."""
    try:
        return dt.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def draft_claims(text: str, mentions: list[Mention], *, lang: Lang, source: str = "article",
                 date: str | None = None, title: str | None = None) -> str:
    """A format-1 claims file that loads and checks as it stands; relations and figures next to
    a word that was not read are marked for review. Each speaker the article names is a source
    of its own; a figure nobody is said to give is the article's (`source`)."""
    speakers = speaker_sources(mentions, source)
    when = f", date: {date}" if date else ""
    out = ["numcheck: 1", f"title: {_q(title or 'Draft from an article')}",
           "# Drafted by numcheck extract: name the quantities, join duplicates, add rules, check the relations.",
           "defaults:", f"  lang: {lang}",
           "sources:", f"  {source}: {{name: {_q(source)}{when}}}"]
    out += [f"  {sid}: {{name: {_q(name)}{when}}}" for sid, name in dict(speakers.values()).items()]
    times = draft_times(mentions, _article_date(date), lang)
    out += _quantity_lines(mentions, _units(mentions), times.over_time)
    out.append("claims:" if mentions else "claims: []")
    lines = LineCounter(text)
    for i, (m, time) in enumerate(zip(mentions, times.claims), start=1):
        sid = speakers[m.speaker][0] if m.speaker is not None else source
        out += _claim_lines(text, m, lines.line_at(m.start), f"{source}-{i}", sid, time)
    return "\n".join(out) + "\n"


def _quote(text: str, m: Mention) -> str:
    """The fragment that carries the figure: the mention and the counted noun after it."""
    end = m.end
    if m.noun and not m.relative_to:
        idx = text.find(m.noun, m.end, m.end + 40)
        if idx >= 0:
            end = idx + len(m.noun)
    return text[m.start:end]
