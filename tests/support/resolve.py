"""Hand-built report, context and statement dicts for the resolution tests (written for these tests)."""

from __future__ import annotations

from eventledger.ids import make_id
from eventledger.records import Arg, Count, DateValue, Evidence, Place, Report, Statement

RU_VENUE = Place(
    name="Crocus City Hall",
    city="Krasnogorsk",
    admin1="Moscow Oblast",
    country="RU",
    lat=55.825,
    lon=37.386,
    precision="venue",
)
MOSCOW = Place(name="Moscow", city="Moscow", admin1="Moscow", country="RU", lat=55.756, lon=37.617, precision="city")


def report(
    doc: str,
    n: int,
    *,
    type="armed assault",
    date=None,
    place=None,
    perps=(),
    counts=None,
    text="",
    opinion=False,
    seg=None,
) -> dict:
    seg = seg or f"seg_{doc}_0"
    ev = Evidence(doc, seg, 0, len(text), text) if text else None
    r = Report(
        id=make_id("rep", doc, n),
        document=doc,
        segment=seg,
        source=None,
        type=type,
        date=DateValue(*date) if date else DateValue(),
        place=place or Place(),
        perpetrator_orgs=[Arg(p, 0, len(p), aid) for p, aid in perps],
        counts={
            k: [Count(v[0], v[1], None, None, v[2] if len(v) > 2 else None, None) for v in vs]
            for k, vs in (counts or {}).items()
        },
        evidence=ev,
        opinion=opinion,
    )
    return r.to_dict()


def ctx(source, *, original=None, dup=None, kind="article", published=("2024-03-25", "day")) -> dict:
    return {
        "source": source,
        "original_source": original,
        "duplicate_of": dup,
        "segment_kind": kind,
        "published": {"value": published[0], "precision": published[1]},
    }


def statement(doc: str, n: int, *, speaker, kind, about=None, speaker_id=None, rep=None, seg=None) -> dict:
    seg = seg or f"seg_{doc}_0"
    return Statement(
        id=make_id("sta", doc, n),
        document=doc,
        segment=seg,
        speaker=speaker,
        speaker_role=None,
        kind=kind,
        text="...",
        evidence=Evidence(doc, seg, 10, 13, "..."),
        speaker_actor_id=speaker_id,
        about=Arg(about[0], 0, len(about[0]), about[1]) if about else None,
        report=rep,
    ).to_dict()


def world() -> tuple[list[dict], dict[str, dict], list[dict]]:
    """Five outlets on the concert-hall attack near Moscow (March 2024) plus unrelated attacks."""
    R, C, S = [], {}, []

    def add(r, c):
        R.append(r)
        C[r["id"]] = c
        return r

    a = add(
        report(
            "docA",
            0,
            date=("2024-03-22", "day"),
            place=RU_VENUE,
            perps=[("Islamic State", "islamic-state")],
            counts={"killed": [(144, "exact")], "injured": [(200, "nearly")]},
            text="Gunmen stormed Crocus City Hall outside Moscow on Friday evening.",
        ),
        ctx("Northern Courier"),
    )
    S.append(
        statement(
            "docA", 0, speaker="Islamic State", speaker_id="islamic-state", kind="claim-of-responsibility", rep=a["id"]
        )
    )
    S.append(
        statement(
            "docA", 1, speaker="Recep Example", kind="attribution", about=("a foreign intelligence service", None)
        )
    )
    b1 = add(
        report(
            "docB",
            0,
            date=("2024", "year"),
            place=Place(name="Crocus City Hall", country="RU", precision="venue"),
            counts={"killed": [(137, "exact")]},
            text="the attack on Crocus City Hall in 2024",
        ),
        ctx("Lagoon Review", published=("2024-03-29", "day")),
    )
    add(
        report(
            "docB",
            1,
            type="hostage taking",
            date=("2002", "year"),
            place=MOSCOW,
            counts={"killed": [(130, "exact")]},
            text="the Moscow theatre siege of 2002",
        ),
        ctx("Lagoon Review", published=("2024-03-29", "day")),
    )
    add(
        report(
            "docB",
            2,
            type="hostage taking",
            date=("2004", "year"),
            place=Place(name="Beslan", city="Beslan", country="RU", precision="city"),
            counts={"killed": [(334, "exact")]},
            text="the school siege in Beslan",
        ),
        ctx("Lagoon Review", published=("2024-03-29", "day")),
    )
    S.append(statement("docB", 0, speaker="Islamic State", kind="claim-of-responsibility", rep=b1["id"]))
    c = add(
        report(
            "docC",
            0,
            type="attack",
            date=("2024-03-22", "day"),
            place=MOSCOW,
            perps=[("IS-K", "islamic-state-khorasan")],
            counts={"killed": [(139, "at least")]},
            text="the attack on a concert hall near Moscow",
            seg="seg_docC_1",
        ),
        ctx("VOA News", published=("2024-03-27", "day")),
    )
    S.append(
        statement(
            "docC",
            0,
            speaker="U.S. officials",
            kind="attribution",
            about=("IS-K", "islamic-state-khorasan"),
            seg="seg_docC_1",
            rep=c["id"],
        )
    )
    S.append(
        statement(
            "docC",
            1,
            speaker="Vladimir Putin",
            kind="accusation",
            about=("Ukraine", None),
            seg="seg_docC_1",
            rep=c["id"],
        )
    )
    add(
        report(
            "docD",
            0,
            type="attack",
            date=("2024-03-22", "day"),
            place=MOSCOW,
            perps=[("IS-K", "islamic-state-khorasan")],
            counts={"killed": [(139, "at least")]},
            text="the attack on a concert hall near Moscow",
        ),
        ctx("Asia Digest", original="Voice of America", dup="docC", published=("2024-03-28", "day")),
    )
    add(
        report(
            "docE", 0, type="attack", date=("2024-03", "month"), place=MOSCOW, opinion=True, text="that Moscow attack"
        ),
        ctx("Forum", kind="comment", published=("2024-03", "month")),
    )
    add(
        report(
            "docF",
            0,
            type="armed assault",
            date=("2024-03", "month"),
            place=Place(name="Russia", country="RU", precision="country"),
            perps=[("Islamic State", "islamic-state")],
            text="the assault on Crocus City Hall",
        ),
        ctx("Eastern Ledger", published=("2024-03-24", "day")),
    )
    add(
        report(
            "docC",
            1,
            type="suicide bombing",
            date=("2024-01-03", "day"),
            place=Place(name="Kerman", city="Kerman", country="IR", lat=30.28, lon=57.08, precision="city"),
            perps=[("IS-K", "islamic-state-khorasan")],
            counts={"killed": [(90, "more than")]},
            seg="seg_docC_2",
        ),
        ctx("VOA News"),
    )
    add(
        report(
            "docG",
            0,
            type="suicide bombing",
            date=("2021-08-26", "day"),
            place=Place(name="Kabul airport", city="Kabul", country="AF", lat=34.56, lon=69.21, precision="venue"),
            perps=[("IS-K", "islamic-state-khorasan")],
            counts={"killed": [(170, "around", "civilians"), (13, "exact", "US service members")]},
        ),
        ctx("Harbor Post"),
    )
    add(
        report(
            "docG",
            1,
            type="bombing",
            date=("2022-09-05", "day"),
            place=Place(name="Russian Embassy", city="Kabul", country="AF", lat=34.52, lon=69.17, precision="venue"),
            perps=[("IS-K", "islamic-state-khorasan")],
            counts={"killed": [(6, "at least")]},
        ),
        ctx("Harbor Post"),
    )
    return R, C, S
