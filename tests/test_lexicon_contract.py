"""Every English cue word the reader and the story layer use lives in ``etl/lexicon.toml``, and each of its keys is
declared once (``etl.lexicon.KEYS``), as ``test_words_contract`` does for the dashboard's screen words.

The rule, on every string constant of ``etl/read/*.py``, ``etl/story.py`` and ``etl/resolve.py`` (f-string parts and
regex sources included; docstrings not): a constant holding a run of two letters or more is English, unless it is a
name: snake_case (``story_names``, ``same_day``, ``spacy.cli``) or capitals (spaCy's ``LOWER``, a label's ``CUE``),
and not an English function word (spaCy's stop words: "the", "of", "by", "after"). A phrase ("would not consider"),
an abbreviation ("Sept.", "No."), a regex with a word in it (``\\b(?:and|or)\\b``) and prose ("in its clause") are
English. A name that is a function word is English too, unless the short allow-list below explains it."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from etl.lexicon import KEYS, LEXICON
from etl.paths import ROOT

SCANNED = sorted([*(ROOT / "etl" / "read").glob("*.py"), ROOT / "etl" / "story.py", ROOT / "etl" / "resolve.py"])

# (file, literal) -> why it is no English cue word. Codes written into the data that happen to be English words.
ALLOWED: dict[tuple[str, str], str] = {
    ("etl/read/dates.py", "after"): "the kind and precision code of an open-ended date (DateExpr.kind), a data value",
    ("etl/resolve.py", "after"): "the same code, compared with DateExpr.precision",
    ("etl/read/names.py", "name"): "a person's method code (NameInfo.method: a name no reference entity holds)",
    ("etl/resolve.py", "next"): "a speaker link's method code (SpeakerLink.how: named in the next sentence)",
    ("etl/resolve.py", "only"): "a speaker link's method code (the only person its sentences name)",
    ("etl/resolve.py", "none"): "a link's method code (EventLink/TallyLink/SpeakerLink.how: tied to nothing)",
    ("etl/read/places.py", "state-"): "the id prefix of a state's entity (state-ca), a data id",
    ("etl/read/model.py", " (inferred)"): "as_of_words, the as-of date in etl/check.py's data-quality messages, "
    "which issue 38 item 4 turns into codes; not read by the reader",
    ("etl/read/ahead.py", "spaCy's command line is not loaded in the reading process"): "an exception no reader "
    "sees: the refresh catches any failure of the read-ahead process and reads for itself",
}

_LETTERS = re.compile(r"[A-Za-z]{2,}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)*|[A-Z]+")


def is_english(literal: str) -> bool:
    """The rule: a run of two letters or more that is not a name, or a name that is an English function word."""
    if not _LETTERS.search(literal):
        return False
    if _NAME.fullmatch(literal):
        return literal.lower() in STOP_WORDS
    return True


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a file but its docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_rule_tells_english_from_names():
    english = ["the", "of", "by", "after", "would not consider", "Sept.", "No.", r"\b(?:and|or)\b", "” in its clause"]
    names = ["story_names", "same_day", "LOWER", "CUE", "city", "spacy.cli", "DC", "“", ", ", r"[,;:—–]", "a", "s"]
    assert [w for w in english if is_english(w)] == english
    assert [w for w in names if is_english(w)] == []


def test_no_english_literal_in_the_reader_or_the_story():
    found = [
        f"{_rel(path)}:{line}: {value!r}"
        for path in SCANNED
        for line, value in _strings(path)
        if is_english(value) and (_rel(path), value) not in ALLOWED
    ]
    assert found == [], "English in Python; move it to etl/lexicon.toml:\n" + "\n".join(found)


def test_every_allowed_literal_is_still_there():
    present = {(_rel(path), value) for path in SCANNED for _, value in _strings(path)}
    assert sorted(set(ALLOWED) - present) == []


def test_every_lexicon_key_is_declared_once():
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    declared = [(section, key) for section, keys in KEYS.items() for key in keys]
    assert len(declared) == len(set(declared))
    in_file = [(section, key) for section, table in data.items() if section != "roles" for key in table]
    assert sorted(in_file) == sorted(declared)


def test_no_other_file_lists_lexicon_keys():
    """A key's declaration is single: no tuple, list or set elsewhere names two keys (as the pipeline's picks and the
    components' parameters once did)."""
    keys = {key for keys in KEYS.values() for key in keys}
    found = []
    for path in sorted((ROOT / "etl").rglob("*.py")):
        if path.name == "lexicon.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                named = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in keys]
                if len(named) >= 2:
                    found.append(f"{_rel(path)}:{node.lineno}: {named}")
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                params = [a.arg for a in node.args.args if a.arg in keys]
                if params:
                    found.append(f"{_rel(path)}:{node.lineno}: parameters {params}")
    assert found == []


def test_every_lexicon_key_is_used():
    used = {value for path in (ROOT / "etl").rglob("*.py") if path.name != "lexicon.py" for _, value in _strings(path)}
    unused = sorted(f"[{section}] {key}" for section, keys in KEYS.items() for key in keys if key not in used)
    assert unused == []
