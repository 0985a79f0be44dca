"""data/ is a Frictionless data package: the standard validator (frictionless 5, Python API) accepts the committed
package and a freshly built one, every resource with its declared types, missing values and constraints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contract.tables import TABLES
from etl.paths import ROOT

frictionless = pytest.importorskip("frictionless")

# The resources the package must list: every table the contract declares, in its order (the README's data
# dictionary, generated from the same declarations, names the same tables).
RESOURCES = list(TABLES)
# Rows per resource for the committed seed: the seed's 22 sentences, the 16 cities (4 listed, 12 participants),
# 100 senators, the 49 lower-48 outlines (48 states and DC).
ROWS = {"articles": 1, "sentences": 22, "cities": 16, "vote_positions": 100, "state_shapes": 49}


def _validate(folder: Path):
    report = frictionless.validate(str(folder / "datapackage.json"))
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    return report, errors


@pytest.mark.parametrize("which", ["committed", "fresh"])
def test_the_standard_validator_accepts_the_package(which, built_data):
    folder = ROOT / "data" if which == "committed" else built_data
    report, errors = _validate(folder)
    assert errors[:5] == []
    assert report.valid and report.stats["errors"] == 0
    assert [task.name for task in report.tasks] == RESOURCES
    assert all(task.valid for task in report.tasks)
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert {name: rows[name] for name in ROWS} == ROWS


def test_the_standard_validator_reads_the_declared_types(built_data, tmp_path):
    """It really checks the cells: a nullable integer column holding a fraction is a type error, not a pass."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "data"
    shutil.copytree(built_data, folder)
    table = pq.read_table(folder / "cities.parquet")
    start = table.column("start").to_pylist()
    i = next(k for k, v in enumerate(start) if v is not None)
    values = [float(v) if v is not None else None for v in start]
    values[i] += 0.5
    table = table.set_column(table.schema.get_field_index("start"), "start", pa.array(values, pa.float64()))
    pq.write_table(table, folder / "cities.parquet")
    report, errors = _validate(folder)
    assert not report.valid and len(errors) == 1
    assert [e.type for task in report.tasks for e in task.errors] == ["type-error"]
    assert [task.name for task in report.tasks if not task.valid] == ["cities"]


def test_the_frictionless_command_says_valid_for_the_committed_package():
    """The command a data desk would type, as written in the README: `frictionless validate data/datapackage.json`."""
    import json
    import subprocess
    import sys

    command = Path(sys.executable).with_name("frictionless")
    done = subprocess.run(
        [str(command), "validate", "--json", "data/datapackage.json"], cwd=ROOT, capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0, done.stdout[-2000:]
    assert report["valid"] is True
    assert report["stats"]["tasks"] == len(RESOURCES) and report["stats"]["errors"] == 0
