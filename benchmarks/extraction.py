"""``python -m benchmarks.extraction``: how well the ETL reads other newsrooms' copy, against the hand-annotated
corpus (``tests/articles/corpus/``, gold files written before the ETL ran on them).

Each corpus article is refreshed alone, as ``python -m etl`` would, and its tables are compared with its gold
file, field by field: cities, people, claims, dates, tallies and quotation speakers (precision, recall and F1 over
exact spans and values), and the data-quality errors it raises that the gold does not expect (false errors). The
same corpus is run through the previous text reader (the regex reader of commit ``OLD_READER``, checked out into a
temporary folder), so the two stand side by side. Timing: milliseconds per article to read, resolve and tell
the story (the work a refresh adds per article). ``--write`` puts the report into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from benchmarks.gold import CORPUS, Gold, corpus
from benchmarks.sections import write_marked
from etl.paths import DATA_DIR, REFERENCE_DIR, ROOT

OLD_READER = "d0392070a5106e6e7f8510cd83fe201fce7174db"  # the last commit with the hand-written regex reader
FIELDS = ("cities", "people", "claims", "dates", "tallies", "quote speakers")
TARGET_F1 = 0.97
SECTION = "## Reading other newsrooms' copy (`python -m benchmarks.extraction`)"


def _dash(value: str) -> str:
    return str(value).replace("–", "-").replace("—", "-")


def gold_sets(g: Gold) -> dict[str, set]:
    """The gold's facts as comparable tuples, per field."""
    return {
        "cities": {(e.get("id"), e.start, e.end) for e in g.section("city")},
        "people": {(e.get("id"), e.start, e.end) for e in g.section("person")},
        "claims": {(e.get("kind"), e.get("ref"), _dash(e.get("value")), e.start, e.end) for e in g.section("claim")},
        "dates": {(e.start, e.end, e.get("value")) for e in g.section("date")},
        "tallies": {(e.start, e.end, int(e.get("yea")), int(e.get("nay")), e.get("vote")) for e in g.section("tally")},
        "quote speakers": {(e.start, e.end, e.get("speaker") or "") for e in g.section("quote")},
    }


def found_sets(t: dict[str, pd.DataFrame]) -> dict[str, set]:
    """What the ETL's tables say, as the same tuples."""
    types = dict(zip(t["entities"]["entity_id"], t["entities"]["type"], strict=True))
    m = t["mentions"]
    kinds = m["entity_id"].map(types)
    claims = t["claims"]
    claims = claims[claims["kind"].isin(["city", "city_count", "event", "vote"])]
    figs = t["figures"]
    dates = set()
    for r in figs[figs["kind"].isin(["date", "date_expected"])].itertuples():
        value = r.value if isinstance(r.value, str) else ""
        if r.kind == "date_expected":
            value = ">" + _expected_start(r.method)
        dates.add((int(r.start), int(r.end), value))
    tally_votes = {
        (int(c.start), int(c.end)): c.ref_id for c in t["claims"][t["claims"]["kind"] == "vote"].itertuples()
    }
    tallies = set()
    for r in figs[figs["kind"] == "vote_tally"].itertuples():
        yea, nay = (int(x) for x in _dash(r.value).split("-"))
        tallies.add((int(r.start), int(r.end), yea, nay, tally_votes.get((int(r.start), int(r.end)), "")))
    q = t["quotes"]
    named = [(r.entity_id, int(r.start), int(r.end), k) for r, k in zip(m.itertuples(), kinds, strict=True)]
    return {
        "cities": {(e, s, x) for e, s, x, k in named if k == "city"},
        "people": {(e, s, x) for e, s, x, k in named if k == "person"},
        "claims": {(r.kind, r.ref_id, _dash(r.value), int(r.start), int(r.end)) for r in claims.itertuples()},
        "dates": dates,
        "tallies": tallies,
        "quote speakers": {
            (int(r.start), int(r.end), r.speaker_entity_id if isinstance(r.speaker_entity_id, str) else "")
            for r in q.itertuples()
        },
    }


def _expected_start(method: str) -> str:
    """The first day an open-ended date can mean, from its method ("not before Fri 1 Sep 2017")."""
    m = re.search(r"not before \w{3} (\d{1,2}) (\w{3}) (\d{4})", method or "")
    if not m:
        return ""
    return pd.Timestamp(f"{m.group(1)} {m.group(2)} {m.group(3)}").date().isoformat()


def findings(t: dict[str, pd.DataFrame]) -> list[tuple[str, str, int, int]]:
    dq = t["data_quality"]
    dq = dq[dq["severity"].isin(["error", "warning"]) & dq["article_id"].notna() & dq["start"].notna()]
    return [(r.severity, r.kind, int(r.start), int(r.end)) for r in dq.itertuples()]


