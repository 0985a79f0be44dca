"""The embed code as a newsroom uses it: a host page on another origin pastes the code of every chart and is
opened at four widths. Each iframe takes its content's height (no scrollbar inside), the chart inside passes the
legibility checker once Plotly has drawn it, and messages the host page or a foreign iframe forge move nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import embed, spec, theme
from devtools import legibility
from devtools.browser import CHART_CLASS, CHART_SVG
from tests.browser.published import BASE_URL, HOST_PORT, published_site, serve

pytestmark = pytest.mark.browser
WIDTHS = (320, 390, 768, 1100)
FORGED = 77  # px: the height every forged message claims


@pytest.fixture(scope="module")
def host(tmp_path_factory, built_data) -> str:
    """host.html (every chart's embed code, from manifest.json) and foreign.html (an iframe of the host's own
    origin that forges a height message), served on another port than the site."""
    out = published_site(tmp_path_factory, built_data)
    charts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["charts"]
    folder = tmp_path_factory.mktemp("host")
    codes = "\n".join(f"<h2>{c}</h2>\n{charts[c]['embed']['code']}" for c in spec.chart_ids())
    (folder / "host.html").write_text(
        f"<!doctype html><html lang=en><meta charset=utf-8><title>A story</title>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<body><p>A story with charts.</p>\n{codes}\n"
        f"<iframe id=foreign src=foreign.html title=foreign height=40></iframe></body></html>",
        encoding="utf-8",
    )
    forged = [{"type": embed.MESSAGE, "chart": c, "height": FORGED} for c in spec.chart_ids()]
    (folder / "foreign.html").write_text(
        f"<!doctype html><meta charset=utf-8><script>window.forge = () => {json.dumps(forged)}"
        ".forEach(m => parent.postMessage(m, '*'));</script>",
        encoding="utf-8",
    )
    return serve(folder, HOST_PORT)


FIT_JS = """() => [...document.querySelectorAll('iframe[data-psp-embed]')].map(f => {
    return {chart: f.dataset.pspEmbed, height: f.getBoundingClientRect().height, width: f.clientWidth};
})"""
INNER_JS = """() => ({height: document.documentElement.getBoundingClientRect().height,
                     scroll: [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                              document.documentElement.scrollHeight - document.documentElement.clientHeight],
                     plotly: document.querySelectorAll('CHART_SVG').length,
                     picture: !!document.querySelector('.chart:not(.live) picture img')})""".replace(
    "CHART_SVG", CHART_SVG
)


INLINE_PICTURE_JS = """async () => {  // the picture's own SVG file, inline at the picture's place and size
    const img = document.querySelector('.chart:not(.live) picture img'), r = img.getBoundingClientRect();
    const div = document.createElement('div');
    div.id = 'probe-picture';
    div.className = 'CHART_CLASS';  // measured by the legibility probe as a chart
    div.style.cssText = `position:absolute;left:${r.left + scrollX}px;top:${r.top + scrollY}px`;
    div.innerHTML = await (await fetch(img.currentSrc)).text();
    const svg = div.querySelector('svg');
    svg.setAttribute('width', r.width);
    svg.setAttribute('height', r.height);
    document.body.appendChild(div);
}""".replace("CHART_CLASS", CHART_CLASS)


def frames(page) -> dict[str, object]:
    """Chart id -> the Playwright frame of its iframe."""
    out = {}
    for handle in page.query_selector_all("iframe[data-psp-embed]"):
        out[handle.get_attribute("data-psp-embed")] = handle.content_frame()
    return out


def wait_fitted(page, timeout_s: float = 15.0) -> dict[str, tuple[float, dict]]:
    """Until every iframe's height is its content's (within 4 px); chart -> (iframe height, inner probe)."""
    deadline = page.evaluate("Date.now()") + timeout_s * 1000
    while True:
        outer = {f["chart"]: f["height"] for f in page.evaluate(FIT_JS)}
        inner = {c: fr.evaluate(INNER_JS) for c, fr in frames(page).items()}
        fitted = {c: (outer[c], inner[c]) for c in outer}
        if all(abs(h - i["height"]) <= 4 for h, i in fitted.values()) or page.evaluate("Date.now()") > deadline:
            return fitted
        page.wait_for_timeout(250)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_embed_sizes_itself_and_reads_well(host, browser, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host + "host.html")
        page.wait_for_load_state("load")
        for handle in page.query_selector_all("iframe[data-psp-embed]"):
            handle.scroll_into_view_if_needed()  # the iframes load lazily, as on a real story page
        fitted = wait_fitted(page)
        assert set(fitted) == set(spec.chart_ids())
        heights = set()
        for chart, (outer, inner) in fitted.items():
            assert abs(outer - inner["height"]) <= 4, f"{chart} at {width}px: iframe {outer}, content {inner}"
            assert inner["scroll"][0] <= 0 and inner["scroll"][1] <= 1, f"{chart} scrolls inside: {inner}"
            assert inner["picture"] and inner["plotly"] == 0  # painted as a picture; no Plotly before a touch
            heights.add(round(outer))
        assert len(heights) == len(fitted)  # several embeds on one page: each took its own height

        for chart, frame in frames(page).items():  # the picture, as painted: its SVG probed at the size shown
            frame.evaluate(INLINE_PICTURE_JS)
            probe = frame.evaluate(legibility.PROBE_JS)
            frame.evaluate("() => document.getElementById('probe-picture').remove()")
            assert len(probe["charts"]) == 1
            defects = legibility.check(f"embed-picture:{chart}@{width}", probe)
            assert defects == [], "\n".join(map(str, defects))

        interactive = width >= min(theme.SITE_WIDTHS.values())  # narrower, the picture stays (scaled)
        for frame in frames(page).values():  # a reader hovers each chart: Plotly draws it in place
            frame.locator(".chart").dispatch_event("pointerover")
            if interactive:
                frame.wait_for_function(  # polled: a cross-origin iframe out of view gets no animation frames
                    f"() => document.querySelector('.chart.live {CHART_SVG}')", polling=250
                )
        fitted_after = wait_fitted(page)
        for chart, frame in frames(page).items():
            assert abs(fitted_after[chart][0] - fitted[chart][0]) <= 1, f"{chart}: the interactive chart shifted"
            if not interactive:
                assert fitted_after[chart][1]["picture"] and fitted_after[chart][1]["plotly"] == 0
                continue
            probe, _ = legibility.settle(frame, 3.0)
            assert len(probe["charts"]) == 1
            defects = legibility.check(f"embed:{chart}@{width}", probe)
            assert defects == [], "\n".join(map(str, defects))

        forge = {"type": embed.MESSAGE, "chart": "map", "height": FORGED}
        page.evaluate("m => window.postMessage(m, '*')", forge)  # the host page's own scripts
        page.frame_locator("#foreign").locator("html").evaluate("() => window.forge()")
        page.wait_for_timeout(500)
        forged = {f["chart"]: f["height"] for f in page.evaluate(FIT_JS)}
        assert all(round(h) != FORGED for h in forged.values()), forged
        assert forged == {c: fitted_after[c][0] for c in forged}  # nothing moved
        assert page.evaluate("() => window.__pspEmbed") == 1
        assert errors == []
    finally:
        ctx.close()


def test_the_host_script_is_small_and_the_fallback_heights_are_listed(tmp_path_factory, built_data):
    out = published_site(tmp_path_factory, built_data)
    charts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["charts"]
    for chart in spec.chart_ids():
        code = charts[chart]["embed"]["code"]
        script = code.split("<script>")[1].split("</script>")[0]
        assert len(script.encode()) <= 2048
        assert f'src="{BASE_URL}embed/{chart}.html"' in code and f'data-psp-embed="{chart}"' in code
        assert (out / charts[chart]["embed"]["page"]).is_file()
        fallback = charts[chart]["embed"]["fallback_heights"]
        assert [(f["class"], f["min_width"]) for f in fallback] == [("narrow", 0), ("medium", 700), ("wide", 1100)]
        assert all(isinstance(f["height"], int) and 200 <= f["height"] <= 2400 for f in fallback)
        assert Path(out / charts[chart]["preview"]["image"]).is_file()


def test_the_share_box_holds_the_code_and_a_tap_shows_the_sourced_hover(tmp_path_factory, built_data, browser):
    """The map page on a phone: the Share and embed box holds the manifest's code and copies it; a tap on the
    chart draws it with Plotly, and a tap on a city then shows its hover, which names its source."""
    out = published_site(tmp_path_factory, built_data)
    charts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["charts"]
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(BASE_URL + "map.html")
        page.wait_for_load_state("load")
        page.locator("details.share summary").click()
        assert page.locator("details.share textarea").input_value() == charts["map"]["embed"]["code"]
        page.locator("details.share button.copy").click()
        page.wait_for_function("() => document.querySelector('button.copy').textContent === 'Copied'")
        page.locator(".chart").first.tap()
        page.wait_for_function(f"() => document.querySelector('.chart.live {CHART_SVG}')")
        point = page.locator(".chart.live .scatterlayer .points path.point").last
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("() => document.querySelector('.hoverlayer .hovertext')", timeout=10_000)
        hover = page.locator(".hoverlayer .hovertext").text_content()
        assert "Houston, TX" in hover and "Source: Bureau of Justice Assistance (bja.gov)" in hover  # its publisher
    finally:
        ctx.close()
