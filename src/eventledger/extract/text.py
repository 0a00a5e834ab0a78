"""Cheap text helpers before parsing: sentence spans and capitalisation restored for all-lowercase text."""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

# abbreviations whose full stop does not end a sentence
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "st",
    "sen",
    "rep",
    "gov",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "u.s",
    "u.n",
    "inc",
    "corp",
    "co",
    "jan",
    "feb",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "msgr",
    "fr",
    "prof",
    "e.g",
    "i.e",
    "cmdr",
    "adm",
    "brig",
    "u.k",
    "e",
    "a",
    "p.m",
    "a.m",
}
# a stop before a space ends a sentence; so does one glued to the next sentence's capital where a scrape joined two
# paragraphs ("ran away.Rivas's mother"), after a lowercase word, not in "U.S.Army" nor "St.Louis"
_END_RX = re.compile(r"[.!?]+[\"'”’»)]*(?=\s)|(?<=[a-z]{2})[.!?][\"”’]?(?=[A-Z][a-z])|\n\s*\n|\n(?=\S)")
_WORD_RX = re.compile(r"[A-Za-z][A-Za-z'-]*")
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")  # the next word, on the same line, in lowercase


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; ends at . ! ? before a space or a glued capital, or at a line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    cased = not is_lowercase_text(text)
    for m in _END_RX.finditer(text):
        if m.group()[0] == "." and cased and _LOWER_NEXT.match(text, m.end()):
            continue  # an abbreviation's dot: no sentence opens in lowercase ("a Marietta, Ga. teen")
        if m.group()[0] == ".":
            w = re.search(r"([\w.]+)$", text[start : m.start()])
            if w and (w.group(1).lower() in _ABBREV or re.fullmatch(r"[a-z]|(?:[A-Z]\.)+[A-Z]", w.group(1), re.I)):
                continue
        end = m.end() if m.group()[0] in ".!?" else m.start()
        _add(text, spans, start, end)
        start = m.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def is_lowercase_text(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    upper = sum(ch.isupper() for ch in text)
    return letters > 20 and upper < letters * 0.01


def title_case_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences written in headline Title Case ("Teen Shot To Death In Pacoima"): the tagger reads every
    capitalised word as a name there, so no verb is found. Title Case: at least three words of four letters or
    more after the first, nearly all capitalised (all-capitals words do not count: MUC-4 style text)."""
    out = []
    for s, e in spans:
        long = [m.group() for m in _WORD_RX.finditer(text, s, e)][1:]
        long = [w for w in long if len(w) >= 4 and not w.isupper()]
        if len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.85 * len(long):
            out.append((s, e))
    return out


def restore_case(
    text: str,
    *,
    common: Container[str],
    spans: list[tuple[int, int]],
    names: list[tuple[int, int, str | None]],
    first_names: frozenset[str] = frozenset(),
) -> str:
    """Same-length copy of all-lowercase text with sentence starts, names and unknown words capitalised.

    `names` are (start, end, preferred casing or None) spans from the actor registry and the gazetteer;
    a word that is not common English vocabulary is taken to be a name (MUC-4 style newswire). A first
    name that is also a word ("oscar", "victor", "rosa") is capitalised when a name follows it, so the
    tagger sees "Oscar Arnulfo Romero" whole (right to left, so "jorge adolfo" chains), and so is a word
    between a first name and a name ("luis carlos galan sarmiento").
    """
    chars = list(text)
    words = list(_WORD_RX.finditer(text))
    for m in words:
        w = m.group().lower()
        if len(w) >= 3 and w not in common and w.strip("'-") not in common:
            chars[m.start()] = chars[m.start()].upper()
    for s, _ in spans:
        chars[s] = chars[s].upper()
    for s, e, cased in names:
        if cased and len(cased) == e - s:
            chars[s:e] = list(cased)
        else:
            for m in _WORD_RX.finditer(text, s, e):
                if m.group() not in ("of", "the", "and", "de", "del", "la", "for", "in"):
                    chars[m.start()] = chars[m.start()].upper()
    if first_names:
        # a surname that is also a word, between a given name and a name: "luis carlos galan sarmiento"
        for prev, m, nxt in zip(words, words[1:], words[2:]):
            if (
                prev.group() in first_names
                and chars[nxt.start()].isupper()
                and m.group().isalpha()
                and len(m.group()) >= 3
                and text[prev.end() : nxt.start()] == f" {m.group()} "
            ):
                chars[m.start()] = chars[m.start()].upper()
        for m, nxt in reversed(list(zip(words, words[1:]))):
            if m.group() in first_names and chars[nxt.start()].isupper() and text[m.end() : nxt.start()] == " ":
                chars[m.start()] = chars[m.start()].upper()
    return "".join(chars)


def load_first_names(stop_words: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """Given names of many countries, lowercased, from the name dictionary that gender-guesser ships
    (read in place: about 48,000 names, a few hundred of them ordinary English words as well).

    Read once per process for a set of stop words: the preparer and the placer both ask for it."""
    return _first_names(frozenset(stop_words))


@lru_cache(maxsize=4)
def _first_names(stop_words: frozenset[str]) -> frozenset[str]:
    from importlib.resources import files

    try:
        data = files("gender_guesser").joinpath("data", "nam_dict.txt").read_text(encoding="iso-8859-1")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    out = set()
    for line in data.splitlines():
        if line[:1] in ("M", "F", "?", "1") and len(line) > 30:
            name = line[3:29].strip().lower()
            if name.isascii() and name.isalpha() and len(name) >= 3 and name not in stop_words:
                out.add(name)
    return frozenset(out)
