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

from dashboard import embed, reader, site, spec, theme

FORMATS = ("png", "svg", "html")
KALEIDO_PROCESSES = 2  # tabs in the one Chromium kaleido starts


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
            cache[name] = reader.read_table(folder, name)
        return cache[name]

    return load


def frame_images(chart_ids: list[str], formats: list[str], frames: list[str], figs: embed.Figures, scale: float):
    """images/<chart>_<frame>.<fmt> -> (figure, format, width, height, scale): one figure serves both formats."""
    return {
        f"images/{c}_{f}.{fmt}": (figs.get(c, theme.FRAMES[f]), fmt, *theme.FRAMES[f], scale)
        for c in chart_ids
        for f in frames
        for fmt in formats
        if fmt in ("png", "svg")
    }


def render_images(jobs: dict[str, tuple], out: Path, n: int = KALEIDO_PROCESSES) -> list[Path]:
    """Every image in one kaleido session (one Chromium, ``n`` tabs): path relative to ``out`` ->
    (figure, format, width, height[, scale])."""
    import kaleido

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    specs, paths = [], []
    for rel, (fig, fmt, width, height, *scale) in jobs.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        opts = {"format": fmt, "width": width, "height": height, "scale": scale[0] if scale else 1}
        specs.append({"fig": fig, "path": path, "opts": opts})
        paths.append(path)
    if specs:
        # Plotly's basic bundle, as on the static site: the pictures are what the interactive charts draw, and the
        # tab kaleido reloads after every image parses a quarter of the full bundle (a third less time in all)
        kopts = {"n": n, "mathjax": False, "plotlyjs": str(site.VENDOR / site.PLOTLY_JS)}
        errors = kaleido.write_fig_from_object_sync(specs, kopts=kopts)
        if errors:
            raise RuntimeError(f"kaleido could not render: {errors[0]}")
    for path in paths:
        if path.suffix == ".svg" and path.parent.name == embed.CHARTS_DIR:  # the site's pictures
            path.write_text(embed.minify_svg(path.read_text(encoding="utf-8")), encoding="utf-8")
    return paths


def write_site(figs: embed.Figures, folder: Path, out: Path, base_url: str, progress: Progress):
    """The static site's pages, embed pages and data into out/site; returns (paths written, images to render
    relative to ``out``)."""
    from contract.tables import TABLES

    root = out / "site"
    (root / "data").mkdir(parents=True, exist_ok=True)
    written, images = site.write(root, figs, base_url, progress.step)
    for name in TABLES:
        frame = figs.load(name)
        path = root / "data" / f"{name}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    (root / "data" / "data.zip").write_bytes(reader.folder_zip(folder))
    shutil.copyfile(folder / "datapackage.json", root / "data" / "datapackage.json")
    written += [root / "data" / "data.zip", root / "data" / "datapackage.json"]
    progress.step("site data")
    return written, {f"site/{rel}": job for rel, job in images.items()}


def manifest(out: Path, paths: list[Path], charts: dict | None = None) -> dict:
    files = [
        {
            "path": p.relative_to(out).as_posix(),
            "bytes": p.stat().st_size,
            "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
        }
        for p in sorted(paths)
    ]
    doc = {"files": files, "total_bytes": sum(f["bytes"] for f in files)}
    if charts:
        doc["charts"] = charts
    (out / "manifest.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    p.add_argument("--only", choices=spec.chart_ids(), help="one chart only")
    p.add_argument("--format", choices=FORMATS, action="append", help="png, svg or html (repeatable; default all)")
    p.add_argument("--frame", choices=list(theme.FRAMES), action="append", help="card frame (default all)")
    p.add_argument("--scale", type=float, default=theme.EXPORT_SCALE, help="pixel scale of PNGs (default 2)")
    p.add_argument("--base-url", default="", help="where site/ will be published, e.g. https://example.org/psp/")
    p.add_argument("--processes", type=int, default=KALEIDO_PROCESSES, help="kaleido tabs at once")
    args = p.parse_args(argv)
    formats = args.format or list(FORMATS)
    frames = args.frame or list(theme.FRAMES)
    chart_ids = [args.only] if args.only else spec.chart_ids()
    base_url = embed.normal_base(args.base_url.strip())
    folder = reader.data_dir()
    try:
        meta = reader.meta_from(folder)
    except reader.DataUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    figs = embed.Figures(_loader(folder), meta)
    started = time.perf_counter()
    jobs = frame_images(chart_ids, formats, frames, figs, args.scale)
    progress = Progress(2 + (len(spec.PAGES) + len(spec.chart_ids()) + 1 if "html" in formats else 0))
    args.out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    charts = None
    if "html" in formats:
        written, site_images = write_site(figs, folder, args.out, base_url, progress)
        paths += written
        jobs |= site_images
        charts = embed.chart_manifest(base_url, figs, embed.Output())
    progress.step(f"{len(jobs)} images: building")
    paths += render_images(jobs, args.out, args.processes)
    progress.step(f"{len(jobs)} images")
    progress.close()
    doc = manifest(args.out, paths, charts)
    for f in doc["files"]:
        print(f"{f['bytes']:>10,}  {f['path']}")
    print(
        f"{len(doc['files'])} files, {doc['total_bytes']:,} bytes in {args.out} "
        f"({time.perf_counter() - started:.1f}s); manifest.json lists them"
    )
    if "html" in formats and not base_url:
        print("no --base-url: the pages have no og:url, og:image or twitter:image (they need an absolute URL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
