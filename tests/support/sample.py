"""A small hand-made ledger for the workspace and export tests (written in our own words).

Three outlets report one concert-hall attack with 137, 139 and 144 dead; a claim and
an attribution disagree on who did it; a second event in Nigeria; and a forum thread
whose text is full of markup that must never run in a browser.
"""

from __future__ import annotations

from eventledger.ids import make_id
from eventledger.records import (
    Arg,
    Count,
    DateValue,
    Document,
    Dropped,
    Event,
    Evidence,
    Piece,
    Place,
    Report,
    Segment,
    Statement,
)
from eventledger.store import Store

XSS = [
    "<script>window.__xss = 1; alert('x')</script>",
    '<img src=x onerror="window.__xss = 1; alert(1)">',
    "javascript:alert(document.cookie)",
    '"><svg onload=alert(1)>',
]


def _doc(
    text: str, *, source: str, title: str, published: str, kind: str = "article", path: str | None = None
) -> tuple[Document, Segment]:
    doc_id = make_id("doc", text)
    doc = Document(
        id=doc_id,
        path=path or f"fixtures/{doc_id}.txt",
        kind=kind,
        content=text.encode(),
        text=text,
        source=source,
        title=title,
        published=DateValue(published, "day"),
        language="en",
        url=f"https://example.org/{doc_id}",
    )
    seg = Segment(
        id=make_id("seg", doc_id, 0),
        document=doc_id,
        index=0,
        kind="article",
        text=text,
        pieces=[Piece(0, 0, len(text))],
        language="en",
        date=DateValue(published, "day"),
    )
    doc.segments.append(seg)
    return doc, seg


def _ev(doc: Document, seg: Segment, phrase: str, *, after: int = 0) -> Evidence:
    start = doc.text.index(phrase, after)
    return Evidence(doc.id, seg.id, start, start + len(phrase), phrase)


def _count(doc, seg, phrase, value, qualifier="exact", who="people"):
    return Count(value, qualifier, value, value, who, _ev(doc, seg, phrase))


def _report(
    doc, seg, *, n: int, type_: str, date: str, place: Place, killed: Count | None, sentence: str, perps=()
) -> Report:
    return Report(
        id=make_id("rep", seg.id, n),
        document=doc.id,
        segment=seg.id,
        source=doc.source,
        type=type_,
        date=DateValue(date, "day"),
        place=place,
        counts={"killed": [killed]} if killed else {},
        evidence=_ev(doc, seg, sentence),
        perpetrator_orgs=list(perps),
    )


