"""Where a page names its source (issue 17 item 6): a byline run into the text, the copyright line of the page,
the outlet of the one article a comment sits under. Texts written for these tests."""

from eventledger.clean import Cleaner
from eventledger.clean.posts import byline_prefix, copyright_holder
from eventledger.ids import make_id
from eventledger.records import Document


def test_a_byline_run_into_the_text_names_author_and_outlet():
    got = byline_prefix("By Irina Valko, Northgate Post — A Moscow court on Sunday ordered four men held.")
    assert got is not None and got[1:] == ("Irina Valko", "Northgate Post")
    assert byline_prefix("By Sunday night, police had arrested four men — all of them migrants.") is None


def test_a_copyright_line_names_the_publisher():
    assert copyright_holder("© Afghan Online Press") == "Afghan Online Press"
    assert copyright_holder("Copyright © 2024 Conflict Desk Digest. All rights reserved.") == "Conflict Desk Digest"
    assert copyright_holder("© 2024 all rights reserved") is None


def _clean(text):
    doc = Document(id=make_id("doc", text), path="page.txt", kind="article", content=text.encode(), text=text)
    return Cleaner().clean(doc)


def test_a_page_without_outlet_lines_has_its_copyright_holder_as_source():
    text = (
        "Gunmen kill four at a market in Kano\n\n"
        "Gunmen killed four people at a market in Kano on Monday, police said. The attackers fled on motorbikes "
        "before troops arrived, and no group has claimed the attack so far.\n\n"
        "Residents said the market had been attacked twice before this year.\n\n"
        "© Sahel Daily Wire\n"
    )
    assert _clean(text).source == "Sahel Daily Wire"
