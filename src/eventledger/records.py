"""The concepts of DESIGN.md, one record type each.

Records are plain slotted dataclasses so that every stage can take and yield
them, pickle them to a worker process or a Dask task, and turn them into the
export shapes with `to_dict()`.

Offsets: `Document.text` is the plain text of a document (the decoded file for
a text rendering, the extracted main text for HTML, the joined items for
structured inputs). Every span (`start`, `end`) anywhere in the system is a
character offset into `Document.text`, so `document.text[start:end] == text`
holds for every exported value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Document kinds and segment kinds (DESIGN.md lists the common ones; more may be added).
DOCUMENT_KINDS = ("article", "aggregator", "post", "thread", "feed-item", "channel-message", "page")
SEGMENT_KINDS = ("article", "post", "comment", "headline", "message", "item")
PRECISIONS = ("second", "day", "month", "year", "unresolved")
QUALIFIERS = ("exact", "at least", "more than", "nearly", "around", "up to", "vague")
COUNT_KINDS = ("killed", "injured", "missing", "arrested", "kidnapped")
STATEMENT_KINDS = (
    "claim-of-responsibility",
    "attribution",
    "accusation",
    "denial",
    "threat",
    "assessment",
    "quote",
)
PERPETRATOR_BASES = ("claimed", "attributed", "reported")
PLACE_PRECISIONS = ("venue", "city", "admin1", "country", "region")


class Record:
    """Shared helpers; every record is a dataclass."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(slots=True)
class DateValue(Record):
    """A date as a source gives it: ISO value plus how precise it is."""

    value: str | None = None  # "2024", "2024-03", "2024-03-22" or "2024-03-22T18:05:00"
    precision: str | None = None  # one of PRECISIONS, None when there is no date at all
    text: str | None = None  # the words it came from, when resolved from text


@dataclass(slots=True)
class Evidence(Record):
    document: str
    segment: str | None
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Source(Record):
    """A publisher or channel."""

    id: str
    name: str
    kind: str = "outlet"  # outlet | channel | nostr-key | forum | user | site
    url: str | None = None


@dataclass(slots=True)
class Piece(Record):
    """A run of a segment's text that is a verbatim slice of the document text."""

    seg_start: int
    doc_start: int
    length: int


@dataclass(slots=True)
class Segment(Record):
    id: str
    document: str
    index: int
    kind: str  # one of SEGMENT_KINDS
    text: str
    pieces: list[Piece] = field(default_factory=list)
    title: str | None = None
    date: DateValue = field(default_factory=DateValue)
    author: str | None = None
    source: str | None = None  # the outlet named inside the segment (an aggregator post's origin)
    score: int | None = None
    depth: int | None = None
    parent: str | None = None  # id of the segment this one replies to
    language: str | None = None
    duplicate_of: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def doc_offset(self, offset: int) -> int:
        """Map an offset in `text` to an offset in the document text."""
        for p in self.pieces:
            if p.seg_start <= offset <= p.seg_start + p.length:
                return p.doc_start + (offset - p.seg_start)
        raise ValueError(f"offset {offset} falls between the pieces of segment {self.id}")


@dataclass(slots=True)
class Dropped(Record):
    """Text removed while cleaning, kept so a reader can see what and why."""

    kind: str  # menu | category-list | archive-list | share | footer | copyright | repeat | boilerplate | ...
    reason: str
    chars: int
    start: int | None = None
    end: int | None = None
    text: str | None = None  # the start of what was dropped, for display


@dataclass(slots=True)
class Quarantined(Record):
    path: str
    reason: str
    stage: str = "read"


@dataclass(slots=True)
class Mention(Record):
    id: str
    document: str
    segment: str
    kind: str  # actor | person | place | date | number | weapon
    text: str
    start: int
    end: int
    label: str | None = None  # the NER or pattern label it came from
    resolved: dict[str, Any] = field(default_factory=dict)  # actor_id / geonameid / iso date + precision


@dataclass(slots=True)
class Arg(Record):
    """A role filler (perpetrator, target, victim, weapon) with its span."""

    text: str
    start: int
    end: int
    actor_id: str | None = None
    described: bool = False  # people given by who they were and how many ("two missionaries"), not by name


@dataclass(slots=True)
class Count(Record):
    value: int | None
    qualifier: str  # one of QUALIFIERS
    low: int | None
    high: int | None
    who: str | None
    evidence: Evidence | None


@dataclass(slots=True)
class Place(Record):
    name: str | None = None
    city: str | None = None
    admin1: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # one of PLACE_PRECISIONS
    geonameid: int | None = None
    evidence: Evidence | None = None


@dataclass(slots=True)
class Report(Record):
    """One segment's account of one event, as that source tells it."""

    id: str
    document: str
    segment: str
    source: str | None
    type: str
    date: DateValue = field(default_factory=DateValue)
    date_evidence: Evidence | None = None
    place: Place = field(default_factory=Place)
    perpetrator_orgs: list[Arg] = field(default_factory=list)
    perpetrator_individuals: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    victims: list[Arg] = field(default_factory=list)
    weapons: list[Arg] = field(default_factory=list)
    counts: dict[str, list[Count]] = field(default_factory=dict)
    evidence: Evidence | None = None  # the sentence that reports the event
    trigger: str | None = None
    opinion: bool = False  # told in a comment: the author's view, not a factual report
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Statement(Record):
    """Who said what about an event or actor."""

    id: str
    document: str
    segment: str
    speaker: str | None
    speaker_role: str | None
    kind: str  # one of STATEMENT_KINDS
    text: str
    evidence: Evidence
    speaker_actor_id: str | None = None
    speaker_text: str | None = None  # the speaker as written, when `speaker` is a registry actor's name
    about: Arg | None = None  # the actor claimed for, blamed or denied
    channel: str | None = None  # Telegram, al-Naba, Amaq, video, ...
    report: str | None = None  # the report it concerns, when the text ties it to one
    event: str | None = None  # filled by resolution


@dataclass(slots=True)
class Document(Record):
    """One fetched thing, kept verbatim, with what the stages made of it."""

    id: str
    path: str
    kind: str
    content: bytes  # verbatim input
    text: str  # plain text; every offset points into it
    source: str | None = None  # source name
    url: str | None = None
    title: str | None = None
    published: DateValue = field(default_factory=DateValue)
    fetched: str | None = None
    language: str | None = None
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    duplicate_of: str | None = None
    # filled by extraction
    mentions: list[Mention] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def evidence(self, segment: Segment | None, start: int, end: int) -> Evidence:
        """Evidence for a span given in document offsets."""
        return Evidence(self.id, segment.id if segment else None, start, end, self.text[start:end])