def build_sample(store: Store) -> dict:
    """Store the sample ledger; returns the ids tests refer to."""
    moscow = dict(
        name="Crocus City Hall",
        city="Krasnogorsk",
        admin1="Moscow Oblast",
        country="RU",
        lat=55.826,
        lon=37.390,
        precision="venue",
    )
    a, sa = _doc(
        "Gunmen stormed a concert hall in Krasnogorsk, on the western edge of Moscow, on Friday evening. "
        "Investigators said 137 people were killed and more than 180 were wounded. "
        "The Islamic State Khorasan Province claimed the attack in a statement on Amaq.",
        source="Northern Wire",
        title="Concert hall attack near Moscow",
        published="2024-03-24",
    )
    b, sb = _doc(
        "The death toll from the concert hall attack in Krasnogorsk rose to 139, the regional governor said on Sunday. "
        "Russian officials said the attackers had links to Ukraine, which Kyiv denied.",
        source="Daily Example",
        title="Toll rises after Krasnogorsk attack",
        published="2024-03-25",
    )
    c, sc = _doc(
        "Health officials now put the number of dead in the Krasnogorsk concert hall attack at 144. "
        "Several victims remain in hospital.",
        source="Metro Bulletin",
        title="Krasnogorsk toll revised",
        published="2024-04-02",
    )
    n, sn = _doc(
        "Suspected jihadists attacked a cattle market near Maiduguri in Borno State on Tuesday, killing 12 traders, "
        "a local official said.",
        source="Sahel Desk",
        title="Market attack in Borno",
        published="2024-05-08",
    )
    x_text = (
        "Forum thread about the Kano bombing. "
        + XSS[0]
        + " A user wrote that a bomb at a bus station in Kano killed 9 people. "
        + XSS[1]
        + " Another reply linked "
        + XSS[2]
        + " and signed off "
        + XSS[3]
    )
    x, sx = _doc(x_text, source="Open Forum " + XSS[3], title="Thread " + XSS[0], published="2024-05-20", kind="thread")
    x.dropped.append(Dropped("menu", "navigation list " + XSS[1], 64, None, None, "Home | " + XSS[0]))
    a.dropped.append(Dropped("share", "share buttons", 31, None, None, "Share on social media"))

    claim_arg = Arg(
        "The Islamic State Khorasan Province",
        a.text.index("The Islamic State Khorasan"),
        a.text.index("The Islamic State Khorasan") + len("The Islamic State Khorasan Province"),
        "islamic-state-khorasan",
    )
    ra = _report(
        a,
        sa,
        n=0,
        type_="armed-assault",
        date="2024-03-22",
        place=Place(**moscow, evidence=_ev(a, sa, "Krasnogorsk")),
        killed=_count(a, sa, "137 people", 137),
        sentence="Investigators said 137 people were killed and more than 180 were wounded.",
        perps=[claim_arg],
    )
    rb = _report(
        b,
        sb,
        n=0,
        type_="armed-assault",
        date="2024-03-22",
        place=Place(**moscow),
        killed=_count(b, sb, "139", 139),
        sentence="The death toll from the concert hall attack in Krasnogorsk rose to 139, the regional governor "
        "said on Sunday.",
    )
    rc = _report(
        c,
        sc,
        n=0,
        type_="armed-assault",
        date="2024-03-22",
        place=Place(**moscow),
        killed=_count(c, sc, "144", 144),
        sentence="Health officials now put the number of dead in the Krasnogorsk concert hall attack at 144.",
    )
    rn = _report(
        n,
        sn,
        n=0,
        type_="armed-assault",
        date="2024-05-07",
        place=Place(
            name="Maiduguri", city="Maiduguri", admin1="Borno", country="NG", lat=11.846, lon=13.160, precision="city"
        ),
        killed=_count(n, sn, "12 traders", 12, who="traders"),
        sentence="Suspected jihadists attacked a cattle market near Maiduguri in Borno State on Tuesday, killing 12 "
        "traders, a local official said.",
    )
    rx = _report(
        x,
        sx,
        n=0,
        type_="bombing",
        date="2024-05-19",
        place=Place(name="Kano " + XSS[1], city="Kano", country="NG", lat=12.0, lon=8.517, precision="city"),
        killed=_count(x, sx, "9 people", 9),
        sentence="A user wrote that a bomb at a bus station in Kano killed 9 people.",
    )
    rx.opinion = True
    a.reports.append(ra), b.reports.append(rb), c.reports.append(rc), n.reports.append(rn), x.reports.append(rx)
    st_claim = Statement(
        id=make_id("sta", sa.id, 0),
        document=a.id,
        segment=sa.id,
        speaker="Islamic State Khorasan Province",
        speaker_role="armed group",
        kind="claim-of-responsibility",
        text="The Islamic State Khorasan Province claimed the attack in a statement on Amaq.",
        evidence=_ev(a, sa, "The Islamic State Khorasan Province claimed the attack in a statement on Amaq."),
        speaker_actor_id="islamic-state-khorasan",
        about=claim_arg,
        channel="Amaq",
        report=ra.id,
    )
    st_blame = Statement(
        id=make_id("sta", sb.id, 0),
        document=b.id,
        segment=sb.id,
        speaker="Russian officials",
        speaker_role="government",
        kind="attribution",
        text="Russian officials said the attackers had links to Ukraine, which Kyiv denied.",
        evidence=_ev(b, sb, "Russian officials said the attackers had links to Ukraine, which Kyiv denied."),
        report=rb.id,
    )
    st_xss = Statement(
        id=make_id("sta", sx.id, 0),
        document=x.id,
        segment=sx.id,
        speaker="forum user " + XSS[0],
        speaker_role=None,
        kind="quote",
        text=XSS[1],
        evidence=_ev(x, sx, XSS[1]),
        report=rx.id,
    )
    a.statements.append(st_claim), b.statements.append(st_blame), x.statements.append(st_xss)
    for d in (a, b, c, n, x):
        store.save_document(d)

    def values(reps):
        out = []
        for r in reps:
            k = r.counts["killed"][0]
            out.append(
                {
                    "value": k.value,
                    "qualifier": k.qualifier,
                    "low": k.low,
                    "high": k.high,
                    "who": k.who,
                    "evidence": k.evidence.to_dict(),
                    "report": r.id,
                    "source": r.source,
                }
            )
        return out

    crocus = {
        "id": "evt_crocus0000000001",
        "type": "armed-assault",
        "date": {"value": "2024-03-22", "precision": "day"},
        "place": moscow,
        "perpetrators": [
            {
                "actor": "Islamic State Khorasan Province",
                "actor_id": "islamic-state-khorasan",
                "basis": "claimed",
                "by": "Islamic State Khorasan Province",
                "reports": [ra.id],
            },
            {
                "actor": "Ukraine",
                "actor_id": None,
                "basis": "attributed",
                "by": "Russian officials",
                "reports": [rb.id],
            },
        ],
        "counts": {
            "killed": {
                "values": values([ra, rb, rc]),
                "low": 137,
                "high": 144,
                "best": 144,
                "policy": "latest",
                "contested": True,
            }
        },
        "reports": [
            {"id": r.id, "document": r.document, "segment": r.segment, "source": r.source} for r in (ra, rb, rc)
        ],
        "sources": [{"name": d.source, "document": d.id} for d in (a, b, c)],
        "independent_sources": 3,
        "contradictions": [
            {
                "field": "killed",
                "values": [
                    {"value": 137, "source": "Northern Wire"},
                    {"value": 139, "source": "Daily Example"},
                    {"value": 144, "source": "Metro Bulletin"},
                ],
            },
            {
                "field": "perpetrator",
                "values": [
                    {"value": "Islamic State Khorasan Province", "source": "Northern Wire"},
                    {"value": "Ukraine", "source": "Daily Example"},
                ],
            },
        ],
        "statements": [st_claim.id, st_blame.id],
        "corrections": [],
    }
    borno = {
        "id": "evt_borno000000000001",
        "type": "armed-assault",
        "date": {"value": "2024-05-07", "precision": "day"},
        "place": {
            "name": "Maiduguri",
            "city": "Maiduguri",
            "admin1": "Borno",
            "country": "NG",
            "lat": 11.846,
            "lon": 13.160,
            "precision": "city",
        },
        "perpetrators": [
            {"actor": "Suspected jihadists", "actor_id": None, "basis": "reported", "by": None, "reports": [rn.id]}
        ],
        "counts": {
            "killed": {
                "values": values([rn]),
                "low": 12,
                "high": 12,
                "best": 12,
                "policy": "latest",
                "contested": False,
            }
        },
        "reports": [{"id": rn.id, "document": rn.document, "segment": rn.segment, "source": rn.source}],
        "sources": [{"name": n.source, "document": n.id}],
        "independent_sources": 1,
        "contradictions": [],
        "statements": [],
        "corrections": [],
        "background": True,  # told only in passing by its one report
    }
    kano = {
        "id": "evt_kano0000000000001",
        "type": "bombing",
        "date": {"value": "2024-05-19", "precision": "day"},
        "place": {
            "name": "Kano " + XSS[1],
            "city": "Kano",
            "admin1": None,
            "country": "NG",
            "lat": 12.0,
            "lon": 8.517,
            "precision": "city",
        },
        "perpetrators": [
            {"actor": "bombers " + XSS[0], "actor_id": None, "basis": "reported", "by": None, "reports": [rx.id]}
        ],
        "counts": {
            "killed": {"values": values([rx]), "low": 9, "high": 9, "best": 9, "policy": "latest", "contested": False}
        },
        "reports": [{"id": rx.id, "document": rx.document, "segment": rx.segment, "source": rx.source}],
        "sources": [{"name": x.source, "document": x.id}],
        "independent_sources": 1,
        "contradictions": [],
        "statements": [st_xss.id],
        "corrections": [],
    }
    store.replace_events(
        [Event.from_dict(e) for e in (crocus, borno, kano)],
        ambiguous=[],
        revisions=[
            {"event": crocus["id"], "change": "new", "why": "first report"},
            {"event": crocus["id"], "change": "update", "why": "a later report raised the toll to 144"},
            {"event": kano["id"], "change": "new", "why": "first report"},
        ],
    )
    store.add_correction(
        {
            "id": "cor_sample0001",
            "kind": "note",
            "event": crocus["id"],
            "field": "killed",
            "value": 145,
            "note": "Hospital list names one more victim " + XSS[0],
            "author": "analyst",
            "created": "2024-04-05T10:00:00+00:00",
        }
    )
    return {
        "crocus": crocus["id"],
        "borno": borno["id"],
        "kano": kano["id"],
        "docs": {"a": a.id, "b": b.id, "c": c.id, "n": n.id, "x": x.id},
        "reports": {"a": ra.id, "b": rb.id, "c": rc.id},
        "statements": {"claim": st_claim.id},
    }
