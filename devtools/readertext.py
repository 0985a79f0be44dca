"""What readers read, and the machinery in it: the visible text of every page of the app (``AppTest``) and of the
static site, with the figure strings (titles, subtitles, credits, hovers, annotations, legend entries, axis labels,
alt texts) and the names of the files a reader downloads; then each piece of our own machinery found in it.

Machinery is: a Python repr, a span, sentence or article id, a slug or any other id of the data, a snake_case
token, True/False/nan/None as a value, a build command, an as-of date without "(inferred)" (when the article does
not print its date) or a date the project infers ("not before 1 Sep 2017") without it, and a tally written with a
hyphen outside the article's own quoted words, a hex stamp (the data package's hash, which stays in the package for
machines), and "the reference" as a noun a reader sees.

Plain words (:func:`first_uses`): each acronym or legal term of the glossary (``[glossary]`` of ``words.toml``) is
spelled out where a page, or a chart that stands alone (its title block, legend, labels and hovers), first uses it,
outside the article's own words.

Each finding says where it was seen and where its words come from: ``etl`` when the words around it are a prose
cell the ETL wrote (a data-quality message, an event's title or note, a resolution), ``dashboard`` otherwise.
``tests/test_reader_text.py`` holds both to zero.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

# ---- what a reader meets ----------------------------------------------------------------------------------------

TEXT, HOVER, FIGURE, ALT, FILE = "text", "hover", "figure", "alt", "file"  # how a string reaches a reader


@dataclass(frozen=True)
class Shown:
    where: str  # "app:map", "site:map.html", "site:charts/map-narrow-….js"
    how: str  # TEXT, HOVER, FIGURE (title, credit, annotation, legend, axis), ALT, FILE (a download's name)
    text: str
    unit: str = ""  # what is read as one: "" the page, "head" its title and link preview, "chart N" a chart


_BR = re.compile(r"<br\s*/?>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Plotly's pseudo-HTML or a markdown line as a reader sees it: tags and markdown escapes off, one space."""
    text = _TAGS.sub("", _BR.sub(" ", str(text)))
    text = re.sub(r"^:small\[(.*)\]$", r"\1", text.strip(), flags=re.S)  # small text
    text = re.sub(r"\[((?:\\.|[^\]])*)\]\([^)]*\)", r"\1", text)  # a markdown link reads as its label
    text = re.sub(r"\\(.)", r"\1", text)  # markdown escapes
    return " ".join(html.unescape(text).split())


def figure_strings(fig: dict, where: str, unit: str = "chart") -> list[Shown]:
    """A Plotly figure's reader-facing strings: title, subtitle, annotations, legend entries, axis titles and tick
    labels, trace text and hover text (the hover template's fixed words too), in that order: a chart stands alone."""
    layout = fig.get("layout", {})
    out: list[Shown] = []

    def add(how: str, value) -> None:
        if isinstance(value, str) and value.strip():
            out.append(Shown(where, how, plain(value), unit))
        elif isinstance(value, list):
            for v in value:
                add(how, v)

    title = layout.get("title", {})
    add(FIGURE, title.get("text"))
    add(FIGURE, title.get("subtitle", {}).get("text"))
    for a in layout.get("annotations", []):
        add(FIGURE, a.get("text"))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            add(FIGURE, axis.get("title", {}).get("text") if isinstance(axis.get("title"), dict) else None)
            add(FIGURE, axis.get("ticktext"))
    for trace in fig.get("data", []):
        if trace.get("showlegend") is not False:
            add(FIGURE, trace.get("name"))
        if trace.get("mode", "").find("text") >= 0 or trace.get("type") == "bar":
            add(FIGURE, trace.get("text") if isinstance(trace.get("text"), list | str) else None)
        add(HOVER, trace.get("hovertext"))
        template = trace.get("hovertemplate")
        if isinstance(template, str):
            add(HOVER, re.sub(r"%\{[^}]*\}|<extra>.*?</extra>", " ", template))
    return out


