"""Bad input: a one-line reason naming the file, no traceback, and the previous output left byte-identical."""

from __future__ import annotations

import shutil

import pytest

SEED = "000_94e04342a6ea52d8.txt"


def _replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "missing seeds folder": (lambda ws: shutil.rmtree(ws.seeds), "seeds: seeds folder not found"),
    "empty article": (lambda ws: ws.article.write_bytes(b""), f"{SEED}:1: empty article"),
    "whitespace-only article": (lambda ws: ws.article.write_bytes(b"  \n\n\t\n"), f"{SEED}:1: empty article"),
    "non-UTF-8 bytes": (lambda ws: ws.article.write_bytes(ws.article.read_bytes().replace(
        "—".encode(), b"\x97", 1)), "not UTF-8 text"),
    "binary junk": (lambda ws: ws.article.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary data"),
    "reference missing column": (lambda ws: (ws.reference / "psp_sites_2017.csv").write_text(
        (ws.reference / "psp_sites_2017.csv").read_text().replace("site_type,", "kind,", 1)),
        "psp_sites_2017.csv:1: missing column(s) site_type"),
    "reference out-of-range coordinate": (lambda ws: (ws.reference / "place_overrides.csv").write_text(
        "city,state,lat,lon,source,note\nBaltimore,MD,139.3,-76.6,https://example.org/x,\n"),
        "place_overrides.csv:2: column lat: 139.3 is out of range"),
    "reference duplicate id": (lambda ws: (ws.reference / "events.csv").write_text(
        (ws.reference / "events.csv").read_text()
        + (ws.reference / "events.csv").read_text().splitlines()[1] + "\n"),
        "events.csv:25: duplicate id eo-13768-signed (first on line 2)"),
    "unresolvable city": (lambda ws: _replace_in(ws.article, "Stockton, Calif.", "Xyzzyville, Calif."),
                          f"{SEED}:7: cannot resolve the place “Xyzzyville, Calif.”"),
    "malformed sidecar date": (lambda ws: _replace_in(ws.article.with_suffix(".toml"), "as_of = 2017-08-03",
                                                      'as_of = "3rd of August"'), "as_of must be a date"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_leaves_output_untouched(workspace, case):
    first = workspace.etl()
    assert first.returncode == 0, first.stderr
    before = workspace.fingerprint()
    breaker, expected = CASES[case]
    breaker(workspace)
    result = workspace.etl()
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert workspace.fingerprint() == before
