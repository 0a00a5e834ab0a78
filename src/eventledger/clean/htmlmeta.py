"""Title, author, publication date, site name and language that a page declares (JSON-LD, meta tags, microdata).

Read from what the page states about itself, in order of how often each source is right on wcxb-dev
(schema.org JSON-LD, then Open Graph and article meta tags, then microdata and <time>), because a
search through the whole text for dates (htmldate's extensive mode) costs more than extracting the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from eventledger.clean.dates import find_dates
from eventledger.clean.dom import is_element
from eventledger.records import DateValue

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Report",
        "TechArticle",
        "ScholarlyArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "LiveBlogPosting",
        "DiscussionForumPosting",
        "SocialMediaPosting",
        "QAPage",
        "Question",
        "WebPage",
        "HowTo",
        "Recipe",
        "Review",
    }
)
FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "Question", "Answer"})
NEWS_TYPES = ARTICLE_TYPES - FORUM_TYPES - {"WebPage", "SocialMediaPosting"}
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "article.published",
    "published_time",
    "created",
)
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "byl",
    "twitter:creator",
)
_DATE_CLASS = re.compile(
    r"(?:.*[-_])?(?:date|time|timestamp|published|pubdate|posted|post-date|entry-date|meta-date)"
    r"(?:[-_].*)?"
)
_AUTHOR_CLASS = re.compile(r"(?:.*[-_])?(?:author|byline|author-name|authorname|writer)(?:[-_].*)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?=$|[T ])")
_BY = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.I)


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: DateValue = field(default_factory=DateValue)
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    types: frozenset[str] = frozenset()  # schema.org types the page declares

    @property
    def forum(self) -> bool:
        return bool(self.types & FORUM_TYPES)

    @property
    def news(self) -> bool:
        return bool(self.types & NEWS_TYPES)


def read_meta(root: etree._Element) -> PageMeta:
    head = root.find("head")
    metas: dict[str, str] = {}
    for m in (head if head is not None else root).iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = (m.get("content") or "").strip()
        if key and val and key not in metas:
            metas[key] = val
    ld = _json_ld(root)
    types = frozenset(t for obj in ld for t in _types(obj)) | _microdata_types(root)
    main = (
        next((o for o in ld if set(_types(o)) & ARTICLE_TYPES - {"WebPage"}), None)
        or next((o for o in ld if "WebPage" in _types(o)), None)
        or {}
    )
    out = PageMeta(types=types)
    out.sitename = metas.get("og:site_name") or _name(main.get("publisher")) or None
    out.title = _headline(root) or _clean(
        metas.get("og:title")
        or _text(main.get("headline"))
        or metas.get("twitter:title")
        or _title_tag(root, out.sitename)
    )
    out.author = _author(main, metas, root)
    out.date = _date(main, metas, root)
    out.description = _clean(metas.get("og:description") or metas.get("description") or _text(main.get("description")))
    lang = root.get("lang") or metas.get("og:locale") or metas.get("content-language") or ""
    out.language = lang[:2].lower() if re.match(r"[A-Za-z]{2}", lang) else None
    out.url = metas.get("og:url") or _canonical(root)
    return out


def _json_ld(root: etree._Element) -> list[dict]:
    out: list[dict] = []
    for s in root.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text:
            continue
        try:
            data = json.loads(s.text)
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags still speak
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(reversed(x))
            elif isinstance(x, dict):
                out.append(x)
                if isinstance(x.get("@graph"), list):
                    stack.extend(reversed(x["@graph"]))
    return out


def _types(obj: dict) -> list[str]:
    t = obj.get("@type")
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def _microdata_types(root: etree._Element) -> frozenset[str]:
    return frozenset(
        (el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]
        for el in root.iter()
        if is_element(el) and el.get("itemtype")
    )


def _text(v: Any) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    return v.strip() if isinstance(v, str) and v.strip() else None


def _name(v: Any, *, people: bool = False) -> str | None:
    """A name; with `people`, an Organization is no author (a site names itself as one)."""
    if isinstance(v, list):
        names = [n for n in (_name(x, people=people) for x in v) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(v, dict):
        if people and "Organization" in _types(v):
            return None
        return _text(v.get("name"))
    return _text(v)


def _clean(s: str | None) -> str | None:
    s = " ".join((s or "").split())
    return s or None


def _headline(root: etree._Element) -> str | None:
    """The page's one <h1>, the headline as readers see it (wcxb-dev gold titles follow it more often than og:title)."""
    body = root.find("body")
    h1s = list(body.iter("h1")) if body is not None else []
    if len(h1s) != 1:
        return None
    text = " ".join(h1s[0].text_content().split())
    return text if 2 <= len(text) <= 300 else None


