"""Every chart's title and subtitle sit in the band the layout planned for them, drawn by the Plotly the site ships:
the first line starts at the card's padding, and the subtitle's last line ends above the plot. (A title that wraps
to several lines is placed by Plotly from its first baseline, a one-line title from its top: a layout that assumed
otherwise pushed the narrow map's subtitle onto the map.)"""

from __future__ import annotations

import json

import pytest

from dashboard import figures, spec, theme
from dashboard.reader import meta_from, read_table
from dashboard.site import PLOTLY_JS, VENDOR

pytestmark = pytest.mark.browser

SIZES = [(w, None) for w in theme.SITE_WIDTHS.values()] + list(theme.FRAMES.values())

MEASURE = """async (f) => {
  const d = document.getElementById('c');
  await Plotly.newPlot(d, f.data, f.layout, {staticPlot: true});
  const box = (sel) => { const e = d.querySelector(sel); if (!e) return null;
                         const r = e.getBoundingClientRect(); return [r.top, r.bottom]; };
  return {title: box('.gtitle'), subtitle: box('.gtitle-subtitle')};
}"""


@pytest.fixture(scope="module")
def plotly_page(browser):
    page = browser.new_page()
    page.set_content("<div id='c'></div>")
    page.add_script_tag(content=(VENDOR / PLOTLY_JS).read_text(encoding="utf-8"))
    yield page
    page.close()


@pytest.mark.parametrize("chart_id", spec.chart_ids())
def test_title_and_subtitle_stay_above_the_plot(plotly_page, built_data, chart_id):
    meta = meta_from(built_data)
    placed = []
    for size in SIZES:
        fig = figures.build(chart_id, lambda name: read_table(built_data, name), meta, size=size)
        layout = fig.layout
        drawn = plotly_page.evaluate(MEASURE, json.loads(fig.to_json()))
        pad = layout.title.x * layout.width  # the card's padding: the title's left edge
        lines = layout.title.text.count("<br>") + 1
        placed.append(
            (
                size,
                lines,
                # written in px: the first line's top within 8 px of the padding, the subtitle's end above the plot
                pad - 2 <= drawn["title"][0] <= pad + 8,
                drawn["subtitle"][1] <= layout.margin.t,
            )
        )
    assert [p for p in placed if not (p[2] and p[3])] == []
    if max(p[1] for p in placed) == 1:  # a title short enough to stay on one line at every size
        assert len(fig.layout.title.text.split("<br>")[0]) <= 40, fig.layout.title.text
    else:  # a title that wraps at some size: both placements are checked
        assert max(p[1] for p in placed) >= 2