class _Page(HTMLParser):
    """An HTML page or fragment as a reader meets it: its text (not scripts or styles), the attributes read out or
    shown on hover (alt, aria-label, title, placeholder, a description), and the names of the files its download
    links save."""

    HIDDEN = frozenset({"script", "style", "template"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found: list[Shown] = []
        self.stack: list[str] = []
        self.buffer: list[str] = []

    @property
    def unit(self) -> str:
        return "head" if "head" in self.stack else ""

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.found.append(Shown(self.where, TEXT, text, self.unit))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for a in ("alt", "aria-label", "title", "placeholder", "data-done"):
            if attrs.get(a):
                self.found.append(Shown(self.where, ALT if a != "title" else HOVER, attrs[a], self.unit))
        if (
            tag == "meta"
            and attrs.get("content")
            and (attrs.get("name") or attrs.get("property") or "").endswith(("description", "title", "alt"))
        ):
            self.found.append(Shown(self.where, ALT, attrs["content"], "head"))
        if tag == "a" and "download" in attrs:
            self.found.append(Shown(self.where, FILE, attrs["download"] or attrs.get("href", "").rsplit("/", 1)[-1]))
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "section", "button", "summary", "label"):
            self.flush()
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "section", "button", "summary", "label"):
            self.flush()
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, text):
        if not any(t in self.HIDDEN for t in self.stack) and "textarea" not in self.stack:  # textarea: embed code
            self.buffer.append(text)

    def close(self):
        super().close()
        self.flush()


def html_strings(markup: str, where: str) -> list[Shown]:
    page = _Page(where)
    page.feed(markup)
    page.close()
    return page.found


def site_strings(root: Path) -> list[Shown]:
    """Every page and embed page of a static site written by ``dashboard.site.write``, and every interactive chart
    variant it loads (``charts/*.js``)."""
    found: list[Shown] = []
    for page in sorted([*root.glob("*.html"), *root.glob("embed/*.html")]):
        found += html_strings(page.read_text(encoding="utf-8"), f"site:{page.relative_to(root).as_posix()}")
    for variant in sorted(root.glob("charts/*.js")):
        text = variant.read_text(encoding="utf-8")
        fig = json.loads(text[text.index(",") + 1 : text.rindex(")")])
        found += figure_strings(fig, f"site:{variant.relative_to(root).as_posix()}")
        found += _config_strings(fig.get("config", {}), f"site:{variant.name}")
    return found


def _config_strings(config: dict, where: str) -> list[Shown]:
    name = config.get("toImageButtonOptions", {}).get("filename")
    return [Shown(where, FILE, name)] if name else []


def _elements(node) -> list:
    found = []
    for child in getattr(node, "children", {}).values():
        found += [child, *_elements(child)]
    return found


def app_strings(at, where: str, downloads: Iterable[str] = ()) -> list[Shown]:
    """Every string an ``AppTest`` page shows: text elements (markdown as a reader sees it, HTML in it parsed),
    metrics with their help, labels and options of every widget, every chart's figure strings, alt text and the
    name of its PNG; ``downloads``: the names of the files its download buttons save (recorded as they are made)."""
    found: list[Shown] = []
    for n, e in enumerate(_elements(at.main) + _elements(at.sidebar)):
        kind = getattr(e, "type", "")
        if kind == "plotly_chart":
            found += figure_strings(json.loads(e.proto.spec), where, f"chart {n}")
            found += _config_strings(json.loads(e.proto.config or "{}"), where)
            if e.proto.alt:
                found.append(Shown(where, ALT, e.proto.alt))
            continue
        if kind == "metric":
            found += [Shown(where, TEXT, plain(e.label)), Shown(where, TEXT, str(e.value))]
            found += [Shown(where, HOVER, plain(e.proto.help))] if e.proto.help else []
            continue
        if kind in ("markdown", "caption", "title", "header", "subheader", "alert", "text"):
            value = str(e.value)
            if "<" in value and re.search(r"<(table|div|p|span|mark|a)\b", value):
                found += [Shown(s.where, s.how, plain(s.text)) for s in html_strings(value, where)]
            else:
                found.append(Shown(where, TEXT, plain(value)))
            continue
        for attr in ("label", "placeholder", "help"):
            value = getattr(e, attr, None) if attr != "help" else getattr(getattr(e, "proto", None), "help", None)
            if isinstance(value, str) and value:
                found.append(Shown(where, TEXT if attr != "help" else HOVER, plain(value)))
        if kind == "selectbox":
            found += [Shown(where, TEXT, plain(o)) for o in e.options]
        elif kind == "button_group":
            found += [Shown(where, TEXT, plain(o.content)) for o in e.proto.options]
        elif kind == "download_button":  # its label is above; the name it saves under comes with ``downloads``
            pass
    found += [Shown(where, FILE, name) for name in downloads]
    return [s for s in found if s.text]


