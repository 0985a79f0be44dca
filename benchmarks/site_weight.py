"""``python -m benchmarks.site_weight [--svg]``: the bytes each static page loads, for each width-class pick.

Two counts per pick, read from the exported HTML the way a browser finds the files. *First paint*: the page, the
files it names (scripts, stylesheets, its icon) and, for each chart, the picture of the picked class (the
``<source>`` of that class, or the ``<img>`` when it is that class). *After every chart is touched*: that, plus
Plotly's bundle (``data-plotly``, loaded on the first touch) and each chart's interactive variant of the class
(``data-variants``). ``BUDGET_BYTES`` holds the second; ``tests/test_site.py`` measures the same two in a browser.

``--svg`` also measures the alternative of drawing no chart in the browser: every variant rendered to SVG by
kaleido (the system Chromium) at the site widths, and the page's HTML without its chart JSON plus either the one
SVG it shows or all three inline (what a page with no script needs to pick by CSS). It is a lower bound: the
SVGs carry no hover text, which that option would add as ``<title>`` elements.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from dashboard import theme
from devtools import export

BUDGET_BYTES = 1_500_000
CLASSES = sorted(theme.SITE_WIDTHS, key=theme.SITE_WIDTHS.get)  # narrowest first


class _Refs(HTMLParser):
    """What a page refers to: files it always loads, each chart's pictures and variants by width class, and
    Plotly's bundle."""

    def __init__(self):
        super().__init__()
        self.files: list[str] = []
        self.pictures: list[dict[str, str]] = []  # per chart: width class -> its picture
        self.charts: list[dict[str, dict]] = []  # per chart: width class -> its interactive variant
        self.plotly = ""
        self.inline_json = 0  # characters of chart JSON inside the page
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.files.append(a["src"])
        elif tag == "link" and {"stylesheet", "icon"} & set((a.get("rel") or "").split()) and a.get("href"):
            self.files.append(a["href"])
        elif tag == "picture":
            self.pictures.append({})
        elif tag == "source" and self.pictures and a.get("data-class"):
            self.pictures[-1][a["data-class"]] = a["srcset"]
        elif tag == "img" and a.get("src"):
            if self.pictures and a.get("data-class"):
                self.pictures[-1].setdefault(a["data-class"], a["src"])
            else:
                self.files.append(a["src"])
        if a.get("data-variants"):
            self.charts.append(json.loads(a["data-variants"]))
        if tag == "script" and a.get("data-plotly"):
            self.plotly = a["data-plotly"]
        self._in_json = tag == "script" and a.get("type") == "application/json"

    def handle_endtag(self, tag):
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.inline_json += len(data.encode())


def refs(html: str) -> _Refs:
    parser = _Refs()
    parser.feed(html)
    parser.close()
    return parser


def page_files(root: Path, page_file: str, pick: str, touched: bool = False) -> list[Path]:
    """Every file the page loads when each of its charts picks the ``pick`` class, the page itself first: at first
    paint, or once every chart has been touched (``touched``)."""
    r = refs((root / page_file).read_text(encoding="utf-8"))
    files = [*r.files, *(p.get(pick) or next(iter(p.values())) for p in r.pictures)]
    if touched:
        files += [r.plotly] if r.plotly and r.charts else []
        files += [chart[pick]["src"] for chart in r.charts if "src" in chart[pick]]
    return [root / page_file, *(root / f for f in dict.fromkeys(files))]


def page_bytes(root: Path, page_file: str, pick: str, touched: bool = False) -> int:
    return sum(p.stat().st_size for p in page_files(root, page_file, pick, touched))


def weights(root: Path) -> dict[str, dict[str, dict[str, int]]]:
    """Page file -> "paint" or "touched" -> width class -> bytes loaded, for every page of an exported site."""
    return {
        p.name: {
            moment: {c: page_bytes(root, p.name, c, moment == "touched") for c in CLASSES}
            for moment in ("paint", "touched")
        }
        for p in sorted(root.glob("*.html"))
    }


def export_site(out: Path) -> Path:
    """``python -m dashboard.export --format html`` into ``out``; the site folder."""
    export.run(out, "--format", "html", timeout=None).check_returncode()
    return out / "site"


def svg_weights(root: Path) -> dict[str, dict[str, int]]:
    """Option (b), charts as inline SVG: page file -> {"one": bytes with the one SVG shown at the narrow width,
    "three": bytes with all three variants inline}; HTML counted without its chart JSON, no script loaded."""
    import kaleido

    from dashboard import figures, reader, spec
    from dashboard.export import _loader

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    folder = reader.data_dir()
    meta, load = reader.meta_from(folder), _loader(folder)
    jobs, tmp = {}, Path(tempfile.mkdtemp())
    for page in spec.PAGES:
        for n, b in enumerate(x for x in spec.walk(page.blocks) if x.kind == "chart" and spec.SITE in x.on):
            view = {k: v for k, v in b.view.items() if not isinstance(v, spec.State)}
            for cls, width in theme.SITE_WIDTHS.items():
                fig = figures.build(b.ref, load, meta, size=(width, None), **view)
                jobs[page.site_file, n, cls] = (fig, tmp / f"{page.slug}-{n}-{cls}.svg")
    specs = [
        {"fig": fig, "path": path, "opts": {"format": "svg", "width": fig.layout.width, "height": fig.layout.height}}
        for fig, path in jobs.values()
    ]
    errors = kaleido.write_fig_from_object_sync(specs, kopts={"n": 2, "mathjax": False})
    if errors:
        raise RuntimeError(f"kaleido could not render: {errors[0]}")
    out = {}
    for html in sorted(root.glob("*.html")):
        r = refs(html.read_text(encoding="utf-8"))
        base = html.stat().st_size - r.inline_json
        svgs = {
            cls: sum(p.stat().st_size for (f, _, c), (_, p) in jobs.items() if f == html.name and c == cls)
            for cls in CLASSES
        }
        out[html.name] = {"one": base + svgs[CLASSES[0]], "three": base + sum(svgs.values())}
    return out


def report(plotly: dict[str, dict[str, dict[str, int]]], svg: dict[str, dict[str, int]] | None = None) -> str:
    """A Markdown table: bytes each page loads at first paint and once every chart is touched, narrowest and
    widest pick (and the inline-SVG option when measured)."""
    narrow, wide = CLASSES[0], CLASSES[-1]
    head = (
        f"| page | first paint, {narrow} pick (kB) | first paint, {wide} pick (kB) "
        f"| every chart touched, {narrow} pick (kB) | every chart touched, {wide} pick (kB) |"
    )
    rule = "|---|---:|---:|---:|---:|"
    if svg:
        head += " as inline SVG: one variant (kB) | as inline SVG: all three (kB) |"
        rule += "---:|---:|"
    lines = [head + " budget |", rule + "---:|"]
    for page, by in plotly.items():
        cells = [by[m][c] / 1000 for m in ("paint", "touched") for c in (narrow, wide)]
        row = f"| {page} | " + " | ".join(f"{v:,.0f}" for v in cells) + " |"
        if svg:
            row += f" {svg[page]['one'] / 1000:,.0f} | {svg[page]['three'] / 1000:,.0f} |"
        lines.append(row + f" ≤ {BUDGET_BYTES / 1000:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.site_weight", description=__doc__.split("\n\n")[0])
    p.add_argument("--svg", action="store_true", help="also measure charts as inline SVG (kaleido, ~20 s)")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = export_site(Path(tmp))
        print(report(weights(root), svg_weights(root) if args.svg else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
