"""The page model of an HTML page: article text by trafilatura, discussion threads by our own post finder.

Which to trust is decided per page by how the two outputs cover each other (word bags), with thresholds
measured on wcxb-dev (tuned on one half of its domains, confirmed on the other; EVAL.md):

- no thread found: trafilatura's text;
- the page declares a discussion (schema.org post types on the blocks or the page) and is not an article
  whose thread sits beside the text (comments): the thread, unless trafilatura's text holds the whole
  thread and more (the finder missed posts), then trafilatura's text;
- undeclared repeated blocks with author and date: the thread only when they hold nearly all of
  trafilatura's text, there are several, they do not call themselves comments and the page does not
  call itself an article;
- a link or a few lines above a longer comment thread (a link post) is a thread whose opening post it is;
- an article with comment blocks below it keeps them as comment parts beside its text.

Trafilatura runs with comments off; when its text keeps little of the page's non-link text, a second,
recall-minded pass replaces it if it finds much more.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventledger.clean.dom import Sizes, parse, text_of, tidy, words
from eventledger.clean.htmlmeta import PageMeta, read_meta
from eventledger.clean.threads import Thread, ThreadFinder
from eventledger.records import DateValue, Dropped

# Tuned on the wcxb-dev forum and article pages of half 0 of the domain split (see EVAL.md).
HOLDS = 0.8  # share of one text's words found in the other: it holds the other
BESIDE = 0.5  # below this share the thread is not the article's text (comments, side lists)
MIN_UNDECLARED_POSTS = 4  # repeated blocks without schema.org types need this many to be a thread
LITTLE_OF_PAGE = 0.6  # trafilatura's text under this share of the page's non-link text may have missed parts
MUCH_MORE = 1.5  # ... and a recall-minded pass that finds this many times the words has found them
SHORT_TEXT = 150  # words: fewer above a comment thread with more is a link post, not an article
NOSCRIPT_NOTICE = 200  # characters: "please enable JavaScript"; Discourse serves whole threads in <noscript>
TRAFILATURA = {"include_comments": False, "include_tables": True}  # wcxb-dev articles 0.930 -> 0.937 without comments


@dataclass(slots=True)
class Part:
    kind: str  # article | post | comment | summary
    text: str
    author: str | None = None
    date: DateValue = field(default_factory=DateValue)
    score: int | None = None
    depth: int | None = None
    parent: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PageModel:
    parts: list[Part]
    meta: PageMeta
    kind: str  # article | thread
    how: str  # which output was trusted
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def main_text(self) -> str:
        """What the page is about: a thread's every post, an article's text without its comments."""
        keep = ("post", "comment") if self.kind == "thread" else ("article", "summary")
        return "\n\n".join(p.text for p in self.parts if p.kind in keep)


def _holds(a: Counter, b: Counter) -> float:
    """Share of b's words that a holds."""
    n = sum(b.values())
    return sum((a & b).values()) / n if n else 0.0


def _searched_date(html: str) -> DateValue:
    """htmldate's quick search of the page, for the pages that state no date in their metadata (wcxb-dev
    dates 76.7% -> 83% right); its extensive search costs more than the whole text extraction."""
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    return DateValue(found, "day") if found else DateValue()


def _comments(thread: Thread) -> list[Part]:
    """The thread's posts as comments on part 0 (an article, a link post): indices move up by one."""
    return [
        Part("comment", p.text, p.author, p.date, p.score, p.depth + 1, 0 if p.parent is None else p.parent + 1)
        for p in thread.posts
    ]


