"""Comment threads (Reddit `.json` listings, Lemmy API): one document, the post then every comment."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from eventledger.read.common import (
    BadItem,
    Part,
    from_timestamp,
    int_field,
    json_type,
    list_field,
    object_field,
    optional_text,
    parse_date,
    structured_document,
    text_field,
)
from eventledger.records import Document

GONE = {"[deleted]", "[removed]"}


def is_reddit(obj: Any) -> bool:
    if not isinstance(obj, list) or not obj:
        return False
    if not all(isinstance(x, dict) and x.get("kind") == "Listing" for x in obj):
        return False
    data = obj[0].get("data")
    first = (data.get("children") if isinstance(data, dict) else None) or [{}]
    return isinstance(first, list) and isinstance(first[0], dict) and first[0].get("kind") == "t3"


def is_lemmy(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("post_view"), dict)


def _post_part(title: str, body: str, **fields: Any) -> Part:
    text = f"{title}\n\n{body}" if title and body else title or body
    return Part(kind="post", text=text, title=title or None, depth=0, **fields)


def _children(listing: Any) -> list:
    if not isinstance(listing, dict):
        raise BadItem(f"a listing is {json_type(listing)}, expected an object")
    return list_field(object_field(listing, "data"), "children")


def reddit_thread(listings: list, *, data: bytes, path: str) -> Document | str:
    post = object_field(_children(listings[0])[0], "data")
    title, body = text_field(post, "title"), text_field(post, "selftext")
    if body in GONE:
        body = ""
    date = from_timestamp(post.get("created_utc"))
    parts = [_post_part(title, body, date=date, author=optional_text(post, "author"), score=int_field(post, "score"))]
    if not parts[0].text:
        return "Reddit thread has neither title nor body"

    # A stack, not recursion: reply chains are as deep as the file makes them.
    pending = [(child, 1, 0) for child in reversed(_children(listings[1]))] if len(listings) > 1 else []
    while pending:
        child, depth, parent = pending.pop()
        if not isinstance(child, dict) or child.get("kind") != "t1":
            continue  # "more" stubs name comments the file does not hold
        c = object_field(child, "data")
        text = text_field(c, "body")
        here = parent
        if text and text not in GONE:
            parts.append(
                Part(
                    kind="comment",
                    text=text,
                    date=from_timestamp(c.get("created_utc")),
                    author=optional_text(c, "author"),
                    score=int_field(c, "score"),
                    depth=depth,
                    parent=parent,
                    meta={"comment_id": c.get("id")},
                )
            )
            here = len(parts) - 1
        replies = c.get("replies")
        if isinstance(replies, dict):  # Reddit writes "" when there are none
            pending.extend((r, depth + 1, here) for r in reversed(_children(replies)))
    sub = optional_text(post, "subreddit")
    permalink, link = optional_text(post, "permalink"), optional_text(post, "url")
    return structured_document(
        parts,
        item_bytes=data,
        path=path,
        kind="thread",
        source=f"r/{sub}" if sub else None,
        url=f"https://www.reddit.com{permalink}" if permalink else link,
        title=title or None,
        published=date,
        author=parts[0].author,
        meta={"format": "reddit", "post_id": post.get("id"), "link": link},
    )


def _chain(comment: dict) -> list[str]:
    """Ancestor ids from the root down to the comment itself ("0.12.34" -> ["12", "34"])."""
    return [x for x in str(comment.get("path", "0")).split(".") if x and x != "0"]


def _order(chain: list[str]) -> list[int]:
    # int() of a digit string longer than Python's 4,300-digit limit raises; no real id comes near that
    return [int(x) for x in chain if x.isdigit() and len(x) <= 30]


def _host(url: str) -> str | None:
    try:
        return urlparse(url).hostname
    except ValueError:  # "http://[oops" and other unparseable addresses
        return None


def lemmy_thread(obj: dict, *, data: bytes, path: str) -> Document | str:
    view = obj["post_view"]
    post = object_field(view, "post")
    title, body = text_field(post, "name"), text_field(post, "body")
    date = parse_date(post.get("published"))  # older Lemmy writes naive UTC, which parse_date keeps as is
    author = optional_text(object_field(view, "creator"), "name")
    parts = [_post_part(title, body, date=date, author=author, score=int_field(object_field(view, "counts"), "score"))]
    if not parts[0].text:
        return "Lemmy thread has neither title nor body"
    views = [v for v in list_field(obj, "comments") if isinstance(v, dict) and isinstance(v.get("comment"), dict)]
    kept: dict[str, int] = {}  # comment id -> part index
    # Parents before children whatever order the API gave; path "0.12.34" is the chain of ancestor ids.
    for v in sorted(views, key=lambda v: _order(_chain(v["comment"]))):
        c = v["comment"]
        chain = _chain(c)
        text = text_field(c, "content")
        if not text or c.get("deleted") or c.get("removed"):
            continue
        parent = next((kept[a] for a in reversed(chain[:-1]) if a in kept), 0)
        parts.append(
            Part(
                kind="comment",
                text=text,
                date=parse_date(c.get("published")),
                author=optional_text(object_field(v, "creator"), "name"),
                score=int_field(object_field(v, "counts"), "score"),
                depth=max(1, len(chain)),
                parent=parent,
                meta={"comment_id": c.get("id")},
            )
        )
        kept[str(c.get("id"))] = len(parts) - 1
    community = object_field(view, "community")
    name = optional_text(community, "name")
    host = _host(optional_text(community, "actor_id") or "")
    source = name and (f"!{name}@{host}" if host else name)
    return structured_document(
        parts,
        item_bytes=data,
        path=path,
        kind="thread",
        source=source or None,
        url=optional_text(post, "ap_id") or optional_text(post, "url"),
        title=title or None,
        published=date,
        author=author,
        meta={"format": "lemmy", "post_id": post.get("id"), "link": post.get("url")},
    )
