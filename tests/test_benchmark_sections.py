"""BENCHMARKS.md is written by three benchmarks: ``python -m benchmarks`` rewrites the file, and keeps the marked
sections that ``benchmarks.crowd`` and ``benchmarks.extraction`` write between their own markers."""

from __future__ import annotations

from benchmarks import extraction
from benchmarks.__main__ import keep_marked

CROWD = "<!-- crowd:begin -->\n## A crowd\n\n| 1 | 2 |\n<!-- crowd:end -->\n"


def test_the_extraction_report_replaces_its_own_section_and_nothing_else(tmp_path):
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n## Pages\n\nrows\n\n" + CROWD, encoding="utf-8")
    extraction.write_section("## Reading\n\nfirst run\n", doc)
    extraction.write_section("## Reading\n\nsecond run\n", doc)
    assert doc.read_text(encoding="utf-8") == (
        "# Benchmarks\n\n## Pages\n\nrows\n\n"
        + CROWD
        + "\n<!-- extraction:begin -->\n## Reading\n\nsecond run\n<!-- extraction:end -->\n"
    )


def test_a_full_benchmark_run_keeps_the_crowd_and_extraction_sections(tmp_path):
    old = tmp_path / "BENCHMARKS.md"
    old.write_text("# Benchmarks\n\nold pages\n\n" + CROWD, encoding="utf-8")
    extraction.write_section("## Reading\n\nscores\n", old)
    assert keep_marked("# Benchmarks\n\nnew pages\n", old) == (
        "# Benchmarks\n\nnew pages\n\n"
        + CROWD
        + "\n<!-- extraction:begin -->\n## Reading\n\nscores\n<!-- extraction:end -->\n"
    )