# ---- what machinery looks like ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    rule: str
    token: str
    shown: Shown
    origin: str  # "dashboard", or "etl: <table>.<column> of <row>" when the words come from the ETL's prose

    def __str__(self) -> str:
        return f"{self.rule}: {self.token!r} in {self.shown.where} ({self.shown.how}): {self.shown.text[:160]!r}"


# The ETL's prose columns: text the ETL (or a reference file) writes in readers' words, shown as written.
ETL_PROSE = {
    "data_quality": ("message", "resolution"),
    "events": ("title", "note", "resolution"),
    "figures": ("method",),
    "votes": ("note", "question", "result"),
    "articles": ("as_of_method",),
    "cities": ("population_source",),
    "sources": ("site", "copy_of"),
    "state_shapes": ("source_note",),
}
ID_COLUMNS = (  # columns that hold an id of the data (a slug, a key)
    "article_id",
    "entity_id",
    "event_id",
    "vote_id",
    "city_id",
    "check_id",
    "claim_id",
    "mention_id",
    "figure_id",
    "quote_id",
    "ref_id",
    "outcome_event_id",
    "nominee",
    "speaker_entity_id",
    "group",
)

URL = re.compile(r"\b(?:https?|file)://\S+")
SPAN_ID = re.compile(r"\barticle:[^\s#]+#s\d+")
SENTENCE_ID = re.compile(r"(?<![\w/#.-])s\d{3}\b")
ARTICLE_ID_SHAPE = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")
SNAKE = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")
SNAKE_IN_NAME = re.compile(r"[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")  # in a file's name, between any other marks
REPR = re.compile(
    r"<(?:built-in|bound) method\b|\bobject at 0x[0-9a-f]+|<function \w|\bTimestamp\(|\bnp\.\w+\(|\bdtype: \w+"
    r"|\{'\w+': |^\[['\"]|\bNAType\b|<NA>"
)
VALUE = re.compile(r"(?<![\w'’-])(True|False|nan|NaN|NaT|None)(?![\w'’-])")
BUILD = re.compile(
    r"\bmake (?:etl|run|test|export|check|bench)\b|\bpython3? -m \w|\.venv/|\bpip install\b|streamlit run"
)
TALLY = re.compile(r"(?<![\w.–-])\d{1,3}-\d{1,3}(?![\w–-])")
# A date this project infers from the article's words ("after the August recess": not before 1 Sep 2017), shown
# without its label.
NOT_BEFORE = re.compile(
    r"\bnot before ((?:\w{3,9},? )?\d{1,2} \w{3,9}\.? \d{4}|\d{4}-\d\d-\d\d)(?!\s*\(inferred|,? inferred)"
)
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"")
# A hash shown as it is (the data stamp "62c678a5"): hex digits, both figures and letters, standing alone.
HEX = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,12}(?![0-9A-Za-z…])")
# Our reference files named as a thing a reader knows ("participants in the reference", "Context event (reference)").
THE_REFERENCE = re.compile(r"(?:\bthe reference(?:'s)?\b|\(reference\)|\bReference:)(?! work)", re.I)


