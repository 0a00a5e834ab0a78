"""Write demo/corpus/archive.warc.gz from the pages in demo/sources/warc/ (plus one small PNG).

Record ids and dates are fixed so rebuilding gives the same file.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "archive.warc.gz"
SOURCES = HERE / "sources" / "warc"

# (page file, URL, capture time)
PAGES = [
    ("kabul-183.html", "https://coastaltimes.example/world/2021/08/28/abbey-gate-toll-183", "2021-08-28T14:02:11Z"),
    (
        "peshawar-101.html",
        "https://indusdispatch.example/pakistan/2023/02/01/peshawar-toll-101",
        "2023-02-01T08:40:52Z",
    ),
    ("crocus-145.html", "https://steppemonitor.example/russia/2024/04/24/crocus-dead-145", "2024-04-24T06:31:05Z"),
]
IMAGE_URL = "https://steppemonitor.example/img/2024/04/crocus-fence.png"
UA = "Mozilla/5.0 (X11; Linux x86_64) EventLedgerDemoCrawler/1.0 (+https://eventledger.example/demo)"


def _rid(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid grey PNG, so the image record is a real image and not a stand-in."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([0x80] * width) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _pair(writer: WARCWriter, url: str, when: str, body: bytes, content_type: str) -> None:
    host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
    req_id, resp_id = _rid("request", url, when), _rid("response", url, when)
    accept = "image/avif,image/webp,*/*" if content_type.startswith("image/") else "text/html,application/xhtml+xml"
    req_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [
            ("Host", host),
            ("User-Agent", UA),
            ("Accept", accept),
            ("Accept-Encoding", "identity"),
            ("Connection", "close"),
        ],
        is_http_request=True,
    )
    resp_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Date", _http_date(when)),
            ("Server", "nginx"),
            ("Cache-Control", "max-age=300"),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=resp_headers,
        warc_headers_dict={"WARC-Record-ID": resp_id, "WARC-Date": when, "WARC-IP-Address": "192.0.2.17"},
    )
    request = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        http_headers=req_headers,
        warc_headers_dict={"WARC-Record-ID": req_id, "WARC-Date": when, "WARC-Concurrent-To": resp_id},
    )
    writer.write_record(request)
    writer.write_record(response)


def _http_date(iso: str) -> str:
    from datetime import datetime

    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").strftime("%a, %d %b %Y %H:%M:%S GMT")


def build(out: Path = OUT) -> Path:
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = (
            b"software: warcio (demo/build_warc.py)\r\nformat: WARC File Format 1.0\r\n"
            b"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
            b"description: EventLedger demo capture of three news pages and one image\r\n"
            b"isPartOf: eventledger-demo\r\noperator: EventLedger demo\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                None,
                "warcinfo",
                payload=BytesIO(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _rid("warcinfo", out.name),
                    "WARC-Date": "2024-04-24T06:30:00Z",
                    "WARC-Filename": out.name,
                },
            )
        )
        for name, url, when in PAGES:
            _pair(writer, url, when, (SOURCES / name).read_bytes(), "text/html; charset=utf-8")
        _pair(writer, IMAGE_URL, "2024-04-24T06:31:06Z", tiny_png(), "image/png")
    return out


if __name__ == "__main__":
    print(f"wrote {build()}")