def expected(found: tuple[str, str, int, int], gold: list) -> bool:
    """A finding the ETL raised that the gold expects: same severity and kind, overlapping words."""
    severity, kind, s, e = found
    return any(g.get("severity") == severity and g.get("kind") == kind and g.start < e and s < g.end for g in gold)


def raised(entry, found: list[tuple[str, str, int, int]]) -> bool:
    """A finding the gold expects that the ETL raised."""
    return any(
        x[0] == entry.get("severity") and x[1] == entry.get("kind") and entry.start < x[3] and x[2] < entry.end
        for x in found
    )


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    false_errors: list[str] = field(default_factory=list)
    missed_findings: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)  # articles the refresh refused
    misses: dict[str, list] = field(default_factory=dict)  # field -> (article, missed, extra) for the report's -v

    def add(self, name: str, gold: dict[str, set], found: dict[str, set]) -> None:
        for f in FIELDS:
            self.tp[f] += len(gold[f] & found[f])
            self.fp[f] += len(found[f] - gold[f])
            self.fn[f] += len(gold[f] - found[f])
            if gold[f] != found[f]:
                self.misses.setdefault(f, []).append((name, sorted(gold[f] - found[f]), sorted(found[f] - gold[f])))

    def prf(self, f: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[f], self.fp[f], self.fn[f]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}


def _one_article(g: Gold, folder: Path, source: Path = CORPUS) -> Path:
    seeds = folder / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    for suffix in (".txt", ".toml"):
        shutil.copy(source / f"{g.name}{suffix}", seeds / f"{g.name}{suffix}")
    return seeds


def score_tables(g: Gold, t: dict[str, pd.DataFrame], score: Score) -> None:
    score.add(g.name, gold_sets(g), found_sets(t))
    wanted = g.section("finding")
    found = findings(t)
    for f in found:
        if f[0] == "error" and not expected(f, wanted):
            score.false_errors.append(f"{g.name}: {f[1]} on “{g.text[f[2] : f[3]]}”")
    for e in wanted:
        if not raised(e, found):
            score.missed_findings.append(f"{g.name}: {e.get('severity')} {e.get('kind')} on “{e.surface}”")


def run_new(golds: list[Gold], work: Path, source: Path = CORPUS, prior: bool = True) -> tuple[Score, float]:
    """The current ETL, in this process, one article at a time; and its milliseconds per article. ``prior``: the
    story's prior for the reader (``etl.read.pipeline.Reader``), on or off."""
    from etl.build import build, understand
    from etl.gazetteer import Gazetteer
    from etl.lexicon import load_lexicon
    from etl.read.known import Known
    from etl.read.pipeline import Reader
    from etl.reference import load_reference
    from etl.seed import read_seed

    score = Score()
    for g in golds:
        seeds = _one_article(g, work, source)
        score_tables(g, build(seeds, REFERENCE_DIR, previous=DATA_DIR, prior=prior), score)
    ref = load_reference(REFERENCE_DIR)
    lexicon = load_lexicon()
    reader = Reader(Known.read(REFERENCE_DIR), Gazetteer(), lexicon, prior=prior)
    seeds = [read_seed(source / f"{g.name}.txt") for g in golds]
    understand(reader.read(seeds[0]), ref, lexicon)  # warm
    started = time.perf_counter()
    for _ in range(3):
        for s in seeds:
            understand(reader.read(s), ref, lexicon)
    ms = (time.perf_counter() - started) * 1000 / (3 * len(seeds))
    return score, ms


def run_old(golds: list[Gold], work: Path, source: Path = CORPUS) -> Score:
    """The regex reader of ``OLD_READER``, checked out into a temporary folder, run as its own CLI per article."""
    old = work / "old"
    if not old.exists():
        old.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", OLD_READER], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
    score = Score()
    for g in golds:
        seeds = _one_article(g, work, source)
        out = work / "old-out"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "etl", "--seeds", str(seeds), "--out", str(out)]
        result = subprocess.run(cmd, cwd=old, capture_output=True, text=True)
        if result.returncode:
            score.stopped.append(f"{g.name}: {result.stderr.strip().splitlines()[-1]}")
            empty = gold_sets(g)
            score.add(g.name, empty, {f: set() for f in FIELDS})
            continue
        t = _tables(out)
        t["claims"] = t["claims"].assign(
            ref_id=t["claims"]["ref_id"].replace({"excluded": "psp-four-cities-letters", "participant": "psp-launched"})
        )
        score_tables(g, t, score)
    return score


