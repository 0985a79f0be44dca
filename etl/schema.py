"""Stage 9, validate: the one place the data contract (``contract.tables``) is enforced before anything is
written."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from contract.tables import SCHEMA_VERSION, TABLES, Col, Table, arrow_type, article_source  # noqa: F401 - the ETL sees it here
from etl.errors import EtlError


def _fail(table: str, message: str, row: pd.Series | None = None) -> EtlError:
    where = ""
    if row is not None:
        key = TABLES[table].key
        where = " (row " + ", ".join(f"{k}={row[k]}" for k in key if k in row) + ")"
    return EtlError(f"invalid output table {table}: {message}{where}")


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT


def _row(frame: pd.DataFrame, i: int) -> pd.Series:
    return frame.iloc[i]


def _check_column(name: str, frame: pd.DataFrame, col: Col) -> None:
    """One column against its declaration, on plain Python values (the tables are small; pandas per-check
    overhead would dominate)."""
    values = frame[col.name].tolist()
    for i, v in enumerate(values):
        empty = v is None if col.type == "float_list" else _missing(v)
        if empty:
            if not col.nullable:
                raise _fail(name, f"column {col.name} has empty values", _row(frame, i))
            continue
        if col.type == "string" and (not isinstance(v, str) or (not col.nullable and not v.strip())):
            raise _fail(name, f"column {col.name} has a non-text or blank value {v!r}", _row(frame, i))
        if col.allowed is not None and v not in col.allowed:
            raise _fail(name, f"column {col.name} has {v!r}, not one of {', '.join(col.allowed)}", _row(frame, i))
        if col.lo is not None or col.hi is not None:
            if isinstance(v, bool) or not isinstance(v, int | float):
                raise _fail(name, f"column {col.name} is not numeric", _row(frame, i))
            if (col.lo is not None and v < col.lo) or (col.hi is not None and v > col.hi):
                raise _fail(name, f"column {col.name} is out of range [{col.lo}, {col.hi}]", _row(frame, i))


def _check_spans(name: str, frame: pd.DataFrame, texts: dict[str, str], spec: Table) -> None:
    """Wherever a row has a span, the article text sliced by it is exactly its surface."""
    if spec.span_of is None:
        return
    cols = zip(
        frame["article_id"].tolist(),
        frame["start"].tolist(),
        frame["end"].tolist(),
        frame[spec.span_of].tolist(),
        strict=True,
    )
    for i, (art, s, e, surface) in enumerate(cols):
        if _missing(s):
            continue
        if art not in texts:
            raise _fail(name, f"span without a known article_id ({art!r})", _row(frame, i))
        if texts[art][int(s) : int(e)] != surface:
            raise _fail(name, f"text[{int(s)}:{int(e)}] != {spec.span_of} {surface!r}", _row(frame, i))


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a table with its declared columns, so that a table with no rows still has them."""
    return pd.DataFrame(rows, columns=TABLES[name].columns)


def validate(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Check every table against its declaration; return them with columns ordered and rows sorted."""
    missing = set(TABLES) - set(tables)
    if missing:
        raise _fail(sorted(missing)[0], "table was not built")
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"], strict=True))
    out = {}
    for name, spec in TABLES.items():
        frame = tables[name]
        absent = [c for c in spec.columns if c not in frame.columns]
        if absent:
            raise _fail(name, f"missing column(s) {', '.join(absent)}")
        frame = frame[spec.columns].reset_index(drop=True)
        for col in spec.cols:
            _check_column(name, frame, col)
        seen: dict[tuple, int] = {}
        for i, k in enumerate(zip(*(frame[c].tolist() for c in spec.key), strict=True)):
            if k in seen:
                raise _fail(name, "duplicate key", _row(frame, i))
            seen[k] = i
        for i, v in enumerate(frame["source"].tolist()):  # every row of every table says where it comes from
            if not (isinstance(v, str) and v.startswith(("http://", "https://", "article:"))):
                raise _fail(name, f"row without a source: {v!r}", _row(frame, i))
        _check_spans(name, frame, texts, spec)
        if spec.sort:
            frame = frame.sort_values(list(spec.sort), kind="mergesort", na_position="first")
        out[name] = frame.reset_index(drop=True)
    return out


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """The validated frame as an Arrow table with the declared schema (no pandas index or metadata)."""
    spec = TABLES[name]
    arrays = []
    for col in spec.cols:
        values = frame[col.name].tolist()
        values = [
            None if (v is None or (isinstance(v, float) and v != v)) and col.type != "float_list" else v for v in values
        ]
        if col.type == "int":
            values = [None if v is None else int(v) for v in values]
        arrays.append(pa.array(values, type=arrow_type(col.type)))
    return pa.Table.from_arrays(arrays, schema=spec.arrow_schema())
