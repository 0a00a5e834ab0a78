"""A MinHash LSH index of signatures: the store fills it from persisted signatures to check new documents."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING

from eventledger.dedupe.minhash import NUM_PERM, from_signature

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# A copy trimmed for length by the reprinting outlet keeps about 0.7 of the 5-word shingles;
# separate reports of one event share far less (under 0.2 in the demo corpus and seeds).
THRESHOLD = 0.6
MIN_WORDS_NEAR = 20  # MinHash on a handful of shingles is noise: shorter texts are only exact copies


def band_threshold(threshold: float) -> float:
    """LSH bands miss pairs just above their threshold: band lower and confirm with the estimate."""
    return max(0.3, threshold - 0.15)


BAND_THRESHOLD = band_threshold(THRESHOLD)  # the bands the store keeps (`band_keys`)


@lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) for the threshold: it integrates numerically, so once per process, not per index."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class DuplicateIndex:
    """Candidates come from LSH bands and are confirmed by their estimated Jaccard similarity."""

    def __init__(self, *, threshold: float = THRESHOLD):
        self.threshold = threshold
        from datasketch import MinHashLSH

        band = band_threshold(threshold)
        self.lsh = MinHashLSH(threshold=band, num_perm=NUM_PERM, params=_bands(band, NUM_PERM))
        self.hashes: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self.hashes)

    def __contains__(self, item_id: str) -> bool:
        return item_id in self.hashes

    def add(self, item_id: str, signature: bytes | LeanMinHash) -> None:
        m = from_signature(signature) if isinstance(signature, (bytes, bytearray, memoryview)) else signature
        if item_id in self.hashes:
            self.lsh.remove(item_id)  # a re-added id replaces its old signature
        self.lsh.insert(item_id, m)
        self.hashes[item_id] = m

    def remove(self, item_id: str) -> None:
        self.lsh.remove(item_id)
        del self.hashes[item_id]

    def query(self, signature: bytes | LeanMinHash) -> list[str]:
        """Ids whose text is a near copy of the signature's text, sorted."""
        m = from_signature(signature) if isinstance(signature, (bytes, bytearray, memoryview)) else signature
        return sorted(i for i in self.lsh.query(m) if self.hashes[i].jaccard(m) >= self.threshold)


@lru_cache(maxsize=1)
def _layout() -> int | None:
    """Where the hash values start in a serialised signature, checked once against datasketch's own reading
    (None: read every signature through datasketch)."""
    import numpy as np

    from eventledger.dedupe.minhash import minhash_signature

    sig = minhash_signature("one two three four five six")
    offset = len(sig) - NUM_PERM * 4
    fast = np.frombuffer(sig, dtype=np.uint32, offset=offset)
    return offset if offset >= 0 and np.array_equal(fast, from_signature(sig).hashvalues) else None


def signature_values(signature: bytes | LeanMinHash):
    """A signature's hash values (numpy uint32). Read straight from the bytes: datasketch's reader takes
    milliseconds, too slow when a document has thousands of candidate copies."""
    import numpy as np

    if not isinstance(signature, (bytes, bytearray, memoryview)):
        return signature.hashvalues
    offset = _layout()
    if offset is None or len(signature) != offset + NUM_PERM * 4:
        return from_signature(signature).hashvalues
    return np.frombuffer(signature, dtype=np.uint32, offset=offset)


def band_keys(signature: bytes | LeanMinHash) -> list[int]:
    """The signature's LSH band keys as signed 64-bit integers: texts that share a key are candidate copies.

    The store keeps them in a table, so a new document is checked against every stored one with an indexed
    query instead of an index of every signature held in memory. Same bands as `DuplicateIndex`."""
    bands, rows = _bands(BAND_THRESHOLD, NUM_PERM)
    values = signature_values(signature).astype("<u8")
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(values[b * rows : (b + 1) * rows].tobytes(), digest_size=8, salt=b.to_bytes(2, "big"))
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similar(signature: bytes | LeanMinHash, others: list[bytes], threshold: float = THRESHOLD) -> list[bool]:
    """For each of `others`, whether its estimated Jaccard similarity to `signature` reaches the threshold."""
    import numpy as np

    if not others:
        return []
    values = signature_values(signature)
    same = np.stack([signature_values(o) for o in others]) == values
    return [bool(x) for x in same.mean(axis=1) >= threshold]
