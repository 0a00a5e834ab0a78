"""MinHash signatures of normalised text (word 5-shingles), as bytes the store can keep."""

from __future__ import annotations

import hashlib
import re

from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
SHINGLE = 5
SEED = 1
_NON_WORD = re.compile(r"[\W_]+", re.U)


def normalise(text: str) -> str:
    """Lowercase words only: copies that differ in spacing, punctuation or case look the same."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def content_key(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    w = normalise(text).split()
    if len(w) <= k:
        return {" ".join(w).encode("utf-8")} if w else set()
    return {" ".join(w[i : i + k]).encode("utf-8") for i in range(len(w) - k + 1)}


def minhash(text: str) -> LeanMinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    for s in shingles(text):
        m.update(s)
    return LeanMinHash(m)


def minhash_signature(text: str) -> bytes:
    """Serialised LeanMinHash; `from_signature` reads it back."""
    lm = minhash(text)
    buf = bytearray(lm.bytesize())
    lm.serialize(buf)
    return bytes(buf)


def from_signature(signature: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(bytearray(signature))
