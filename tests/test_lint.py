"""Style is checked like everything else: ruff lint and format, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from etl.paths import ROOT


def test_ruff_lint_and_format():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
