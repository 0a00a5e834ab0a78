"""The HTML page model: threads found by structure, article comments, metadata, pages with no text."""

from __future__ import annotations

import json

import pytest

from eventledger.clean.dom import Sizes, parse, text_of
from eventledger.clean.htmlmeta import read_meta
from eventledger.clean.htmlpage import PageReader
from eventledger.clean.threads import ThreadFinder
from eventledger.read.html import NO_TEXT, html_document
from eventledger.read.reader import read_content

LONG = (
    "The checkpoint on the northern road was attacked before dawn and the fighting lasted for two hours, "
    "according to residents who spoke to the local radio station later that morning. "
)


def _post(i: int, user: str, day: int, score: int, text: str, *, reply: str = "") -> str:
    return (
        f'<div class="post" id="post{i}"><div class="post-header"><a class="username" '
        f'href="/members/{user}.{i}/">{user}</a>'
        f'<time datetime="2024-05-{day:02d}T10:00:00Z">May {day}, 2024</time></div>'
        f'<div class="vote-count">{score}</div>'
        f'<div class="post-content"><p>{text}</p></div>'
        f'<div class="signature">Sent from my phone. Visit my blog for more!</div>{reply}</div>'
    )


FORUM = (
    "<html><head><title>Checkpoint attack near the border | Example Forum</title>"
    '<meta property="og:site_name" content="Example Forum"></head><body>'
    '<nav class="main-nav"><a href="/">Home</a> <a href="/forums/">Forums</a> <a href="/members/">Members</a></nav>'
    '<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>'
    '<h1>Checkpoint attack near the border</h1><div class="thread">'
    + _post(1, "farid", 3, 12, "Does anyone know what happened at the checkpoint last night? " + LONG)
    + _post(2, "lena", 3, 4, "Local radio says two guards were killed and three wounded. " + LONG)
    + _post(3, "omar", 4, -2, "The ministry statement blames a group from across the border. " + LONG)
    + _post(4, "nadia", 5, 0, "Roads to the border town are closed until further notice. " + LONG)
    + '</div><aside class="related-threads"><h3>Related threads</h3><ul>'
    '<li><a href="/t/1">Another attack on the same road last year</a></li>'
    '<li><a href="/t/2">Curfew extended in the district</a></li></ul></aside></body></html>'
)


def test_forum_page_becomes_a_thread_with_author_date_score_and_depth():
    # four repeated blocks with author and date, no schema.org type: enough to be a thread (MIN_UNDECLARED_POSTS)
    doc = html_document(FORUM.encode(), path="forum.html")
    assert doc.kind == "thread" and doc.meta["segmented"] and doc.meta["page_model"].startswith("thread")
    kinds = [s.kind for s in doc.segments]
    assert kinds == ["post", "comment", "comment", "comment"]
    op, first, second, _ = doc.segments
    assert op.text.startswith("Checkpoint attack near the border\n\nDoes anyone know")  # the title opens the post
    assert (first.author, first.date.value, first.score, first.depth, first.parent) == (
        "lena",
        "2024-05-03T10:00:00",
        4,
        1,
        op.id,
    )
    assert (second.author, second.score) == ("omar", -2)
    assert op.author == "farid" and op.depth == 0
    for s in doc.segments:
        assert doc.text[s.pieces[0].doc_start : s.pieces[0].doc_start + s.pieces[0].length] == s.text


def test_forum_furniture_is_dropped_and_recorded():
    doc = html_document(FORUM.encode(), path="forum.html")
    text = doc.text
    for furniture in ("Sent from my phone", "We use cookies", "Another attack on the same road", "Members"):
        assert furniture not in text
    kinds = {d.kind for d in doc.dropped}
    assert {"signature", "navigation", "cookie-banner", "related"} <= kinds
    assert all(d.chars > 0 and d.text for d in doc.dropped)


