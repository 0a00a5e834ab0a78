"""The undecodable-text rule against real inputs: no real text in ../shared data or the demo corpus is rejected.

The rule (reader.read_content): bytes that are not UTF-8, carry no BOM or working charset declaration, and
in which charset-normalizer finds no encoding that reads as text, are quarantined as binary or undecodable.
Random high bytes meet it from about 64 bytes on; real text, in UTF-8 or re-encoded in a legacy codepage,
must not.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator

import pytest

from eventledger.read import Reader, sniff
from eventledger.read.decode import declared_charset, decode
from eventledger.records import Quarantined
from support.paths import DEMO, SHARED

DATA = SHARED / "data"
UNDECODABLE = "binary or undecodable"
# The codepages charset-normalizer is asked to tell apart most often on the web (decode.COMMON, minus UTF-8).
LEGACY = [
    "cp1252",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1256",
    "gb18030",
    "shift_jis",
    "euc_kr",
    "big5",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "cp1258",
]


def real_texts() -> Iterator[tuple[str, bytes]]:
    """Every real text input: the seed and demo files, every page, and every article of the JSON corpora."""
    for folder in (SHARED / "corpus" / "seeds", DEMO):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                yield str(p), p.read_bytes()
    for pages in (DATA / "wcxb-dev" / "html", DATA / "article-extraction" / "html"):
        for p in sorted(pages.glob("*.gz")):
            yield str(p), gzip.decompress(p.read_bytes())
    for name, key in (("gva-dev/articles.jsonl", "text"), ("muc4/train.json", "doctext"), ("muc4/dev.json", "doctext")):
        for n, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield f"{name}:{n}", json.loads(line)[key].encode("utf-8")
    for name in ("wikievents/dev.jsonl", "rams/dev.jsonlines"):
        for n, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            tokens = row.get("tokens") or [t for sentence in row.get("sentences", []) for t in sentence]
            yield f"{name}:{n}", " ".join(tokens).encode("utf-8")


def undecodable(data: bytes) -> bool:
    return decode(data, declared=declared_charset(data))[1] is None


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not here")
    out = []
    for name, data in real_texts():
        if sniff.container(data) or sniff.binary_kind(data):
            continue  # the demo corpus's .gz, .zip and WARC: their contents are read by the tests of containers
        assert not undecodable(data), name
        out.append((name, data.decode("utf-8", "replace")))
    return out


def test_no_real_text_input_is_undecodable(texts):
    assert len(texts) > 6000  # 5 seeds, 13 demo files, 1,829 pages, 4,421 articles and passages on 18ddac8


def test_demo_corpus_has_no_undecodable_file():
    reasons = [r.reason for r in Reader().run([DEMO]) if isinstance(r, Quarantined)]
    assert not [r for r in reasons if UNDECODABLE in r]


def _legacy_samples(texts, per_codec: int, seed: int = 0) -> Iterator[tuple[str, str, bytes]]:
    """Real texts with non-ASCII letters, re-encoded in each legacy codepage (what it cannot hold dropped)."""
    rng = random.Random(seed)
    pool = [(n, t) for n, t in texts if any(ord(c) > 127 for c in t)]
    for codec in LEGACY:
        for name, text in rng.sample(pool, min(per_codec, len(pool))):
            for piece in (text[:120], text[:2000]):  # short inputs are the hard case for detection
                data = piece.encode(codec, "ignore")
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    yield f"{name} as {codec}", codec, data


def test_real_text_in_legacy_codepages_is_not_undecodable(texts):
    rejected = [name for name, _, data in _legacy_samples(texts, per_codec=6) if undecodable(data)]
    assert rejected == []


@pytest.mark.slow
def test_real_text_in_legacy_codepages_is_not_undecodable_long(texts):
    samples = list(_legacy_samples(texts, per_codec=150))
    assert len(samples) > 1900  # 1,953 on 18ddac8's data: texts of 120 and 2,000 characters, 16 codepages
    assert [name for name, _, data in samples if undecodable(data)] == []


@pytest.mark.parametrize("size", [64, 200, 1000, 50_000])
def test_random_high_bytes_are_undecodable(size):
    rng = random.Random(size)
    tries = [bytes(b | 0x80 for b in rng.randbytes(size)) for _ in range(20)]
    rejected = sum(undecodable(data) for data in tries)
    assert rejected >= (17 if size == 64 else 20)  # measured: 38 of 41 at 64 bytes, every one from 200 on
