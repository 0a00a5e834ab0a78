"""Bad input never raises: each becomes one Quarantined with a one-line reason, and the batch goes on."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.read import Reader
from eventledger.records import Document, Quarantined

FIX = Path(__file__).parent / "fixtures" / "read"
GOOD = b"Police said two people were wounded when a grenade was thrown at a bus stop in Kharkiv."


def only_quarantine(path: Path, **limits) -> str:
    out = list(Reader(**limits).run([path]))
    assert len(out) == 1 and isinstance(out[0], Quarantined), out
    assert "\n" not in out[0].reason and out[0].path == str(path)
    return out[0].reason


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\r\n\t ", "empty file (only whitespace)"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty file (only whitespace)"),
        ("noise.bin", bytes(range(256)) * 8, "binary file (binary data (NUL bytes)): not a supported format"),
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF): not a supported format"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image): not a supported format"),
        ("broken.json", b'{"name": "Channel", "messages": [{"id": 1,', "malformed JSON: Expecting property name"),
        ("odd.json", b'{"weather": "sunny"}', "the JSON: unrecognised JSON (object with keys weather)"),
        ("nothing.json", b"[]", "JSON array holds no items"),
        ("config.xml", b'<?xml version="1.0"?><settings><a>1</a></settings>', "XML that is neither a feed"),
        ("garbled.xml", b'<?xml version="1.0"?><rss><channel><title>x</ti', "malformed feed XML"),
        ("junk.zip", b"PK\x03\x04this is no zip at all", "malformed zip"),
    ],
)
def test_bad_file_gives_one_clear_reason(tmp_path, name, data, expected):
    p = tmp_path / name
    p.write_bytes(data)
    assert only_quarantine(p).startswith(expected)


def test_truncated_and_corrupt_gzip(tmp_path):
    full = gzip.compress(GOOD * 50)
    (tmp_path / "cut.txt.gz").write_bytes(full[: len(full) // 2])
    assert only_quarantine(tmp_path / "cut.txt.gz").startswith("truncated gzip")
    (tmp_path / "bad.txt.gz").write_bytes(full[:10] + b"\x00" * 40 + full[50:])
    assert only_quarantine(tmp_path / "bad.txt.gz").startswith("corrupt gzip")


def test_200_mb_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:  # sparse: no 200 MB written to disk
        f.truncate(200 * 2**20)
    assert only_quarantine(p) == "too large: 200.0 MB > 64 MB limit"


def test_missing_file(tmp_path):
    assert only_quarantine(tmp_path / "nope.txt").startswith("cannot read: No such file")


def test_truncated_feed_keeps_whole_items_only(tmp_path):
    xml = (FIX / "feed_rss.xml").read_bytes()
    p = tmp_path / "cut.xml"
    p.write_bytes(xml[: xml.index(b"<pubDate>Wed")])  # cut inside the second item
    out = list(Reader().run([p]))
    assert [type(r).__name__ for r in out] == ["Document", "Quarantined"]
    assert out[0].title == "Attack on army post near Tillabéri" and out[1].reason.startswith("truncated feed XML")


def test_bad_json_line_is_quarantined_and_the_other_lines_read(tmp_path):
    lines = (FIX / "scraped.jsonl").read_text().splitlines()
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        "\n".join(
            [
                lines[0],
                '{"url": "https://example.org/x", "title": "cut off',
                lines[1],
                '{"url": "https://example.org/y", "title": "", "text": ""}',
            ]
        )
        + "\n"
    )
    out = list(Reader().run([p]))
    assert [type(r).__name__ for r in out] == ["Document", "Quarantined", "Document", "Quarantined"]
    assert out[1].reason.startswith("line 2: malformed JSON")
    assert out[3].reason == "line 4: scraped item has neither title nor text"


def test_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.json").write_bytes(b"{not json")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "d.txt").write_bytes(GOOD + b" Again.")
    kinds = [type(r).__name__ for r in Reader().run([tmp_path])]
    assert kinds == ["Document", "Quarantined", "Quarantined", "Document"]


ODD_NAMES = ["with space.txt", "ünïcødé – тест.txt", 'quote\'s "double".txt', "new\nline.txt", "#hash&amp;.txt"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names(tmp_path, name):
    try:
        p = tmp_path / name
        p.write_bytes(GOOD)
    except OSError:
        pytest.skip(f"this filesystem does not allow {name!r}")
    [doc] = Reader().run([tmp_path])
    assert isinstance(doc, Document) and doc.path == str(p) and doc.text == GOOD.decode()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_never_raise(data):
    for prefix in (b"", b"\x1f\x8b", b"PK\x03\x04", b"WARC/1.0\r\n", b"{", b"<rss>"):
        for rec in Reader().read_bytes(prefix + data, path="upload.bin"):
            assert isinstance(rec, (Document, Quarantined))
            if isinstance(rec, Quarantined):
                assert rec.reason and "\n" not in rec.reason


def test_read_bytes_checks_the_size_too():
    [q] = Reader(max_bytes=10).read_bytes(GOOD, path="upload.txt")
    assert q.reason == f"too large: {len(GOOD)} bytes > 10 bytes limit"


def test_reader_limits_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        Reader(max_bytes=0)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_bytes(GOOD)
    p.chmod(0)
    assert only_quarantine(p).startswith("cannot read: Permission denied")


def test_text_that_opens_with_a_bracket_is_still_a_page(tmp_path):
    p = tmp_path / "update.txt"
    p.write_text("[UPDATE] A second blast was reported near the stadium.\n\nNo group has claimed it.")
    [doc] = Reader().run([p])
    assert isinstance(doc, Document) and doc.kind == "page" and doc.text.startswith("[UPDATE]")


def test_tar_is_named_in_the_reason(tmp_path):
    import tarfile

    src = tmp_path / "note.txt"
    src.write_bytes(GOOD)
    with tarfile.open(tmp_path / "notes.tar.gz", "w:gz") as tf:
        tf.add(src, arcname="note.txt")
    assert "tar archive; unpack it first" in only_quarantine(tmp_path / "notes.tar.gz")
