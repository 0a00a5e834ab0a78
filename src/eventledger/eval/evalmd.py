"""EVAL.md: every metric with the command, date and commit that produced it (written by `eventledger eval all`)."""

from __future__ import annotations

from datetime import datetime

from eventledger.eval.report import markdown

COMMANDS = {
    "muc4": "eventledger eval muc4 ../shared/data/muc4/dev.json",
    "wikievents": "eventledger eval wikievents ../shared/data/wikievents/dev.jsonl",
    "rams": "eventledger eval rams ../shared/data/rams/dev.jsonlines",
    "articles": "eventledger eval articles ../shared/data/article-extraction` and `eventledger eval articles "
    "../shared/data/wcxb-dev",
    "seeds": "eventledger eval seeds ../shared/eval/seeds-gold.json ../shared/corpus/seeds",
    "resolution": "eventledger eval resolution",
    "gva": "eventledger eval gva ../shared/data/gva-dev --part test",
}

METHODS = """\
## How each number is measured

- **MUC-4** (200 dev documents, 116 with templates, 84 without). Each `doctext` is extracted as a document
  with no publication date. Report roles map to MUC roles (perpetrator_individuals->PerpInd,
  perpetrator_orgs->PerpOrg, targets->Target, victims->Victim, weapons->Weapon), united over the document's
  reports; a predicted entity is one actor id, else one normalised mention text. The dataset's Victim role
  holds names only (the templates' HUM TGT: NAME slot: all 90 dev Victim fillers are names), so victims we
  give by description ("two missionaries", "his driver", marked `described` in the export) have no slot
  there and are left out; a side table scores them as Victim fillers too. **CEAF-REE** as in the
  GRIT/GTT scorer: per document and role, predicted entities are matched one to one to gold entities with the
  Hungarian algorithm; strict similarity is 1 when every predicted mention is a mention of the gold entity,
  proportional is the share of predicted mentions that are; P = matched similarity / predicted entities,
  R = matched similarity / gold entities, micro-averaged by summing over roles and documents. Mentions are
  normalised as the reference does (lowercase, drop ASCII punctuation, drop the words a/an/the anywhere,
  collapse spaces). Gold entities of a document's templates are merged as GRIT's preprocessing does (an
  entity that is a subset or superset of an earlier one is dropped). One deliberate difference: mentions are
  de-duplicated within an entity after normalisation, which keeps proportional similarity within [0, 1]
  (the reference would give 2 to one predicted mention of a gold entity listing `the extraditables` twice);
  strict scores are identical. **Incident-type accuracy**: gold templates whose type (attack, bombing,
  kidnapping, arson, robbery, forced work stoppage; `bombing / attack` accepts either) is carried by a
  distinct report of the document, our report types mapped by `src/eventledger/eval/mappings.yaml`.
  **False-alarm rate**: share of the no-template documents with at least one report of a MUC type.
  Published CEAF-REE micro F1 on the *test* split (supervised models): GTT 50.2, IterX 51.7-53.0.
- **WikiEvents** (20 documents) and **RAMS** (924 passages). Tokens are detokenised into one string
  (WikiEvents keeps its own spacing from the token offsets; RAMS uses punctuation rules) with a
  token -> character map. Event types map to four coarse classes (attack = Conflict.Attack.*, death =
  Life.Die from violence, injury = Life.Injure from violence, arrest = Justice.ArrestJailDetain); a report
  counts as attack/arrest by its type and as death/injury when it carries a killed/injured count.
  Detection: WikiEvents per sentence (sentence of the gold trigger vs sentence of the report's evidence) and
  per document; RAMS per passage (each passage annotates one event, so other true events count as false
  positives: precision is a lower bound). Arguments: per document, the set of (role, head word) pairs over
  Attacker (also Killer, Injurer), Target, Victim, Instrument (also ExplosiveDevice) and Place, for gold
  events in scope; the head word is the span token whose syntactic head lies outside the span (spaCy parse of
  the same string), lowercased. Report roles: perpetrator_* -> Attacker, targets -> Target,
  victims -> Victim, weapons -> Instrument, place evidence -> Place. Roles are matched per document, not per
  event, since our reports are not tied to KAIROS triggers. RAMS arguments are scored only on passages whose
  annotated event is in scope.
- **Article main text** (181 pages): the Scrapinghub benchmark's method: `\\w+` tokens (case kept), 4-token
  shingles with multiplicity, per-page TP/FP/FN normalised to sum 1, precision averaged over pages with a
  prediction, recall over pages with ground truth, F1 from the two means. EventLedger's
  `eventledger.read.extract_html` beside plain `trafilatura.extract` with defaults, same pages, same run.
  Published: trafilatura 2.0.0 0.958, readability.js 0.947.
- **WCXB dev** (710 article and 111 forum pages with gold main text; 2 listed pages without it are named and
  left out): WCXB's own measure, per page the bag of lowercased `\\w+` words of the prediction against
  `ground_truth.main_content` (precision, recall, F1 from the overlap with multiplicity), averaged over pages.
  EventLedger runs as ingest reads a page (reader, then cleaner); its main text is every segment of a thread,
  or an article's segments without the comments below it, without the title the reader puts in front.
  Plain `trafilatura.extract(html)` with defaults runs on the same page right after, and each is timed per
  page (EventLedger's reading; its cleaning is timed apart). Title matches at word F1 >= 0.8, author when one
  normalised name contains the other, date on the day; over pages whose gold has the field; trafilatura's
  metadata from `bare_extraction(with_metadata=True)`, untimed. Pages fall into two halves by a hash of their
  domain: the page model's thresholds were set on half 0 and confirmed on half 1. Every page is a document or
  quarantined with its reason; near copies are linked by the deduper and still counted.
- **Resolution** (pairwise and B-cubed P/R/F1 over items): the set is built at evaluation time from
  the seeds gold (one item per document and gold event it reports), MUC-4 dev (one item per document
  with templates; same incident = a shared victim name of two or more words and a shared incident type,
  a conservative rule, so a true merge it cannot see counts against precision) and WikiEvents dev (one
  item per document; only articles of the same Wikipedia event page, `wiki_<topic>_<n>_news_<m>`, are
  grouped). Each set is ingested into its own temporary store through the real pipeline, MUC-4 and
  WikiEvents as undated texts. A MUC-4 document's predicted event is that of its report naming most of
  its templates' fillers, else its majority event; a WikiEvents document's is its majority event; see
  `src/eventledger/eval/resolution.py`. Pairwise precision/recall with no predicted or no gold pairs is 0.
- **GVA news** (`../shared/data/gva-dev`: local US news, each article labelled with its Gun Violence Archive
  incident). Split once, by incident: an incident group (incidents sharing an article are one group) is in the
  training part when sha256("eventledger-gva-split:" + its smallest incident id) is even, else in the dev-test
  part (865 / 866 incidents, 1,508 / 1,484 articles); this report shows the **dev-test** part, and `--part train|all`
  the others. The part's articles are ingested into a temporary store by the real pipeline and read back through
  the export. An article's predicted event holds its main report: among its reports held by an event (only those
  marked `salience: main` when any is), the event holding most, ties to the earliest report in the text; no
  report, alone. B-cubed and pairwise P/R/F1 over articles; subsets (>= 2 articles; incidents sharing state,
  city and month with another group) are scored against the whole clustering (pairs touching the subset).
  Beside it, in the same run: every article alone, and a lexical baseline (TF-IDF of title+text, sublinear tf,
  smoothed idf, cosine; articles published more than 14 days apart get cosine 0; average-link clustering cut
  at cosine 0.2), its setting chosen on the training part only (`eventledger eval gva --tune-lexical`).
  Per incident, the event holding most of its articles: killed/injured exact (best estimate; no stated figure
  = 0), day exact (day precision), city exact (a name of the event's place equals GVA's city, either name of
  `City (Part)`, or its county; and admin1 equals GVA's state; names compared lowercased without punctuation,
  saint = st, a trailing "city" dropped); an incident with no event is wrong in every field.
  `--errors FILE` writes one JSON line per incident with the evidence behind each predicted value;
  `eventledger eval gva-misses TRAIN TEST` counts two such files' misses by mechanism side by side (counts only:
  the dev-test part is compared with the training part without reading its articles).
- **Seeds** (5 documents, hand gold): ingested into a temporary SQLite store, exports compared as
  `../shared/tools/check-seeds` does (loose title similarity, date prefix within tolerance, place by
  city/province/country), plus an event-type check, qualifiers of figures, claims, attributions,
  perpetrators and statements per source. Every miss is listed.
"""


def render(results: dict[str, dict], errors: dict[str, str], *, commit: str | None, when: datetime) -> str:
    out = [
        "# EventLedger evaluation",
        "",
        "Regenerate with `make eval` (= `eventledger eval all --write EVAL.md`). Development data only "
        "(`../shared/data`, `../shared/eval`); floors pinned in `eval/baseline.json` and checked by "
        "`pytest -m floors tests/test_floors.py`.",
        "",
        f"- date: {when.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: {commit or 'unknown'}",
        "",
    ]
    for name, cmd in COMMANDS.items():
        out.append(f"## {name}\n\n`{cmd}`\n")
        if name in results:
            out.append(markdown(name, results[name]))
        else:
            out.append(f"**not measured**: {errors.get(name, 'not run')}\n")
    out.append(METHODS)
    return "\n".join(out)
