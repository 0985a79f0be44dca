"""Contract tests: the README documents every table and column; the data folder holds exactly the declared
tables with the declared schema; pages stay thin and one-directional."""

from __future__ import annotations

import ast
import json

import pyarrow.parquet as pq

from etl.docs import dictionary
from etl.paths import ROOT
from etl.schema import SCHEMA_VERSION, TABLES


def test_readme_carries_the_generated_data_dictionary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert dictionary() in readme, "README's data dictionary is stale: regenerate it with python -m etl.docs"
    for name, spec in TABLES.items():
        assert f"#### `{name}`" in readme
        for col in spec.columns:
            assert f"| `{col}` |" in readme


def test_data_folder_matches_the_schema():
    data = ROOT / "data"
    assert {p.stem for p in data.glob("*.parquet")} == set(TABLES)
    for name, spec in TABLES.items():
        schema = pq.read_schema(data / f"{name}.parquet")
        assert schema.names == spec.columns
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
    desc = json.loads((data / "datapackage.json").read_text())
    assert [r["name"] for r in desc["resources"]] == list(TABLES)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


def test_one_direction_of_flow():
    for path in [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        for module in _imports(path):
            assert not module.startswith("etl") or module in ("etl.schema", "etl.paths"), (path, module)
    for path in (ROOT / "etl").rglob("*.py"):
        assert not any(m.startswith(("streamlit", "dashboard")) for m in _imports(path)), path


def test_pages_are_thin():
    for path in (ROOT / "pages").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 100, path
