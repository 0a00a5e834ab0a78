"""The bundled demo corpus: every file parses with its format's own library and has the fields that format requires."""

from __future__ import annotations

import difflib
import email.utils
import gzip
import hashlib
import html
import importlib.util
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import feedparser
from warcio.archiveiterator import ArchiveIterator

DEMO = Path(__file__).resolve().parents[1] / "demo"
CORPUS = DEMO / "corpus"
EXPECTED = {
    "aggregator-page.txt",
    "article-with-comments.html",
    "article-rendered.txt",
    "nostr-notes.jsonl",
    "telegram/result.json",
    "feed.xml",
    "atom.xml",
    "thread-reddit.json",
    "thread-lemmy.json",
    "scraper.jsonl",
    "archive.warc.gz",
    "bundle.zip",
    "kerman-analysis.html.gz",
}


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"demo_{name}", DEMO / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def test_corpus_holds_exactly_the_documented_files_and_stays_small():
    files = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    assert files == EXPECTED
    assert sum((CORPUS / f).stat().st_size for f in files) < 300_000
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert [f for f in EXPECTED if f not in readme] == []


# --- page-like text ------------------------------------------------------------------------------------------

DATE_LINE = re.compile(r"^\d{1,2}(st|nd|rd|th) [A-Z][a-z]+, \d{4} · \w+$", re.M)