@dataclass
class Internals:
    """What the data calls things: its ids, the articles' as-of dates that are inferred, and the ETL's prose."""

    ids: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)
    inferred_dates: list[str] = field(default_factory=list)  # regex alternatives for each inferred as-of date
    titles: list[str] = field(default_factory=list)  # the articles' headlines
    texts: list[str] = field(default_factory=list)  # the articles themselves, one space each: their own words
    prose: dict[str, list[str]] = field(default_factory=dict)  # "<table>.<column>" -> its cells, one space each

    @classmethod
    def of(cls, load: Callable[[str], pd.DataFrame]) -> Internals:
        from contract.tables import TABLES

        found = cls()
        for name in TABLES:
            frame = load(name)
            for col in ID_COLUMNS:
                if col in frame:
                    found.ids |= {v for v in frame[col].dropna().astype(str) if re.search(r"[-_\d]", v)}
            for col in ETL_PROSE.get(name, ()):
                found.prose[f"{name}.{col}"] = [" ".join(str(v).split()) for v in frame[col].dropna()]
        articles = load("articles")
        found.article_ids = set(articles["article_id"])
        found.titles = list(articles["title"])
        found.texts = [" ".join(str(t).split()) for t in articles["text"]]
        for a in articles[articles["as_of_inferred"]].itertuples():
            found.inferred_dates += _date_forms(a.as_of)
        return found


def _date_forms(iso: str) -> list[str]:
    d = pd.Timestamp(iso)
    day, mon, month, wd, weekday = d.day, d.strftime("%b"), d.strftime("%B"), d.strftime("%a"), d.strftime("%A")
    return [
        re.escape(iso),
        rf"(?:{weekday},? |{wd},? )?{day} (?:{month}|{mon}\.?),? {d.year}",
        rf"(?:{weekday},? |{wd},? )?(?:{month}|{mon}\.?) {day},? {d.year}",
    ]


def _as_of_unlabelled(text: str, inside: Internals, filename: bool) -> list[str]:
    """Each inferred as-of date in ``text`` shown as the as-of date without its label: after "as of" / "as-of", or
    before an article's headline (a mention: "3 Aug 2017 · <headline>")."""
    if not inside.inferred_dates:
        return []
    date = "(?:" + "|".join(inside.inferred_dates) + ")"
    label = r"(?:\s*\(inferred|,? inferred|[-_ ]inferred)"
    found = []
    for m in re.finditer(rf"(?i:as[- _]of)\b[^.;\n]{{0,40}}?({date})", text):
        if not re.match(label, text[m.end() :], re.I):
            found.append(m.group(1))
    for title in inside.titles:
        for m in re.finditer(rf"({date})\s*[·:—-]\s*{re.escape(title[:30])}", text):
            found.append(m.group(1))
    if filename:
        for m in re.finditer(date, text):
            if not re.match(label, text[m.end() :], re.I):
                found.append(m.group(0))
    return list(dict.fromkeys(found))


