"""Every word a reader sees comes from ``dashboard/words.toml``: no English is built in Python or typed into a
template. The scan reads the code as text (ast for Python, the template source for Jinja) and reports each
literal that reads like English; technical strings (keys, CSS, formats, ids) do not. A short allow-list names the
few literals that look like English but never reach a reader, each with its reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from etl.paths import ROOT

# What a reader meets: the pages, the app and the dashboard package. ``export.py`` is a command-line tool (its
# help and progress lines are for whoever runs an export by hand), not a screen.
PYTHON = sorted(
    p
    for p in [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    if p.name != "export.py"
)
TEMPLATES = sorted((ROOT / "dashboard" / "templates").glob("*.html"))

# (file, literal) pairs that read like English but are not shown to a reader.
ALLOWED: dict[tuple[str, str], str] = {
    ("dashboard/theme.py", "Source Sans Pro, DejaVu Sans, Arial, sans-serif"): "a CSS font stack",
    ("dashboard/theme.py", "Not Voting"): "the roll call's position value, a key of the vote colours",
    ("dashboard/figures/vote.py", "Not Voting"): "the roll call's position value, compared with the data",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z]+")
_PLOTLY_PLACE = re.compile(r"(top|middle|bottom)?\s*(left|center|right)?")  # textposition, legend anchors
_CODE = re.compile(r"[{}<>=;#@/\\_]|^\s*[.:]|\w\.\w|^\w+$|^[a-z-]+(:|$)")


def reads_as_english(text: str) -> bool:
    """Two or more words of letters separated by spaces, or one capitalised word ending a label ("Source: "),
    and nothing that marks code: braces, tags, assignments, paths, dotted keys, snake_case."""
    stripped = text.strip()
    if not stripped or _CODE.search(stripped) or _PLOTLY_PLACE.fullmatch(stripped):
        return False
    words = stripped.replace("…", " ").split()
    english = [w for w in words if _WORD.fullmatch(w.strip(",.:;!?()“”\"'·–—"))]
    if len(english) >= 2 and len(english) >= len(words) / 2:
        return True
    label = re.fullmatch(r"([·–—]\s*)?[A-Za-z][a-z]+:?", stripped)  # "Source: ", "· population"
    return bool(label) and (text != stripped or not stripped[0].isalpha())


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _not_shown(tree: ast.AST) -> set[int]:
    """Constants that never reach a reader: exception messages for developers and ``say``'s keys."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            ids |= {id(n) for n in ast.walk(node.exc) if isinstance(n, ast.Constant)}
    return ids


def python_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _not_shown(tree)
    found = []
    for node in ast.walk(tree):
        literal = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        if literal and reads_as_english(node.value):
            found.append((node.lineno, node.value))
    return found


_JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.S)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>", re.S)
_ATTRS = re.compile(r'\b(?:aria-label|title|alt|placeholder|content)="([^"{]*)"')


def template_texts(path: Path) -> list[str]:
    """Text between tags and in the attributes a reader meets (labels, titles, alt), outside Jinja and scripts."""
    source = _HIDDEN.sub(" ", _JINJA.sub(" ", path.read_text(encoding="utf-8")))
    attrs = [a for a in _ATTRS.findall(source) if a.strip()]
    texts = [t.strip() for t in _TAG.split(source)]
    return [t for t in [*texts, *attrs] if t and reads_as_english(t + " ")]


def test_the_scanner_tells_english_from_technical_strings():
    english = ["Source: ", "Download PNG", "All Parquet files (zip)", "As written:", "· population", "Data refreshed"]
    technical = ["article_id", "charts.map.title", "text/csv", "%Y-%m-%d", "{n} rows", "stMain", "width", "utf-8"]
    technical += ["top right", "bottom center", "#D55E00", "<b>{}</b>", "display: none", "data-testid"]
    technical += ["psp-embed:height", "x unified"]
    assert [t for t in english if not reads_as_english(t)] == []
    assert [t for t in technical if reads_as_english(t)] == []


def test_no_english_is_built_in_python():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in PYTHON
        for line, text in python_literals(path)
        if (path.relative_to(ROOT).as_posix(), text) not in ALLOWED
    ]
    assert found == []


def test_no_english_is_typed_into_a_template():
    found = [f"{path.relative_to(ROOT)}: {text!r}" for path in TEMPLATES for text in template_texts(path)]
    assert found == []


def test_the_allow_list_is_short_and_still_needed():
    assert len(ALLOWED) <= 12
    present = {(p.relative_to(ROOT).as_posix(), t) for p in PYTHON for _, t in python_literals(p)}
    assert [k for k in ALLOWED if k not in present] == []