def test_aggregator_page_has_menu_lists_posts_and_footers():
    text = _read("aggregator-page.txt")
    for heading in ("Recent Posts", "Categories", "Archives", "Home", "Privacy Policy"):
        assert re.search(rf"^\s*{heading}", text, re.M), heading
    posts = DATE_LINE.findall(text)
    assert len(posts) >= 8
    assert text.count("Click here to read more (external link).") == len(posts)
    footers = re.findall(r"^Posted in (.+) \| Tags: (.+) \|$", text, re.M)
    assert len(footers) == len(posts)
    categories = {c.strip() for cats, _ in footers for c in cats.split(",")}
    assert {"Sport", "Health", "Terrorism"} <= categories
    assert re.search(r"reprinted here with permission\. © 2024 Meridian Wire", text)
    # each Recent Posts headline is the title line right above a post's date line
    recent = re.findall(r"^ {4}(.+) \((\d{1,2}(?:st|nd|rd|th) \w+, \d{4})\)$", text, re.M)
    for title, date in recent:
        assert re.search(rf"^{re.escape(title)}\n{re.escape(date)} · admin$", text, re.M), title


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.tags, self.attrs, self.comment_items = {}, [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.append((tag, a))
        if tag == "meta" and "content" in a:
            self.meta.setdefault(a.get("property") or a.get("name"), a["content"])
        if tag == "li" and "comment" in (a.get("class") or "").split():
            self.comment_items += 1


def test_html_article_has_metadata_body_and_hostile_comment_markup():
    raw = _read("article-with-comments.html")
    page = _Page()
    page.feed(raw)
    assert page.meta["og:title"] and page.meta["author"] == "Irina Valko"
    assert datetime.fromisoformat(page.meta["article:published_time"]).year == 2024
    for tag in ("nav", "article", "footer", "time", "script"):
        assert tag in page.tags, tag
    assert page.comment_items == int(re.search(r"Comments \((\d+)\)", raw).group(1))
    # the unsafe material the reader and the web UI must neutralise
    assert any("onerror" in a for _, a in page.attrs)
    assert any((a.get("href") or "").startswith("javascript:") for t, a in page.attrs if t == "a")
    body = raw[raw.index('class="comment-list"') :]
    assert "<script>" in body and "&lt;script&gt;" in body


def test_gzipped_html_page_decompresses_to_an_article():
    data = gzip.decompress((CORPUS / "kerman-analysis.html.gz").read_bytes()).decode("utf-8")
    page = _Page()
    page.feed(data)
    assert page.meta["og:title"].startswith("After Kerman")
    assert datetime.fromisoformat(page.meta["article:published_time"]).date().isoformat() == "2024-01-19"


COMMENT_HEAD = re.compile(r"^(?P<indent> *)• (?P<author>.+)\n\s*(?P<meta>-?\d*\d+ months ago)$", re.M)


def test_rendered_article_comment_headers_run_score_and_age_together():
    text = _read("article-rendered.txt")
    heads = list(COMMENT_HEAD.finditer(text))
    assert len(heads) >= 8
    metas = {m["meta"] for m in heads}
    assert "-46 months ago" in metas and "6 months ago" in metas  # score -4, and no score at all
    depths = [(len(m["indent"]) - 2) // 2 for m in heads]
    assert depths[0] == 0 and max(depths) >= 3
    assert all(b - a <= 1 for a, b in zip(depths, depths[1:]))  # a reply is one level deeper at most


# --- structured posts ----------------------------------------------------------------------------------------


def _nostr() -> list[dict]:
    return [json.loads(line) for line in _read("nostr-notes.jsonl").splitlines()]


def test_nostr_events_are_valid_nip01_with_real_ids_and_signatures():
    sign = _module("build_nostr")
    events = _nostr()
    for ev in events:
        assert list(ev) == ["id", "pubkey", "created_at", "kind", "tags", "content", "sig"]
        assert re.fullmatch(r"[0-9a-f]{64}", ev["id"]) and re.fullmatch(r"[0-9a-f]{64}", ev["pubkey"])
        assert re.fullmatch(r"[0-9a-f]{128}", ev["sig"])
        serial = json.dumps(
            [0, ev["pubkey"], ev["created_at"], ev["kind"], ev["tags"], ev["content"]],
            separators=(",", ":"),
            ensure_ascii=False,
        )
        assert hashlib.sha256(serial.encode()).hexdigest() == ev["id"]
        assert sign.verify(bytes.fromhex(ev["id"]), bytes.fromhex(ev["pubkey"]), bytes.fromhex(ev["sig"]))
        assert all(isinstance(t, list) and all(isinstance(x, str) for x in t) for t in ev["tags"])
    assert events == sign.events()  # the committed file is what the generator writes
    kinds = [e["kind"] for e in events]
    assert kinds.count(0) == 1 and "name" in json.loads(events[kinds.index(0)]["content"])
    ids = {e["id"] for e in events}
    replies = [e for e in events if any(t[0] == "e" for t in e["tags"])]
    assert replies and all(t[1] in ids for e in replies for t in e["tags"] if t[0] == "e")
    assert {t[0] for e in events for t in e["tags"]} >= {"t", "r", "e", "p"}
    doubled = [e for e in events if e["kind"] == 1 and _is_doubled(e["content"])]
    assert len(doubled) == 1


def _is_doubled(content: str) -> bool:
    half = (len(content) - 2) // 2
    return len(content) > 2 and content[:half] == content[half + 2 :] and content[half : half + 2] == "\n\n"


def test_bip340_signer_matches_the_published_test_vector():
    sign = _module("build_nostr")
    key = (3).to_bytes(32, "big")
    assert sign.pubkey(key).hex().upper() == "F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9"
    assert sign.sign(bytes(32), key).hex().upper().startswith("E907831F80848D1069A5371B402410364BDF1C5F8307B008")


def test_telegram_export_has_desktop_export_fields():
    data = json.loads(_read("telegram/result.json"))
    assert data["type"] == "public_channel" and isinstance(data["id"], int) and data["name"]
    msgs = data["messages"]
    ids = {m["id"] for m in msgs}
    offsets = set()
    for m in msgs:
        assert m["type"] in ("message", "service")
        local = datetime.fromisoformat(m["date"])
        utc = datetime.fromtimestamp(int(m["date_unixtime"]), timezone.utc).replace(tzinfo=None)
        offsets.add(local - utc)
        assert isinstance(m["text_entities"], list)
        if m["type"] == "service":
            assert m["action"] and m["actor_id"].startswith("channel")
            continue
        assert m["from"] == data["name"] and m["from_id"] == f"channel{data['id']}"
        pieces = [m["text"]] if isinstance(m["text"], str) else m["text"]
        flat = "".join(p if isinstance(p, str) else p["text"] for p in pieces)
        assert flat == "".join(e["text"] for e in m["text_entities"])
        for e in m["text_entities"]:
            assert set(e) >= {"type", "text"}
            assert ("href" in e) == (e["type"] == "text_link")
        if "reply_to_message_id" in m:
            assert m["reply_to_message_id"] in ids
    assert len(offsets) == 1 and offsets.pop() == timedelta(hours=3)  # one local zone for the whole export
    assert sum(isinstance(m.get("text"), list) for m in msgs) >= 3
    assert sum(isinstance(m.get("text"), str) and m["type"] == "message" for m in msgs) >= 3
    assert any("forwarded_from" in m for m in msgs) and any("reply_to_message_id" in m for m in msgs)
    assert sum(m["type"] == "service" for m in msgs) == 1
    assert data == _module("build_threads").telegram()


def _walk_reddit(children, parent, depth, link):
    n = 0
    for c in children:
        if c["kind"] == "more":
            assert c["data"]["parent_id"] == parent
            n += c["data"]["count"]
            continue
        d = c["data"]
        assert c["kind"] == "t1" and d["parent_id"] == parent and d["depth"] == depth and d["link_id"] == link
        assert d["name"] == f"t1_{d['id']}" and isinstance(d["created_utc"], float)
        assert html.unescape(d["body_html"]).startswith('<div class="md">')
        assert d["body"].split("\n\n")[0] in html.unescape(html.unescape(d["body_html"]))
        n += 1
        if d["replies"] != "":
            assert d["replies"]["kind"] == "Listing"
            n += _walk_reddit(d["replies"]["data"]["children"], d["name"], depth + 1, link)
    return n


def test_reddit_thread_is_a_t3_listing_then_a_t1_listing():
    data = json.loads(_read("thread-reddit.json"))
    assert [x["kind"] for x in data] == ["Listing", "Listing"]
    (post,) = data[0]["data"]["children"]
    assert post["kind"] == "t3"
    p = post["data"]
    for field in (
        "id",
        "name",
        "title",
        "author",
        "subreddit",
        "created_utc",
        "url",
        "permalink",
        "score",
        "num_comments",
        "selftext",
        "is_self",
    ):
        assert field in p, field
    count = _walk_reddit(data[1]["data"]["children"], p["name"], 0, p["name"])
    assert count == p["num_comments"]
    assert data == _module("build_threads").reddit()


def test_lemmy_thread_paths_name_existing_parents():
    data = json.loads(_read("thread-lemmy.json"))
    post = data["post_view"]["post"]
    assert {"id", "name", "url", "body", "published", "ap_id"} <= set(post)
    by_id = {c["comment"]["id"]: c for c in data["comments"]}
    for cv in data["comments"]:
        c = cv["comment"]
        path = [int(x) for x in c["path"].split(".")]
        assert path[0] == 0 and path[-1] == c["id"] and all(p in by_id for p in path[1:])
        assert c["post_id"] == post["id"] and cv["creator"]["id"] == c["creator_id"]
        assert datetime.fromisoformat(c["published"].replace("Z", "+00:00"))
        below = sum(1 for o in data["comments"] if f".{c['id']}." in o["comment"]["path"] + ".")
        assert cv["counts"]["child_count"] == below - 1
    assert data["post_view"]["counts"]["comments"] == len(data["comments"])
    assert any(cv["comment"]["removed"] for cv in data["comments"])
    assert data == _module("build_threads").lemmy()


# --- feeds ---------------------------------------------------------------------------------------------------


def test_rss_feed_parses_with_rfc822_dates_and_a_headline_only_item():
    d = feedparser.parse(str(CORPUS / "feed.xml"))
    assert not d.bozo and d.version == "rss20"
    assert d.feed.title and d.feed.link and d.feed.description
    for e in d.entries:
        assert e.title and e.link and e.id and e.published_parsed
    assert sum("summary" not in e for e in d.entries) == 1
    assert any("<strong>" in e.get("summary", "") for e in d.entries)
    for pub in ET.parse(CORPUS / "feed.xml").getroot().iter("pubDate"):
        assert email.utils.parsedate_to_datetime(pub.text).tzinfo is not None


def test_atom_feed_parses():
    d = feedparser.parse(str(CORPUS / "atom.xml"))
    assert not d.bozo and d.version == "atom10"
    assert d.feed.title and d.feed.id
    for e in d.entries:
        assert e.title and e.id and e.link and e.updated_parsed


# --- scraper output, WARC and archives ------------------------------------------------------------------------


def test_scraper_lines_and_the_syndicated_wire_copies():
    rows = [json.loads(line) for line in _read("scraper.jsonl").splitlines()]
    for r in rows:
        assert set(r) == {"url", "title", "text", "published", "source"}
        assert r["url"].startswith("https://") and r["text"].strip()
        datetime.fromisoformat(r["published"].replace("Z", "+00:00"))
    wire = [r for r in rows if "Meridian Wire" in r["text"]]
    assert len({r["source"] for r in wire}) == 2
    ratio = difflib.SequenceMatcher(None, wire[0]["text"], wire[1]["text"]).ratio()
    assert 0.8 < ratio < 1.0  # the same story with small edits


def test_warc_has_warcinfo_request_response_pairs_and_an_image():
    with (CORPUS / "archive.warc.gz").open("rb") as fh:
        records = []
        for rec in ArchiveIterator(fh, check_digests="raise"):
            records.append((rec.rec_type, rec.rec_headers, rec.http_headers, rec.content_stream().read()))
    assert records[0][0] == "warcinfo" and b"format: WARC File Format 1.0" in records[0][3]
    responses = {h.get_header("WARC-Record-ID"): (h, http, body) for t, h, http, body in records if t == "response"}
    requests = [(h, http) for t, h, http, _ in records if t == "request"]
    assert len(requests) == len(responses)
    for h, http in requests:
        resp_h, _, _ = responses[h.get_header("WARC-Concurrent-To")]
        assert resp_h.get_header("WARC-Target-URI") == h.get_header("WARC-Target-URI")
        assert http.protocol == "GET"
    kinds = [http.get_header("Content-Type") for _, http, _ in responses.values()]
    assert all(http.get_statuscode() == "200" for _, http, _ in responses.values())
    assert sum(k.startswith("text/html") for k in kinds) >= 2
    images = [body for _, http, body in responses.values() if http.get_header("Content-Type") == "image/png"]
    assert len(images) == 1 and images[0].startswith(b"\x89PNG\r\n\x1a\n")


def test_zip_holds_two_plain_text_articles():
    with zipfile.ZipFile(CORPUS / "bundle.zip") as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert len(names) == 2 and all(n.endswith(".txt") for n in names)
        for n in names:
            text = zf.read(n).decode("utf-8")
            title, _, rest = text.partition("\n\n")
            assert title and "\n" not in title and len(rest) > 500


def test_binary_outputs_are_what_their_build_scripts_write(tmp_path):
    warc, arch = _module("build_warc"), _module("build_archives")
    pairs = [
        (warc.build(tmp_path / "archive.warc.gz"), "archive.warc.gz"),
        (arch.build_zip(tmp_path / "bundle.zip"), "bundle.zip"),
        (arch.build_gz(tmp_path / "kerman-analysis.html.gz"), "kerman-analysis.html.gz"),
    ]
    for built, name in pairs:
        assert built.read_bytes() == (CORPUS / name).read_bytes(), name
