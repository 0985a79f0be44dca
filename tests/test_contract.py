"""Contract tests: the README documents every table and column; the data folder holds exactly the declared
tables with the declared schema; pages stay thin and imports point one way; the page spec is the one
definition of what each page shows (adding a chart is a builder, a registry line and a spec line)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from contract.paths import ROOT
from contract.tables import SCHEMA_VERSION, TABLES
from etl.docs import dictionary


def test_readme_carries_the_generated_data_dictionary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert dictionary() in readme, "README's data dictionary is stale: regenerate it with python -m etl.docs"
    for name, spec in TABLES.items():
        assert f"#### `{name}`" in readme
        for col in spec.columns:
            assert f"| `{col}` |" in readme


def test_data_folder_matches_the_schema():
    data = ROOT / "data"
    assert {p.stem for p in data.glob("*.parquet")} == set(TABLES)
    for name, spec in TABLES.items():
        schema = pq.read_schema(data / f"{name}.parquet")
        assert schema.names == spec.columns
        assert schema.metadata[b"schema_version"].decode() == SCHEMA_VERSION
    desc = json.loads((data / "datapackage.json").read_text())
    assert [r["name"] for r in desc["resources"]] == list(TABLES)


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
            submodules = [n for n in names if _is_module(n)]  # `from dashboard import data`: a module
            yield from submodules
            if len(submodules) < len(names):  # a name defined in the package itself
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


# The dashboard's layers, lowest first: a module may import only from layers below its own.
LAYERS = [
    {"dashboard.words", "dashboard.theme", "dashboard.widths"},
    {"dashboard.fmt", "dashboard.params", "dashboard.gloss"},
    {"dashboard.meta", "dashboard.figures.labels", "dashboard.md"},
    {"dashboard.reader"},
    {"dashboard.data", "dashboard.tables", "dashboard.figures.framing", "dashboard.markup"},
    {"dashboard.figures.map", "dashboard.figures.vote", "dashboard.figures.timeline", "dashboard.story"},
    {"dashboard.reports"},
    {"dashboard.figures.reported"},
    {"dashboard.figures", "dashboard.spec"},
    {"dashboard.shown"},
    {"dashboard.blocks", "dashboard.embed", "dashboard.figcache"},
    {"dashboard.ui", "dashboard.site", "dashboard.boot"},
    {"dashboard.card", "dashboard.export", "dashboard.streamlit_page", "dashboard.serving"},
    {"pages", "app", "serve"},
]


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "pages":
        return "pages"
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


ENTRY_POINTS = (ROOT / "app.py", ROOT / "serve.py")


def test_dashboard_imports_point_down():
    rank = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    paths = [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py"), *ENTRY_POINTS]
    for path in paths:
        me = _module(path)
        if me == "dashboard":
            continue
        assert me in rank, f"{me} is in no layer: add it to LAYERS"
        for module in set(_imports(path)):
            if module in rank and module != me:
                assert rank[module] < rank[me], f"{me} imports {module}, which is not below it"


def _top(module: str) -> str:
    return module.split(".")[0]


def test_one_direction_of_flow():
    """The two halves meet only at data/: the dashboard imports the contract, never the ETL; the ETL imports the
    contract, never Streamlit or the dashboard; the contract imports neither."""
    for path in [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py"), *ENTRY_POINTS]:
        assert "etl" not in {_top(m) for m in _imports(path)}, path
    for path in (ROOT / "etl").rglob("*.py"):
        assert not {_top(m) for m in _imports(path)} & {"streamlit", "dashboard"}, path
    for path in (ROOT / "contract").rglob("*.py"):
        assert not {_top(m) for m in _imports(path)} & {"streamlit", "dashboard", "etl", "pandas"}, path


def test_one_direction_of_flow_fails_on_a_dashboard_import_of_the_etl(tmp_path):
    """The rule above is not vacuous: a dashboard module that imports etl.schema breaks it."""
    bad = tmp_path / "bad.py"
    bad.write_text("from etl.schema import TABLES\n", encoding="utf-8")
    assert "etl" in {_top(m) for m in _imports(bad)}


def test_pages_are_thin():
    for path in (ROOT / "pages").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 100, path


def test_event_categories_are_declared_once():
    from contract.tables import EVENT_CATEGORIES
    from dashboard import theme
    from dashboard.words import section

    assert tuple(section("lanes")) == EVENT_CATEGORIES
    assert tuple(theme.CATEGORY_COLOUR) == EVENT_CATEGORIES


def test_nothing_cites_a_path_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    generated = readme[readme.index("<!-- data-dictionary:begin") : readme.index("<!-- data-dictionary:end")]
    texts = {"README.md (outside the generated dictionary)": readme.replace(generated, "")}
    for path in [*(ROOT / "dashboard").rglob("*.*"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        if path.suffix in (".py", ".toml", ".html", ".md"):
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for name, text in texts.items():
        assert "FACTS.md" not in text and "shared/" not in text, name


def test_spec_counts_match_the_pages():
    from dashboard import spec

    assert [p.slug for p in spec.PAGES] == [
        "overview",
        "map",
        "senate-vote",
        "timeline",
        "article",
        "reports",
        "sources",
    ]
    assert {p.slug: spec.chart_count(p.slug) for p in spec.PAGES} == {
        "overview": 1,
        "map": 1,
        "senate-vote": 3,
        "timeline": 1,
        "article": 0,
        "reports": 1,
        "sources": 0,
    }
    assert spec.chart_ids() == ["map", "senate-seats", "senate-tally", "senate-states", "timeline", "reports"]
    assert all((ROOT / p.file).is_file() for p in spec.PAGES)


def renderers() -> dict:
    """Each renderer's drawer, dispatching on the content's type (an embed renderer registers here too)."""
    from dashboard import site, streamlit_page

    return {"app": streamlit_page.show, "site": site.template_blocks}


def content_types(kind: str) -> set[type]:
    """The types a block kind's content function may return (its return annotation; None left out)."""
    import types
    import typing

    from dashboard import blocks

    returned = typing.get_type_hints(blocks.CONTENT[kind])["return"]
    found = set(typing.get_args(returned)) if isinstance(returned, types.UnionType) else {returned}
    return found - {type(None)}