def _title_tag(root: etree._Element, sitename: str | None) -> str | None:
    t = root.find(".//title")
    title = " ".join((t.text_content() if t is not None else "").split())
    if not title:
        h1 = root.find(".//h1")
        return " ".join(h1.text_content().split()) if h1 is not None else None
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1:
        # the site's name stands at one end of the <title>; the headline is the longest of the rest
        parts = [p for p in parts if not sitename or p.casefold() != sitename.casefold()] or parts
        return max(parts, key=len)
    return title


def _author(main: dict, metas: dict[str, str], root: etree._Element) -> str | None:
    name = _name(main.get("author"), people=True)
    if not name:
        for key in AUTHOR_META:
            v = metas.get(key)
            if v and not v.startswith(("http", "@")):
                name = v
                break
    if not name:
        el = next((e for e in root.iter() if is_element(e) and e.get("itemprop") == "author"), None)
        if el is not None:
            name = (
                next(
                    (
                        x.get("content") or x.text_content()
                        for x in el.iter()
                        if is_element(x) and x.get("itemprop") == "name"
                    ),
                    None,
                )
                or el.text_content()
            )
    if not name:
        a = next((e for e in root.iter("a") if "author" in (e.get("rel") or "").split()), None)
        name = a.text_content() if a is not None else None
    if not name:  # a byline element: class author, byline, author-name ...
        body = root.find("body")
        for el in body.iter() if body is not None else ():
            if is_element(el) and any(_AUTHOR_CLASS.fullmatch(c) for c in (el.get("class") or "").lower().split()):
                text = " ".join(el.text_content().split())
                if 2 < len(text) <= 60:
                    name = text
                    break
    name = _BY.sub("", " ".join((name or "").split()))
    return name if name and len(name) <= 120 else None


def _date(main: dict, metas: dict[str, str], root: etree._Element) -> DateValue:
    candidates = [_text(main.get("datePublished")), _text(main.get("dateCreated"))]
    candidates += [metas.get(k) for k in DATE_META]
    for raw in candidates:
        if raw and raw[:4].isdigit():
            dv = _parse(raw)
            if dv.value:
                return dv
    for el in root.iter():
        if is_element(el) and el.get("itemprop") in ("datePublished", "dateCreated"):
            raw = el.get("content") or el.get("datetime")
            if raw and (dv := _parse(raw)).value:
                return dv
    body = root.find("body")
    if body is None:
        return DateValue()
    t = next(body.iter("time"), None)
    if t is not None and t.get("datetime") and (dv := _parse(t.get("datetime"))).value:
        return dv
    for el in body.iter():
        dated = is_element(el) and (
            el.tag == "time" or any(_DATE_CLASS.fullmatch(c) for c in (el.get("class") or "").lower().split())
        )
        if dated:
            found = find_dates(" ".join(el.text_content().split())[:200])
            if found:
                return found[0][2]
    return DateValue()


def _parse(raw: str) -> DateValue:
    """A publication date as the page's own calendar day: "2024-03-15T08:00:00+03:00" is 15 March there."""
    from eventledger.read.common import parse_date  # the read package imports this module

    m = _ISO_DAY.match(raw.strip())
    if m:
        return DateValue(m.group(0), "day")
    dv = parse_date(raw)
    if dv.value and dv.precision == "second":
        return DateValue(dv.value[:10], "day")
    return dv


def _canonical(root: etree._Element) -> str | None:
    head = root.find("head")
    for link in (head if head is not None else root).iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href")
    return None
