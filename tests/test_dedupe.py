"""Exact and near duplicates of documents and segments, syndication, signatures and the persistent index."""

from __future__ import annotations

import itertools

from eventledger.dedupe import Deduper, DuplicateIndex, minhash_signature, syndicated_from
from eventledger.records import DateValue, Document, Piece, Segment

STORY = (
    "Gunmen opened fire on worshippers leaving a mosque in the eastern province late on Friday, killing seven people "
    "and wounding at least fifteen others, according to a spokesman for the provincial police who said the attackers "
    "fled on motorcycles and that a search operation was under way in the surrounding villages and farmland. "
    "Residents said the mosque had received threats in recent weeks and that guards had asked the authorities for "
    "more protection. Hospital staff in the provincial capital appealed for blood donors as the wounded arrived, "
    "several of them children, and the governor announced three days of mourning across the province. No group "
    "has said it carried out the shooting, which followed a series of attacks on places of worship in the region."
)
OTHER = (
    "Heavy rain flooded low-lying districts of the capital on Tuesday, forcing schools to close and cutting power to "
    "thousands of homes while emergency crews pumped water from underpasses and cleared fallen trees from main roads."
)


def doc(doc_id: str, text: str, published: str | None = None) -> Document:
    seg = Segment(f"seg_{doc_id}", doc_id, 0, "article", text, [Piece(0, 0, len(text))])
    return Document(
        doc_id,
        doc_id,
        "article",
        text.encode(),
        text,
        published=DateValue(published, "day" if published else None),
        segments=[seg],
    )


def links(docs):
    return {d.id: d.duplicate_of for d in docs}, {s.id: s.duplicate_of for d in docs for s in d.segments}


def test_exact_and_near_copies_link_to_the_earliest():
    near = STORY.replace("late on Friday", "on Friday night").replace("seven people", "7 people")
    docs = [
        doc("doc_b", STORY.upper(), "2024-03-02"),
        doc("doc_a", STORY, "2024-03-01"),
        doc("doc_c", near, "2024-03-03"),
        doc("doc_d", OTHER),
    ]
    out = list(Deduper().run(docs))
    d, s = links(out)
    assert d == {"doc_b": "doc_a", "doc_a": None, "doc_c": "doc_a", "doc_d": None}
    assert s["seg_doc_b"] == "seg_doc_a" and s["seg_doc_c"] == "seg_doc_a"
    assert {x.id: x.meta.get("duplicate_method") for x in out} == {
        "doc_b": "exact",
        "doc_a": None,
        "doc_c": "near",
        "doc_d": None,
    }


def test_original_does_not_depend_on_input_order():
    results = set()
    for perm in itertools.permutations(["doc_x", "doc_y", "doc_z"]):
        docs = [doc(i, STORY) for i in perm]  # undated: the smallest id is the original
        results.add(tuple(sorted(links(list(Deduper().run(docs)))[0].items())))
    assert results == {(("doc_x", None), ("doc_y", "doc_x"), ("doc_z", "doc_x"))}


def test_short_texts_are_not_linked():
    out = list(Deduper().run([doc("doc_1", "Thanks for sharing."), doc("doc_2", "Thanks for sharing.")]))
    assert all(d.duplicate_of is None for d in out)


def test_syndication_sets_source():
    text = STORY + " This article was originally published by Frontier Post."
    out = list(Deduper().run([doc("doc_s", text)]))
    seg = out[0].segments[0]
    assert seg.source == seg.meta["syndicated_from"] == "Frontier Post"
    assert (
        syndicated_from("Reprinted with the permission of Harbor Light Radio/Radio Meridian, 48 Quayside Road")
        == "Harbor Light Radio/Radio Meridian"
    )
    assert syndicated_from("Police said the suspects had been republished nowhere.") is None


def test_signature_bytes_and_index_across_runs():
    sig = minhash_signature(STORY)
    assert isinstance(sig, bytes) and sig == minhash_signature(STORY)
    index = DuplicateIndex()
    index.add("doc_old", sig)
    index.add("doc_other", minhash_signature(OTHER))
    assert index.query(minhash_signature(STORY.replace("seven", "7"))) == ["doc_old"]
    assert index.query(minhash_signature("A completely unrelated sentence about football scores and weather.")) == []
    index.add("doc_old", minhash_signature(OTHER))  # re-adding replaces
    assert index.query(sig) == [] and len(index) == 2


def test_wire_credits_name_the_original_outlet():
    assert syndicated_from("TRIPOLI (Harbour Wire) - Gunmen stormed a checkpoint overnight.") == "Harbour Wire"
    assert syndicated_from("This story was provided by Harbour Wire and has been edited for length.") == "Harbour Wire"
    # a place in brackets inside a sentence is not a credit
    assert syndicated_from("The mayor said (in Tripoli) - without giving figures - that two died.") is None


def test_a_copy_trimmed_for_length_is_still_a_copy():
    sentences = STORY.split(". ")
    trimmed = ". ".join(sentences[:-1]).replace("and that a search operation was under way", "and a search began")
    out = list(Deduper().run([doc("doc_a", STORY, "2024-03-01"), doc("doc_t", trimmed, "2024-03-02")]))
    assert links(out)[0]["doc_t"] == "doc_a"


