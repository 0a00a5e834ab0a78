"""HTML extraction, encodings without a declared charset, and the date and id helpers."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.read import Reader, extract_html
from eventledger.read.common import parse_date
from eventledger.read.decode import decode
from eventledger.read.markup import html_to_text

ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article-extraction"
RU = "Вечером в пятницу вооружённые люди открыли огонь в концертном зале. Следователи сообщили о погибших."
FR = "L'attaque a eu lieu près de la gare. Les secours sont arrivés très vite, a déclaré le préfet."
ES = "El ataque ocurrió cerca de la estación. Según la policía, murieron dos niños y un señor mayor."


@pytest.mark.parametrize(
    ("text", "codec"), [(RU, "cp1251"), (FR, "latin-1"), (ES, "latin-1"), (FR, "utf-8-sig"), (RU, "utf-16")]
)
def test_text_without_declared_charset_decodes_right(tmp_path, text, codec):
    p = tmp_path / "note.txt"
    p.write_bytes(text.encode(codec))
    [doc] = Reader().run([p])
    assert doc.text == text


def _page(body: str, *, head: str = "") -> str:
    paragraphs = "".join(f"<p>{body} ({n})</p>" for n in range(3))
    return f"<html><head>{head}<title>{body[:30]}</title></head><body><article>{paragraphs}</article></body></html>"


@pytest.mark.parametrize(
    ("text", "codec", "head"),
    [
        (RU, "cp1251", ""),
        (RU, "cp1251", '<meta charset="windows-1251">'),
        (RU, "koi8-r", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'),
        (ES, "latin-1", '<meta charset="iso-8859-1">'),
        (FR, "latin-1", ""),
    ],
)
def test_html_charset_declared_or_detected(tmp_path, text, codec, head):
    p = tmp_path / "page.html"
    p.write_bytes(_page(text, head=head).encode(codec))
    [doc] = Reader().run([p])
    assert text in doc.text


def test_meta_charset_wins_over_a_guess():
    # bytes that are valid cp1252 and cp1251 alike: only the declaration can say which
    raw = _page(RU, head='<meta charset="windows-1251">').encode("cp1251")
    assert RU in extract_html(raw).text
    assert decode(raw, declared="cp1252")[1] == "cp1252"


def test_extract_html_fields_and_title_placement(tmp_path):
    html = (
        "<html><head><title>Mortar fire hits Goma camp</title>"
        '<meta name="author" content="Field Desk"><meta property="og:site_name" content="Kivu Example">'
        '<meta name="date" content="2024-05-03"></head><body><article>'
        "<p>Shells landed on a camp for displaced people near Goma on Friday, local officials said.</p>"
        "<p>The army and the M23 rebels accused each other of firing the rounds into the camp.</p>"
        "</article></body></html>"
    )
    page = extract_html(html, url="https://example.org/goma")
    assert page.title == "Mortar fire hits Goma camp" and page.author == "Field Desk"
    assert page.sitename == "Kivu Example" and page.date.value == "2024-05-03"
    assert page.text.startswith("Shells landed")  # main text only; the Document adds the title
    p = tmp_path / "goma.html"
    p.write_text(html)
    [doc] = Reader().run([p])
    assert doc.text.startswith("Mortar fire hits Goma camp\n\nShells landed") and doc.title == page.title


def test_scripts_and_handlers_never_reach_text():
    html = (
        '<html><head><script>var leak="SCRIPTLEAK";</script></head><body onload="ONLOADLEAK()">'
        '<article><p onmouseover="HANDLERLEAK()">Two soldiers were killed when their vehicle hit a mine '
        "near the border town, the ministry said in a statement on Sunday.</p><script>SCRIPTLEAK2()</script>"
        "<noscript>NOSCRIPTLEAK</noscript><p>A third soldier was taken to hospital with serious burns "
        "after the blast, according to the same statement.</p></article></body></html>"
    )
    text = extract_html(html).text
    assert "mine" in text
    assert not any(leak in text for leak in ("SCRIPTLEAK", "ONLOADLEAK", "HANDLERLEAK", "NOSCRIPTLEAK"))
    fragment = html_to_text("<p>Shots fired.</p><script>SCRIPTLEAK()</script><p>Two hurt.<br>One fled.</p>")
    assert fragment == "Shots fired.\n\nTwo hurt.\nOne fled."


def test_html_with_no_text_is_quarantined(tmp_path):
    p = tmp_path / "shell.html"
    p.write_text("<!DOCTYPE html><html><head><script>app()</script></head><body><div id=root></div></body></html>")
    [q] = Reader().run([p])
    assert q.reason.startswith("HTML has no extractable text")


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2024", "2024", "year"),
        ("2024-03", "2024-03", "month"),
        ("2024-03-22", "2024-03-22", "day"),
        ("2024-03-22T18:05:00Z", "2024-03-22T18:05:00", "second"),
        ("2024-03-22T21:05:00+03:00", "2024-03-22T18:05:00", "second"),
        ("Fri, 22 Mar 2024 18:05:00 GMT", "2024-03-22T18:05:00", "second"),
        ("22 March 2024", "2024-03-22", "day"),
        ("March 2024", "2024-03", "month"),
        (1711130700, "2024-03-22T18:05:00", "second"),
        ("not a date at all", None, "unresolved"),
        (None, None, None),
    ],
)
def test_parse_date_keeps_precision(raw, value, precision):
    d = parse_date(raw)
    assert (d.value, d.precision) == (value, precision)


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(min_value=-12, max_value=14),
)
def test_parse_date_round_trips_iso_times(dt, offset):
    aware = dt.replace(microsecond=0, tzinfo=timezone(timedelta(hours=offset)))
    d = parse_date(aware.isoformat())
    assert d.precision == "second"
    assert d.value == aware.astimezone(timezone.utc).replace(tzinfo=None).isoformat()


@given(st.dates(min_value=datetime(1900, 1, 1).date()))
def test_parse_date_days(day):
    assert parse_date(day.isoformat()).value == day.isoformat()


@pytest.mark.slow
@pytest.mark.floors
def test_article_extraction_f1_at_least_plain_trafilatura():
    """Main-text word-shingle F1 on the Scrapinghub pages: at least plain trafilatura's, measured here."""
    if not (ARTICLES / "ground-truth.json").is_file():
        pytest.skip("../shared/data/article-extraction is not here")
    import trafilatura

    from eventledger.eval import shingles

    truth = json.loads((ARTICLES / "ground-truth.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256("".join(sorted(truth)).encode()).hexdigest()[:12]
    ours, plain = [], []
    for key in sorted(truth):
        html = gzip.decompress((ARTICLES / "html" / f"{key}.html.gz").read_bytes())
        ours.append(shingles.tp_fp_fn(truth[key]["articleBody"], extract_html(html, url=truth[key].get("url")).text))
        plain.append(shingles.tp_fp_fn(truth[key]["articleBody"], trafilatura.extract(html) or ""))
    assert len(ours) == 181, f"the page set changed ({digest}); re-measure before trusting the floor"
    assert shingles.aggregate(ours)["f1"] >= shingles.aggregate(plain)["f1"]


@given(st.text(max_size=300))
def test_utf8_always_decodes_to_itself(text):
    # a text that itself opens with U+FEFF is byte for byte a BOM plus the rest; every decoder reads it so
    if not text.startswith("\ufeff"):
        assert decode(text.encode("utf-8"))[0] == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text
