"""Segment one page-like text: posts, headline-only items, comments, with page furniture dropped and recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from eventledger.clean.comments import Header, find_headers
from eventledger.clean.dates import find_dates
from eventledger.clean.lines import Line, split_lines, words
from eventledger.clean.posts import (
    DateLine,
    byline,
    byline_prefix,
    copyright_holder,
    date_line,
    outlet_like,
    outlet_prefix,
    title_like,
)
from eventledger.clean.rules import Rules
from eventledger.clean.spans import Span
from eventledger.dedupe.syndication import syndicated_from
from eventledger.records import DateValue, Dropped

CAPTION_WORDS = 8  # a shorter first line is a caption or name, the outlet prefix may follow
MASTHEAD_WORDS = 4  # an outlet's name on its own line under the headline is this short
BYLINE_WINDOW = 6  # a byline block sits among the first lines of a post body
_END_PUNCT = re.compile(r"[.!?:;\"”’)]$")
PROSE_WORDS = 12  # a line of a paragraph: this many words, ending as a sentence does


@dataclass(slots=True)
class Draft:
    """A segment before it has an id: its kept spans and what the page says about it."""

    kind: str
    spans: list[Span] = field(default_factory=list)
    title: str | None = None
    date: DateValue = field(default_factory=DateValue)
    author: str | None = None
    source: str | None = None
    score: int | None = None
    depth: int | None = None
    parent: int | None = None  # index of the parent draft
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Block:
    lines: list[Line]
    is_list: bool
    heading: Line | None = None


@dataclass(slots=True)
class PageResult:
    drafts: list[Draft]
    dropped: list[Dropped]
    kind: str  # aggregator | thread | article | post
    title: str | None
    published: DateValue | None
    author: str | None
    source: str | None = None  # the page's publisher, from its copyright line


class PageParser:
    def __init__(self, text: str, rules: Rules):
        self.text = text
        self.rules = rules
        self.lines = split_lines(text)
        self.dropped: list[Dropped] = []
        self.drafts: list[Draft] = []

    # -- recording -------------------------------------------------------------------------------
    def drop(self, kind: str, reason: str, start: int, end: int) -> None:
        if end > start:
            t = self.text[start:end]
            self.dropped.append(Dropped(kind, reason, end - start, start, end, t[:80]))

    def drop_line(self, ln: Line, kind: str, reason: str) -> None:
        self.drop(kind, reason, ln.start, ln.end)

    # -- whole page --------------------------------------------------------------------------------
    def parse(self) -> PageResult:
        heads = find_headers(self.lines)
        main_end = heads[0].line.i if heads else len(self.lines)
        main = self.lines[:main_end]
        stops = [ln for ln in main if not ln.blank and self.rules.is_stop(ln.text)]
        # pagination ends the text it pages through; above any paragraph ("Page 1 of 1" under the headline) it
        # opens the text and is dropped alone
        opening = [ln for ln in stops if not any(_prose(x) for x in main[: ln.i])]
        for ln in opening:
            self.drop_line(ln, "pagination", "pagination links above the text")
        stop = next((ln.i for ln in stops if ln not in opening), None)
        content, tail = (main[:stop], main[stop:]) if stop is not None else (main, [])
        content = [ln for ln in content if ln not in opening]
        posts = self._post_headers(content)
        title = author = None
        published = None
        social = False
        if posts:
            self._chrome(content[: posts[0][0].i], reason="page furniture before the first post")
            bounds = [p[0].i for p in posts] + [content[-1].i + 1]
            kind = "post" if len(posts) > 1 else "article"
            for (tline, dline, dl), end in zip(posts, bounds[1:]):
                self._post(tline, dline, dl, self.lines[dline.i + 1 : end], kind=kind)
            if len(posts) == 1:
                d = self.drafts[-1]
                title, published, author = d.title, d.date, d.author
        else:
            draft, social = self._article(content)
            if draft is not None:
                title, author = draft.title, draft.author
                published = draft.date if draft.date.value else None
        self._chrome(tail, reason="page furniture after the pagination links")
        if heads:
            self._comments(heads)
        n_posts = sum(d.kind == "post" for d in self.drafts)
        if heads:
            kind = "thread"
        elif n_posts > 1:
            kind = "aggregator"
        else:
            kind = "post" if social else "article"
        return PageResult(
            self.drafts,
            sorted(self.dropped, key=lambda d: d.start or 0),
            kind,
            title,
            published,
            author,
            self._holder(),
        )

    def _holder(self) -> str | None:
        """The publisher the page's last copyright line names (the footer's, not a reprint notice's)."""
        for ln in reversed(self.lines):
            if not ln.blank and self.rules.line_kind(ln.text) == "copyright" and not syndicated_from(ln.text):
                return copyright_holder(ln.text)
        return None

    # -- post headers -------------------------------------------------------------------------------
    def _post_headers(self, lines: list[Line]) -> list[tuple[Line, Line, DateLine]]:
        """(title line, date line) pairs: a title-like line followed by a line that is a date."""
        out = []
        prev: list[Line] = []  # non-blank lines seen so far
        for ln in lines:
            if ln.blank:
                continue
            dl = date_line(ln)
            if dl and prev and self._title_ok(prev, lines):
                out.append((prev[-1], ln, dl))
            prev.append(ln)
        # a title line cannot also be the date line of an earlier header
        dates = {d.i for _, d, _ in out}
        return [p for p in out if p[0].i not in dates]

    def _title_ok(self, prev: list[Line], lines: list[Line]) -> bool:
        t = prev[-1]
        if not title_like(t) or self.rules.line_kind(t.text) or self.rules.is_footer(t.text) or date_line(t):
            return False
        if (
            len(prev) == 2
            and outlet_like(t.text)
            and words(t.text) <= MASTHEAD_WORDS
            and title_like(prev[0])
            and words(prev[0].text) > words(t.text)
        ):
            return False  # "Headline / Horn Report / Sunday 30 October 2022": the outlet's masthead over the date
        before = self.lines[t.i - 1] if t.i > 0 else None
        # "By Name\nVOA News\nMarch 27, 2024" is a byline block, not a title and its date
        return not (before is not None and not before.blank and byline(self.lines, before.i))

    # -- blocks ---------------------------------------------------------------------------------------
    def _blocks(self, lines: list[Line]) -> list[Block]:
        blocks: list[Block] = []
        for ln in lines:
            if ln.blank:
                continue
            if ln.bullet and blocks and blocks[-1].is_list and ln.i - blocks[-1].lines[-1].i <= 1:
                blocks[-1].lines.append(ln)
            else:
                blocks.append(Block([ln], ln.bullet))
        out: list[Block] = []
        for b in blocks:
            if b.is_list and out and not out[-1].is_list and self._heading_like(out[-1].lines[0], b):
                b.heading = out.pop().lines[0]
            out.append(b)
        return out

    def _heading_like(self, ln: Line, lst: Block) -> bool:
        t = ln.text
        if words(t) > 6 or _END_PUNCT.search(t) and not t.endswith(":"):
            return False
        return bool(self.rules.heading_kind(t) or self.rules.is_headline_heading(t) or self._nav_like(lst.lines))

    @staticmethod
    def _nav_like(items: list[Line]) -> bool:
        short = [ln for ln in items if words(ln.item) <= 6 and not _END_PUNCT.search(ln.item)]
        return len(short) >= 0.8 * len(items)

    @staticmethod
    def _dated(ln: Line) -> tuple[int, DateValue] | None:
        """A list item that ends with a date: (where the date starts, the date)."""
        found = find_dates(ln.item)
        if found and found[-1][1] >= len(ln.item.rstrip()) - 1 and found[-1][0] > 0:
            return found[-1][0], found[-1][2]
        return None

    # -- lists ---------------------------------------------------------------------------------------
    def _list(self, b: Block, *, chrome: bool) -> list[Span]:
        """Drop or keep a bullet list; dated items in page furniture become headline-only segments."""
        heading = b.heading.text if b.heading else ""
        hkind = self.rules.heading_kind(heading) if heading else None
        dated = [self._dated(ln) for ln in b.lines]
        if (
            (chrome or self.rules.is_headline_heading(heading))
            and sum(d is not None for d in dated) * 2 >= len(b.lines)
            and not hkind
        ):
            if b.heading:
                self.drop_line(b.heading, "heading", "heading of a headline list")
            for ln, d in zip(b.lines, dated):
                if d is None:
                    self.drop_line(ln, "list", "undated item of a headline list")
                    continue
                cut, dv = d
                s = ln.item_start
                e = s + len(ln.item[:cut].rstrip(" -–—|·,"))
                self.drafts.append(
                    Draft("headline", [(s, e)], title=self.text[s:e], date=dv, meta={"list": heading or None})
                )
            return []
        kind = hkind or ("menu" if self._nav_like(b.lines) else None)
        if kind is None and chrome:
            kind = "list"
        if kind is None:
            spans = [(ln.start, ln.end) for ln in b.lines]
            if b.heading:
                spans.insert(0, (b.heading.start, b.heading.end))
            return spans
        reason = f"{kind} list" + (f" under '{heading}'" if heading else "")
        first = b.heading or b.lines[0]
        self.drop(kind, reason, first.start, b.lines[-1].end)
        return []

    # -- regions ---------------------------------------------------------------------------------------
    def _chrome(self, lines: list[Line], *, reason: str) -> None:
        for b in self._blocks(lines):
            if b.is_list:
                self._list(b, chrome=True)
            else:
                ln = b.lines[0]
                self.drop_line(
                    ln, self.rules.line_kind(ln.text) or self.rules.heading_kind(ln.text) or "chrome", reason
                )

    def _body(self, lines: list[Line], draft: Draft, *, meta_lines: bool = True) -> None:
        """Keep the content lines of a post, article or comment; drop furniture; read byline and outlet."""
        blocks = self._blocks(lines)
        first_content = True
        consumed: set[int] = set()  # byline lines already read
        for n, b in enumerate(blocks):
            if b.is_list:
                draft.spans += self._list(b, chrome=False)
                first_content = False
                continue
            ln = b.lines[0]
            if ln.i in consumed:
                continue
            kind = self.rules.line_kind(ln.text)
            if kind == "footer" or self.rules.is_footer(ln.text):
                self.drop_line(ln, "footer", "post footer (categories and tags)")
                rest = [x for x in lines if x.i > ln.i]
                self._chrome(rest, reason="page furniture after a post footer")
                break
            if kind:
                if kind == "copyright":
                    self._syndication(ln, draft)
                self.drop_line(ln, kind, f"{kind} line")
                continue
            nxt = self._dated_next(ln, lines) if meta_lines and n < BYLINE_WINDOW and draft.source is None else None
            if nxt is not None and self._masthead(ln, nxt, draft):
                consumed.add(nxt.i)
                continue
            if meta_lines and n < BYLINE_WINDOW and draft.author is None and self._read_byline(ln, draft, consumed):
                continue
            if self.rules.heading_kind(ln.text) and n + 1 < len(blocks) and blocks[n + 1].is_list:
                self.drop_line(ln, self.rules.heading_kind(ln.text) or "heading", "heading of a dropped list")
                continue
            self._content_line(ln, draft, prefixes=meta_lines and first_content)
            first_content = first_content and words(ln.text) < CAPTION_WORDS  # a photo caption may come first

    def _masthead(self, ln: Line, nxt: Line, draft: Draft) -> bool:
        """ "Horn Report" on its own line over the article's date line: a masthead, kept as the source and the
        date; whether `ln` was one."""
        if not (outlet_like(ln.text) and words(ln.text) <= MASTHEAD_WORDS and not byline(self.lines, ln.i)):
            return False
        draft.source = ln.text.strip()
        self.drop_line(ln, "outlet", "masthead (kept as source)")
        dl = date_line(nxt)
        if not draft.date.value:
            draft.date = dl.date
        self.drop_line(nxt, "dateline", "date line under the masthead (kept as date)")
        return True

    def _read_byline(self, ln: Line, draft: Draft, consumed: set[int]) -> bool:
        """A byline starting at `ln`, read into the draft's author, outlet and date; its lines join `consumed`.
        Whether there was one."""
        bl = byline(self.lines, ln.i)
        if not bl:
            return False
        draft.author = bl.author
        draft.source = draft.source or bl.source
        if bl.date and draft.date.value and bl.date.value != draft.date.value:
            draft.meta["original_date"] = bl.date.value
        elif bl.date and not draft.date.value:
            draft.date = bl.date
        self.drop("byline", "byline (kept as author, outlet and date)", bl.lines[0].start, bl.lines[-1].end)
        consumed |= {x.i for x in bl.lines}
        return True

    def _content_line(self, ln: Line, draft: Draft, *, prefixes: bool) -> None:
        """Keep a content line, less a byline or outlet prefix (`prefixes`: at the text's start, where they are read)
        and a trailing link to the full story."""
        s, e = ln.start, ln.end
        if prefixes and (bp := byline_prefix(ln.text)) is not None:
            draft.author = draft.author or bp[1]
            draft.source = draft.source or bp[2]
            self.drop("byline", "byline before the text (kept as author and outlet)", s, s + bp[0])
            s += bp[0]
        elif prefixes:
            pre = outlet_prefix(ln.text, self.rules.not_outlets)
            if pre:
                draft.source = draft.source or pre[1]
                self.drop("outlet", "outlet prefix (kept as source)", s, s + pre[0])
                s += pre[0]
        t = self.rules.tail(self.text[s:e])
        if t:
            cut = s + t[0]
            self.drop(t[1], "link to the full story", cut + (len(self.text[cut:e]) - len(self.text[cut:e].lstrip())), e)
            e = cut
        if e > s:
            draft.spans.append((s, e))

    @staticmethod
    def _dated_next(ln: Line, lines: list[Line]) -> Line | None:
        """The line right after `ln` when it is a date line alone."""
        nxt = next((x for x in lines if x.i > ln.i and not x.blank), None)
        return nxt if nxt is not None and nxt.i == ln.i + 1 and date_line(nxt) is not None else None

    def _syndication(self, ln: Line, draft: Draft) -> None:
        outlet = syndicated_from(ln.text)
        if outlet:
            draft.meta["syndicated_from"] = outlet
            draft.source = outlet  # the original publisher is the source of a reprint

    def _post(self, tline: Line, dline: Line, dl: DateLine, body: list[Line], *, kind: str) -> None:
        d = Draft(kind, [(tline.start, tline.end)], title=tline.text, date=dl.date, author=dl.author)
        d.meta["poster"] = dl.author
        self.drop_line(dline, "dateline", "post date line (kept as date and poster)")
        self.drafts.append(d)
        author_before = d.author
        d.author = None  # a byline inside the post names the real author; the poster is often "admin"
        self._body(body, d)
        if d.author is None:
            d.author = (
                author_before if author_before and author_before.lower() not in self.rules.generic_posters else None
            )

    def _article(self, lines: list[Line]) -> tuple[Draft | None, bool]:
        nonblank = [ln for ln in lines if not ln.blank]
        if not nonblank:
            return None, False
        d = Draft("article")
        first = nonblank[0]
        social = self.rules.social.fullmatch(first.text)
        body = lines
        if social:
            d.kind, d.author = "post", social["author"].strip()
            d.source = d.source or d.author  # a post's poster (a Nostr key, a channel) is its source
            d.title = social["title"].rstrip(" .…")
            d.meta["platform"] = social["platform"]
            self.drop_line(first, "header", f"{social['platform']} preview line (kept as author and title)")
            body = [ln for ln in lines if ln.i > first.i]
        elif (
            title_like(first)
            and not _END_PUNCT.search(first.text)
            and len(nonblank) > 1
            and not self.rules.line_kind(first.text)
        ):
            d.title = first.text
        self.drafts.append(d)
        self._body(body, d)
        if not d.spans:
            self.drafts.remove(d)
            return None, bool(social)
        return d, bool(social)

    # -- comments --------------------------------------------------------------------------------
    def _comments(self, heads: list[Header]) -> None:
        stack: list[tuple[int, int]] = []  # (depth, draft index)
        for h, nxt in zip(heads, heads[1:] + [None]):
            end = nxt.line.i if nxt else len(self.lines)
            self.drop("header", "comment header (kept as author, score and age)", h.line.start, h.age_line.end)
            d = Draft("comment", author=h.author, score=h.score, depth=h.depth, meta={"age": h.age})
            if h.badge:
                d.meta["badge"] = h.badge
            while stack and stack[-1][0] >= h.depth:
                stack.pop()
            d.parent = stack[-1][1] if stack else None
            self.drafts.append(d)
            stack.append((h.depth, len(self.drafts) - 1))
            self._body(self.lines[h.age_line.i + 1 : end], d, meta_lines=False)


def _prose(ln: Line) -> bool:
    """A line of a paragraph, not a headline, a menu or a caption: PROSE_WORDS words or more, ending as a sentence
    does."""
    return words(ln.text) >= PROSE_WORDS and bool(_END_PUNCT.search(ln.text))
