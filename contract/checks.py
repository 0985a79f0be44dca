"""The kinds of ``data_quality`` rows and their words, declared once in ``checks.toml``.

A row holds its kind, a variant and its fields as data; its message is the variant's template with the fields put
in. The ETL renders the message when it writes the row, and a reader of ``data/`` can render it again from the same
file, so the words live in one place and the tables hold what was found, not prose built in Python.
"""

from __future__ import annotations

import functools
import json
import string
import tomllib
from pathlib import Path
from typing import Any

FILE = Path(__file__).with_name("checks.toml")
OPEN_QUESTION_PREFIX = "reference_"  # kind of an open question of the reference research: reference_<topic>


@functools.cache
def _file() -> dict[str, Any]:
    with FILE.open("rb") as fh:
        return tomllib.load(fh)


@functools.cache
def templates() -> dict[str, dict[str, str]]:
    """kind -> variant -> template: every kind the ETL writes words for."""
    return {k: v for k, v in _file().items() if isinstance(v, dict)}


CHECK_KINDS: tuple[str, ...] = tuple(templates())
OPEN_QUESTION: str = _file()["open_question"]  # the variant of a row whose message is data already


class CheckWordsError(KeyError):
    """A row whose words cannot be made: no template for its kind and variant, or a field the template names that
    the row does not hold. Raised, never papered over with a blank."""

    def __str__(self) -> str:
        return str(self.args[0])


def _fill(template: str, fields: dict[str, Any], where: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    missing = sorted(names - fields.keys())
    if missing:
        raise CheckWordsError(f"{where}: the template names {', '.join(missing)}, which the row does not hold")
    return template.format(**fields)


def render(kind: str, variant: str, fields: dict[str, Any]) -> str:
    """The message of a row: its variant's template with its fields put in, and, when the fields say the words run
    over a sentence's end (``last_sentence``), the sentence they run into."""
    try:
        template = templates()[kind][variant]
    except KeyError:
        raise CheckWordsError(f"no template for {kind}.{variant} in {FILE.name}") from None
    message = _fill(template, fields, f"{kind}.{variant}")
    if "last_sentence" in fields:
        message += phrase("across_sentences", fields)
    return message


def phrase(name: str, fields: dict[str, Any]) -> str:
    """A sentence of ``checks.toml`` outside any kind (a resolution's words), its fields put in."""
    template = _file().get(name)
    if not isinstance(template, str):
        raise CheckWordsError(f"no sentence {name} in {FILE.name}")
    return _fill(template, fields, name)


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # a NumPy scalar from a table
        return value.item()
    raise TypeError(f"a data_quality field must be plain data, not {type(value).__name__}")


def fields_json(fields: dict[str, Any]) -> str:
    """The ``fields`` column: one JSON object, keys sorted, so a refresh writes the same bytes."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, default=_plain)


def is_open_question(kind: str, variant: str) -> bool:
    """A row of the reference's open questions: its message is a person's words from open_questions.csv."""
    return variant == OPEN_QUESTION and kind.startswith(OPEN_QUESTION_PREFIX)


def written(kind: str, variant: str, fields: dict[str, Any]) -> tuple[str, str]:
    """(message, fields column) of a row, the message rendered from the fields as written, so that rendering the
    stored row again gives the same words."""
    stored = fields_json(fields)
    return render(kind, variant, json.loads(stored)), stored