def test_nested_replies_take_depth_and_parent():
    nested = FORUM.replace(
        _post(3, "omar", 4, -2, "The ministry statement blames a group from across the border. " + LONG), ""
    ).replace(
        _post(2, "lena", 3, 4, "Local radio says two guards were killed and three wounded. " + LONG),
        _post(
            2,
            "lena",
            3,
            4,
            "Local radio says two guards were killed and three wounded. " + LONG,
            reply=_post(3, "omar", 4, -2, "The ministry statement blames a group from across the border. " + LONG),
        ),
    )
    doc = html_document(nested.encode(), path="nested.html")
    op, lena, omar, _ = doc.segments
    assert (lena.depth, omar.depth) == (1, 2) and omar.parent == lena.id


SCHEMA_QA = (
    "<html><head><title>Why did the convoy stop?</title></head><body>"
    '<div class="question" itemscope itemtype="https://schema.org/Question">'
    '<div class="s-prose" itemprop="text"><p>Why did the aid convoy stop at the river crossing for two days? '
    + LONG
    + "</p></div>"
    '<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span '
    'itemprop="name">asker</span></span></div>'
    + "".join(
        f'<div class="answer" itemscope itemtype="https://schema.org/Answer"><meta itemprop="upvoteCount" '
        f'content="{n}">'
        f'<div class="s-prose" itemprop="text"><p>Answer {n}: the bridge was damaged by shelling. {LONG}</p></div>'
        f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span '
        f'itemprop="name">expert{n}</span></span>'
        f'<time itemprop="dateCreated" datetime="2023-02-0{n}T08:00:00Z">Feb {n}</time></div>'
        for n in (1, 2, 3)
    )
    + "</body></html>"
)


def test_schema_org_answers_and_the_question_apart_from_them_form_one_thread():
    doc = html_document(SCHEMA_QA.encode(), path="qa.html")
    assert doc.kind == "thread"
    assert [s.kind for s in doc.segments] == ["post", "comment", "comment", "comment"]
    assert "Why did the aid convoy stop" in doc.segments[0].text
    assert [s.author for s in doc.segments[1:]] == ["expert1", "expert2", "expert3"]
    assert [s.score for s in doc.segments[1:]] == [1, 2, 3]


ARTICLE = (
    "<html><head><title>Market blast kills four</title>"
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
    '"headline":"Market blast kills four","datePublished":"2024-03-02T09:00:00+05:00",'
    '"author":[{"@type":"Person","name":"Sara Khan"}],"publisher":{"@type":"Organization","name":"Daily '
    'Example"}}</script>'
    "</head><body><article><h1>Market blast kills four</h1>"
    + "".join(f"<p>Paragraph {i}. {LONG}</p>" for i in range(8))
    + '</article><section id="comments"><ol class="comment-list">'
    + "".join(
        f'<li class="comment"><span class="comment-author">reader{i}</span>'
        f'<time datetime="2024-03-02T1{i}:00:00Z">2 March</time>'
        f'<div class="comment-body"><p>Comment {i}: this is the third blast in the market this year, and nobody is '
        f"safe.</p></div></li>"
        for i in range(3)
    )
    + "</ol></section></body></html>"
)


def test_article_keeps_its_text_and_takes_comments_as_comment_segments():
    doc = html_document(ARTICLE.encode(), path="article.html")
    assert doc.kind == "article"
    assert [s.kind for s in doc.segments] == ["article", "comment", "comment", "comment"]
    assert "Paragraph 7" in doc.segments[0].text and "Comment 0" not in doc.segments[0].text
    assert [s.author for s in doc.segments[1:]] == ["reader0", "reader1", "reader2"]
    assert all(s.parent == doc.segments[0].id and s.depth == 1 for s in doc.segments[1:])
    assert (doc.title, doc.author, doc.published.value, doc.source) == (
        "Market blast kills four",
        "Sara Khan",
        "2024-03-02",
        "Daily Example",
    )


def test_side_lists_of_links_and_layout_boxes_are_no_thread():
    links = "".join(
        f'<div class="block"><a href="/t/{i}">Thread title number {i} about the attack</a> '
        f'<a href="/members/u{i}/">user{i}</a> <time datetime="2024-01-0{i}">Jan {i}</time></div>'
        for i in range(1, 6)
    )
    boxes = (
        '<div class="container"><p>Menu and a short note about the site.</p><time datetime="2024-01-01">x</time>'
        '<a href="/author/me/">me</a></div>'
        f'<div class="container"><p>{LONG * 12}</p><time datetime="2024-01-01">x</time><a '
        f'href="/author/me/">me</a></div>'
    )
    for body in (links, boxes):
        root = parse(f"<html><body>{body}</body></html>")
        assert ThreadFinder().find(root, Sizes.of(root)) is None


