"""The cleaner on page layouts written for these tests (tests/fixtures/clean), and invariants on generated pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.clean import Cleaner
from eventledger.records import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "clean"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def page(text: str, name: str = "t") -> Document:
    return Document(id=f"doc_{name}", path=name, kind="page", content=text.encode(), text=text)


def clean_fixture(cleaner, name):
    return cleaner.clean(page((FIXTURES / name).read_text(), name))


def check_offsets(doc: Document) -> None:
    spans = []
    for s in doc.segments:
        for p in s.pieces:
            assert s.text[p.seg_start : p.seg_start + p.length] == doc.text[p.doc_start : p.doc_start + p.length]
            spans.append((p.doc_start, p.doc_start + p.length))
    for d in doc.dropped:
        assert d.chars == d.end - d.start and doc.text[d.start : d.end].startswith(d.text)
        spans.append((d.start, d.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "a kept piece overlaps dropped text"


def test_wordpress_aggregator(cleaner):
    doc = clean_fixture(cleaner, "wordpress_aggregator.txt")
    check_offsets(doc)
    assert doc.kind == "aggregator"
    posts = [s for s in doc.segments if s.kind == "post"]
    assert [(s.title, s.date.value) for s in posts] == [
        ("Gunmen attack market in northern Burkina Faso", "2024-03-30"),
        ("Niger junta announces new transition charter", "2024-03-29"),
        ("Mali: two aid workers released after weeks in captivity", "2024-03-28"),
    ]
    market, charter, mali = posts
    assert (market.author, market.source, market.meta["original_date"]) == ("Amina Traore", "Sahel Wire", "2024-03-29")
    assert charter.source == "Radio Sahel" and charter.author is None  # "editor" posted it, did not write it
    assert not charter.text.endswith("»") and "Radio Sahel:" not in charter.text
    assert mali.source == mali.meta["syndicated_from"] == "Desert Dispatch"
    heads = [s for s in doc.segments if s.kind == "headline"]
    assert [(s.title, s.date.value) for s in heads] == [
        ("Convoy ambushed near Djibo, several soldiers missing", "2024-04-02"),
        ("Drought deepens in the Liptako-Gourma region", "2024-04-01"),
    ]
    kept = "\n".join(s.text for s in doc.segments)
    for furniture in (
        "Share this",
        "Loading",
        "Filed under",
        "Subscribe",
        "Older posts",
        "Donate",
        "Copyright",
        "Skip to",
    ):
        assert furniture not in kept
    assert {"share", "footer", "subscribe", "copyright", "menu", "pagination"} <= {d.kind for d in doc.dropped}


def test_single_article(cleaner):
    doc = clean_fixture(cleaner, "single_article.txt")
    check_offsets(doc)
    assert doc.kind == "article" and len(doc.segments) == 1
    seg = doc.segments[0]
    assert doc.title == seg.title == "Police say blast at bus depot in Quetta was caused by a planted device"
    assert doc.published.value == "2024-05-14" and seg.author == "Staff reporter"
    assert seg.text.endswith("said it carried out the bombing.")
    assert "Politics" not in seg.text and "Timeline" not in seg.text and "Tags" not in seg.text


def test_plain_thread_scores_follow_the_shared_age(cleaner):
    doc = clean_fixture(cleaner, "thread_plain.txt")
    check_offsets(doc)
    assert doc.kind == "thread"
    comments = [s for s in doc.segments if s.kind == "comment"]
    assert [(c.author, c.score, c.depth, c.meta["age"]) for c in comments] == [
        ("river_watcher", 231, 1, "2 days ago"),
        ("localnurse", 4, 2, "2 days ago"),
        ("quietobserver", None, 1, "2 days ago"),
    ]
    assert comments[1].parent == comments[0].id and comments[2].parent is None
    assert doc.segments[0].kind == "article" and doc.segments[0].title.startswith("Flooding")


def test_undated_article_keeps_everything_and_is_one_segment(cleaner):
    text = "Troops withdrew from the border town on Monday after a week of shelling.\n\nResidents began returning home."
    doc = cleaner.clean(page(text))
    check_offsets(doc)
    assert len(doc.segments) == 1 and doc.segments[0].text == text and not doc.dropped and doc.title is None


def test_a_video_playlist_is_dropped_but_clock_times_are_kept(cleaner):
    """A player's playlist lists other stories' clips by running time and title; their towns are not the page's.
    A line that opens with a clock time ("9:40 p.m.") is the story's own."""
    text = (
        "A woman was wounded on Maple Terrace late Friday, police said.\n\n"
        "0:52 Mayor Dana Whitfield opens the new river bridge Pause\n\n"
        "1:45 Two men shot outside a bar in Lakeview\n\n"
        "2:03\n\n"
        "9:40 p.m. Officers found her in the driveway.\n\n"
        "She is expected to recover."
    )
    doc = cleaner.clean(page(text))
    check_offsets(doc)
    kept = doc.segments[0].text
    assert "Lakeview" not in kept and "bridge" not in kept and "2:03" not in kept
    assert "9:40 p.m. Officers" in kept and "Maple Terrace" in kept
    assert [d.kind for d in doc.dropped] == ["video"] * 3


