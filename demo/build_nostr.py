"""Write demo/corpus/nostr-notes.jsonl: NIP-01 events with real ids and BIP-340 signatures.

Keys are derived from fixed demo seeds, so the file is reproducible; they belong to no one.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from pathlib import Path

P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (
    0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
    0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8,
)
OUT = Path(__file__).resolve().parent / "corpus" / "nostr-notes.jsonl"


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and a[1] != b[1]:
        return None
    if a == b:
        lam = 3 * a[0] * a[0] * pow(2 * a[1], P - 2, P) % P
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], P - 2, P) % P
    x = (lam * lam - a[0] - b[0]) % P
    return x, (lam * (a[0] - x) - a[1]) % P


def _mul(pt, k):
    r = None
    for i in range(256):
        if (k >> i) & 1:
            r = _add(r, pt)
        pt = _add(pt, pt)
    return r


def _tagged(tag: str, msg: bytes) -> bytes:
    t = hashlib.sha256(tag.encode()).digest()
    return hashlib.sha256(t + t + msg).digest()


def _b(x: int) -> bytes:
    return x.to_bytes(32, "big")


def pubkey(seckey: bytes) -> bytes:
    return _b(_mul(G, int.from_bytes(seckey, "big"))[0])


def sign(msg: bytes, seckey: bytes, aux: bytes = bytes(32)) -> bytes:
    d0 = int.from_bytes(seckey, "big")
    pt = _mul(G, d0)
    d = d0 if pt[1] % 2 == 0 else N - d0
    t = bytes(x ^ y for x, y in zip(_b(d), _tagged("BIP0340/aux", aux)))
    k0 = int.from_bytes(_tagged("BIP0340/nonce", t + _b(pt[0]) + msg), "big") % N
    r = _mul(G, k0)
    k = k0 if r[1] % 2 == 0 else N - k0
    e = int.from_bytes(_tagged("BIP0340/challenge", _b(r[0]) + _b(pt[0]) + msg), "big") % N
    return _b(r[0]) + _b((k + e * d) % N)


def verify(msg: bytes, pub: bytes, sig: bytes) -> bool:
    x = int.from_bytes(pub, "big")
    y2 = (pow(x, 3, P) + 7) % P
    y = pow(y2, (P + 1) // 4, P)
    if x >= P or pow(y, 2, P) != y2:
        return False
    pt = (x, y if y % 2 == 0 else P - y)
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    if r >= P or s >= N:
        return False
    e = int.from_bytes(_tagged("BIP0340/challenge", sig[:32] + pub + msg), "big") % N
    R = _add(_mul(G, s), _mul(pt, N - e))
    return R is not None and R[1] % 2 == 0 and R[0] == r


def event_id(ev: dict) -> str:
    """NIP-01: sha256 of the compact JSON array [0, pubkey, created_at, kind, tags, content]."""
    data = [0, ev["pubkey"], ev["created_at"], ev["kind"], ev["tags"], ev["content"]]
    return hashlib.sha256(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()


def make_event(seckey: bytes, *, when: str, kind: int, content: str, tags: list) -> dict:
    ev = {
        "pubkey": pubkey(seckey).hex(),
        "created_at": calendar.timegm(__import__("time").strptime(when, "%Y-%m-%dT%H:%M:%SZ")),
        "kind": kind,
        "tags": tags,
        "content": content,
    }
    ev["id"] = event_id(ev)
    ev["sig"] = sign(bytes.fromhex(ev["id"]), seckey).hex()
    return {k: ev[k] for k in ("id", "pubkey", "created_at", "kind", "tags", "content", "sig")}


MARTA = hashlib.sha256(b"eventledger demo nostr key: marta").digest()
RELAYWATCH = hashlib.sha256(b"eventledger demo nostr key: relaywatch").digest()
RELAY = "wss://relay.example.org"

COURIER_URL = "https://harbourcourier.example/europe/2024/03/23/putin-address-ukraine-crocus"

GLITCH = (
    "Krasnogorsk update, Saturday night. The Investigative Committee now says 133 people were killed at "
    "Crocus City Hall. This morning the figure was 93, and last night the FSB said 40.\n\n"
    "Islamic State claimed the attack through Amaq on Friday night. Moscow has not acknowledged the claim and "
    "Putin talked about Ukraine instead.\n\n"
    "Four suspects were detained in the Bryansk region, south-west of Moscow."
)


def events() -> list[dict]:
    meta = make_event(
        MARTA,
        when="2024-03-01T08:00:00Z",
        kind=0,
        tags=[],
        content=json.dumps(
            {
                "name": "marta_osint",
                "display_name": "Marta (OSINT notes)",
                "about": "I track attacks and casualty counts. Figures are as reported, never final.",
                "picture": "https://img.example.org/marta.png",
                "nip05": "marta@osint.example.org",
            }
        ),
    )
    quote = make_event(
        MARTA,
        when="2024-03-23T16:48:10Z",
        kind=1,
        content=(
            "From the Harbour Courier on Putin's address: \"On Saturday afternoon, the Investigative Committee put "
            "the number of dead at 115, but officials warned that the toll would rise because part of the building "
            'had not yet been searched."\n\n'
            "Worth noting what the address left out: not a word about the Islamic State claim. "
            f"{COURIER_URL} #CrocusCityHall #Krasnogorsk"
        ),
        tags=[["r", COURIER_URL], ["t", "crocuscityhall"], ["t", "krasnogorsk"]],
    )
    glitch = make_event(
        RELAYWATCH,
        when="2024-03-23T19:05:44Z",
        kind=1,
        content=GLITCH + "\n\n" + GLITCH,  # the client posted the note body twice
        tags=[["t", "crocuscityhall"], ["t", "russia"]],
    )
    reply = make_event(
        RELAYWATCH,
        when="2024-03-23T17:02:31Z",
        kind=1,
        content=(
            "Same in the Russian evening news. They said 115 dead and spent ten minutes on the route to the "
            "Ukrainian border. Amaq posted its claim hours before the address."
        ),
        tags=[["e", quote["id"], RELAY, "root"], ["p", quote["pubkey"]], ["t", "crocuscityhall"]],
    )
    peshawar = make_event(
        MARTA,
        when="2023-01-31T11:20:00Z",
        kind=1,
        content=(
            "Peshawar police lines mosque bombing, 30 January: hospital officials now say 100 killed, most of them "
            "police officers at midday prayers. A TTP commander, Sarbakaf Mohmand, claimed it yesterday, but the TTP "
            "spokesman Muhammad Khurasani said the group had nothing to do with it and does not attack mosques. "
            "Two stories, one bomb."
        ),
        tags=[["t", "peshawar"], ["t", "pakistan"]],
    )
    return [meta, peshawar, quote, reply, glitch]


def main() -> None:
    OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events()), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
