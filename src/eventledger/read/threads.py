"""Comment threads (Reddit `.json` listings, Lemmy API): one document, the post then every comment."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from eventledger.read.common import Part, clean_part, from_timestamp, parse_date, structured_document
from eventledger.records import Document

GONE = {"[deleted]", "[removed]"}


def is_reddit(obj: Any) -> bool:
    if not isinstance(obj, list) or not obj:
        return False
    if not all(isinstance(x, dict) and x.get("kind") == "Listing" for x in obj):
        return False
    first = obj[0].get("data", {}).get("children") or [{}]
    return isinstance(first[0], dict) and first[0].get("kind") == "t3"


def is_lemmy(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("post_view"), dict)


def _post_part(title: str, body: str, **fields: Any) -> Part:
    text = f"{title}\n\n{body}" if title and body else title or body
    return Part(kind="post", text=text, title=title or None, depth=0, **fields)


def reddit_thread(listings: list, *, data: bytes, path: str) -> Document | str:
    post = listings[0]["data"]["children"][0]["data"]
    title, body = clean_part(post.get("title")), clean_part(post.get("selftext"))
    if body in GONE:
        body = ""
    date = from_timestamp(post.get("created_utc"))
    parts = [_post_part(title, body, date=date, author=post.get("author"), score=post.get("score"))]
    if not parts[0].text:
        return "Reddit thread has neither title nor body"

    def walk(children: list, depth: int, parent: int) -> None:
        for child in children or []:
            if not isinstance(child, dict) or child.get("kind") != "t1":
                continue  # "more" stubs name comments the file does not hold
            c = child.get("data", {})
            text = clean_part(c.get("body"))
            here = parent
            if text and text not in GONE:
                parts.append(Part(kind="comment", text=text, date=from_timestamp(c.get("created_utc")),
                                  author=c.get("author"), score=c.get("score"), depth=depth, parent=parent,
                                  meta={"comment_id": c.get("id")}))
                here = len(parts) - 1
            replies = c.get("replies")
            if isinstance(replies, dict):  # Reddit writes "" when there are none
                walk(replies.get("data", {}).get("children"), depth + 1, here)

    if len(listings) > 1:
        walk(listings[1].get("data", {}).get("children"), 1, 0)
    sub = post.get("subreddit")
    url = f"https://www.reddit.com{post['permalink']}" if post.get("permalink") else post.get("url")
    return structured_document(parts, item_bytes=data, path=path, kind="thread",
                               source=f"r/{sub}" if sub else None, url=url, title=title or None,
                               published=date, author=post.get("author"),
                               meta={"format": "reddit", "post_id": post.get("id"), "link": post.get("url")})


def _chain(comment: dict) -> list[str]:
    """Ancestor ids from the root down to the comment itself ("0.12.34" -> ["12", "34"])."""
    return [x for x in str(comment.get("path", "0")).split(".") if x and x != "0"]


def lemmy_thread(obj: dict, *, data: bytes, path: str) -> Document | str:
    view = obj["post_view"]
    post = view.get("post", {})
    title, body = clean_part(post.get("name")), clean_part(post.get("body"))
    date = parse_date(post.get("published"))  # older Lemmy writes naive UTC, which parse_date keeps as is
    author = (view.get("creator") or {}).get("name")
    parts = [_post_part(title, body, date=date, author=author, score=(view.get("counts") or {}).get("score"))]
    if not parts[0].text:
        return "Lemmy thread has neither title nor body"
    views = [v for v in obj.get("comments") or []
             if isinstance(v, dict) and isinstance(v.get("comment"), dict)]
    kept: dict[str, int] = {}  # comment id -> part index
    # Parents before children whatever order the API gave; path "0.12.34" is the chain of ancestor ids.
    for v in sorted(views, key=lambda v: [int(x) for x in _chain(v["comment"]) if x.isdigit()]):
        c = v["comment"]
        chain = _chain(c)
        text = clean_part(c.get("content"))
        if not text or c.get("deleted") or c.get("removed"):
            continue
        parent = next((kept[a] for a in reversed(chain[:-1]) if a in kept), 0)
        parts.append(Part(kind="comment", text=text, date=parse_date(c.get("published")),
                          author=(v.get("creator") or {}).get("name"),
                          score=(v.get("counts") or {}).get("score"), depth=max(1, len(chain)), parent=parent,
                          meta={"comment_id": c.get("id")}))
        kept[str(c.get("id"))] = len(parts) - 1
    community = view.get("community") or {}
    host = urlparse(community.get("actor_id") or "").hostname
    source = community.get("name") and (f"!{community['name']}@{host}" if host else community["name"])
    return structured_document(parts, item_bytes=data, path=path, kind="thread", source=source or None,
                               url=post.get("ap_id") or post.get("url"), title=title or None, published=date,
                               author=author, meta={"format": "lemmy", "post_id": post.get("id"),
                                                    "link": post.get("url")})