def test_the_store_finds_near_copies_by_band_keys_without_holding_signatures(tmp_path):
    from eventledger.dedupe.index import band_keys
    from eventledger.ingest import StoreDeduper
    from eventledger.store import Store

    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    original, other = doc("doc_a", STORY, "2024-03-01"), doc("doc_b", OTHER, "2024-03-01")
    for d in (original, other):
        assert store.save_document(d, signature=minhash_signature(d.text))
    assert [r[0] for r in store.near_copy_candidates(band_keys(minhash_signature(STORY)))] == ["doc_a"]

    deduper = StoreDeduper.from_store(store)
    assert len(deduper.pending) == 0  # nothing of the store is loaded
    copy = doc("doc_c", STORY.replace("seven", "7"), "2024-03-02")
    deduper.check(copy)
    assert copy.duplicate_of == "doc_a" and len(deduper.pending) == 1
    deduper.stored(copy.id)
    assert len(deduper.pending) == 0

    # a copy published earlier than the stored one is the original: the stored one is relinked to it
    earlier = doc("doc_d", STORY.replace("seven", "7"), "2024-02-28")
    deduper.check(earlier)
    assert earlier.duplicate_of is None and earlier.meta["_relink"] == ["doc_a"]


def test_the_migration_fills_the_band_keys_of_documents_stored_before_it(tmp_path):
    import sqlite3

    from eventledger.store import Store

    path = tmp_path / "s.db"
    Store(f"sqlite:///{path}").save_document(doc("doc_a", STORY), signature=minhash_signature(STORY))
    with sqlite3.connect(path) as con:  # the store as revision 0006 left it
        before = con.execute("SELECT key, document_id FROM document_bands ORDER BY key").fetchall()
        con.execute("DROP TABLE document_bands")
        con.execute("DROP INDEX ix_reports_resolved_in")  # and without what 0008 added
        con.execute("ALTER TABLE reports DROP COLUMN resolved_in")
        con.execute("UPDATE alembic_version SET version_num = '0006'")
    Store(f"sqlite:///{path}")
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT key, document_id FROM document_bands ORDER BY key").fetchall() == before != []


SIGN_IN_WALL = (
    "Log in with your newsroom account\n\nWelcome back. Please log in\n\nWhy are we asking for this?\n\n"
    "By creating an account you accept our Terms of Use and our Privacy Policy.\n\n"
    "Already a subscriber? Log in below\n\nWe've sent a verification link to your inbox. Open it to finish "
    "setting up your account.\n\nThank you for signing up!\n\nCome back soon. "
    "Sign in to manage your account, pick your newsletters and turn on breaking news alerts."
)


def test_stories_whose_pages_share_only_a_sign_in_wall_are_not_copies(tmp_path):
    """Two headlines over the same account furniture: the cleaner drops the furniture, and copies are compared
    on what it kept, in one batch (Deduper) and against the store (StoreDeduper) alike."""
    import json

    from eventledger.export.jsonl import records
    from eventledger.ingest import ingest
    from eventledger.store import Store

    titles = ["Man shot dead outside corner store on Elm Street", "Two teens wounded in drive-by shooting downtown"]
    lines = [
        {"id": str(n), "title": t, "text": SIGN_IN_WALL, "published": f"2016-05-0{n + 1}"} for n, t in enumerate(titles)
    ]
    for runs in ([lines], [lines[:1], lines[1:]]):  # one batch; then one document per run, against the store
        store = Store(f"sqlite:///{tmp_path / f'{len(runs)}.db'}")
        for n, batch in enumerate(runs):
            path = tmp_path / f"{len(runs)}-{n}.jsonl"
            path.write_text("".join(json.dumps(x) + "\n" for x in batch))
            ingest([path], store=store, resolve=False)
        docs = list(records(store, "documents"))
        assert sorted(d["title"] for d in docs) == sorted(titles)
        assert [d["duplicate_of"] for d in docs] == [None, None]
        assert all(d["dropped"] and {x["kind"] for x in d["dropped"]} == {"account"} for d in docs)


def test_the_original_segment_is_in_the_original_document():
    """Same day, same text: the document with the smaller id is the original, and so is its segment, whatever the
    segment ids (a copy's segments are not extracted, so otherwise nobody would extract the story)."""
    a, b = doc("doc_a", STORY, "2024-03-01"), doc("doc_b", STORY, "2024-03-01")
    a.segments[0].id, b.segments[0].id = "seg_z", "seg_y"  # the copy's segment sorts first
    d, s = links(list(Deduper().run([b, a])))
    assert d == {"doc_a": None, "doc_b": "doc_a"} and s == {"seg_z": None, "seg_y": "seg_z"}


def test_a_check_reads_only_the_candidates_sharing_most_band_keys(tmp_path):
    """A templated feed shares a band or two with many stored items: the check compares with the `limit`
    documents sharing the most band keys, and the true copy is among them."""
    from eventledger.dedupe.index import band_keys
    from eventledger.store import Store

    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    words = STORY.split()
    for n in range(8):  # each a little further from the story: the n-th has n * 8 words changed
        text = " ".join(w if k % 13 or k // 13 >= n * 2 else f"other{k}" for k, w in enumerate(words))
        store.save_document(doc(f"doc_{n}", text, "2024-03-01"), signature=minhash_signature(text))
    got = [r[0] for r in store.near_copy_candidates(band_keys(minhash_signature(STORY)), limit=3)]
    assert len(got) == 3 and "doc_0" in got
