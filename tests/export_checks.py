"""Codebook checks for the ACLED and GTD exports, written from the codebooks themselves (not from our mapping
file), so a wrong entry in data/export_codebooks.yaml fails here."""

from __future__ import annotations

# ACLED codebook: event type -> (disorder type, its sub-event types)
ACLED = {
    "Battles": (
        "Political violence",
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    ),
    "Explosions/Remote violence": (
        "Political violence",
        {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        },
    ),
    "Violence against civilians": (
        "Political violence",
        {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    ),
    "Protests": (
        "Demonstrations",
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    ),
    "Riots": ("Political violence", {"Violent demonstration", "Mob violence"}),
    "Strategic developments": (
        "Strategic developments",
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        },
    ),
}
ACLED_SCALES = {"Local", "Subnational", "National", "Regional", "International", "New media", "Other"}
NOT_ATTACKS = ("arrest", "threat", "plot")  # EventLedger types that are strategic developments, never GTD attacks
GTD_ATTACK = {
    1: "Assassination",
    2: "Armed Assault",
    3: "Bombing/Explosion",
    4: "Hijacking",
    5: "Hostage Taking (Barricade Incident)",
    6: "Hostage Taking (Kidnapping)",
    7: "Facility/Infrastructure Attack",
    8: "Unarmed Assault",
    9: "Unknown",
}
GTD_REGION = {
    1: "North America",
    2: "Central America & Caribbean",
    3: "South America",
    4: "East Asia",
    5: "Southeast Asia",
    6: "South Asia",
    7: "Central Asia",
    8: "Western Europe",
    9: "Eastern Europe",
    10: "Middle East & North Africa",
    11: "Sub-Saharan Africa",
    12: "Australasia & Oceania",
}
GTD_WEAPON = {5: "Firearms", 6: "Explosives", 8: "Incendiary", 9: "Melee", 13: "Unknown"}
GTD_TARGET = {
    1: "Business",
    2: "Government (General)",
    3: "Police",
    4: "Military",
    6: "Airports & Aircraft",
    7: "Government (Diplomatic)",
    8: "Educational Institution",
    10: "Journalists & Media",
    12: "NGO",
    14: "Private Citizens & Property",
    15: "Religious Figures/Institutions",
    16: "Telecommunication",
    17: "Terrorists/Non-State Militia",
    18: "Tourists",
    19: "Transportation",
    20: "Unknown",
    21: "Utilities",
}


def no_line_breaks(rows: list[dict]) -> list[str]:
    return [
        f"{r.get('eventledger_id')}: {k}" for r in rows for k, v in r.items() if "\n" in v or "\r" in v or "\t" in v
    ]


def acled_problems(rows: list[dict], events: dict) -> list[str]:
    """Every way a row breaks the ACLED codebook (empty list: none)."""
    from eventledger.export import acled

    out = no_line_breaks(rows)
    for r in rows:
        rid = r["eventledger_id"]
        out += [f"{rid}: empty {c}" for c in acled.MANDATORY if not r[c]]
        disorder, subs = ACLED.get(r["event_type"], (None, set()))
        if r["disorder_type"] != disorder or r["sub_event_type"] not in subs:
            out.append(
                f"{rid}: {r['disorder_type']} / {r['event_type']} / {r['sub_event_type']} is not an ACLED combination"
            )
        etype = (events[rid].get("type") or "").lower()
        if any(w in etype for w in NOT_ATTACKS) and r["event_type"] != "Strategic developments":
            out.append(f"{rid}: a {etype} coded as {r['event_type']}")
        if "document doc_" in r["source"]:
            out.append(f"{rid}: source names a document, not an outlet: {r['source']}")
        if not set(r["source_scale"].split("-")) <= ACLED_SCALES or r["source_scale"].count("-") > 1:
            out.append(f"{rid}: source_scale {r['source_scale']!r}")
        if r["time_precision"] not in ("1", "2", "3") or len(r["event_date"]) != 10:
            out.append(f"{rid}: event_date {r['event_date']!r}, time_precision {r['time_precision']!r}")
    return out


def gtd_problems(rows: list[dict], events: dict) -> list[str]:
    """Every way a row breaks the GTD codebook (empty list: none)."""
    from eventledger.export import gtd

    out = no_line_breaks(rows)
    for r in rows:
        rid = r["eventledger_id"]
        out += [
            f"{rid}: empty {c}" for c in gtd.MANDATORY if r[c] == "" and not (c == "region" and not r["region_txt"])
        ]
        etype = (events[rid].get("type") or "").lower()
        if any(w in etype for w in NOT_ATTACKS):
            out.append(f"{rid}: a {etype} is not an attack")
        for col, table in (
            ("attacktype1", GTD_ATTACK),
            ("region", GTD_REGION),
            ("weaptype1", GTD_WEAPON),
            ("targtype1", GTD_TARGET),
        ):
            txt = r[f"{col}_txt"]
            if txt and table.get(int(r[col])) != txt:
                out.append(f"{rid}: {col} {r[col]} beside {txt!r}")
        if r["city"] and r["city"].lower() in (
            r["country_txt"].lower(),
            (events[rid].get("place") or {}).get("country", "").lower(),
        ):
            out.append(f"{rid}: city {r['city']!r} is the country")
        if not r["iyear"]:
            out.append(f"{rid}: no year")
    return out
