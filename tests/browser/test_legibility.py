"""Readers on phones: every chart legible in every view. Headless Chromium opens each app page and each static
page at 390x844, 768x1024 and 1400x1000, and each card frame at its own size; once the charts are drawn and the
layout holds still, devtools.legibility probes every Plotly chart and fails on text over text, text under a
marker, text cut off by its chart or the screen, and pages wider than the screen.

Screenshots: test-artifacts/screens/{app|site}-{slug}-{390|1400}.png (whole page) and card-{chart}-{frame}.png;
the report and every probe: test-artifacts/legibility.txt and legibility.json.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from dashboard import spec, theme
from devtools import legibility
from tests.browser.conftest import ARTIFACTS, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def static_site(tmp_path_factory, built_data) -> Path:
    """The static site exported once per session (test_a11y shares the same folder)."""
    return legibility.export_site(tmp_path_factory.getbasetemp() / "static-export", built_data)


def shoot(page, view: legibility.View) -> None:
    """Card frames as they are (the viewport is the frame); pages whole, at the screenshot widths."""
    (ARTIFACTS / "screens").mkdir(parents=True, exist_ok=True)
    if view.kind == "card":
        chart, frame = view.name.split("/")
        page.screenshot(path=str(ARTIFACTS / "screens" / f"card-{chart}-{frame}.png"))
    elif view.size[0] in legibility.SHOT_WIDTHS:
        name = f"{view.kind}-{view.name}-{view.size[0]}"
        if view.kind == "app":
            screenshot(page, name)  # Streamlit scrolls inside its own container
        else:
            page.screenshot(path=str(ARTIFACTS / "screens" / f"{name}.png"), full_page=True)


@pytest.mark.timeout(600)
def test_every_view_is_legible(server, browser, static_site):
    started = time.perf_counter()
    views = legibility.app_views(server.url) + legibility.site_views(static_site) + legibility.card_views(server.url)
    assert len(views) == 2 * len(spec.PAGES) * len(legibility.VIEWPORTS) + len(spec.chart_ids()) * len(theme.FRAMES)
    result = legibility.run(browser, views, after=shoot)
    report = result.report()
    (ARTIFACTS / "legibility.txt").write_text(report + "\n", encoding="utf-8")
    doc = {"report": report.splitlines()[0], "defects": [asdict(d) for d in result.defects], "probes": result.probes}
    (ARTIFACTS / "legibility.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    print("\n" + report.splitlines()[0])
    print(f"test_every_view_is_legible took {time.perf_counter() - started:.1f}s ({result.timing()})")
    assert result.views == [v.label for v in views]
    assert not result.defects, report


PROBE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="{js}"></script></head>
<body style="margin:0"><div id="g"></div><script>
Plotly.newPlot('g', [
  {{x: [1], y: [1], mode: 'markers', marker: {{size: 20, color: '#0072B2'}}, hoverinfo: 'text', text: ['hover me']}},
  {{x: [8], y: [2], mode: 'markers', marker: {{size: 20, opacity: 0}}, hoverinfo: 'skip'}}
], {{
  width: 400, height: 300, margin: {{l: 10, r: 10, t: 10, b: 10}}, showlegend: false, hovermode: 'closest',
  xaxis: {{range: [0, 10], visible: false}}, yaxis: {{range: [0, 10], visible: false}},
  meta: {{chart_id: 'probe'}},
  annotations: [
    {{x: 1, y: 1, text: 'AAA', showarrow: false}},
    {{x: 5, y: 5, text: 'BBB', showarrow: false}},
    {{x: 5, y: 5, text: 'BBB', showarrow: false}},
    {{x: 8, y: 2, text: 'CCC', showarrow: false}},
    {{x: 5, y: 8, text: 'ghost', showarrow: false, opacity: 0}},
    {{x: 5, y: 8, text: 'ghost', showarrow: false, visible: false}},
    {{x: 0.9, y: 0.3, xref: 'paper', yref: 'paper', xanchor: 'left', text: 'cut off here', showarrow: false}}
  ]
}}, {{displayModeBar: true}});
</script></body></html>"""


def test_the_probe_reads_what_a_reader_sees(browser, tmp_path):
    """A known figure: a label on a marker, one string drawn twice, a label past the edge; a transparent marker,
    an invisible annotation, the hover label and the modebar do not count."""
    from importlib import resources

    js = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    html = tmp_path / "probe.html"
    html.write_text(PROBE_PAGE.format(js=js.as_uri()), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 500, "height": 400})
    try:
        page = ctx.new_page()
        page.goto(html.as_uri())
        page.wait_for_function("() => document.querySelectorAll('.annotation-text').length >= 5")
        page.evaluate("() => Plotly.Fx.hover('g', [{curveNumber: 0, pointNumber: 0}])")
        page.wait_for_function("() => document.querySelectorAll('.hoverlayer text').length > 0")
        probe = page.evaluate(legibility.PROBE_JS)
    finally:
        ctx.close()
    (chart,) = probe["charts"]
    assert chart["name"] == "probe"
    assert [round(v) for v in chart["box"]] == [0, 0, 400, 300]
    assert sorted(t["text"] for t in chart["texts"]) == ["AAA", "BBB", "BBB", "CCC", "cut off here"]
    assert [m["opacity"] for m in chart["markers"]] == [1, 0]
    v = "probe@500x400"
    assert legibility.check(v, probe) == [
        legibility.Defect("text-overlap", v, "probe", ("BBB", "BBB")),
        legibility.Defect("text-under-marker", v, "probe", ("AAA",)),
        legibility.Defect("text-clipped", v, "probe", ("cut off here",)),
    ]
