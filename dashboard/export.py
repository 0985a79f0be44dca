"""``python -m dashboard.export --out DIR``: every chart as PNG and SVG in the card frames, and a static site.

Images go through kaleido with the system Chromium (``BROWSER_PATH``, default ``/usr/bin/chromium``), with
MathJax off so nothing is fetched. The charts are those the page spec (``dashboard.spec``) shows, built by
``dashboard.figures``: the same builders as the app.

Layout of DIR::

    images/<chart>_<frame>.png|svg   one per chart and frame (social 1200x675, slide 1600x900, square 1080x1080)
    site/*.html                      the static site, openable from file:// with no network
    site/plotly-basic.min.js         Plotly's basic bundle (scatter, bar), vendored in dashboard/assets/vendor/
    site/charts/*.js                 chart variants too big to ride in their page, one per width class
    site/data/                       CSV per table, all Parquet as a zip, datapackage.json
    manifest.json                    every file written, with its size and sha256
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

from dashboard import data, figures, site, spec, theme

FORMATS = ("png", "svg", "html")


class Progress:
    """A one-line progress bar on stderr (plain lines when stderr is not a terminal)."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.tty = sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label}"
        print(("\r" + line.ljust(100)) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def _loader(folder: Path):
    cache: dict = {}

    def load(name: str):
        if name not in cache:
            cache[name] = data.read_table(folder, name)
        return cache[name]

    return load


def image_jobs(chart_ids: list[str], formats: list[str], frames: list[str]) -> list[tuple[str, str, str]]:
    return [(c, f, fmt) for c in chart_ids for f in frames for fmt in formats if fmt in ("png", "svg")]


def write_images(jobs, load, meta, out: Path, scale: float, progress: Progress) -> list[Path]:
    import kaleido

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    specs, paths, figs = [], [], {}
    for chart_id, frame, fmt in jobs:
        width, height = theme.FRAMES[frame]
        if (chart_id, frame) not in figs:  # one build serves both formats
            figs[chart_id, frame] = figures.build(chart_id, load, meta, size=(width, height))
        fig = figs[chart_id, frame]
        path = out / "images" / f"{chart_id}_{frame}.{fmt}"
        specs.append(
            {"fig": fig, "path": path, "opts": {"format": fmt, "width": width, "height": height, "scale": scale}}
        )
        paths.append(path)
    (out / "images").mkdir(parents=True, exist_ok=True)
    if specs:
        errors = kaleido.write_fig_from_object_sync(specs, kopts={"n": 2, "mathjax": False})
        if errors:
            raise RuntimeError(f"kaleido could not render: {errors[0]}")
    for chart_id, frame, fmt in jobs:
        progress.step(f"{chart_id} {frame}.{fmt}")
    return paths


def write_site(load, meta, folder: Path, out: Path, progress: Progress) -> list[Path]:
    from etl.schema import TABLES

    root = out / "site"
    (root / "data").mkdir(parents=True, exist_ok=True)
    written = site.write(root, load, meta, progress.step)
    for name in TABLES:
        frame = load(name)
        path = root / "data" / f"{name}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    (root / "data" / "data.zip").write_bytes(data.folder_zip(folder))
    shutil.copyfile(folder / "datapackage.json", root / "data" / "datapackage.json")
    written += [root / "data" / "data.zip", root / "data" / "datapackage.json"]
    progress.step("site data")
    return written


def manifest(out: Path, paths: list[Path]) -> dict:
    files = [
        {
            "path": p.relative_to(out).as_posix(),
            "bytes": p.stat().st_size,
            "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
        }
        for p in sorted(paths)
    ]
    doc = {"files": files, "total_bytes": sum(f["bytes"] for f in files)}
    (out / "manifest.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    p.add_argument("--only", choices=spec.chart_ids(), help="one chart only")
    p.add_argument("--format", choices=FORMATS, action="append", help="png, svg or html (repeatable; default all)")
    p.add_argument("--frame", choices=list(theme.FRAMES), action="append", help="card frame (default all)")
    p.add_argument("--scale", type=float, default=theme.EXPORT_SCALE, help="pixel scale of PNGs (default 2)")
    args = p.parse_args(argv)
    formats = args.format or list(FORMATS)
    frames = args.frame or list(theme.FRAMES)
    chart_ids = [args.only] if args.only else spec.chart_ids()
    folder = data.data_dir()
    try:
        meta = data.meta_from(folder)
    except data.DataUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    load = _loader(folder)
    started = time.perf_counter()
    jobs = image_jobs(chart_ids, formats, frames)
    progress = Progress(len(jobs) + (len(spec.PAGES) + 1 if "html" in formats else 0))
    args.out.mkdir(parents=True, exist_ok=True)
    paths = write_images(jobs, load, meta, args.out, args.scale, progress)
    if "html" in formats:
        paths += write_site(load, meta, folder, args.out, progress)
    progress.close()
    doc = manifest(args.out, paths)
    for f in doc["files"]:
        print(f"{f['bytes']:>10,}  {f['path']}")
    print(
        f"{len(doc['files'])} files, {doc['total_bytes']:,} bytes in {args.out} "
        f"({time.perf_counter() - started:.1f}s); manifest.json lists them"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
