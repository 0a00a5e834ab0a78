"""MinHash signatures of normalised text (word 5-shingles), as bytes the store can keep."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch is imported where it is used: importing it costs seconds (it loads scipy), and a worker that
# only cleans and extracts never needs it.

NUM_PERM = 128
SHINGLE = 5
SEED = 1
SCHEME = "affine32"  # datasketch 2's default, which every stored signature was made with
HASH_BATCH = 4096  # shingles hashed at once: a batch takes HASH_BATCH x NUM_PERM x 8 bytes (4 MB)
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


@lru_cache(maxsize=1)
def _permutations():
    """Drawn once per process: drawing them costs more than hashing a short text."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=256)
def minhash(text: str) -> LeanMinHash:
    """The same values as updating shingle by shingle, hashed in numpy batches of `HASH_BATCH`.

    Cached: a document's text is hashed for the copies within its batch and again for the store, and a
    document of one segment has the same text as its segment.
    """
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    todo = list(shingles(text))
    for i in range(0, len(todo), HASH_BATCH):
        m.update_batch(todo[i : i + HASH_BATCH])
    return LeanMinHash(m)


def minhash_signature(text: str) -> bytes:
    """Serialised LeanMinHash; `from_signature` reads it back."""
    lm = minhash(text)
    buf = bytearray(lm.bytesize())
    lm.serialize(buf)
    return bytes(buf)


def from_signature(signature: bytes) -> LeanMinHash:
    from datasketch import LeanMinHash

    return LeanMinHash.deserialize(bytearray(signature))
