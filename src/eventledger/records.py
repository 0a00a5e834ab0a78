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
from dataclasses import fields as _fields
from typing import Any

from eventledger.ids import content_hash, make_id

# Document kinds and segment kinds (DESIGN.md lists the common ones; more may be added).
DOCUMENT_KINDS = ("article", "aggregator", "post", "thread", "feed-item", "channel-message", "page")
SEGMENT_KINDS = ("article", "post", "comment", "headline", "message", "item")
PRECISIONS = ("second", "day", "month", "year", "unresolved")
QUALIFIERS = ("exact", "at least", "more than", "nearly", "around", "up to", "vague")
COUNT_KINDS = ("killed", "injured", "missing", "arrested", "kidnapped", "shot")  # shot: people hit, killed or not
STATEMENT_KINDS = ("claim-of-responsibility", "attribution", "accusation", "denial", "threat", "assessment", "quote")
SALIENCES = ("main", "background")
PERPETRATOR_BASES = ("claimed", "attributed", "reported")
NO_DATE = "9999"  # what an undated item sorts as: after every dated one
PLACE_PRECISIONS = ("venue", "city", "admin2", "admin1", "country", "region")  # the one order, most precise first
PLACE_RANK = {p: i for i, p in enumerate(PLACE_PRECISIONS)}  # lower is more precise


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

    @classmethod
    def named(cls, name: str, *, kind: str = "outlet", url: str | None = None) -> Source:
        """The source of this name; its id ignores case and surrounding space, so every spelling meets."""
        return cls(make_id("src", name.strip().lower()), name, kind, url)


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

    def to_dict(self) -> dict[str, Any]:
        """DESIGN.md's segment shape (the document it belongs to and its index are implied by the list)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "date": {"value": self.date.value, "precision": self.date.precision},
            "author": self.author,
            "source": self.source,
            "score": self.score,
            "depth": self.depth,
            "parent": self.parent,
            "language": self.language,
            "duplicate_of": self.duplicate_of,
            "text": self.text,
            "pieces": [p.to_dict() for p in self.pieces],
            "meta": dict(self.meta),
        }

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
    admin2: str | None = None  # a US town's county
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
    # "main": the news the segment is about; "background": an earlier or other event it mentions in passing
    # (DESIGN.md: a report's salience). None until extraction decides.
    salience: str | None = None
    # a follow-up (an arrest, a charge, a trial of suspects): the id of the report, in the same document, of
    # the attack it follows; resolution links the two events (related), never merges them
    follows: str | None = None
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

    def to_dict(self) -> dict[str, Any]:
        """DESIGN.md's document shape: the verbatim content is named by its hash; mentions, reports and
        statements are exported as records of their own."""
        return {
            "id": self.id,
            "path": self.path,
            "source": self.source,
            "kind": self.kind,
            "url": self.url,
            "title": self.title,
            "published": {"value": self.published.value, "precision": self.published.precision},
            "fetched": self.fetched,
            "language": self.language,
            "author": self.author,
            "content_hash": content_hash(self.content),
            "meta": dict(self.meta),
            "segments": [g.to_dict() for g in self.segments],
            "dropped": [d.to_dict() for d in self.dropped],
            "duplicate_of": self.duplicate_of,
            "text": self.text,
        }

    @property
    def kept_text(self) -> str:
        """What cleaning kept (its segments' texts), which copies are compared on: two stories whose pages share
        nothing but furniture (a sign-in wall around a headline) are not copies of each other."""
        return "\n\n".join(s.text for s in self.segments)

    def evidence(self, segment: Segment | None, start: int, end: int) -> Evidence:
        """Evidence for a span given in document offsets."""
        return Evidence(self.id, segment.id if segment else None, start, end, self.text[start:end])


@dataclass(slots=True)
class Contradiction(Record):
    """Values of one field, from reports of one event, that cannot all be true."""

    field: str  # counts.killed, date, type, place, perpetrator, claim
    values: list[dict[str, Any]] = field(default_factory=list)  # {value, reports[, statements]}


@dataclass(slots=True)
class Event(Record):
    """The real-world happening that many reports describe: every reported value kept with its report,
    summaries derived beside them. `to_dict()` is the export and store shape (DESIGN.md)."""

    id: str
    founder: str | None = None  # the report the id derives from (resolve/identity.py)
    type: str = "unknown"
    date: dict[str, Any] = field(default_factory=dict)  # value, precision, values: [{value, precision, ...}]
    place: dict[str, Any] = field(default_factory=dict)  # name .. precision, values: [{..., reports}]
    perpetrators: list[dict[str, Any]] = field(default_factory=list)  # actor, actor_id, basis, by, reports
    # kind -> {values, low, high, best, policy, contested}
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)
    # id, document, segment, source, origin, opinion, copy
    reports: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)  # name, document
    independent_sources: int = 0
    contradictions: list[Contradiction] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    ambiguous: bool = False
    corrections: list[dict[str, Any]] = field(default_factory=list)  # the analyst corrections applied
    resolution: str | None = None  # version of the resolution settings
    policy: str | None = None
    # events linked, not merged (resolve/related.py): {event, relation (follows | followed-by), reports}
    related: list[dict[str, Any]] = field(default_factory=list)
    # every report is a background mention (an earlier happening a story names in passing): no source told it as
    # its news, so an analyst reads it as context, not as a fresh incident
    background: bool = False
    computed: dict[str, Any] | None = None  # field -> the value resolution gave, where an analyst edited it
    candidates: list[str] | None = None  # events an ambiguous report could also belong to
    extra: dict[str, Any] = field(default_factory=dict)  # analyst-edited fields outside this shape

    def get(self, name: str) -> Any:
        return getattr(self, name) if name in EVENT_FIELDS else self.extra.get(name)

    def edit(self, name: str, value: Any) -> None:
        """An analyst's value for a field; the computed one stays in `computed`."""
        if self.computed is None:
            self.computed = {}
        self.computed[name] = self.get(name)
        if name in EVENT_FIELDS:
            setattr(self, name, value)
        else:
            self.extra[name] = value

    def to_dict(self) -> dict[str, Any]:
        out = {name: _plain(getattr(self, name)) for name in _EVENT_SHAPE}
        # optional keys come last, in the order resolution adds them: edits, then ambiguity
        if self.computed is not None:
            out["computed"] = _plain(self.computed)
        out.update(_plain(self.extra))
        if self.candidates is not None:
            out["candidates"] = _plain(self.candidates)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The inverse of `to_dict()`; keys it does not know are kept in `extra`."""
        known = {k: v for k, v in d.items() if k in EVENT_FIELDS}
        known["contradictions"] = [
            Contradiction(c["field"], list(c.get("values") or ())) for c in d.get("contradictions") or ()
        ]
        return cls(**known, extra={k: v for k, v in d.items() if k not in EVENT_FIELDS})


EVENT_FIELDS = frozenset(f.name for f in _fields(Event)) - {"extra"}
_EVENT_SHAPE = tuple(f.name for f in _fields(Event) if f.name not in ("computed", "candidates", "extra"))


def _plain(x: Any) -> Any:
    """A deep copy of nested dicts and lists with records as their dicts (asdict is 4x slower on events)."""
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return type(x)(_plain(v) for v in x)
    if isinstance(x, Record):
        return x.to_dict()
    return x
