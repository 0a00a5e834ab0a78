"""Incremental resolution: new reports re-open only the stored events they can change, and the store ends as
a whole re-resolution would leave it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.export.jsonl import records
from eventledger.ingest import ingest, resolve_store
from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.incremental import StoredSpan, reopened
from eventledger.store import Store

CFG = ResolveConfig.load()


def report(
    rid: str, day: str | None, *, country: str = "US", proceeding: bool = False, at: tuple | None = None
) -> dict:
    place = {"name": "Springvale", "city": "Springvale", "country": country, "precision": "city"}
    if at:
        place |= {"lat": at[0], "lon": at[1]}
    return {
        "id": rid,
        "document": f"d{rid}",
        "segment": f"s{rid}",
        "type": "armed assault",
        "date": {"value": day, "precision": "day", "text": "on Monday"} if day else None,
        "place": place,
        "meta": {"proceeding": True} if proceeding else {},
    }


def span(
    event: str, day: str | None, country: str | None = "US", published: str | None = None, at: tuple | None = None
) -> StoredSpan:
    return StoredSpan(
        event,
        {"value": day, "precision": "day"} if day else {"value": None, "precision": None},
        {"value": published, "precision": "day"} if published else None,
        country,
        at,
    )


def test_new_report_reopens_events_within_its_windows_only():
    stored = [span("near", "2024-03-12"), span("far", "2023-01-01"), span("late", "2024-07-30")]
    got = reopened([report("n1", "2024-03-10")], {}, stored, CFG, 30)
    assert got == {"near"}


def test_publication_date_counts_as_a_day_the_event_reaches():
    # the stored report states an old date, but its page was published within the new report's window
    stored = [span("told-late", "2023-06-01", published="2024-03-11")]
    assert reopened([report("n1", "2024-03-10")], {}, stored, CFG, 30) == {"told-late"}


def test_trial_story_looks_back_years_in_its_own_country_only():
    stored = [
        span("home", "2022-05-01"),
        span("abroad", "2022-05-01", country="NG"),
        span("nowhere", "2022-05-01", None),
    ]
    trial = report("t1", "2024-03-10", proceeding=True)
    assert reopened([trial], {}, stored, CFG, 30) == {"home", "nowhere"}
    assert reopened([report("n1", "2024-03-10")], {}, stored, CFG, 30) == set()


def test_trial_story_with_a_place_looks_back_near_it():
    stored = [span("close", "2022-05-01", at=(40.5, -80.0)), span("distant", "2022-05-01", at=(33.0, -97.0))]
    trial = report("t1", "2024-03-10", proceeding=True, at=(40.1, -79.8))
    assert reopened([trial], {}, stored, CFG, 30) == {"close"}


def test_a_report_dated_by_nothing_reopens_everything():
    assert reopened([report("n1", None)], {}, [span("e", "2024-03-12")], CFG, 30) is None
    # ... but its publication date is enough to place it
    ctx = {"n1": {"published": {"value": "2024-03-13", "precision": "day"}}}
    assert reopened([report("n1", None)], ctx, [span("e", "2024-03-12")], CFG, 30) == {"e"}


def story(folder: Path, name: str, town: str, day: str, killed: int, *, second: bool = False) -> Path:
    p = folder / f"{name}.txt"
    if second:  # another outlet's words on the same attack
        text = (
            f"{killed} dead after market attack in {town}\n\n"
            f"Armed men stormed the main market of {town}, Nigeria, on {day} and shot dead {killed} traders, "
            f"a local official told reporters. Shops stayed closed the next day.\n"
        )
    else:
        text = (
            f"Gunmen kill {killed} in {town}\n\n"
            f"Gunmen opened fire on a market in {town}, Nigeria, on {day}, killing {killed} people, police said. "
            f"Witnesses said the attackers fled on motorcycles.\n"
        )
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def inbox(tmp_path) -> tuple[Path, str]:
    """A folder for the stories and the URL of a new store."""
    src = tmp_path / "in"
    src.mkdir()
    return src, f"sqlite:///{tmp_path / 'store.db'}"


def _groups(url: str) -> set[frozenset[str]]:
    s = Store(url)
    try:
        return {frozenset(r["id"] for r in e["reports"]) for e in records(s, "events")}
    finally:
        s.close()


def test_ingest_resolves_only_what_the_new_reports_touch_and_agrees_with_a_whole_resolution(inbox):
    src, url = inbox
    first = [story(src, "a", "Kano", "March 4, 2024", 12), story(src, "b", "Gao", "August 20, 2023", 5)]
    ingest(first, db=url, on_error=lambda q: None)
    s = Store(url)
    before = s.updated_times()
    assert s.unresolved_reports() == []
    s.close()
    later = story(src, "c", "Kano", "March 4, 2024", 12, second=True)  # a second source on the Kano attack
    ingest([later], db=url, on_error=lambda q: None)
    s = Store(url)
    after = s.updated_times()
    gao = next(e["id"] for e in records(s, "events") if "Gao" in str(e.get("place")))
    kano = next(e for e in records(s, "events") if "Kano" in str(e.get("place")))
    assert after[gao] == before[gao]  # not re-opened: months away
    assert len(kano["reports"]) >= 2 and len({r["document"] for r in kano["reports"]}) == 2
    incremental = _groups(url)
    resolve_store(s)  # the whole store again
    s.close()
    assert _groups(url) == incremental


def test_reports_of_a_store_made_before_incremental_resolution_count_as_resolved(inbox, tmp_path):
    import sqlite3

    src, _ = inbox
    path = tmp_path / "old.db"
    ingest([story(src, "a", "Kano", "March 4, 2024", 12)], db=f"sqlite:///{path}", on_error=lambda q: None)
    with sqlite3.connect(path) as con:  # the store as revision 0007 left it
        con.execute("DROP INDEX ix_reports_resolved_in")
        con.execute("ALTER TABLE reports DROP COLUMN resolved_in")
        con.execute("UPDATE alembic_version SET version_num = '0007'")
    s = Store(f"sqlite:///{path}")
    try:
        assert s.reports() and s.unresolved_reports() == []
    finally:
        s.close()


@pytest.mark.parametrize(
    "old, new",
    [
        (  # a person named again (name and age)
            "Woman shot dead in Kano\n\nAmina Bello, 23, was shot dead outside a shop in Kano, Nigeria, on March 4, "
            "2024, police said. No arrest has been made.\n",
            "Man jailed over Kano killing\n\nA man was jailed for life on Tuesday, June 2, 2026, for the killing of "
            "Amina Bello, 23, in Kano, a court heard.\n",
        ),
        (  # a street named again
            "Man shot dead in Kano\n\nA man was shot dead outside a shop on Tarvel Road in Kano, Nigeria, on March 4, "
            "2024, police said. No arrest has been made.\n",
            "Man jailed over Kano killing\n\nA man was jailed for life on Tuesday, June 2, 2026, for the killing on "
            "Tarvel Road in Kano, a court heard.\n",
        ),
    ],
    ids=["person", "street"],
)
def test_a_new_story_naming_a_person_or_street_reopens_the_old_story_of_it(inbox, old, new):
    from eventledger.ingest import _namesakes

    src, url = inbox
    (src / "old.txt").write_text(old, encoding="utf-8")
    ingest([src / "old.txt"], db=url, on_error=lambda q: None)
    (src / "new.txt").write_text(new, encoding="utf-8")
    ingest([src / "new.txt"], db=url, resolve=False, on_error=lambda q: None)
    s = Store(url)
    try:
        old_events = {e["id"] for e in records(s, "events")}
        assert old_events and _namesakes(s, s.report_contexts(s.unresolved_reports())) == old_events
    finally:
        s.close()


def test_a_stored_report_in_no_event_is_reopened_by_a_later_story_near_it(inbox):
    """A report that founds no event (told only in a reaction) is stored in none; a story of days around it re-opens
    it with the events, so that it may join the one the story brings (as a whole re-resolution would)."""
    from eventledger.ingest import _reopened

    src, url = inbox
    said = src / "reaction.txt"
    said.write_text("Governor condemns market attack\n\nThe governor condemned the attack and called for calm.\n")
    ingest([story(src, "b", "Gao", "August 20, 2023", 5)], db=url, on_error=lambda q: None)  # events exist
    gao = _groups(url)
    ingest([said], db=url, on_error=lambda q: None)
    s = Store(url)
    try:
        first = {r["id"] for r in s.reports()} - set().union(*gao)
        assert first and _groups(url) == gao
        assert {row[0] for row in s.unheld_spans()} == first
        ingest([story(src, "a", "Kano", "March 4, 2024", 12)], db=url, on_error=lambda q: None, resolve=False)
        assert first <= _reopened(s).reports
    finally:
        s.close()
