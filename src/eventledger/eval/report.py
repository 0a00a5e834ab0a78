"""Results -> tables (title, columns, rows), printed with Rich or written as Markdown for EVAL.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

Table = tuple[str, list[str], list[list[str]]]


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _prf_row(name: str, m: dict) -> list[str]:
    return [
        name,
        pct(m["p"]),
        pct(m["r"]),
        pct(m["f1"]),
        f"{m['p_num']:g}/{m['p_den']:g}",
        f"{m['r_num']:g}/{m['r_den']:g}",
    ]


PRF_COLS = ["", "P", "R", "F1", "P num/den", "R num/den"]


def tables(task: str, r: dict[str, Any]) -> list[Table]:
    if task in ("wikievents", "rams"):
        return _detection_tables(task, r)
    per_task = {
        "muc4": _muc4_tables,
        "articles": _articles_tables,
        "resolution": _resolution_tables,
        "gva": _gva_tables,
        "seeds": _seeds_tables,
    }
    if task not in per_task:
        raise ValueError(task)
    return per_task[task](r)


def _muc4_tables(r: dict[str, Any]) -> list[Table]:
    c = r["ceaf_ree"]
    rows = [
        [role, *(pct(c[k][role][x]) for k in ("strict", "prop") for x in ("p", "r", "f1"))]
        for role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon", "micro")
    ]
    it, fa, n = r["incident_type"], r["false_alarm"], r["counts"]
    other = [
        [
            "incident type, template accuracy",
            pct(it["template_accuracy"]),
            f"{it['templates_matched']}/{it['templates']} templates",
        ],
        ["incident type sets per document, F1", pct(it["document_type_sets"]["f1"]), ""],
        [
            "false-alarm rate (no-template docs with a MUC-type report)",
            pct(fa["rate"]),
            f"{fa['documents_with_muc_type_report']}/{fa['documents_without_templates']} (any report: "
            f"{fa['documents_with_any_report']})",
        ],
        [
            "documents / with templates / reports",
            f"{n['documents']} / {n['documents_with_templates']} / {n['reports']}",
            f"{n.get('seconds', '-')} s",
        ],
    ]
    out = [
        (
            "MUC-4 CEAF-REE (per role; micro over roles and documents)",
            ["role", "strict P", "strict R", "strict F1", "prop P", "prop R", "prop F1"],
            rows,
        ),
        ("MUC-4 incident types and false alarms", ["metric", "value", "counts"], other),
    ]
    if "with_described_victims" in r:
        dc = r["with_described_victims"]["ceaf_ree"]["strict"]
        out.append(
            (
                "MUC-4 counting described victims ('two missionaries') as Victim fillers too (the role holds "
                "names only)",
                ["role", "strict P", "strict R", "strict F1"],
                [[role, *(pct(dc[role][x]) for x in ("p", "r", "f1"))] for role in ("Victim", "micro")],
            )
        )
    if "learned" in r:
        lc, lfa = r["learned"]["ceaf_ree"], r["learned"]["false_alarm"]
        lrows = [
            [role, *(pct(lc["strict"][role][x]) for x in ("p", "r", "f1"))]
            for role in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon", "micro")
        ]
        lrows.append(
            [
                "false-alarm rate",
                pct(lfa["rate"]),
                f"{lfa['documents_with_muc_type_report']}/{lfa['documents_without_templates']}",
                "",
            ]
        )
        out.append(
            (
                "MUC-4 with the optional learned relevance filter (trained on train.json in the same run)",
                ["role", "strict P", "strict R", "strict F1"],
                lrows,
            )
        )
    return out


def _detection_tables(task: str, r: dict[str, Any]) -> list[Table]:
    m = r["metrics"]
    rows = [_prf_row(k, v) for k, v in m.items()]
    n = r["counts"]
    rows.append(
        [
            "counts",
            f"docs {n['documents']}",
            f"gold events in scope {n['gold_events_in_scope']}",
            f"gold args {n['gold_arguments_in_scope']}",
            f"reports {n['reports']}",
            f"{n['seconds']} s",
        ]
    )
    return [(f"{task}: event detection and head-word argument extraction", PRF_COLS, rows)]


def _articles_tables(r: dict[str, Any]) -> list[Table]:
    out = []
    if "systems" in r:
        rows = [
            [
                name,
                pct(s["precision"]),
                pct(s["recall"]),
                pct(s["f1"]),
                str(s["pages"]),
                str(len(s["errors"])),
                f"{s['seconds']} s",
            ]
            for name, s in r["systems"].items()
        ]
        if "ratio_f1" in r:
            rows.append(["eventledger / trafilatura F1", "", "", f"{r['ratio_f1']:.3f}", "", "", ""])
        out.append(
            (
                "Article main text, Scrapinghub (word 4-shingles)",
                ["system", "P", "R", "F1", "pages", "errors", "time"],
                rows,
            )
        )
    if "wcxb" in r:
        out += _wcxb_tables(r["wcxb"])
    return out


def _resolution_tables(r: dict[str, Any]) -> list[Table]:
    sets, mi = r["sets"], r["micro"]
    scores = [
        [name, pct(x["p"]), pct(x["r"]), pct(x["f1"]), pct(x["b3_p"]), pct(x["b3_r"]), pct(x["b3_f1"])]
        for name, x in sets.items()
    ]
    scores.append(["micro (pairs summed)", pct(mi["p"]), pct(mi["r"]), pct(mi["f1"]), "", "", ""])
    # counts apart from scores, so both tables fit a terminal
    counts = [
        [
            name,
            str(x["items"]),
            str(x["gold_clusters"]),
            str(x["predicted_clusters"]),
            str(x["pairs_gold"]),
            str(x["pairs_predicted"]),
            str(x["pairs_correct"]),
        ]
        for name, x in sets.items()
    ]
    counts.append(
        [
            f"all ({r['seconds']} s)",
            str(sum(x["items"] for x in sets.values())),
            "",
            "",
            str(mi["pairs_gold"]),
            str(mi["pairs_predicted"]),
            str(mi["pairs_correct"]),
        ]
    )
    return [
        (
            "Resolution of reports into events",
            ["set", "pairwise P", "pairwise R", "pairwise F1", "B3 P", "B3 R", "B3 F1"],
            scores,
        ),
        (
            "Resolution set sizes",
            ["set", "items", "gold clusters", "pred. clusters", "gold pairs", "pred. pairs", "correct pairs"],
            counts,
        ),
    ]


def _seeds_tables(r: dict[str, Any]) -> list[Table]:
    rows = []
    for k, v in r.get("segmentation", {}).items():
        rows.append([f"segmentation {k}", _fmt(v)])
    for group in ("events", "figures"):
        for k, v in r[group].items():
            rows.append([f"{group} {k}", _fmt(v)])
    for k in ("claims", "attributions", "perpetrators", "statements", "false_events"):
        rows.append([k, _fmt(r[k])])
    return [
        ("Seed documents against the hand gold", ["check", "result"], rows),
        ("Seed documents: what is missing", ["missing"], [[x] for x in r["missing"]] or [["nothing"]]),
    ]


GVA_SUBSETS = {"all": "all", "multi_article": ">=2 articles", "city_month": "city+month"}
GVA_PARTS = {"train": "training part", "test": "dev-test part", "all": "whole folder"}


def _gva_tables(r: dict) -> list[Table]:
    subsets = {"all": r["all"], **r["subsets"]}
    where = GVA_PARTS.get(r["part"], r["part"]) + ("" if r["limit"] is None else f", first {r['limit']} incidents")
    clus = [
        [GVA_SUBSETS[k], name, *(pct(c[x]) for x in ("b3_p", "b3_r", "b3_f1", "p", "r", "f1")), str(c["items"])]
        for k, sub in subsets.items()
        for name, c in sub["clustering"].items()
    ]
    return [
        (
            f"GVA article -> event clustering ({where})",
            ["subset", "system", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "articles"],
            clus,
        ),
        (
            f"GVA per incident (the event holding most of its articles): % exact ({where}); 'any event' rows, a "
            "diagnostic: right in some event holding a report of its articles",
            [
                "subset",
                "incidents",
                "no event",
                "killed",
                "injured",
                "day",
                "city",
                "state",
                "killed if >0",
                "injured if >0",
            ],
            _gva_fields(subsets),
        ),
        ("GVA store and time", ["", "value", "detail"], _gva_other(r, where)),
    ]


def _gva_fields(subsets: dict[str, dict]) -> list[list[str]]:
    """Per subset: the share of incidents whose event has each field right, and the same in any event."""
    fields = []
    for k, sub in subsets.items():
        f = sub["fields"]
        fields.append(
            [
                GVA_SUBSETS[k],
                str(f["incidents"]),
                str(f["no_event"]),
                *(pct(f[x]["rate"]) for x in ("killed", "injured", "day", "city", "state")),
                *(pct(f[f"{x}_when_gold_positive"]["rate"]) for x in ("killed", "injured")),
            ]
        )
        fields.append(
            [
                f"{GVA_SUBSETS[k]}, any event",
                "",
                "",
                *(pct(f["in_any_event"][x]) for x in ("killed", "injured", "day", "city")),
                "",
                "",
                "",
            ]
        )
    return fields


def _gva_other(r: dict, where: str) -> list[list[str]]:
    """The data, the store's size, the lexical baseline's setting and the time taken."""
    st, sec, lx = r["store"], r["seconds"], r["lexical"]
    return [
        ["data", Path(r["data"]).name, where],
        ["events per article", f"{st['events_per_article']:.2f}", f"{st['events']} events / {r['articles']} articles"],
        [
            "reports / articles with no event",
            f"{st['reports']} / {st['articles_without_event']}",
            f"{len(st['quarantined'])} quarantined",
        ],
        [
            "incidents / gold clusters",
            f"{r['incidents']} / {r['groups']}",
            "incidents sharing an article are one cluster",
        ],
        [
            "lexical baseline setting",
            f"cosine >= {lx['threshold']}",
            f"{lx['linkage']} link, published within {lx['window_days']} days",
        ],
        [
            "time",
            f"{sec['total']} s",
            f"ingest {sec['ingest']} s ({sec['ingest_per_article']} s/article; resolve {sec['resolve']} s of it), "
            f"lexical {sec['lexical']} s",
        ],
    ]


def _wcxb_tables(w: dict[str, Any]) -> list[Table]:
    rows = []
    for kind, systems in w["types"].items():
        for name, s in systems.items():
            rows.append(
                [
                    kind,
                    name,
                    pct(s["p"]),
                    pct(s["r"]),
                    pct(s["f1"]),
                    pct(s["halves"][0]),
                    pct(s["halves"][1]),
                    f"{s['pages']} ({s['half_pages'][0]}+{s['half_pages'][1]})",
                ]
            )
    secs = w["seconds_per_page"]
    meta = [
        [field]
        + [pct(w["metadata"][name][field]["accuracy"]) for name in w["metadata"]]
        + [str(next(iter(w["metadata"].values()))[field]["pages"])]
        for field in ("title", "author", "date")
    ]
    ratio = secs["eventledger"] / secs["trafilatura"] if secs.get("trafilatura") else float("nan")
    meta.append(
        ["seconds per page (reading)"] + [f"{secs[name]:.3f}" for name in w["metadata"]] + [f"ratio {ratio:.2f}"]
    )
    meta.append(["seconds per page, cleaning after reading", f"{w.get('clean_seconds_per_page', 0):.3f}", "", ""])
    a = w["accounted"]
    acc = [
        ["pages scored", str(a["pages"])],
        ["documents", f"{a['documents']} ({a['threads']} threads)"],
        ["quarantined", str(a["quarantined"])],
    ]
    acc += [[f"  reason: {reason}", str(n)] for reason, n in a["quarantine_reasons"].items()]
    acc += [
        ["near copies linked (kept)", str(a["near_copies_linked"])],
        ["lost", str(a["lost"])],
        ["left out: no gold main text", ", ".join(w["no_gold_main_text"]) or "none"],
    ]
    return [
        (
            "WCXB dev main text (word F1, bag of lowercased words), per page type and domain half",
            ["type", "system", "P", "R", "F1", "F1 half 0", "F1 half 1", "pages (halves)"],
            rows,
        ),
        (
            "WCXB dev metadata (share of pages with a gold value that match) and time",
            ["field", *w["metadata"], "pages"],
            meta,
        ),
        ("WCXB dev pages accounted for", ["what", "count"], acc),
    ]


def _fmt(v) -> str:
    if isinstance(v, dict) and "found" in v and "total" in v:
        return f"{v['found']}/{v['total']}" + (f" ({pct(v['rate'])}%)" if "rate" in v else "")
    if isinstance(v, dict):
        return ", ".join(f"{k} {x}" for k, x in v.items())
    return str(v)


def print_tables(task: str, result: dict, console=None) -> None:
    from rich.console import Console
    from rich.table import Table as RTable

    console = console or Console()
    for title, cols, rows in tables(task, result):
        t = RTable(title=title)
        for c in cols:
            t.add_column(c)
        for row in rows:
            t.add_row(*row)
        console.print(t)


def markdown(task: str, result: dict) -> str:
    out = []
    for title, cols, rows in tables(task, result):
        out.append(f"#### {title}\n")
        out.append("| " + " | ".join(c or "metric" for c in cols) + " |")
        out.append("|" + "---|" * len(cols))
        for row in rows:
            out.append("| " + " | ".join(x.replace("|", "\\|") for x in row) + " |")
        out.append("")
    return "\n".join(out)
