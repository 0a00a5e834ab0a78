"""Related events: an arrest told with its attack links the two events (resolve/related.py), never merges them."""

from eventledger.records import Event
from eventledger.resolve.related import link_related


def test_follow_up_links_both_ways():
    events = [Event(id="evt-attack"), Event(id="evt-arrest"), Event(id="evt-other")]
    reports = {
        "rep-a": {"id": "rep-a"},
        "rep-b": {"id": "rep-b", "follows": "rep-a"},
        "rep-c": {"id": "rep-c", "follows": None},
    }
    link_related(events, reports, {"rep-a": "evt-attack", "rep-b": "evt-arrest", "rep-c": "evt-other"})
    attack, arrest, other = events
    assert arrest.related == [{"event": "evt-attack", "relation": "follows", "reports": ["rep-b"]}]
    assert attack.related == [{"event": "evt-arrest", "relation": "followed-by", "reports": ["rep-b"]}]
    assert other.related == []
    assert attack.to_dict()["related"] == attack.related  # part of the export shape


def test_follow_up_in_the_same_event_links_nothing():
    events = [Event(id="evt-1")]
    link_related(events, {"rep-a": {}, "rep-b": {"follows": "rep-a"}}, {"rep-a": "evt-1", "rep-b": "evt-1"})
    assert events[0].related == []


def test_parent_not_in_any_event_links_nothing():
    events = [Event(id="evt-1")]
    link_related(events, {"rep-b": {"follows": "rep-gone"}}, {"rep-b": "evt-1"})
    assert events[0].related == []


def test_follow_up_of_a_headline_in_no_event_follows_the_attack_told_in_its_own_sentence():
    """An arrest that follows its page's headline, which joined no event (a country and no day: too little to found
    one), is linked to the attack its own sentence tells; a sentence telling two events' attacks links none."""
    events = [Event(id="evt-raid"), Event(id="evt-arrest"), Event(id="evt-other")]
    said = {"segment": "seg-1", "evidence": {"start": 40}}
    reports = {
        "rep-headline": {"segment": "seg-1", "evidence": {"start": 0}, "meta": {"family": "attack"}},
        "rep-raid": {**said, "meta": {"family": "attack"}},
        "rep-arrest": {**said, "follows": "rep-headline", "meta": {"family": "arrest"}},
    }
    event_of = {"rep-raid": "evt-raid", "rep-arrest": "evt-arrest"}
    link_related(events, reports, event_of)
    assert events[1].related == [{"event": "evt-raid", "relation": "follows", "reports": ["rep-arrest"]}]
    assert events[0].related == [{"event": "evt-arrest", "relation": "followed-by", "reports": ["rep-arrest"]}]

    events = [Event(id="evt-raid"), Event(id="evt-arrest"), Event(id="evt-other")]
    reports["rep-other"] = {
        "segment": "seg-1",
        "evidence": {"start": 90},
        "meta": {"family": "attack", "told_in": [{"start": 40}]},
    }
    link_related(events, reports, {**event_of, "rep-other": "evt-other"})
    assert all(e.related == [] for e in events)