class PageReader:
    """Reads one HTML page into a PageModel; the rules load once per reader."""

    def __init__(self, finder: ThreadFinder | None = None):
        self.finder = finder or ThreadFinder()

    def read(self, html: str) -> PageModel:
        import trafilatura

        root = parse(html)
        if root is None:
            return PageModel([], PageMeta(), "article", "nothing")
        meta = read_meta(root)
        if not meta.date.value:
            meta.date = _searched_date(html)
        sizes = Sizes.of(root)
        thread = self.finder.find(root, sizes)
        # trafilatura comes last as it may change the tree; a short <noscript> is a notice, not text
        for el in [e for e in root.iter("noscript") if sizes[e] < NOSCRIPT_NOTICE]:
            el.drop_tree()
        text = tidy(trafilatura.extract(root, **TRAFILATURA) or "")
        body = root.find("body")
        visible = sizes[body] - sizes.links.get(body, 0) if body is not None else 0
        if len(text) < LITTLE_OF_PAGE * visible:
            # trafilatura may have kept one part of a page cut into many boxes: a second, recall-minded
            # pass is taken when it finds much more (wcxb-dev articles 0.937 -> 0.943, both halves)
            more = tidy(trafilatura.extract(parse(html), favor_recall=True, fast=True, **TRAFILATURA) or "")
            if len(words(more)) > MUCH_MORE * len(words(text)):
                text = more
        return self.decide(text, thread, meta, root)

    def decide(self, text: str, thread: Thread | None, meta: PageMeta, root) -> PageModel:
        """Trafilatura's text, the thread, or the text with the thread as its comments (see the module doc)."""
        if thread is None:
            return self._article(text, meta, root)
        th_words, tr_words = Counter(words("\n".join(p.text for p in thread.posts))), Counter(words(text))
        holds_trafilatura = _holds(th_words, tr_words)  # trafilatura's words inside the thread
        in_trafilatura = _holds(tr_words, th_words)  # the thread's words inside trafilatura's text
        declared = thread.evidence == "schema.org post type" or meta.forum
        if declared and not (meta.news and holds_trafilatura < BESIDE):
            if in_trafilatura >= HOLDS and holds_trafilatura < HOLDS:
                return self._article(text, meta, root, how="trafilatura (holds the thread and more)")
            return self._thread(thread, meta)
        if (
            len(thread.posts) >= MIN_UNDECLARED_POSTS
            and holds_trafilatura >= HOLDS
            and not meta.news
            and not thread.comments
        ):  # comments answer an article or post: that is the page's text
            return self._thread(thread, meta)
        if thread.comments and sum(tr_words.values()) < SHORT_TEXT <= sum(th_words.values()) and not meta.news:
            # a link or a few lines under a long discussion: the discussion is what the page holds
            parts = [Part("post", text, meta={"from": "text above the thread"})] + _comments(thread)
            return PageModel(parts, meta, "thread", "thread below a short text", list(thread.dropped))
        model = self._article(text, meta, root)
        if holds_trafilatura < BESIDE and thread.comments:
            model.parts += _comments(thread)
            model.dropped += thread.dropped
            model.how += " with the comment thread below it"
        return model

    def _article(self, text: str, meta: PageMeta, root, *, how: str = "trafilatura") -> PageModel:
        if text:
            return PageModel([Part("article", text)], meta, "article", how)
        if meta.description:  # a page built by scripts: its own summary is all the text it has
            return PageModel(
                [Part("summary", meta.description, meta={"from": "meta description"})],
                meta,
                "article",
                "meta description",
            )
        body = root.find("body")
        rest = text_of(body) if body is not None else ""
        if rest and len(words(rest)) >= 5:
            return PageModel([Part("article", rest)], meta, "article", "visible text")
        return PageModel([], meta, "article", "nothing")

    @staticmethod
    def _thread(thread: Thread, meta: PageMeta) -> PageModel:
        # the first post opens the thread (depth 0); a post not inside another answers it (depth 1)
        op = thread.posts[0]
        parts = [Part("post", op.text, op.author, op.date, op.score, 0)]
        for p in thread.posts[1:]:
            parts.append(
                Part("comment", p.text, p.author, p.date, p.score, p.depth + 1, 0 if p.parent is None else p.parent)
            )
        return PageModel(parts, meta, "thread", f"thread ({thread.evidence})", list(thread.dropped))
