"""Tokenised benchmark text -> one plain string, with the character span of every token."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NO_SPACE_BEFORE = {
    ".",
    ",",
    ":",
    ";",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "’s",
    "'",
    "’",
}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "“", "‘"}


@dataclass(slots=True)
class Detok:
    text: str
    spans: list[tuple[int, int]]  # per document-level token index
    sentences: list[tuple[int, int]]  # character span of each sentence

    def char_span(self, first: int, last_inclusive: int) -> tuple[int, int]:
        return self.spans[first][0], self.spans[last_inclusive][1]

    def sentence_of(self, offset: int) -> int | None:
        for i, (s, e) in enumerate(self.sentences):
            if s <= offset < e or (offset == e and i == len(self.sentences) - 1):
                return i
        return None


def detokenize(
    sentences: Sequence[Sequence[str]], *, gaps: Sequence[Sequence[bool]] | None = None, sentence_sep: str = "\n"
) -> Detok:
    """`gaps[i][j]` says whether a space went before token j of sentence i; else guessed from punctuation."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    sents: list[tuple[int, int]] = []
    pos = 0
    for i, sent in enumerate(sentences):
        if i and sent:
            parts.append(sentence_sep)
            pos += len(sentence_sep)
        start = pos
        quote_open = False
        for j, tok in enumerate(sent):
            if j:
                if gaps is not None:
                    space = gaps[i][j]
                else:
                    space = _space_before(tok, sent[j - 1], quote_open)
                if space:
                    parts.append(" ")
                    pos += 1
            if tok == '"':
                quote_open = not quote_open
            parts.append(tok)
            spans.append((pos, pos + len(tok)))
            pos += len(tok)
        sents.append((start, pos))
    return Detok("".join(parts), spans, sents)


def _space_before(tok: str, prev: str, quote_open: bool) -> bool:
    if tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER:
        return False
    if tok == '"':
        return not quote_open  # an opening quote takes a space, a closing one does not
    if prev == '"':
        return not quote_open  # after an opening quote (now open) no space
    return True


def gaps_from_offsets(sentences: Sequence[Sequence[tuple[str, int, int]]]) -> list[list[bool]]:
    """WikiEvents gives each token's character offsets: a gap is where the next token does not touch."""
    return [[j > 0 and sent[j][1] > sent[j - 1][2] for j in range(len(sent))] for sent in sentences]
