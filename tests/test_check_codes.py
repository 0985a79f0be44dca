"""Checks as codes: a ``data_quality`` row holds its kind, a variant and its fields; its words are the variant's
template in ``contract/checks.toml``, declared once for both halves, and the contract lists the kinds."""

from __future__ import annotations

import ast
import json

import pandas as pd
import pytest

from contract.checks import (
    CHECK_KINDS,
    OPEN_QUESTION,
    CheckWordsError,
    fields_json,
    is_open_question,
    phrase,
    render,
    templates,
    written,
)
from contract.paths import DATA_DIR, ROOT
from etl import check

OPEN_QUESTIONS = pd.read_csv(ROOT / "etl" / "reference" / "open_questions.csv").set_index("check_id")


def _assert_rows_render(dq: pd.DataFrame) -> None:
    """Every row's message is its template with its fields; an open question's is the research's own words."""
    assert len(dq) > 0
    for r in dq.itertuples():
        fields = json.loads(r.fields)
        assert isinstance(fields, dict), r.check_id
        assert r.fields == fields_json(fields), r.check_id  # keys sorted: the same bytes on every refresh
        if is_open_question(r.kind, r.variant):
            assert fields == {} and r.message == OPEN_QUESTIONS.loc[r.check_id, "message"], r.check_id
            assert r.kind == "reference_" + OPEN_QUESTIONS.loc[r.check_id, "topic"], r.check_id
        else:
            assert r.variant in templates()[r.kind], (r.kind, r.variant)
            assert render(r.kind, r.variant, fields) == r.message, r.check_id


def test_every_row_of_the_committed_data_renders_to_its_message():
    _assert_rows_render(pd.read_parquet(DATA_DIR / "data_quality.parquet"))


def test_every_row_built_from_the_seed_renders_to_its_message(tables):
    dq = tables["data_quality"]
    _assert_rows_render(dq)
    spelling = dq.set_index("check_id").loc["spelling:000_94e04342a6ea52d8:1198"]
    assert (spelling.kind, spelling.variant) == ("spelling", "close_match")
    assert spelling.fields == '{"city": "San Bernardino", "similarity": 0.963, "surface": "San Bernadino"}'


def test_the_contract_lists_exactly_the_kinds_the_etl_writes():
    registered = {run.__name__ for run in check.CHECKS}
    written_elsewhere = {"not_found", "across_articles", "reference_events", "stale_review"}
    assert set(CHECK_KINDS) == registered | written_elsewhere
    assert {variant for variant, *_ in check.ELEMENTS} == set(templates()["not_found"])


def _variants(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _variants(node.body) + _variants(node.orelse)
    return []  # made from data (an element's variant, a kind of claim): covered by the rows above


@pytest.mark.parametrize("module", ["etl/check.py", "etl/review.py"])
def test_every_variant_the_code_names_has_a_template(module):
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    named = set()
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        slots = {"add": [1], "agreement": [2, 3], "written": [1]}.get(name)
        if not slots or not call.args or not isinstance(call.args[0], ast.Constant):
            continue
        for i in slots:
            named |= {(call.args[0].value, v) for v in _variants(call.args[i])}
    assert named, module
    missing = {(k, v) for k, v in named if v not in templates().get(k, {})}
    assert not missing


def test_no_message_is_written_in_python():
    source = (ROOT / "etl" / "check.py").read_text(encoding="utf-8")
    assert '"message": message' in source and 'f"“' not in source and "is not in the gazetteer" not in source


def test_a_template_renders_exactly():
    assert (
        render("count_check", "lists_differs", {"surface": "four cities", "said": 4, "listed": 3})
        == "“four cities” says 4, but it lists 3 cities."
    )
    assert (
        render("senator_check", "party_state_differs", {"surface": "(D-Ohio)", "senator": "Sherrod Brown"} | _roster())
        == "“(D-Ohio)” gives Sherrod Brown the party R (the roster: D) and state OH (the roster: OH)."
    )
    assert render("spelling", "close_match", {"surface": "Stokton", "city": "Stockton", "similarity": 0.9333}) == (
        "“Stokton” is not a city's name in the gazetteer; read as Stockton (similarity 0.93)."
    )


def _roster() -> dict[str, str]:
    return {"party": "R", "roster_party": "D", "state": "OH", "roster_state": "OH"}


def test_words_that_run_over_a_sentence_end_say_so():
    fields = {"first_sentence": 2, "last_sentence": 3}
    assert render("repeated_text", "twice", fields) == (
        "A passage is printed twice back to back (the second copy starts right after the first). "
        "The words run from sentence 2 into sentence 3."
    )


def test_the_stored_fields_are_sorted_json_and_render_again():
    message, stored = written("stale_review", "decision", {"key": "city:a:10", "decision": "set"})
    assert stored == '{"decision": "set", "key": "city:a:10"}'
    assert message == "The desk's decision “set” on city:a:10 finds no such reading or alarm now."
    assert render("stale_review", "decision", json.loads(stored)) == message


def test_a_resolution_phrase_is_a_template_too():
    assert phrase("shown_as_expected", {"date": "4 Sep 2017"}) == (
        "Shown as expected on the timeline, not before 4 Sep 2017 (inferred from the words)."
    )


def test_a_missing_template_or_field_fails_loudly():
    with pytest.raises(CheckWordsError, match=r"no template for count_check\.lists in checks\.toml"):
        render("count_check", "lists", {})
    with pytest.raises(CheckWordsError, match=r"no template for made_up\.x"):
        render("made_up", "x", {})
    with pytest.raises(CheckWordsError, match=r"count_check\.lists_differs: the template names listed, said"):
        render("count_check", "lists_differs", {"surface": "four"})
    with pytest.raises(CheckWordsError, match=r"no template for reference_votes\.open_question"):
        render("reference_votes", OPEN_QUESTION, {})  # the research's words are data: there is no template
    with pytest.raises(TypeError, match="plain data, not set"):
        fields_json({"cities": {"Baltimore"}})
