"""WikiEvents/RAMS plumbing: detokenisation with an offset map, head words, per-document scoring."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.eval import kairos
from eventledger.eval.detok import detokenize, gaps_from_offsets
from eventledger.eval.mappings import Mappings


def test_detokenize_by_rules_keeps_every_token_at_its_span():
    d = detokenize(
        [["Gunmen", "killed", "3", "people", "(", "police", "said", ")", "."], ["It", "'s", "over", "."]],
        sentence_sep=" ",
    )
    assert d.text == "Gunmen killed 3 people (police said). It's over."
    assert d.text[slice(*d.spans[5])] == "police"
    assert d.sentence_of(d.text.index("over")) == 1


def test_detokenize_with_source_gaps():
    sents = [[("Deir", 0, 4), ("ez", 5, 7), ("-", 7, 8), ("Zor", 8, 11)]]
    d = detokenize([[t[0] for t in s] for s in sents], gaps=gaps_from_offsets(sents))
    assert d.text == "Deir ez-Zor"


@given(
    st.lists(
        st.lists(st.sampled_from(["a", "bomb", ",", ".", "(", ")", '"', "'s", "$", "5"]), min_size=1, max_size=8),
        min_size=1,
        max_size=4,
    )
)
def test_detokenize_spans_always_point_at_their_tokens(sents):
    d = detokenize(sents)
    flat = [t for s in sents for t in s]
    assert [d.text[s:e] for s, e in d.spans] == flat


def _wiki_file(tmp_path):
    toks = [
        ("Militants", 0, 9),
        ("attacked", 10, 18),
        ("a", 19, 20),
        ("police", 21, 27),
        ("post", 28, 32),
        ("in", 33, 35),
        ("Kandahar", 36, 44),
        (".", 44, 45),
    ]
    toks2 = [("Two", 46, 49), ("officers", 50, 58), ("died", 59, 63), (".", 63, 64)]
    doc = {
        "doc_id": "w1",
        "tokens": [t[0] for t in toks + toks2],
        "text": "",
        "sentences": [[toks, ""], [toks2, ""]],
        "entity_mentions": [
            {"id": "T1", "start": 0, "end": 1, "text": "Militants"},
            {"id": "T2", "start": 2, "end": 5, "text": "a police post"},
            {"id": "T3", "start": 6, "end": 7, "text": "Kandahar"},
            {"id": "T4", "start": 8, "end": 10, "text": "Two officers"},
        ],
        "relation_mentions": [],
        "event_mentions": [
            {
                "id": "E1",
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "sent_idx": 0},
                "arguments": [
                    {"entity_id": "T1", "role": "Attacker"},
                    {"entity_id": "T2", "role": "Target"},
                    {"entity_id": "T3", "role": "Place"},
                ],
            },
            {
                "id": "E2",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 10, "end": 11, "sent_idx": 1},
                "arguments": [{"entity_id": "T4", "role": "Victim"}],
            },
            {
                "id": "E3",
                "event_type": "Contact.Contact.Broadcast",
                "trigger": {"start": 1, "end": 2, "sent_idx": 0},
                "arguments": [],
            },
        ],
    }
    p = tmp_path / "dev.jsonl"
    p.write_text(json.dumps(doc) + "\n")
    return p


@pytest.fixture(scope="module")
def heads():
    return kairos.HeadFinder()


def test_wikievents_scoring_on_a_hand_document(tmp_path, heads):
    m = Mappings.load()
    (doc,) = kairos.load_wikievents(_wiki_file(tmp_path), m)
    text = doc.detok.text
    assert text == "Militants attacked a police post in Kandahar.\nTwo officers died."
    assert [e.coarse for e in doc.events] == ["attack", "death", None]

    def span(s):
        i = text.index(s)
        return {"text": s, "start": i, "end": i + len(s)}

    sent0 = {"start": 0, "end": 45, "text": text[:45]}
    reports = [
        {
            "type": "attack",
            "evidence": sent0,
            "perpetrator_orgs": [span("Militants")],
            "targets": [span("police post")],
            "victims": [span("Kandahar")],  # wrong role on purpose
            "place": {"evidence": span("Kandahar")},
            "counts": {"killed": [{"value": 2}]},
        }
    ]
    per = kairos.score_doc(doc, reports, heads.parse(text), m, by_sentence=True)
    # gold args (role, head): (Attacker, militants), (Target, post), (Place, kandahar), (Victim, officers)
    # predicted: (Attacker, militants), (Target, post), (Victim, kandahar), (Place, kandahar)
    # hits 3 -> P 3/4, R 3/4
    a = per["arguments"]
    assert (a.p_num, a.p_den, a.r_den) == (3, 4, 4)
    assert per["arguments.Victim"].f1 == 0.0
    # sentences: gold {(0, attack), (1, death)}; predicted {(0, attack), (0, death)} (death from the count)
    s = per["events.sentence"]
    assert (s.p_num, s.p_den, s.r_den) == (1, 2, 2)
    # documents: gold {attack, death}; predicted {attack, death}
    assert per["events.document"].f1 == 1.0


def test_rams_roles_and_types(tmp_path):
    m = Mappings.load()
    row = {
        "doc_key": "r1",
        "sentences": [["A", "bomb", "killed", "five", "soldiers", "in", "Mosul", "."]],
        "evt_triggers": [[2, 2, [["life.die.deathcausedbyviolentevents", 1.0]]]],
        "gold_evt_links": [
            [[2, 2], [1, 1], "evt001arg02instrument"],
            [[2, 2], [3, 4], "evt001arg01victim"],
            [[2, 2], [6, 6], "evt001arg03place"],
        ],
        "ent_spans": [],
        "rel_triggers": [],
        "gold_rel_links": [],
        "source_url": "",
        "split": "dev",
        "language_id": "eng",
    }
    p = tmp_path / "dev.jsonlines"
    p.write_text(json.dumps(row) + "\n")
    (doc,) = kairos.load_rams(p, m)
    assert doc.detok.text == "A bomb killed five soldiers in Mosul."
    ev = doc.events[0]
    assert ev.coarse == "death"
    assert [(r, doc.detok.text[s:e]) for r, s, e in ev.args] == [
        ("Instrument", "bomb"),
        ("Victim", "five soldiers"),
        ("Place", "Mosul"),
    ]


def test_out_of_scope_types_are_not_scored():
    m = Mappings.load()
    assert m.coarse("life.die.nonviolentdeath") is None
    assert m.coarse("conflict.attack.bombing") == "attack"
    assert m.coarse("Justice.ArrestJailDetain.Unspecified") == "arrest"
    assert m.report_classes({"type": "arrest", "counts": {}}) == {"arrest"}
    assert m.report_classes({"type": "bombing", "counts": {"injured": [{"value": 0}]}}) == {"attack"}