def missing_drawers() -> list[str]:
    """(kind, renderer) pairs of the spec whose content function is missing, or whose content has no drawer."""
    from dashboard import blocks, spec

    drawers = renderers()
    used = {(b.kind, r) for p in spec.PAGES for b in [*p.blocks, *spec.walk(p.blocks)] for r in b.on}
    assert used and set(drawers) >= {r for _, r in used}
    missing = []
    for kind, renderer in sorted(used):
        if kind == "slot":  # the page file's own widget
            continue
        if kind not in blocks.CONTENT:
            missing.append(f"block kind {kind!r} has no content function in dashboard.blocks")
            continue
        for typ in sorted(content_types(kind), key=lambda t: t.__name__):
            if drawers[renderer].dispatch(typ) is drawers[renderer].dispatch(object):
                missing.append(f"the {renderer} renderer has no drawer for {typ.__name__} (block kind {kind!r})")
    return list(dict.fromkeys(missing))


def test_every_block_kind_in_the_spec_has_content_and_a_drawer_in_every_renderer():
    assert missing_drawers() == []


def test_a_new_content_type_without_a_drawer_is_caught(monkeypatch):
    """A kind added with content of a new type, and no drawer for it, fails the check above; so does a kind with no
    content function."""
    import dataclasses

    from dashboard import blocks, spec

    @dataclasses.dataclass(frozen=True)
    class Gauge:
        value: int

    def gauge(b, ctx) -> Gauge:
        return Gauge(1)

    gauge.__annotations__["return"] = Gauge
    monkeypatch.setitem(blocks.CONTENT, "gauge", gauge)
    pages = tuple(
        dataclasses.replace(p, blocks=(*p.blocks, spec.block("gauge"), spec.block("dial"))) if p.default else p
        for p in spec.PAGES
    )
    monkeypatch.setattr(spec, "PAGES", pages)
    assert missing_drawers() == [
        "block kind 'dial' has no content function in dashboard.blocks",
        "the app renderer has no drawer for Gauge (block kind 'gauge')",
        "the site renderer has no drawer for Gauge (block kind 'gauge')",
    ]


