"""Screenshots of every page, to look at: the app and the static site, each page's first screen on a phone
(390 × 844, what a reader sees before scrolling) and the whole page at 390 and 1400 px wide.

    flock /tmp/psp-browser.lock .venv/bin/python -m devtools.screens --out test-artifacts/screens [--data DIR]

Writes ``{app|site}-{page}-first-390.png`` and ``{app|site}-{page}-{390|1400}.png``, and prints, for each page's
first screen, how far down its headline ends and its first number or chart begins (px from the top of the
window), so "does the story show without scrolling?" has a number beside the picture.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from dashboard import spec
from devtools.browser import CHART, METRIC, launch, screenshot_whole, wait_ready
from devtools.legibility import export_site
from devtools.server import Server

PHONE = {"width": 390, "height": 844}
WIDTHS = (390, 1400)

# Where the headline ends and the first number or chart begins, in px from the top of the window.
FIRST_SCREEN_JS = f"""() => {{
    const h1 = document.querySelector('h1');
    const first = document.querySelector('{METRIC}, .metric, {CHART}, .chart');
    const box = e => e ? e.getBoundingClientRect() : null;
    const h = box(h1), f = box(first);
    return {{headline_bottom: h ? Math.round(h.bottom) : null, first_number_top: f ? Math.round(f.top) : null}};
}}"""


def shoot(browser, url: str, name: str, out: Path, charts: int, app: bool) -> dict:
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": PHONE["height"] if width == 390 else 1000})
        page = context.new_page()
        page.goto(url)
        if app:
            wait_ready(page, charts)
        else:
            page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        if width == 390:
            page.screenshot(path=str(out / f"{name}-first-390.png"))
            found = page.evaluate(FIRST_SCREEN_JS)
        screenshot_whole(page, out / f"{name}-{width}.png")
        context.close()
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.screens", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--data", type=Path, default=None, help="a data folder (default: the dashboard's own)")
    p.add_argument("--pages", nargs="*", default=[pg.slug for pg in spec.PAGES])
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, Server(data_dir=args.data) as server, sync_playwright() as pw:
        site = export_site(Path(tmp) / "export", args.data)
        browser = launch(pw)
        for slug in args.pages:
            page = spec.page(slug)
            app = shoot(browser, f"{server.url}/{page.url}", f"app-{slug}", args.out, spec.chart_count(slug), True)
            static = shoot(browser, (site / page.site_file).as_uri(), f"site-{slug}", args.out, 0, False)
            print(f"{slug:12} app {app}  site {static}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
