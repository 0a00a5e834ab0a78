"""Write demo/corpus/bundle.zip (two plain-text articles) and demo/corpus/kerman-analysis.html.gz.

Entry dates and gzip mtime are fixed so rebuilding gives byte-identical files.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
CORPUS = HERE / "corpus"
ZIP_MEMBERS = ["bundle/peshawar-claim-denial.txt", "bundle/mogadishu-twin-bombings.txt"]
GZ_PAGE = "kerman-analysis.html"
FIXED_TIME = (2024, 4, 25, 12, 0, 0)


def build_zip(out: Path = CORPUS / "bundle.zip") -> Path:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in ZIP_MEMBERS:
            info = zipfile.ZipInfo(f"articles/{Path(name).name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, (SOURCES / name).read_bytes())
    return out


def build_gz(out: Path = CORPUS / f"{GZ_PAGE}.gz") -> Path:
    with out.open("wb") as raw, gzip.GzipFile(filename=GZ_PAGE, mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write((SOURCES / GZ_PAGE).read_bytes())
    return out


if __name__ == "__main__":
    for path in (build_zip(), build_gz()):
        print(f"wrote {path}")