def test_structured_document_only_gets_repeats_and_language(cleaner):
    text = "\n".join(["A long first message about a strike on a fuel depot near the river."] * 2)
    from eventledger.records import Piece, Segment

    seg = Segment("seg_1", "doc_s", 0, "message", text, [Piece(0, 0, len(text))])
    doc = Document("doc_s", "s", "channel-message", text.encode(), text, segments=[seg], meta={"segmented": True})
    cleaner.clean(doc)
    assert doc.kind == "channel-message" and doc.segments[0].id == "seg_1"
    assert doc.segments[0].text.count("fuel depot") == 1 and [d.kind for d in doc.dropped] == ["repeat"]
    assert doc.segments[0].language == "en"
    check_offsets(doc)


def test_french_segment_detected(cleaner):
    text = (
        "Les forces de sécurité ont annoncé mardi l'arrestation de trois suspects après l'attaque "
        "contre un poste de police dans le nord du pays, selon un communiqué officiel."
    )
    doc = cleaner.clean(page(text))
    assert doc.language == "fr" and doc.segments[0].language == "fr"


_word = st.sampled_from("army police convoy village attack officials said market border rain river town".split())
_sentence = st.lists(_word, min_size=3, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
_title = st.lists(_word, min_size=2, max_size=8).map(lambda w: " ".join(w).title())
_date = st.sampled_from(["March 3, 2024", "4th April, 2023", "2022-11-05", "12 May 2021"])
_block = st.one_of(
    _sentence,
    st.tuples(_title, _date).map(lambda t: f"{t[0]}\n\n{t[1]} · admin"),
    st.lists(_title, min_size=1, max_size=4).map(lambda ts: "\n".join(f"  • {t}" for t in ts)),
    st.tuples(_title, _date).map(lambda t: f"  • {t[0]} {t[1]}"),
    st.sampled_from(["Share this:", "Posted in News | Tags: x |", "© 2024 Site", "Previous Posts", "logo"]),
    st.tuples(st.sampled_from(["Ann", "@bo_b"]), st.integers(-30, 30), st.integers(1, 9), _sentence).map(
        lambda t: f"  • {t[0]}\n    {t[1] if t[1] else ''}{t[2]} months ago\n\n    {t[3]}"
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_block, min_size=1, max_size=12), st.sampled_from(["\n\n", "\n"]))
def test_generated_pages_keep_offsets_and_never_overlap(cleaner, blocks, sep):
    doc = cleaner.clean(page(sep.join(blocks)))
    check_offsets(doc)
    assert all(s.language for s in doc.segments)
    assert doc.kind in ("article", "aggregator", "thread", "post")


def test_pagination_above_the_text_opens_it(cleaner):
    # GVA dev: a "Page 1 of 1" under a news site's headline dropped the whole story as furniture below the links
    text = (
        "Boy hurt in accidental shooting at his home\n\nPage 1 of 1\n\n"
        "A boy was wounded Sunday afternoon when a rifle his older cousin was cleaning went off at their home.\n\n"
        "Doctors say he will recover, according to a sheriff's spokeswoman on Monday.\n\n"
        "Page 1 of 2\n\nMost read stories this week"
    )
    doc = cleaner.clean(page(text))
    check_offsets(doc)
    kept = "\n".join(s.text for s in doc.segments)
    assert "rifle his older cousin" in kept and "he will recover" in kept
    assert "Page 1 of" not in kept and "Most read" not in kept
