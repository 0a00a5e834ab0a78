"""The optional learned relevance filter, on tiny corpora written for these tests."""

import json

import pytest

from eventledger.extract.relevance import RelevanceModel, features, muc4_examples

RELEVANT = [
    "gunmen attacked the bus and killed four passengers",
    "a car bomb exploded near the police station",
    "rebels kidnapped two engineers from the mine",
    "the gunmen killed the mayor outside his house",
]
OTHER = [
    "the minister met union leaders to discuss wages",
    "the football team won the cup final",
    "parliament approved the budget for next year",
    "the central bank kept interest rates unchanged",
]


@pytest.fixture(scope="module")
def model():
    m = RelevanceModel.train(RELEVANT + OTHER, [True] * 4 + [False] * 4, min_df=1)
    m.threshold = 0.5  # eight training texts give soft scores; the mechanism is what is tested here
    return m


def test_features_are_words_and_word_pairs():
    f = features("Gunmen killed two. Gunmen fled")
    assert f["gunmen"] == 2 and f["gunmen killed"] == 1 and f["two gunmen"] == 1


def test_learns_which_documents_report_an_incident(model):
    hit, p_hit = model.relevant("gunmen killed two guards at the station")
    miss, p_miss = model.relevant("the minister discussed the budget with the bank")
    assert hit and not miss and p_hit > 0.5 > p_miss


def test_round_trip_keeps_scores(model, tmp_path):
    path = tmp_path / "m.json"
    model.save(path)
    again = RelevanceModel.load(path)
    texts = ["a bomb exploded", "the cup final"]
    assert again.scores(texts) == pytest.approx(model.scores(texts), abs=1e-5)
    assert again.about["documents"] == 8 and again.threshold == model.threshold


def test_bad_inputs_are_refused(tmp_path):
    with pytest.raises(ValueError, match="relevant and irrelevant"):
        RelevanceModel.train(["a", "b"], [True, True])
    (tmp_path / "x.json").write_text('{"format": "other"}')
    with pytest.raises(ValueError, match="not a relevance model"):
        RelevanceModel.load(tmp_path / "x.json")
    assert model_scores_empty()


def model_scores_empty():
    m = RelevanceModel.train(RELEVANT + OTHER, [True] * 4 + [False] * 4, min_df=1)
    return m.scores([]) == []


def test_muc4_labels_come_from_templates(tmp_path):
    p = tmp_path / "t.json"
    p.write_text(
        "\n".join(
            json.dumps(d)
            for d in [
                {"docid": "a", "doctext": "x", "templates": [{}]},
                {"docid": "b", "doctext": "y", "templates": []},
            ]
        )
    )
    assert muc4_examples(p) == (["x", "y"], [True, False])


def test_extractor_drops_reports_of_irrelevant_documents(model):
    from eventledger.extract import Extractor, extract_text

    text = "The football team won the cup final. Fans said the defence killed the game."
    plain = extract_text(text)
    filtered = extract_text(text, extractor=Extractor(relevance=model))
    assert plain.reports and filtered.reports == []
    assert 0 <= filtered.meta["relevance"] < model.threshold
