"""Sentence spans before parsing (extract/text.py)."""

import pytest

from eventledger.extract.text import sentence_spans


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_paragraphs_glued_by_a_scrape_are_two_sentences():
    # issue 17: "ran away.Rivas's mother" made one sentence of two, and its people were counted as one group
    assert _sentences("The two men ran away.Rivas's mother pulled over.") == [
        "The two men ran away.",
        "Rivas's mother pulled over.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He lives in St.Louis now.",
        "The U.S.Army base was shut.",
        "See WRAL.com for more.",
        "Mr.Smith said so.",
        "Officer J.P. Cole was shot.",  # issue 17: initials cut the name off its verb
        "Boxer Ray “T.J.” Dunmore died early Saturday.",
    ],
)
def test_a_stop_inside_a_name_ends_nothing(text):
    assert _sentences(text) == [text]


def test_a_stop_before_a_lowercase_word_is_an_abbreviations():
    # "Ga." before "teen": no sentence opens in lowercase; text wholly in lowercase keeps its stops
    assert _sentences("A Marietta, Ga. teen was hurt. He lives.") == ["A Marietta, Ga. teen was hurt.", "He lives."]
