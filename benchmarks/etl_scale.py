"""``python -m benchmarks.etl_scale [--max 200]``: how ``python -m etl`` grows with the number of articles.

Synthetic articles are the seed article varied: its four excluded cities swapped for other gazetteer cities
(written "City, St." with the AP abbreviation), its tally for another, its weekdays for others. They go to a
temporary folder, never to ``seeds/``. The ETL runs on 1, then N/4, N/2 and N articles; the report gives the
milliseconds per article beyond the one-article run and the ratio of the marginal cost in the second half to
that in the first (about 1 when growth is linear, about 2 or more when quadratic).
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import us

from etl.gazetteer import Gazetteer
from etl.paths import ROOT, SEEDS_DIR

TARGET_MS_PER_ARTICLE = 30


def _seed() -> tuple[Path, Path]:
    (text,) = sorted(SEEDS_DIR.glob("*.txt"))
    return text, text.with_suffix(".toml")


def _listed_places(text: str, ap: dict[str, str]) -> list[tuple[str, str]]:
    """The "City, St." pairs of the seed's list sentence, as written."""
    abbrs = "|".join(re.escape(a) for a in sorted(ap, key=len, reverse=True))
    return re.findall(rf"([A-Z][a-z]+(?: [A-Z][a-z]+)*), ({abbrs})", text)


def synthetic_articles(n: int, folder: Path, rng: random.Random) -> None:
    """Write ``n`` variants of the seed (with its sidecar) into ``folder``."""
    text_path, sidecar = _seed()
    text = text_path.read_text(encoding="utf-8")
    ap = {s.ap_abbr: s.abbr for s in us.STATES if s.ap_abbr and s.ap_abbr.endswith(".")}
    usps_to_ap = {v: k for k, v in ap.items()}
    listed = _listed_places(text, ap)
    gazetteer = Gazetteer()
    pool = [
        (p.name, usps_to_ap[p.state])
        for p in gazetteer.places()
        if p.state in usps_to_ap and p.population > 100_000 and re.fullmatch(r"[A-Z][a-z]+", p.name)
    ]
    weekdays = list(calendar.day_name)
    for i in range(n):
        variant = text
        for (city, state), (new_city, new_state) in zip(listed, rng.sample(pool, len(listed)), strict=True):
            variant = variant.replace(f"{city}, {state}", f"{new_city}, {new_state}")
        yea = rng.randint(45, 55)
        variant = variant.replace("50-48", f"{yea}-{98 - yea}")
        for day in ("Thursday", "Wednesday"):
            variant = variant.replace(day, rng.choice(weekdays))
        name = f"synthetic_{i:04d}"
        (folder / f"{name}.txt").write_text(variant, encoding="utf-8")
        shutil.copy(sidecar, folder / f"{name}.toml")


def _time_etl(seeds: Path, out: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--seeds", str(seeds), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"etl failed on {seeds}: {result.stderr.strip()}")
    return elapsed


def measure(max_articles: int, repeat: int | None = None) -> dict:
    """Seconds per run at four sizes (best of ``repeat``; 2 by default, 1 for a quick run under 50 articles)."""
    repeat = repeat or (2 if max_articles >= 50 else 1)
    rng = random.Random(20170803)
    sizes = [1, max_articles // 4, max_articles // 2, max_articles]
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        all_seeds = Path(tmp) / "all"
        all_seeds.mkdir()
        synthetic_articles(max_articles, all_seeds, rng)
        names = sorted(p.stem for p in all_seeds.glob("*.txt"))
        for n in sizes:
            if n in seconds:  # a small --max repeats a size
                continue
            seeds = Path(tmp) / f"seeds-{n}"
            seeds.mkdir()
            for name in names[:n]:
                for suffix in (".txt", ".toml"):
                    shutil.copy(all_seeds / f"{name}{suffix}", seeds)
            seconds[n] = min(_time_etl(seeds, Path(tmp) / f"out-{n}-{r}") for r in range(repeat))
    one, quarter, half, full = (seconds[n] for n in sizes)
    per_article_ms = (full - one) / (max_articles - 1) * 1000
    first_half = (half - quarter) / (sizes[2] - sizes[1])
    second_half = (full - half) / (sizes[3] - sizes[2])
    return {
        "seconds": seconds,
        "ms_per_article": per_article_ms,
        "growth_ratio": second_half / first_half if first_half > 0 else float("nan"),
        "target_ms": TARGET_MS_PER_ARTICLE,
    }


def report(result: dict) -> str:
    rows = "\n".join(f"| {n} | {s:.2f} |" for n, s in result["seconds"].items())
    verdict = "within" if result["ms_per_article"] <= result["target_ms"] else "over"
    return (
        "| articles | `python -m etl`, s (best run) |\n|---|---|\n"
        f"{rows}\n\n"
        f"Beyond the one-article run: **{result['ms_per_article']:.1f} ms per article** "
        f"(target ≤ {result['target_ms']} ms: {verdict}). Marginal cost, second half ÷ first half: "
        f"**{result['growth_ratio']:.2f}** (≈ 1 linear, ≥ 2 quadratic).\n"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.etl_scale", description=__doc__.splitlines()[0])
    p.add_argument("--max", type=int, default=200, help="most synthetic articles (default 200)")
    args = p.parse_args(argv)
    print(report(measure(args.max)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
