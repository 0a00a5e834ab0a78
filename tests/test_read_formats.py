"""Each reader on a real-format fixture: fields, segments, offsets and ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventledger.ids import content_hash, make_id
from eventledger.read import Reader
from eventledger.read.common import canonical_bytes
from eventledger.records import Document, Quarantined

FIX = Path(__file__).parent / "fixtures" / "read"


def read(path: Path | str) -> list:
    return list(Reader().run([path]))


def docs(path: Path | str) -> list[Document]:
    out = read(path)
    assert all(isinstance(r, Document) for r in out), [r for r in out if isinstance(r, Quarantined)]
    return out


def check_segments(doc: Document) -> None:
    """Every segment is a verbatim slice of the document text, with a content id."""
    assert doc.meta["segmented"] is True
    for i, seg in enumerate(doc.segments):
        assert seg.index == i and seg.document == doc.id
        assert seg.id == make_id("seg", doc.id, i, seg.kind, seg.text)
        for p in seg.pieces:
            assert doc.text[p.doc_start : p.doc_start + p.length] == seg.text[p.seg_start : p.seg_start + p.length]
        assert seg.doc_offset(0) == seg.pieces[0].doc_start


def test_plain_text_page_keeps_text_and_leaves_segmenting_to_the_cleaner(tmp_path):
    raw = (FIX / "page.txt").read_bytes()
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(raw.replace(b"\n", b"\r\n"))
    [doc] = docs(FIX / "page.txt")
    [doc2] = docs(crlf)
    assert doc.kind == "page" and doc.segments == [] and doc.content == raw
    assert doc.text == raw.decode("utf-8") == doc2.text
    assert doc.id == make_id("doc", content_hash(raw))


def test_telegram_export_one_document_per_message():
    out = docs(FIX / "telegram_result.json")
    assert [d.meta["message_id"] for d in out] == [2, 3, 5]  # service message and photo without text skipped
    first, claim, update = out
    assert {d.kind for d in out} == {"channel-message"} and {d.source for d in out} == {"Conflict Monitor Daily"}
    assert first.published.value == "2024-03-22T19:41:10" and first.published.precision == "second"
    assert claim.text == (
        "Islamic State has claimed the Krasnogorsk attack through its Amaq outlet, according to this post. #Krasnogorsk"
    )
    assert claim.meta["forwarded_from"] == "Amaq watchers"
    assert claim.meta["links"] == ["https://example.org/amaq-claim"]
    assert update.meta["reply_to"] == 2
    for d in out:
        assert [s.kind for s in d.segments] == ["message"] and d.segments[0].text == d.text
        check_segments(d)


def test_nostr_notes_from_json_lines_and_relay_messages():
    out = docs(FIX / "nostr_notes.jsonl")
    assert len(out) == 2  # the kind-0 profile event is not a post
    note, reply = out
    assert note.kind == "post" and note.source == "nostr:a3b1c2d3e4f5"
    assert note.meta["pubkey"].startswith("a3b1c2d3e4f5") and note.author == note.meta["pubkey"]
    assert note.published.value == "2024-03-23T00:00:00" and note.published.precision == "second"
    assert note.meta["hashtags"] == ["Moscow", "terrorism"]
    assert note.meta["links"] == ["https://example.org/live-report"]  # from the r tag and the content, once
    assert reply.meta["replies_to"] == [note.meta["event_id"]]
    assert [s.kind for s in note.segments] == ["post"]
    check_segments(note)


def test_nostr_single_event_object_and_array(tmp_path):
    lines = (FIX / "nostr_notes.jsonl").read_text().splitlines()
    event = json.loads(lines[0])
    (tmp_path / "one.json").write_text(json.dumps(event, indent=2))
    (tmp_path / "many.json").write_text(json.dumps([event, json.loads(lines[1])]))
    [one] = docs(tmp_path / "one.json")
    [many] = docs(tmp_path / "many.json")
    assert one.id == many.id == make_id("doc", content_hash(canonical_bytes(event)))


def test_reddit_thread_post_then_comments_with_depth_and_parents():
    [doc] = docs(FIX / "reddit_thread.json")
    assert doc.kind == "thread" and doc.source == "r/worldnews"
    assert doc.title == "Islamic State claims responsibility for Kerman memorial bombings"
    post, first, nested, second = doc.segments
    assert post.kind == "post" and doc.text.startswith(doc.title + "\n\nTwo blasts hit the crowd")
    assert (first.author, first.score, first.depth, first.parent) == ("tehran_reader", 512, 1, post.id)
    # its parent was deleted: it hangs from the nearest comment that is kept, at its true depth
    assert (nested.author, nested.depth, nested.parent) == ("mapmaker", 3, first.id)
    assert (second.score, second.depth, second.parent) == (-4, 1, post.id)
    assert "[deleted]" not in doc.text
    assert first.date.value == "2024-01-04T16:00:00"
    assert doc.id == make_id("doc", content_hash((FIX / "reddit_thread.json").read_bytes()))
    check_segments(doc)


def test_lemmy_thread_depth_and_parent_from_comment_path():
    [doc] = docs(FIX / "lemmy_thread.json")
    assert doc.kind == "thread" and doc.source == "!southasia@lemmy.example"
    assert doc.url == "https://lemmy.example/post/8801234"
    post, top, reply = doc.segments  # the removed comment is left out
    assert (post.author, post.score) == ("kpk_watch", 152)
    assert (top.author, top.depth, top.parent, top.score) == ("analyst_k", 1, post.id, 30)
    assert (reply.author, reply.depth, reply.parent) == ("peshawar_local", 2, top.id)
    assert reply.date.value == "2023-01-31T09:00:00" and doc.published.value == "2023-01-31T07:12:05"
    check_segments(doc)


def test_rss_items_with_and_without_body():
    full, headline = docs(FIX / "feed_rss.xml")
    assert full.kind == "feed-item" and full.source == "Sahel Security Brief"
    assert full.url == "https://example.org/sahel/tillaberi-attack"
    assert full.text == (
        "Attack on army post near Tillabéri\n\nNiger's defence ministry said 17 soldiers were "
        "killed in an ambush near Koutougou.\n\nAbout 20 others were wounded."
    )
    assert "trackReader" not in full.text
    assert full.published.value == "2023-08-15T18:30:00" and full.published.precision == "second"
    assert [s.kind for s in full.segments] == ["article"] and [s.kind for s in headline.segments] == ["headline"]
    assert headline.text == "Headline only: curfew extended in Niamey region"
    check_segments(full)
    check_segments(headline)


def test_atom_entry():
    [doc] = docs(FIX / "feed_atom.xml")
    assert doc.source == "Lake Chad Watch" and doc.author == "Field team"
    assert doc.text.endswith("burned homes overnight.\n\nLocal officials blamed ISWAP fighters.")
    assert doc.published.value == "2024-02-01T06:15:00"


def test_scraper_json_lines_dates_keep_their_precision():
    out = docs(FIX / "scraped.jsonl")
    assert [d.kind for d in out] == ["article"] * 3 and all(d.segments == [] for d in out)
    assert out[0].text.startswith("Twin blasts kill dozens at Kerman memorial\n\nTwo explosions struck")
    assert (out[0].published.value, out[0].published.precision) == ("2024-01-03T10:50:00", "second")
    assert (out[1].published.value, out[1].published.precision) == ("2024-01-04", "day")
    assert (out[2].published.value, out[2].published.precision) == ("2024-01", "month")
    assert out[0].source == "Example Wire" and out[0].url == "https://example.org/news/kerman-blasts"


def test_html_page_main_text_and_metadata():
    [doc] = docs(FIX / "article.html")
    assert doc.kind == "article" and [s.kind for s in doc.segments] == ["article"]
    assert doc.content == (FIX / "article.html").read_bytes()
    assert doc.text.startswith("Attackers storm hotel in Mogadishu")
    assert "presidential palace in Mogadishu" in doc.text and "radio station" in doc.text
    assert doc.source == "Horn Example Times" and doc.author == "Amina Warsame"
    assert doc.published.value == "2024-03-15" and doc.language == "en"
    for marker in ("SCRIPT_TEXT", "HANDLER_TEXT", "INLINE_SCRIPT", "ONLOAD_HANDLER", "trackReader", "color: red"):
        assert marker not in doc.text


@pytest.mark.parametrize("name", sorted(p.name for p in FIX.iterdir()))
def test_rereading_gives_identical_ids(name):
    first = [(r.id, [s.id for s in r.segments]) for r in docs(FIX / name)]
    again = [(r.id, [s.id for s in r.segments]) for r in docs(FIX / name)]
    assert first == again and first


def test_directory_walk_is_sorted_and_sharded_without_overlap():
    paths = [r.path for r in Reader().run([FIX])]
    names = [Path(p).name for p in dict.fromkeys(paths)]
    assert names == sorted(names)
    shards = [[r.id for r in Reader().run([FIX], rank=k, world_size=2)] for k in range(2)]
    assert sorted(shards[0] + shards[1]) == sorted(r.id for r in Reader().run([FIX]))
    assert not set(shards[0]) & set(shards[1])


def test_feed_with_a_comment_after_the_root_keeps_every_item(tmp_path):
    p = tmp_path / "cached.xml"
    p.write_bytes((FIX / "feed_rss.xml").read_bytes() + b"<!-- served from cache in 0.012s -->\n")
    assert len(docs(p)) == 2


def test_telegram_whole_account_export_reads_each_chat(tmp_path):
    channel = json.loads((FIX / "telegram_result.json").read_text())
    p = tmp_path / "result.json"
    p.write_text(json.dumps({"about": "Here is the data you requested.", "chats": {"about": "", "list": [channel]}}))
    assert [d.meta["message_id"] for d in docs(p)] == [2, 3, 5]
