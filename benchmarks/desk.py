"""``python -m benchmarks.desk``: how long the editor waits for ``python -m etl add`` and ``python -m etl preview`` of
one article (issue 39's target: under 2 s together, most of it importing spaCy).

Each run is what the editor types: ``add`` of the desk's test wire story into a scratch copy of seeds/, then
``preview`` of the new seed, each a fresh process. Alternated with them, the imports alone: what preview needs
(``etl.read.pipeline``, spaCy), what add needs (``etl.add`` with ``etl.corroborate``, which brings pandas) and
``etl.add`` alone, so the section says where the time goes. Medians of ``-n`` runs. ``--write`` puts the result
into BENCHMARKS.md between its own markers, which ``python -m benchmarks`` keeps. Run it under the browser lock
(``flock /tmp/psp-browser.lock``) so that no crowd or browser test shares the cores with it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sections import write_marked
from etl.paths import ROOT, SEEDS_DIR

ARTICLE = ROOT / "tests" / "articles" / "desk" / "wire_original.txt"
BEGIN, END = "<!-- desk:begin -->", "<!-- desk:end -->"  # kept by ``make bench`` (keep_marked)
TARGET_S = 2.0


def _timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def measure(n: int) -> dict[str, list[float]]:
    """Seconds of each step, ``n`` times: add, preview, and the two imports."""
    times: dict[str, list[float]] = {
        "add": [],
        "preview": [],
        "import spaCy reader": [],
        "import add": [],
        "import add without etl.corroborate": [],
    }
    for _ in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            seeds = Path(tmp) / "seeds"
            shutil.copytree(SEEDS_DIR, seeds)
            add = ["-m", "etl", "add", str(ARTICLE), "--publisher", "Test Wire", "--date", "2017-08-04"]
            times["add"].append(_timed([*add, "--seeds", str(seeds)]))
            (new,) = [p for p in seeds.glob("*.txt") if p.name.startswith("2017-08-04_")]
            times["preview"].append(_timed(["-m", "etl", "preview", str(new)]))
        times["import spaCy reader"].append(_timed(["-c", "import etl.read.pipeline"]))
        times["import add"].append(_timed(["-c", "import etl.add, etl.corroborate"]))
        times["import add without etl.corroborate"].append(_timed(["-c", "import etl.add"]))
    return times


def section(times: dict[str, list[float]]) -> str:
    """The Markdown section: a row per step, then the verdict against the target."""
    med = {k: statistics.median(v) for k, v in times.items()}
    total = med["add"] + med["preview"]
    verdict = "within" if total < TARGET_S else "over"
    rows = "\n".join(f"| {k} | {med[k]:.2f} s | {min(v):.2f} s |" for k, v in times.items())
    n = len(times["add"])
    return (
        "## The editor's desk: add and preview one article (`python -m benchmarks.desk`)\n\n"
        f"`python -m etl add` of the desk's test wire story (`{ARTICLE.relative_to(ROOT)}`) into a scratch copy of "
        "seeds/, then `python -m etl preview` of the new seed, each a fresh process as the editor runs them; "
        f"beside them, the imports alone. Medians (and fastest) of {n} runs; load average "
        f"{os.getloadavg()[0]:.2f} at the end (other work shares the machine's 2 cores).\n\n"
        "| step | median | fastest |\n|---|---|---|\n"
        f"{rows}\n\n"
        f"- add + preview: **{total:.2f} s** (target < {TARGET_S:.0f} s: {verdict}).\n"
        f"- Where it goes: importing the spaCy reader alone takes {med['import spaCy reader']:.2f} s (preview: "
        f"{med['preview']:.2f} s); importing `etl.add` with `etl.corroborate` (for its copy rule) takes "
        f"{med['import add']:.2f} s, `etl.add` alone {med['import add without etl.corroborate']:.2f} s (add: "
        f"{med['add']:.2f} s); preview imports pandas for the checks while another process imports spaCy and reads.\n"
    )


def write_section(text: str, path: Path) -> None:
    """Replace this benchmark's marked section of BENCHMARKS.md (or append it)."""
    write_marked(text, path, BEGIN, END)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.desk", description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, help="runs (default 5)")
    ap.add_argument("--write", action="store_true", help="write the section into BENCHMARKS.md")
    args = ap.parse_args(argv)
    text = section(measure(args.n))
    print(text)
    if args.write:
        write_section(text, ROOT / "BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
