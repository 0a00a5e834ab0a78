"""Place policy over whole articles: the document's context decides which of several places of one name."""

from __future__ import annotations

import pytest

from eventledger.extract import extract_text
from eventledger.records import DateValue

PUBLISHED = DateValue("2016-07-19", "day")


@pytest.mark.parametrize(
    "text, city, admin1",
    [
        (
            "Man killed in Smyrna shooting\n\nSMYRNA, Tenn. -- A man was shot and killed early Sunday.",
            "Smyrna",
            "Tennessee",
        ),
        (
            "Two shot in Brookhaven\n\nTwo men were shot Saturday night in Brookhaven, Miss., police said.",
            "Brookhaven",
            "Mississippi",
        ),
        # the state named elsewhere in the article decides ("Brookhaven" alone is the bigger one, in Georgia)
        (
            "A man was shot and killed Saturday in Brookhaven. The Mississippi Bureau of Investigation is helping.",
            "Brookhaven",
            "Mississippi",
        ),
    ],
)
def test_the_state_the_article_names_decides(text, city, admin1):
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.city, r.place.admin1) == (city, admin1) for r in attacks)


def test_a_street_named_after_a_state_is_not_the_state():
    doc = extract_text(
        "Police identify Maryland Drive murder victims\n\nALBANY, Ga. -- Two men were shot and "
        "killed Saturday at a home on Maryland Drive.",
        published=PUBLISHED,
    )
    places = {(r.place.name, r.place.admin1) for r in doc.reports if r.meta.get("family") == "attack"}
    assert places == {("Albany", "Georgia")}


def test_a_headline_without_a_place_takes_the_place_below():
    doc = extract_text(
        "Shooting Leaves Two Injured\n\nA gunman opened fire, sending two people to the hospital."
        "\n\nThe shooting happened Thursday night in the 1300 block of South Arago Street in Peoria, "
        "Illinois.",
        published=PUBLISHED,
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Shooting Leaves"))
    assert (head.place.city, head.place.admin1) == ("Peoria", "Illinois")
