"""Discussion threads in HTML: repeated post blocks found by structure, each read as text, author, date, score, depth.

A post block is recognised by evidence any forum or comment software leaves, never by site: siblings or
cousins sharing one class signature, each holding text, a date (a <time>, a datetime, schema.org
datePublished) and an author (schema.org author, a profile link, an author-like class); schema.org post
types (DiscussionForumPosting, Comment, Answer) count double. The group with the most text so supported
is the thread.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from eventledger.clean.dates import find_dates
from eventledger.clean.dom import Sizes, classes, descendants, is_element, signature, text_of
from eventledger.knowledge.files import parse_yaml
from eventledger.records import DateValue, Dropped

DATA = Path(__file__).resolve().parent.parent / "data" / "clean_html.yaml"
MIN_POST_CHARS = 15  # a post shorter than this is a "+1" or a widget
MAX_LINK_SHARE = 0.5  # posts are mostly their own words; side lists of threads are mostly links
MAX_ONE_SHARE = 0.75  # no post of a thread holds nearly all its text; one layout box of a page does
CANDIDATES = 12  # groups, by text, whose evidence is read
MIN_EVIDENCE = 0.5  # share of a group's blocks that must carry a date or an author
PROFILE_LINK = re.compile(
    r"/(?:u|user|users|member|members|profile|profiles|people|author|authors)/"
    r"|[?&](?:u|user|userid|showuser)=",
    re.I,
)
_INT = re.compile(r"([-−+]?\d[\d,.]*)\s*([kK]\b)?")


@dataclass(slots=True)
class HtmlRules:
    post_types: frozenset[str]
    body_props: frozenset[str]
    post_class: re.Pattern
    body_class: re.Pattern
    author_class: re.Pattern
    date_class: re.Pattern
    score_class: re.Pattern
    drop_class: list[tuple[str, re.Pattern]]
    drop_tags: dict[str, str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> HtmlRules:
        data = parse_yaml(Path(path or DATA).read_text(encoding="utf-8"))
        try:
            return cls(
                post_types=frozenset(data["post_types"]),
                body_props=frozenset(data["body_props"]),
                post_class=re.compile(data["post_class"]),
                body_class=re.compile(data["body_class"]),
                author_class=re.compile(data["author_class"]),
                date_class=re.compile(data["date_class"]),
                score_class=re.compile(data["score_class"]),
                drop_class=[(d["kind"], re.compile(d["pattern"])) for d in data["drop_class"]],
                drop_tags=dict(data["drop_tags"]),
            )
        except (KeyError, TypeError, re.error) as e:
            raise ValueError(f"clean_html.yaml is malformed ({e}): see the comments in the file for each key") from e

    def any_token(self, pattern: re.Pattern, el: etree._Element) -> bool:
        return any(pattern.fullmatch(t) for t in classes(el))

    def drop_kind(self, el: etree._Element) -> str | None:
        if el.tag in self.drop_tags:
            return self.drop_tags[el.tag]
        toks = classes(el) + tuple((el.get("id") or "").lower().split())
        for kind, pattern in self.drop_class:
            if any(pattern.fullmatch(t) for t in toks):
                return kind
        return None

    def post_type(self, el: etree._Element) -> str | None:
        t = (el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]
        return t if t in self.post_types else None


@dataclass(slots=True)
class Post:
    element: etree._Element
    text: str
    author: str | None = None
    date: DateValue = field(default_factory=DateValue)
    score: int | None = None
    depth: int = 0  # how many posts of the thread it sits inside (a reply to a reply: 2)
    parent: int | None = None  # index of the post it sits inside


@dataclass(slots=True)
class Thread:
    posts: list[Post]
    dropped: list[Dropped]
    evidence: str  # what made the blocks posts, for the document's meta
    comments: bool = False  # the blocks call themselves comments or replies (schema.org Comment, a class)


def _key(el: etree._Element) -> str:
    """Signature of a block; a block without classes is named by its id pattern (vBulletin's table#post123)."""
    if el.get("class"):
        return signature(el)
    ident = re.sub(r"\d+", "", el.get("id") or "")
    return f"{el.tag}#{ident}" if ident else ""


class ThreadFinder:
    def __init__(self, rules: HtmlRules | None = None):
        self.rules = rules or HtmlRules.load()

    def find(self, root: etree._Element, sizes: Sizes) -> Thread | None:
        body = root.find("body")
        if body is None:
            return None
        groups: dict[str, list[etree._Element]] = defaultdict(list)
        for el in descendants(body):
            if sizes[el] >= MIN_POST_CHARS:
                k = _key(el)
                if k:
                    groups[k].append(el)
        # cheapest test first: a thread's group holds much text; date and author evidence only for the largest
        ranked = sorted(
            (g for g in (_outermost(m) for m in groups.values()) if len(g) >= 2),
            key=lambda g: -sum(sizes[m] for m in g),
        )[:CANDIDATES]
        if not ranked:
            return None
        marks = _Marks(self, body)
        best, best_score, best_why = None, 0.0, ""
        for members in ranked:
            score, why = self._score(members, sizes, marks)
            if score > best_score:
                best, best_score, best_why = members, score, why
        if best is None:
            return None
        return self._thread(groups[_key(best[0])], sizes, best_why)

    # -- which group is the thread ---------------------------------------------------------------------
    def _score(self, members: list[etree._Element], sizes: Sizes, marks: _Marks) -> tuple[float, str]:
        n = len(members)
        typed = sum(self.rules.post_type(m) is not None for m in members) / n
        dated = sum(m in marks.dated for m in members) / n
        authored = sum(m in marks.authored for m in members) / n
        named = sum(self.rules.any_token(self.rules.post_class, m) for m in members) / n
        if typed < MIN_EVIDENCE and (dated < MIN_EVIDENCE or authored < MIN_EVIDENCE):
            return 0.0, ""
        chars = sum(sizes[m] for m in members)
        if sum(sizes.links.get(m, 0) for m in members) > MAX_LINK_SHARE * chars:
            return 0.0, ""  # lists of links to other threads and articles, not posts
        if typed < MIN_EVIDENCE and max(sizes[m] for m in members) > MAX_ONE_SHARE * chars:
            return 0.0, ""  # layout boxes (container, row) of which one holds the whole page
        evidence = 2 * typed + dated + authored + named
        why = "schema.org post type" if typed >= MIN_EVIDENCE else "repeated blocks with author and date"
        return chars * evidence, why

    # -- evidence inside one block ---------------------------------------------------------------------
    def _is_date(self, d: etree._Element) -> bool:
        return (
            d.tag == "time"
            or d.get("datetime") is not None
            or d.get("itemprop") in ("datePublished", "dateCreated")
            or (self.rules.any_token(self.rules.date_class, d) and len(d) <= 3)
        )

    def _is_author(self, d: etree._Element) -> bool:
        return (
            d.get("itemprop") in ("author", "creator")
            or (d.tag == "a" and bool(PROFILE_LINK.search(d.get("href") or "")))
            or self.rules.any_token(self.rules.author_class, d)
        )

    def _date_el(self, el: etree._Element) -> etree._Element | None:
        return next((d for d in descendants(el) if self._is_date(d)), None)

    def _author_el(self, el: etree._Element) -> etree._Element | None:
        return next((d for d in descendants(el) if self._is_author(d)), None)

    # -- the posts ---------------------------------------------------------------------------------------
    def _thread(self, members: list[etree._Element], sizes: Sizes, why: str) -> Thread | None:
        members = self._with_lone_posts(members, sizes)
        member_set = set(members)
        dropped: list[Dropped] = []
        posts: list[Post] = []
        index: dict[etree._Element, int] = {}
        for m in members:  # document order
            nested = {x for x in descendants(m) if x in member_set}
            body = self._body(m, nested, sizes)
            skip = set(nested)
            for d in descendants(body, skip):
                kind = self.rules.drop_kind(d)
                if kind:
                    skip.add(d)
                    t = text_of(d)
                    if t:
                        dropped.append(Dropped(kind, f"{kind} inside a post", len(t), text=t[:80]))
            text = text_of(body, skip=skip)
            if len(text) < MIN_POST_CHARS:
                continue
            head = [d for d in descendants(m, nested | {body})] if body is not m else list(descendants(m, skip))
            if body is not m:  # what sits beside the text in the block: signatures, votes, user cards
                shown: set = set()
                for d in head:
                    kind = self.rules.drop_kind(d)
                    if kind and not any(a in shown for a in d.iterancestors()) and (t := text_of(d)):
                        shown.add(d)
                        dropped.append(Dropped(kind, f"{kind} beside a post", len(t), text=t[:80]))
            post = Post(m, text, author=self._author(head), date=self._date(head), score=self._score_of(head))
            anc = next((a for a in m.iterancestors() if a in index), None)
            if anc is not None:
                post.parent = index[anc]
                post.depth = posts[index[anc]].depth + 1
            index[m] = len(posts)
            posts.append(post)
        if len(posts) < 2:
            return None
        first = members[0]
        comments = self.rules.post_type(first) == "Comment" or any(
            "comment" in t or "reply" in t for t in classes(first) + ((first.get("id") or "").lower(),)
        )
        return Thread(posts, dropped + self._furniture(first, member_set), why, comments)

    def _furniture(self, first: etree._Element, members: set) -> list[Dropped]:
        """Page parts around the thread (navigation, related threads, cookie banners, footers), recorded as dropped."""
        body = first.getroottree().getroot().find("body")
        holders = {a for m in members for a in m.iterancestors()}  # boxes that hold posts are not furniture
        out, prune = [], set(members)
        for el in descendants(body, prune) if body is not None else ():
            if el in holders or any(a in prune for a in el.iterancestors()):
                continue
            kind = self.rules.drop_kind(el)
            if kind:
                prune.add(el)
                t = text_of(el)
                if t:
                    out.append(Dropped(kind, f"{kind} around the thread", len(t), text=t[:80]))
        return out

    def _with_lone_posts(self, members: list[etree._Element], sizes: Sizes) -> list[etree._Element]:
        """The group, plus posts marked up apart (a Q&A question beside its answers) whose text container
        has the same signature as the group's, added in document order."""
        member_set = set(members)
        bodies = Counter(
            signature(b)
            for m in members
            if (b := self._body(m, {x for x in descendants(m) if x in member_set}, sizes)) is not m
        )
        if not bodies:
            return members
        sig, n = bodies.most_common(1)[0]
        if n < 2:
            return members
        root = members[0].getroottree().getroot()
        extra = []
        for el in root.iter():
            if (
                is_element(el)
                and signature(el) == sig
                and sizes[el] >= MIN_POST_CHARS
                and not any(a in member_set for a in el.iterancestors())
            ):
                # the lone post is the nearest ancestor that holds nothing of the group
                box = el
                for a in el.iterancestors():
                    if any(x in member_set for x in a.iter()) or a.tag in ("body", "html"):
                        break
                    box = a
                extra.append(box)
        if not extra:
            return members
        order = {el: i for i, el in enumerate(root.iter())}
        return sorted(set(members) | set(extra), key=order.__getitem__)

    def _body(self, m: etree._Element, nested: set, sizes: Sizes) -> etree._Element:
        """The post's own text container: schema.org text, else the largest body-like descendant."""
        best, best_n = None, 0
        for d in descendants(m, nested):
            if d.get("itemprop") in self.rules.body_props:
                return d
            if sizes[d] > best_n and self.rules.any_token(self.rules.body_class, d):
                best, best_n = d, sizes[d]
        own = sizes[m] - sum(sizes[x] for x in nested if not any(a in nested for a in x.iterancestors()))
        return best if best is not None and best_n >= 0.3 * own else m

    def _author(self, head: list[etree._Element]) -> str | None:
        for d in head:
            if d.get("itemprop") in ("author", "creator"):
                name = next(
                    (
                        x.get("content") or x.text_content()
                        for x in d.iter()
                        if is_element(x) and x.get("itemprop") == "name"
                    ),
                    None,
                )
                name = " ".join((name or d.get("content") or d.text_content() or "").split())
                if name:
                    return name[:80]
        for d in head:
            if self._is_author(d) and d.get("itemprop") not in ("author", "creator"):
                name = " ".join((d.text_content() or "").split())
                if 0 < len(name) <= 60:
                    return name
        return None

    def _date(self, head: list[etree._Element]) -> DateValue:
        for d in head:
            stated = d.get("content") if d.get("itemprop") in ("datePublished", "dateCreated") else None
            raw = (
                d.get("datetime")
                or stated
                or (d.get("title") if self.rules.any_token(self.rules.date_class, d) else None)
            )
            if raw and (dv := _iso(raw)) is not None:
                return dv
        for d in head:
            if self._is_date(d):
                found = find_dates(" ".join(d.text_content().split()))
                if found:
                    return found[0][2]
        return DateValue()

    def _score_of(self, head: list[etree._Element]) -> int | None:
        for d in head:
            raw = d.get("content") if d.get("itemprop") == "upvoteCount" else None
            if raw is None and len(d) == 0 and self.rules.any_token(self.rules.score_class, d):
                raw = d.text_content()
            if raw and (n := _number(raw)) is not None:
                return n
        return None


class _Marks:
    """The elements that hold a date or an author somewhere inside, found in one pass over the page."""

    def __init__(self, finder: ThreadFinder, body: etree._Element):
        self.dated: set[etree._Element] = set()
        self.authored: set[etree._Element] = set()
        for el in descendants(body):
            date, author = finder._is_date(el), finder._is_author(el)
            if date or author:
                for a in (el, *el.iterancestors()):
                    if (not date or a in self.dated) and (not author or a in self.authored):
                        break  # the ancestors above are marked already
                    if date:
                        self.dated.add(a)
                    if author:
                        self.authored.add(a)


def _iso(raw: str) -> DateValue | None:
    """A machine-written date (ISO 8601, RFC 2822); free text is left to find_dates, which is fast."""
    from eventledger.read.common import ISO_PARTIAL, parse_date

    raw = raw.strip()
    if not raw or not raw[:4].isdigit() and not ISO_PARTIAL.match(raw):
        return None
    dv = parse_date(raw)
    return dv if dv.value else None


def _number(raw: str) -> int | None:
    """A score as shown: "24", "-3", "1.2k", "24 points"."""
    raw = raw.strip().replace("−", "-")
    m = _INT.match(raw)
    if not m or len(raw) > 20:
        return None
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    return int(value * (1000 if m.group(2) else 1))


def _outermost(members: list[etree._Element]) -> list[etree._Element]:
    s = set(members)
    return [m for m in members if not any(a in s for a in m.iterancestors())]