@pytest.fixture
def dummy_chart(monkeypatch):
    """A chart added the way the README says: a builder, a registry line, a spec line (and its words)."""
    import dataclasses

    import plotly.graph_objects as go

    from dashboard import figures, spec, words
    from dashboard.figures.framing import frame

    def build(load, meta, size, **_):
        n = len(load("cities"))
        fig = go.Figure(go.Bar(x=["cities"], y=[n], name="dummy"))
        return frame(
            fig,
            title=f"{n} cities",
            subtitle="a test chart",
            source="the tables",
            meta=meta,
            size=size,
            chart_id="dummy",
        )

    monkeypatch.setitem(figures.CHARTS, "dummy", figures.Chart("dummy", build))
    pages = tuple(
        dataclasses.replace(p, blocks=(*p.blocks, spec.chart("dummy"))) if p.slug == "timeline" else p
        for p in spec.PAGES
    )
    monkeypatch.setattr(spec, "PAGES", pages)
    monkeypatch.setitem(words.all_words()["charts"], "dummy", {"alt": "A bar of the number of cities."})
    monkeypatch.setitem(words.all_words()["site"]["chart-names"], "dummy", "Cities")  # its embed page's title
    return "dummy"


def test_a_chart_added_to_the_spec_appears_everywhere(dummy_chart, tmp_path, built_data, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard import export, spec

    assert spec.chart_count("timeline") == 2 and "dummy" in spec.chart_ids()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(built_data))

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(spec.page("timeline").file).run()
    assert not at.exception
    shown = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert [s["layout"]["meta"]["chart_id"] for s in shown] == ["timeline", "dummy"]
    assert shown[1]["layout"]["title"]["text"] == "<b>16 cities</b>"

    formats = ["--format", "html"]
    if Path("/usr/bin/chromium").exists():  # kaleido draws images with the system Chromium
        formats += ["--format", "svg", "--frame", "social", "--only", "dummy"]
    assert export.main(["--out", str(tmp_path), *formats]) == 0
    html = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    assert html.count('data-chart="dummy"') == 1 and "A bar of the number of cities." in html
    files = {f["path"] for f in json.loads((tmp_path / "manifest.json").read_text())["files"]}
    assert "site/timeline.html" in files
    if "svg" in formats:
        assert "images/dummy_social.svg" in files


def test_the_static_site_renders_every_page_with_two_articles(tmp_path):
    """The static copy has no picker: the overview tells every report's story, with a line for the newest, and the
    article page holds them all."""
    from dashboard import embed, site, spec
    from dashboard.reader import meta_from, read_table
    from devtools import articles

    folder = articles.build(tmp_path)
    figs = embed.Figures(lambda name: read_table(folder, name), meta_from(folder))
    out = {p.slug: embed.Output() for p in spec.PAGES}
    html = {p.slug: site.render(p, figs, out[p.slug]) for p in spec.PAGES}
    assert (
        "<h1>4 cities not considered for the partnership until they agree to step up assistance to ICE (U.S. "
        "Immigration and Customs Enforcement); 12 take part; Marvin Kaplan confirmed 50–48</h1>" in html["overview"]
    )
    assert "the 2 reports in the data (2 stories) agree on it" in html["overview"]
    assert ">Latest: publisher unknown, 26 Sep 2017 (inferred)</a>" in html["overview"]
    article = html["article"]
    newest, seed = (
        article.index("26 Sep 2017 (inferred) · Senate Seats"),
        article.index("3 Aug 2017 (inferred) · As Part"),
    )
    assert newest < seed
    timeline_charts = " ".join(out["timeline"].files.values())  # the chart variants the page loads
    assert "Mentions in the articles (2), newest first:" in timeline_charts


def test_browser_selectors_are_named_in_one_module():
    """Streamlit's test ids and Plotly's classes are not a public API: the code that looks for them (tests,
    devtools, benchmarks) names them once, in devtools/browser.py, and the dashboard never styles or finds them."""
    import re

    selector = re.compile(r"data-testid|js-plotly-plot|main-svg")
    here = Path(__file__)
    allowed = {ROOT / "devtools" / "browser.py", here, here.with_name("test_words_contract.py")}  # the rule, examples
    files = [p for d in ("dashboard", "pages", "devtools", "benchmarks", "tests") for p in (ROOT / d).rglob("*.py")]
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in [*files, ROOT / "app.py"]
        if p not in allowed
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if selector.search(line)
    ]
    assert found == []
