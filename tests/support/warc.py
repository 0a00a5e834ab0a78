"""A small WARC file built in memory: pages, a request, a 404 and an image (for the reader tests)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page_html(n: int) -> bytes:
    return (
        f"<html><head><title>Night raid report {n}</title></head><body><article>"
        f"<p>Report {n}: militants attacked a checkpoint on the road to Kidal before dawn, the army said.</p>"
        f"<p>Soldiers returned fire and the attackers withdrew toward the desert, witnesses told reporters "
        f"in the town later that morning.</p></article></body></html>"
    ).encode()


def warc_bytes(*, gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)

    def response(uri: str, status: str, ctype: str, payload: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-25T10:00:00Z"},
            )
        )

    w.write_record(
        w.create_warc_record("https://example.org/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"))
    )
    response("https://example.org/a", "200 OK", "text/html; charset=utf-8", page_html(1))
    response("https://example.org/missing", "404 Not Found", "text/html", b"<html><body>gone</body></html>")
    response("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
    response("https://example.org/b", "200 OK", "text/html", page_html(2))
    response("https://example.org/c", "200 OK", "text/html", page_html(3))
    return buf.getvalue()