def _tokens(text: str, inside: Internals, how: str) -> list[tuple[str, str]]:
    """(rule, token) for each piece of machinery in one string."""
    bare = URL.sub(" ", text)  # a web address is shown as it is (the Sources page lists them)
    found: list[tuple[str, str]] = []
    found += [("python repr", m.group(0)) for m in REPR.finditer(bare)]
    found += [("span id", m.group(0)) for m in SPAN_ID.finditer(bare)]
    bare = SPAN_ID.sub(" ", bare)
    found += [("sentence id", m.group(0)) for m in SENTENCE_ID.finditer(bare)]
    articles = {m.group(0) for m in ARTICLE_ID_SHAPE.finditer(bare)}
    articles |= {a for a in inside.article_ids if re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", bare)}
    found += [("article id", a) for a in sorted(articles)]
    for a in articles:
        bare = bare.replace(a, " ")
    slugs = {i for i in inside.ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", bare)}
    found += [("id or slug", s) for s in sorted(slugs)]
    for s in slugs:
        bare = bare.replace(s, " ")
    found += [("snake_case", m.group(0)) for m in (SNAKE_IN_NAME if how == FILE else SNAKE).finditer(bare)]
    if how != FILE:
        for m in VALUE.finditer(bare):
            if m.group(1) == "None" and re.match(r"\s+of\b", bare[m.end() :]):
                continue  # "None of them": English
            found.append(("True/False/nan/None", m.group(1)))
        found += [("build command", m.group(0)) for m in BUILD.finditer(bare)]
        found += [("tally with a hyphen", m.group(0)) for m in TALLY.finditer(QUOTED.sub(" ", bare))]
    found += [("hex stamp", m.group(0)) for m in HEX.finditer(bare)]
    if how != FILE:
        found += [("the reference, as a noun", m.group(0)) for m in THE_REFERENCE.finditer(bare)]
    found += [("as-of date without (inferred)", d) for d in _as_of_unlabelled(text, inside, how == FILE)]
    found += [("inferred date without (inferred)", m.group(1)) for m in NOT_BEFORE.finditer(text)]
    return found


def _origin(shown: Shown, token: str, inside: Internals) -> str:
    """Where the words around ``token`` come from: ``article`` when they are the article's own (its text, shown
    as written), ``etl: <table>.<column>`` when they are one of the ETL's prose cells, else ``dashboard``."""
    text = " ".join(shown.text.split())
    at = text.find(token)
    window = (text[max(0, at - 12) : at + len(token) + 12] if at >= 0 else token).strip()
    context = len(window) > len(token) + 4  # a cell that is the token alone is the dashboard's own choice to show
    if context and any(window in article for article in inside.texts):
        return "article"
    for column, cells in inside.prose.items():
        for cell in cells:
            if token in cell and ((context and window in cell) or cell in text):
                return f"etl: {column}"
    return "dashboard"


def findings(shown: Iterable[Shown], inside: Internals) -> list[Finding]:
    out = []
    seen = set()
    for s in shown:
        for rule, token in _tokens(s.text, inside, s.how):
            key = (rule, token, s.text)
            if key in seen:
                continue
            seen.add(key)
            origin = _origin(s, token, inside)
            if origin != "article":  # the article's own words, shown as written, are no machinery of ours
                out.append(Finding(rule, token, s, origin))
    return out


# ---- plain words: each term spelled out at its first use ---------------------------------------------------------

QUOTE = re.compile(r"“([^”]*)”")


def _article_words(text: str, at: int, inside: Internals) -> bool:
    """Whether the words at ``at`` are an article's own, shown as written: the whole string is a passage of an
    article, or they sit inside quotation marks around an article's words."""
    if any(text in article for article in inside.texts):
        return True
    return any(q.start() < at < q.end() and any(q.group(1) in a for a in inside.texts) for q in QUOTE.finditer(text))


def _uses(text: str, pattern: re.Pattern, inside: Internals) -> list[re.Match]:
    bare = URL.sub(lambda m: " " * len(m.group(0)), text)  # an address is shown as it is
    return [m for m in pattern.finditer(bare) if not _article_words(text, m.start(), inside)]


def first_uses(shown: Iterable[Shown], inside: Internals) -> list[Finding]:
    """Each glossary term whose first use on a page, or in a chart, is not spelled out right there
    (``ICE (U.S. Immigration and Customs Enforcement)``). Strings are read in order; the article's own words, shown
    as written, neither count as a use nor need it."""
    from dashboard.gloss import terms

    seen: dict[tuple[str, str], set[str]] = {}
    out = []
    for s in shown:
        done = seen.setdefault((s.where, s.unit), set())
        for term in terms():
            if term.key in done:
                continue
            uses = _uses(s.text, term.pattern, inside)
            if not uses:
                continue
            done.add(term.key)
            m = uses[0]
            if not s.text[m.end() :].startswith(term.first(m.group(0))[len(m.group(0)) :]):
                out.append(Finding("not spelled out at first use", m.group(0), s, "dashboard"))
    return out
