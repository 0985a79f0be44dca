"""The one error type the ETL raises for bad input: it always names the file and the line or sentence."""

from __future__ import annotations

from pathlib import Path


class EtlError(Exception):
    """Bad input or invalid output. ``str()`` is the one-line reason printed to the user."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        from etl.paths import display

        where = ""
        if path is not None:
            where = display(Path(path))
            if line is not None:
                where += f":{line}"
            where += ": "
        super().__init__(f"{where}{message}")


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
