"""Sources read from what the text says about itself (issue 17): "Outlet - " and "Outlet — " leads, bylines
with "·", a masthead over the date line, a post's poster, the URL host; none only when nothing names one.
Texts written for these tests."""

from eventledger.clean.posts import BYLINE, outlet_prefix
from eventledger.read.common import url_host
from eventledger.read.scraped import article


def test_outlet_lead_with_a_dash():
    text = (
        "Lakeside Courier — Officials in the northern province said on Monday that the number of people killed "
        "in the weekend attack had risen."
    )
    assert outlet_prefix(text, frozenset()) == (len("Lakeside Courier — "), "Lakeside Courier")


def test_a_capitalised_dateline_is_no_outlet():
    assert (
        outlet_prefix(
            "KANO - Gunmen killed six people at a market on Monday, officials said, adding that more were missing.",
            frozenset(),
        )
        is None
    )


def test_byline_with_middle_dots_names_the_outlet_not_the_date():
    m = BYLINE.fullmatch("By Ana Ruiz · Lakeside Courier · 4 May 2024 · 3 min read")
    assert (m["name"], m["outlet"].strip()) == ("Ana Ruiz", "Lakeside Courier")


def test_url_host_is_the_source_of_last_resort():
    assert url_host("http://www.example-news.com:80/2015/01/a.html") == "example-news.com"
    assert url_host("not a url") is None
    doc = article({"url": "https://www.example-news.com/x", "title": "T", "text": "Body."}, path="x.jsonl")
    assert doc.source == "example-news.com"
    doc = article(
        {"url": "https://www.example-news.com/x", "title": "T", "text": "Body.", "source": "Example"}, path="x.jsonl"
    )
    assert doc.source == "Example"


def test_a_masthead_over_the_date_line_is_the_source():
    from eventledger.clean import Cleaner
    from eventledger.read.reader import read_content

    text = (
        "Flood of gunfire leaves three dead at river market\n\nLakeside Courier\nMonday 6 May 2024\n\n"
        "Three people were killed when gunmen opened fire at the river market on Sunday, police said.\n"
    )
    [doc] = list(read_content(text.encode(), path="a.txt"))
    doc = Cleaner().clean(doc)
    assert [s.source for s in doc.segments if s.kind == "article"] == ["Lakeside Courier"]
