"""Events as an Apache Parquet file (the typed table of table.py) for pandas, DuckDB, Spark and R users."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from eventledger.export.table import frame

SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("date", pa.date32()),
        ("date_last", pa.date32()),
        ("date_precision", pa.string()),
        ("date_text", pa.string()),
        ("place", pa.string()),
        ("city", pa.string()),
        ("admin1", pa.string()),
        ("country", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("place_precision", pa.string()),
        *[(f"{k}_{s}", pa.int64()) for k in ("killed", "injured", "kidnapped") for s in ("low", "high", "best")],
        ("perpetrators", pa.list_(pa.string())),
        ("perpetrator_ids", pa.list_(pa.string())),
        ("perpetrator_basis", pa.list_(pa.string())),
        ("sources", pa.list_(pa.string())),
        ("independent_sources", pa.int64()),
        ("n_reports", pa.int64()),
        ("contested", pa.list_(pa.string())),
    ]
)


def write(events: list[dict], out, *, ctx) -> None:
    """`out`: a path or a binary file object."""
    df = frame(events, docs=ctx.docs)
    for col in ("date", "date_last"):
        df[col] = df[col].dt.date
    table = pa.Table.from_pandas(df, schema=SCHEMA, preserve_index=False)
    pq.write_table(table.replace_schema_metadata({"eventledger": "events; docs/exports.md"}), out)