def test_script_built_page_falls_back_to_its_description_or_is_quarantined():
    shell = (
        '<html><head><title>Thread about the strike</title><meta name="description" content="Residents describe '
        'the strike on the fuel depot and what they saw that night."></head><body><div id="app"></div></body></html>'
    )
    doc = html_document(shell.encode(), path="shell.html")
    assert "Residents describe the strike" in doc.text and doc.meta["page_model"] == "meta description"
    empty = b"<!DOCTYPE html><html><head><script>app()</script></head><body><div id=root></div></body></html>"
    assert html_document(empty, path="empty.html") == NO_TEXT
    [q] = list(read_content(empty, path="empty.html"))
    assert q.reason == NO_TEXT


def test_metadata_prefers_people_over_organisations_and_the_visible_headline():
    html = (
        '<html><head><meta property="og:title" content="Blast kills four - Daily Example">'
        '<script type="application/ld+json">'
        + json.dumps(
            {
                "@type": "BlogPosting",
                "author": {"@type": "Organization", "name": "Daily Example"},
                "datePublished": "2024-03-02",
            }
        )
        + '</script><meta name="author" content="Sara Khan"></head>'
        "<body><h1>Blast kills four</h1><p>text</p></body></html>"
    )
    meta = read_meta(parse(html))
    assert (meta.title, meta.author, meta.date.value, meta.date.precision) == (
        "Blast kills four",
        "Sara Khan",
        "2024-03-02",
        "day",
    )
    assert "BlogPosting" in meta.types and meta.news and not meta.forum


def test_text_of_breaks_blocks_and_leaves_out_scripts():
    root = parse("<html><body><div><p>One <b>two</b></p><script>x()</script><p>three<br>four</p></div></body></html>")
    assert text_of(root.find("body")) == "One two\nthree\nfour"


@pytest.mark.parametrize("page", [FORUM, SCHEMA_QA, ARTICLE])
def test_page_model_is_stable(page):
    a, b = PageReader().read(page), PageReader().read(page)
    assert [(p.kind, p.text, p.author) for p in a.parts] == [(p.kind, p.text, p.author) for p in b.parts]


def test_a_link_above_a_long_comment_thread_is_a_thread():
    # no NewsArticle declared: a page that calls itself news keeps its comments apart, however short its text
    link_post = ARTICLE.replace(
        "".join(f"<p>Paragraph {i}. {LONG}</p>" for i in range(8)),
        '<p><a href="https://example.org/report">New report on attacks on markets</a></p>',
    )
    long_comments = link_post.replace("nobody is safe.", "nobody is safe. " + LONG * 2)
    long_comments = (
        long_comments[: long_comments.index("<script")] + long_comments[long_comments.index("</script>") + 9 :]
    )
    doc = html_document(long_comments.encode(), path="link.html")
    assert doc.kind == "thread" and doc.meta["page_model"] == "thread below a short text"
    assert [s.kind for s in doc.segments] == ["post", "comment", "comment", "comment"]
    assert "New report on attacks" in doc.segments[0].text
    assert all(s.parent == doc.segments[0].id and s.depth == 1 for s in doc.segments[1:])


def test_a_near_copy_of_a_page_is_linked_and_kept():
    from eventledger.clean import Cleaner
    from eventledger.dedupe import Deduper

    copy = FORUM.replace("Roads to the border town are closed", "Roads to the border town remain closed")
    docs = [
        Cleaner().clean(html_document(page.encode(), path=name)) for name, page in (("a.html", FORUM), ("b.html", copy))
    ]
    assert list(Deduper().run(docs)) == docs  # nothing is dropped
    assert sum(d.duplicate_of is not None for d in docs) == 1
    linked = next(d for d in docs if d.duplicate_of)
    assert linked.duplicate_of in {d.id for d in docs} and linked.meta["duplicate_method"] == "near"