def refresh_times(work: Path, n: int) -> tuple[list[float], list[float]]:
    """``python -m etl`` on the committed seed, this code and the old reader's checkout, alternating, ``n`` times
    each (seconds; a fresh output folder each time, as on a first refresh)."""
    old = work / "old"
    new_times, old_times = [], []
    for _ in range(n):
        for cwd, times in ((ROOT, new_times), (old, old_times)):
            out = work / "refresh-out"
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "etl", "--out", str(out)], cwd=cwd, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
    return new_times, old_times


def report(
    new: Score,
    old: Score | None,
    ms: float,
    n: int,
    refresh: tuple[list[float], list[float]] | None = None,
    bare: Score | None = None,
    source: Path = CORPUS,
) -> str:
    lines = [
        SECTION,
        "",
        f"{n} articles of `{source.relative_to(ROOT).as_posix()}/` (written for the project in other newsrooms' "
        "styles, each with a gold file written by hand before the ETL read it), each refreshed alone. Exact spans "
        f"and values; target F1 ≥ {TARGET_F1} for every field and 0 false errors. “Without the prior”: the same run "
        "with the story's prior off (`Reader(prior=False)`: bare city names read from the text's own clues only).",
        "",
        "| field | precision | recall | F1 | verdict | F1 without the prior | old reader's F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in FIELDS:
        p, r, f1 = new.prf(f)
        old_f1 = f"{old.prf(f)[2]:.2f}" if old else "—"
        bare_f1 = f"{bare.prf(f)[2]:.3f}" if bare else "—"
        verdict = "within" if f1 >= TARGET_F1 else "**under**"
        lines.append(f"| {f} | {p:.3f} | {r:.3f} | {f1:.3f} | {verdict} | {bare_f1} | {old_f1} |")
    lines += [
        "",
        f"- False errors (an error the gold does not expect): **{len(new.false_errors)}**"
        + (f" (old reader: {len(old.false_errors)})" if old else "")
        + (f" (without the prior: {len(bare.false_errors)})" if bare else ""),
        f"- Errors and warnings the gold expects that were not raised: {len(new.missed_findings)}"
        + (f" (old reader: {len(old.missed_findings)})" if old else ""),
        f"- Reading, resolving and telling the story: **{ms:.1f} ms per article** (target ≤ 30 ms).",
    ]
    if refresh:
        median = statistics.median
        a, b = median(refresh[0]), median(refresh[1])
        lines.append(
            f"- A full refresh of the committed seed (`python -m etl`, fresh output folder): **{a:.2f} s** against "
            f"the old reader's {b:.2f} s, **{a / b:.2f}×** (target ≤ 1.5×; medians of {len(refresh[0])} alternating "
            f"runs; load average {os.getloadavg()[0]:.2f} at the end)."
        )
    if old and old.stopped:
        lines.append(f"- The old reader refused {len(old.stopped)} article(s) outright: " + "; ".join(old.stopped))
    for label, items in (("False errors", new.false_errors), ("Missed findings", new.missed_findings)):
        if items:
            lines += ["", f"{label}:", *(f"- {x}" for x in items)]
    return "\n".join(lines) + "\n"


BEGIN, END = "<!-- extraction:begin -->", "<!-- extraction:end -->"  # kept by ``make bench`` (keep_marked)


def write_section(text: str, path: Path) -> None:
    """Replace this benchmark's marked section of BENCHMARKS.md (or append it)."""
    write_marked(text, path, BEGIN, END)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.extraction", description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-old", action="store_true", help="skip the old reader's run")
    ap.add_argument("--write", action="store_true", help="write the report into BENCHMARKS.md")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss per field")
    ap.add_argument("--only", nargs="*", help="article names (default: the whole corpus)")
    ap.add_argument("-n", type=int, default=7, help="full refreshes per reader for the timing (default 7; 0: none)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of articles and gold files (default: corpus)")
    args = ap.parse_args(argv)
    source = args.corpus.resolve()
    golds = [g for g in corpus(source) if not args.only or g.name in args.only]
    with tempfile.TemporaryDirectory() as tmp:
        new, ms = run_new(golds, Path(tmp), source)
        bare, _ = run_new(golds, Path(tmp), source, prior=False)
        old = None if args.no_old else run_old(golds, Path(tmp), source)
        refresh = refresh_times(Path(tmp), args.n) if old and args.n else None
    text = report(new, old, ms, len(golds), refresh, bare, source)
    print(text)
    if args.verbose:
        for f, items in new.misses.items():
            for name, missed, extra in items:
                print(f"[{f}] {name}\n   missed: {missed}\n   extra:  {extra}")
    if args.write:
        write_section(text, ROOT / "BENCHMARKS.md")
    ok = all(new.prf(f)[2] >= TARGET_F1 for f in FIELDS) and not new.false_errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
