"""gzip, zip and WARC read transparently; archives are built here rather than committed."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

from eventledger.read import Reader
from eventledger.records import Document, Quarantined
from support.warc import page_html, warc_bytes

FIX = Path(__file__).parent / "fixtures" / "read"


def split(out: list) -> tuple[list[Document], list[Quarantined]]:
    return [r for r in out if isinstance(r, Document)], [r for r in out if isinstance(r, Quarantined)]


def test_gzip_is_transparent_and_ids_follow_the_content(tmp_path):
    raw = (FIX / "telegram_result.json").read_bytes()
    (tmp_path / "result.json.gz").write_bytes(gzip.compress(raw))
    plain = list(Reader().run([FIX / "telegram_result.json"]))
    packed = list(Reader().run([tmp_path / "result.json.gz"]))
    assert [d.id for d in packed] == [d.id for d in plain]
    assert packed[0].path == str(tmp_path / "result.json.gz")


def test_zip_entries_in_name_order_with_nested_paths(tmp_path):
    z = tmp_path / "bundle.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("threads/reddit.json", (FIX / "reddit_thread.json").read_bytes())
        zf.writestr("a/page.txt", (FIX / "page.txt").read_bytes())
        zf.writestr("empty-dir/", b"")
        zf.writestr("a/inner.zip", _zip_of({"deep.txt": b"A bomb exploded at the market in Mogadishu today."}))
    docs, bad = split(list(Reader().run([z])))
    assert bad == []
    assert [d.path for d in docs] == [f"{z}!a/inner.zip!deep.txt", f"{z}!a/page.txt", f"{z}!threads/reddit.json"]
    assert docs[2].kind == "thread"


def _zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_with_thousands_of_entries_reads_all_then_quarantines_beyond_the_limit(tmp_path):
    files = {f"notes/{i:05d}.txt": f"Note {i}: a roadside bomb hit a patrol near Gao.".encode() for i in range(3000)}
    z = tmp_path / "many.zip"
    z.write_bytes(_zip_of(files))
    docs, bad = split(list(Reader().run([z])))
    assert len(docs) == 3000 and bad == []
    docs, bad = split(list(Reader(max_archive_entries=2500).run([z])))
    assert len(docs) == 2500 and docs[-1].path.endswith("02499.txt")
    assert [q.reason for q in bad] == ["zip has 3000 files; 500 beyond the limit of 2500 entries were not read"]


def test_zip_entry_over_the_size_limit_is_quarantined_alone(tmp_path):
    z = tmp_path / "mixed.zip"
    z.write_bytes(_zip_of({"big.txt": b"x " * 5000, "small.txt": b"A short note about a raid."}))
    docs, bad = split(list(Reader(max_bytes=4000).run([z])))
    assert [d.path for d in docs] == [f"{z}!small.txt"]
    assert bad[0].path == f"{z}!big.txt" and bad[0].reason.startswith("too large")


def test_gzip_bomb_stops_at_the_limit(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    [q] = Reader(max_bytes=2**20).run([p])
    assert isinstance(q, Quarantined) and q.reason.startswith("too large after decompression")


def test_warc_keeps_html_200_responses_only(tmp_path):
    for gz in (False, True):
        p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        p.write_bytes(warc_bytes(gz=gz))
        docs, bad = split(list(Reader().run([p])))
        assert bad == []
        assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/b", "https://example.org/c"]
        assert docs[0].fetched == "2024-03-25T10:00:00" and docs[0].kind == "article"
        assert docs[0].text.startswith("Night raid report 1\n\nReport 1: militants attacked")
        assert docs[0].content == page_html(1) and docs[0].meta["format"] == "warc"


def test_truncated_warc_yields_whole_records_then_quarantines_the_rest(tmp_path):
    data = warc_bytes(gz=False)
    cut = data.index(b"Report 3:")  # inside the last response
    p = tmp_path / "cut.warc"
    p.write_bytes(data[:cut])
    docs, bad = split(list(Reader().run([p])))
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/b"]
    assert len(bad) == 1 and bad[0].reason.startswith("truncated WARC")


def test_truncated_gzipped_warc_keeps_the_records_before_the_cut(tmp_path):
    data = warc_bytes(gz=True)
    p = tmp_path / "cut.warc.gz"
    p.write_bytes(data[: len(data) - 200])
    docs, bad = split(list(Reader().run([p])))
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/b"]
    assert (
        len(bad) == 1 and bad[0].reason.startswith("truncated gzip") and "2 documents read before it" in bad[0].reason
    )


def test_malformed_warc_header_is_quarantined(tmp_path):
    p = tmp_path / "bad.warc"
    p.write_bytes(b"WARC/1.0\r\nthis is not a header line at all\r\n\r\n")
    docs, bad = split(list(Reader().run([p])))
    assert docs == [] and len(bad) == 1 and "WARC" in bad[0].reason


def test_arc_file_reads_like_warc():
    html = page_html(7)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
    body = b"1 0 Example Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://crawl.arc 0.0.0.0 20240325100000 text/plain %d\n" % len(body)
    rec = b"http://example.org/kidal 192.0.2.7 20240325100500 text/html %d\n" % len(http)
    [doc] = Reader().read_bytes(head + body + b"\n" + rec + http + b"\n", path="crawl.arc")
    assert (doc.url, doc.fetched) == ("http://example.org/kidal", "2024-03-25T10:05:00")
    assert doc.text.startswith("Night raid report 7\n\nReport 7:")
