"""Write the demo's structured social exports: a Telegram Desktop channel export, a Reddit thread, a Lemmy thread.

The text is defined here once; field names and nesting follow what each platform actually emits.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
MSK = timezone(timedelta(hours=3))  # Telegram Desktop writes "date" in the exporting machine's local time


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


# --- Telegram -------------------------------------------------------------------------------------------

CHANNEL, CHANNEL_ID = "Frontline Digest", 1823456789


def _entities(text) -> list[dict]:
    if isinstance(text, str):
        return [{"type": "plain", "text": text}] if text else []
    return [{"type": "plain", "text": t} if isinstance(t, str) else t for t in text]


def _stamp(local: str, key: str = "date") -> dict:
    return {key: local, f"{key}_unixtime": str(int(datetime.fromisoformat(local).replace(tzinfo=MSK).timestamp()))}


def _tg(mid: int, when: str, text, *, edited: str | None = None, **extra) -> dict:
    msg = {"id": mid, "type": "message", **_stamp(when), "from": CHANNEL, "from_id": f"channel{CHANNEL_ID}"}
    msg.update(extra)
    if edited:
        msg.update(_stamp(edited, "edited"))
    msg["text"] = text
    msg["text_entities"] = _entities(text)
    return msg


def telegram() -> dict:
    article = "https://northgatepost.example/world/europe/2024/03/23/crocus-claim-amaq"
    messages = [
        _tg(
            4101,
            "2024-03-22T20:14:00",
            "Reports of shooting at Crocus City Hall in Krasnogorsk. Witnesses describe several armed men in "
            "camouflage inside the building, and a fire has broken out.",
        ),
        _tg(
            4102,
            "2024-03-22T20:52:00",
            "Thick smoke over the Crocus complex, visible from the Volokolamsk highway. Police have closed the "
            "roads around the venue.",
            forwarded_from="Krasnogorsk Live",
            photo="photos/photo_12@22-03-2024_20-52-00.jpg",
            width=1280,
            height=720,
        ),
        _tg(
            4103,
            "2024-03-22T23:40:00",
            [
                "\u26a1 ",
                {"type": "bold", "text": "FSB: at least 40 killed"},
                ", more than 100 injured in the shooting and fire at Crocus City Hall. ",
                {"type": "hashtag", "text": "#Krasnogorsk"},
            ],
            reactions=[{"type": "emoji", "count": 212, "emoji": "\U0001f622"}],
        ),
        _tg(
            4104,
            "2024-03-23T00:35:00",
            [
                "Islamic State has claimed the attack in a statement carried by its Amaq agency. A US official "
                "told reporters that Washington had warned Moscow earlier this month about plans for an attack on "
                "a large gathering. Details ",
                {"type": "text_link", "text": "here", "href": article},
                ".",
            ],
        ),
        {
            "id": 4105,
            "type": "service",
            **_stamp("2024-03-23T00:36:10"),
            "actor": CHANNEL,
            "actor_id": f"channel{CHANNEL_ID}",
            "action": "pin_message",
            "message_id": 4103,
            "text": "",
            "text_entities": [],
        },
        _tg(
            4106,
            "2024-03-23T10:05:00",
            "Investigative Committee: the number of dead has risen to 93.",
            reply_to_message_id=4103,
        ),
        _tg(
            4107,
            "2024-03-23T15:30:00",
            [
                "Putin in a televised address: the four attackers were detained while trying to escape towards "
                "Ukraine, where ",
                {"type": "italic", "text": '"a window"'},
                " had been prepared for them to cross. 24 March declared a day of national mourning. ",
                {"type": "hashtag", "text": "#Putin"},
            ],
        ),
        _tg(
            4108,
            "2024-03-23T22:10:00",
            "Updated toll: 133 dead according to the Investigative Committee. The search of the collapsed part "
            "of the hall is continuing.",
            reply_to_message_id=4103,
            edited="2024-03-23T22:18:00",
        ),
        _tg(
            4109,
            "2024-03-24T19:20:00",
            [
                "The Investigative Committee now says 137 people were killed, three of them children. The four "
                "suspects are being brought to the Basmanny court in Moscow tonight. ",
                {"type": "hashtag", "text": "#CrocusCityHall"},
            ],
        ),
        _tg(
            4110,
            "2024-03-25T12:45:00",
            [
                "Toll rises to 139. Full list of victims published by the Moscow region government: ",
                {"type": "link", "text": "https://mosreg.example/crocus/victims"},
            ],
        ),
    ]
    return {"name": CHANNEL, "type": "public_channel", "id": CHANNEL_ID, "messages": messages}


# --- Reddit ---------------------------------------------------------------------------------------------

SUB, SUB_ID, POST_ID = "ConflictWatch", "t5_2x4k9q", "18ysk2w"
REDDIT_AUTHORS = {
    "sandgrouse_77": "t2_8f3kd0q1",
    "mapsandmedics": "t2_1lx9w2ze",
    "northern_lights_osint": "t2_6c0v4pme",
    "realist_take": "t2_3s9r7ytq",
}
POST_URL = "https://gulfledger.example/middle-east/2024/01/05/kerman-toll-revised-84"


def _md_html(body: str) -> str:
    paras = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in body.split("\n\n"))
    return html.escape(f'<div class="md">{paras}</div>', quote=False)


def _ts(when: str) -> float:
    return float(int(datetime.fromisoformat(when).replace(tzinfo=timezone.utc).timestamp()))


def _t1(cid: str, parent: str, depth: int, author: str, when: str, score: int, body: str, replies=()) -> dict:
    deleted = author == "[deleted]"
    data = {
        "subreddit_id": SUB_ID,
        "approved_at_utc": None,
        "author_is_blocked": False,
        "comment_type": None,
        "edited": False,
        "author_flair_text": None,
        "gilded": 0,
        "archived": False,
        "no_follow": score < 2,
        "author": author,
        "can_mod_post": False,
        "created_utc": _ts(when),
        "send_replies": True,
        "parent_id": parent,
        "score": score,
        "approved_by": None,
        "mod_note": None,
        "all_awardings": [],
        "subreddit": SUB,
        "body": body,
        "downs": 0,
        "is_submitter": False,
        "collapsed": score < -10,
        "body_html": _md_html(body),
        "stickied": False,
        "subreddit_type": "public",
        "can_gild": False,
        "link_id": f"t3_{POST_ID}",
        "unrepliable_reason": None,
        "score_hidden": False,
        "permalink": f"/r/{SUB}/comments/{POST_ID}/iran_lowers_kerman_bombing_death_toll_to_84/{cid}/",
        "name": f"t1_{cid}",
        "created": _ts(when),
        "subreddit_name_prefixed": f"r/{SUB}",
        "controversiality": 1 if score < 0 else 0,
        "depth": depth,
        "distinguished": None,
        "ups": score,
        "id": cid,
        "replies": "",
    }
    if not deleted:  # Reddit omits author_fullname once the account is gone
        data["author_fullname"] = REDDIT_AUTHORS[author]
    if replies:
        data["replies"] = {
            "kind": "Listing",
            "data": {
                "after": None,
                "dist": None,
                "modhash": "",
                "geo_filter": "",
                "children": list(replies),
                "before": None,
            },
        }
    return {"kind": "t1", "data": data}


def reddit() -> list:
    post = {
        "approved_at_utc": None,
        "subreddit": SUB,
        "selftext": "",
        "author_fullname": "t2_5jq3r8ka",
        "saved": False,
        "gilded": 0,
        "clicked": False,
        "title": "Iran lowers Kerman bombing death toll to 84, says some victims were counted twice",
        "subreddit_name_prefixed": f"r/{SUB}",
        "hidden": False,
        "pwls": 6,
        "link_flair_css_class": "iran",
        "downs": 0,
        "hide_score": False,
        "name": f"t3_{POST_ID}",
        "quarantine": False,
        "link_flair_text_color": "dark",
        "upvote_ratio": 0.96,
        "subreddit_type": "public",
        "ups": 1874,
        "domain": "gulfledger.example",
        "is_self": False,
        "link_flair_text": "Iran",
        "score": 1874,
        "edited": False,
        "post_hint": "link",
        "created": _ts("2024-01-05T09:12:40"),
        "over_18": False,
        "selftext_html": None,
        "locked": False,
        "subreddit_id": SUB_ID,
        "id": POST_ID,
        "author": "levant_ledger",
        "num_comments": 8,
        "permalink": f"/r/{SUB}/comments/{POST_ID}/iran_lowers_kerman_bombing_death_toll_to_84/",
        "stickied": False,
        "url": POST_URL,
        "created_utc": _ts("2024-01-05T09:12:40"),
        "num_crossposts": 2,
        "is_video": False,
    }
    p = f"t3_{POST_ID}"
    comments = [
        _t1(
            "kgq1a0b",
            p,
            0,
            "sandgrouse_77",
            "2024-01-05T09:40:02",
            412,
            "So 103 on the first day, 95 the next, and 84 now. Double counting happens after mass-casualty "
            "attacks, but that is a big swing.",
            [
                _t1(
                    "kgq3c2d",
                    "t1_kgq1a0b",
                    1,
                    "mapsandmedics",
                    "2024-01-05T10:02:51",
                    120,
                    "The explanation given was that victims moved between hospitals were registered at each one, "
                    "so some names appeared twice on the list.",
                    [
                        _t1(
                            "kgq9x4e",
                            "t1_kgq3c2d",
                            2,
                            "sandgrouse_77",
                            "2024-01-05T10:31:19",
                            35,
                            "Still, state media had 103 for a whole day and most foreign outlets ran with it.",
                        )
                    ],
                )
            ],
        ),
        _t1(
            "kgq2f7h",
            p,
            0,
            "northern_lights_osint",
            "2024-01-05T09:51:37",
            260,
            "Before IS claimed it, officials in Tehran were blaming Israel and the US. The claim came on "
            "Thursday through Amaq, naming the two bombers by their noms de guerre.",
            [
                _t1(
                    "kgq4m1k",
                    "t1_kgq2f7h",
                    1,
                    "realist_take",
                    "2024-01-05T10:10:04",
                    -18,
                    "Amaq claims whatever it likes. That proves nothing.",
                    [
                        _t1(
                            "kgq7p8s",
                            "t1_kgq4m1k",
                            2,
                            "northern_lights_osint",
                            "2024-01-05T10:44:58",
                            44,
                            "US officials also attributed it to IS-K, and Iran's own intelligence ministry later said "
                            "one of the bombers was from Tajikistan.",
                        )
                    ],
                ),
                _t1("kgq5z3t", "t1_kgq2f7h", 1, "[deleted]", "2024-01-05T10:20:11", 3, "[removed]"),
            ],
        ),
        {
            "kind": "more",
            "data": {
                "count": 1,
                "name": "t1_kgqb2w9",
                "id": "kgqb2w9",
                "parent_id": p,
                "depth": 0,
                "children": ["kgqb2w9"],
            },
        },
    ]

    def listing(children, dist):
        return {
            "kind": "Listing",
            "data": {
                "after": None,
                "dist": dist,
                "modhash": "",
                "geo_filter": "",
                "children": children,
                "before": None,
            },
        }

    return [listing([{"kind": "t3", "data": post}], 1), listing(comments, None)]


# --- Lemmy ----------------------------------------------------------------------------------------------

INSTANCE = "https://lemmy.example.org"


def _person(pid: int, name: str, when: str) -> dict:
    return {
        "id": pid,
        "name": name,
        "display_name": None,
        "avatar": None,
        "banned": False,
        "published": when,
        "actor_id": f"{INSTANCE}/u/{name}",
        "local": True,
        "deleted": False,
        "bot_account": False,
        "instance_id": 1,
    }


COMMUNITY = {
    "id": 14,
    "name": "worldnews",
    "title": "World News",
    "description": "News from around the world.",
    "removed": False,
    "published": "2021-06-02T17:20:11.204512Z",
    "updated": None,
    "deleted": False,
    "nsfw": False,
    "actor_id": f"{INSTANCE}/c/worldnews",
    "local": True,
    "icon": None,
    "banner": None,
    "hidden": False,
    "posting_restricted_to_mods": False,
    "instance_id": 1,
    "visibility": "Public",
}

LEMMY_POST = {
    "id": 90412,
    "name": "Somalia's president says at least 100 killed in twin car bombings in Mogadishu",
    "url": "https://hornreport.example/2022/10/30/mogadishu-twin-bombings-100-killed",
    "body": "Two car bombs went off minutes apart on Saturday at the busy Zobe junction, next to the education "
    "ministry. President Hassan Sheikh Mohamud visited the site and said about 300 people were wounded.",
    "creator_id": 3301,
    "community_id": 14,
    "removed": False,
    "locked": False,
    "published": "2022-10-30T14:22:05.118204Z",
    "updated": None,
    "deleted": False,
    "nsfw": False,
    "embed_title": "At least 100 killed in Mogadishu twin bombings, president says",
    "embed_description": None,
    "thumbnail_url": None,
    "ap_id": f"{INSTANCE}/post/90412",
    "local": True,
    "embed_video_url": None,
    "language_id": 37,
    "featured_community": False,
    "featured_local": False,
    "url_content_type": "text/html",
}


def _cv(cid: int, path: str, person: dict, when: str, score: int, content: str, *, removed=False, children=0) -> dict:
    return {
        "comment": {
            "id": cid,
            "creator_id": person["id"],
            "post_id": LEMMY_POST["id"],
            "content": content,
            "removed": removed,
            "published": when,
            "updated": None,
            "deleted": False,
            "ap_id": f"{INSTANCE}/comment/{cid}",
            "local": True,
            "path": path,
            "distinguished": False,
            "language_id": 37,
        },
        "creator": person,
        "post": LEMMY_POST,
        "community": COMMUNITY,
        "counts": {
            "comment_id": cid,
            "score": score,
            "upvotes": max(score, 0) + 2,
            "downvotes": 2,
            "published": when,
            "child_count": children,
        },
        "creator_banned_from_community": False,
        "banned_from_community": False,
        "creator_is_moderator": False,
        "creator_is_admin": False,
        "subscribed": "NotSubscribed",
        "saved": False,
        "creator_blocked": False,
        "my_vote": None,
    }


def lemmy() -> dict:
    op = _person(3301, "hornwatcher", "2022-02-11T08:01:44.512301Z")
    a = _person(3417, "ayaan_m", "2022-04-19T12:30:09.004411Z")
    b = _person(2988, "cartographer", "2021-11-02T20:14:51.730022Z")
    c = _person(3550, "quietfox", "2022-08-27T05:55:12.190744Z")
    comments = [
        _cv(
            51001,
            "0.51001",
            a,
            "2022-10-30T14:40:17.331907Z",
            38,
            "The bombs hit the Zobe junction, the same place as the truck bomb of 14 October 2017 that killed "
            "more than 500 people.",
            children=1,
        ),
        _cv(
            51007,
            "0.51001.51007",
            c,
            "2022-10-30T15:02:45.880125Z",
            12,
            "Five years and two weeks apart, almost to the day.",
        ),
        _cv(
            51003,
            "0.51003",
            b,
            "2022-10-30T14:51:30.642018Z",
            45,
            "Al-Shabaab claimed it in a statement and called the education ministry an enemy base because, it "
            "said, the ministry turns children away from Islam. The president's figure so far is 100 dead.",
            children=2,
        ),
        _cv(
            51012,
            "0.51003.51012",
            a,
            "2022-11-01T09:18:02.115567Z",
            21,
            "Update: the government now says 121 killed and more than 300 wounded.",
            children=1,
        ),
        _cv(
            51020,
            "0.51003.51012.51020",
            b,
            "2022-11-01T10:03:27.468390Z",
            9,
            "Worth keeping both numbers. 100 was what the president said on Sunday, 121 came two days later "
            "from the health authorities.",
        ),
        _cv(51005, "0.51005", c, "2022-10-30T14:58:41.209333Z", -6, "", removed=True),
    ]
    post_view = {
        "post": LEMMY_POST,
        "creator": op,
        "community": COMMUNITY,
        "creator_banned_from_community": False,
        "banned_from_community": False,
        "creator_is_moderator": False,
        "creator_is_admin": False,
        "counts": {
            "post_id": LEMMY_POST["id"],
            "comments": len(comments),
            "score": 164,
            "upvotes": 170,
            "downvotes": 6,
            "published": LEMMY_POST["published"],
            "newest_comment_time": "2022-11-01T10:03:27.468390Z",
        },
        "subscribed": "NotSubscribed",
        "saved": False,
        "read": False,
        "hidden": False,
        "creator_blocked": False,
        "my_vote": None,
        "unread_comments": 0,
    }
    return {"post_view": post_view, "comments": comments}


def main() -> None:
    _write(CORPUS / "telegram" / "result.json", telegram())
    _write(CORPUS / "thread-reddit.json", reddit())
    _write(CORPUS / "thread-lemmy.json", lemmy())


if __name__ == "__main__":
    main()
