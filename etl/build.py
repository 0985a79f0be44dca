"""Run the stages in order: read, extract, resolve, assemble, check, validate. Writing is ``etl.write``'s."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl import assemble, check, geo, schema
from etl.extract import extract
from etl.gazetteer import Gazetteer
from etl.reference import check_as_of_events, check_event_entities, load_reference
from etl.resolve import link_dates, link_tallies
from etl.seed import read_seeds
from etl.write import reusable


def build(seeds_dir: Path, reference_dir: Path, previous: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table, validated. Raises EtlError with a one-line reason on bad input.

    ``previous`` is the last output: tables there whose inputs and code are unchanged (by fingerprint) are reused
    instead of recomputed.
    """
    # read
    articles = read_seeds(seeds_dir)
    ref = load_reference(reference_dir)
    gazetteer = Gazetteer()
    check_event_entities(ref, gazetteer.city_ids, reference_dir)
    check_as_of_events(ref, articles)
    # extract, resolve
    extracts = [extract(a, ref, gazetteer) for a in articles]
    date_links = {ex.article.article_id: link_dates(ex, ref) for ex in extracts}
    tally_links = {ex.article.article_id: link_tallies(ex, ref) for ex in extracts}
    # assemble
    types = dict(zip(ref["entities"]["entity_id"], ref["entities"]["type"], strict=True))
    rows: dict[str, list[dict]] = {}
    for ex in extracts:
        for name, part in assemble.article_tables(ex, types).items():
            rows.setdefault(name, []).extend(part)
    tables = {name: schema.frame(name, part) for name, part in rows.items()}
    tables["cities"] = assemble.cities(extracts, ref, gazetteer)
    tables["entities"] = assemble.entities(tables["mentions"], tables["cities"], ref)
    tables["events"] = assemble.events(extracts, date_links, ref)
    tables["votes"], tables["vote_positions"] = assemble.votes(
        [link for ex in extracts for link in tally_links[ex.article.article_id]], ref
    )
    n_participants = int((tables["cities"]["status"] == "participant").sum())
    n_listed = int((tables["cities"]["source_kind"] == "article").sum())
    tables["claims"] = assemble.claims(extracts, date_links, tally_links, n_listed, n_participants)
    tables["sources"] = assemble.sources(ref)
    shapes = reusable(previous, "state_shapes", geo.fingerprint())
    tables["state_shapes"] = shapes if shapes is not None else geo.state_shapes()
    # check
    dq = []
    for ex in extracts:
        art = ex.article.article_id
        dq += check.check_article(check.Context(ex, date_links[art], tally_links[art], ref, n_participants, n_listed))
    dq += check.across_articles(tables["claims"], extracts, ref.rows("corrections"))
    dq += check.missing_elements(extracts)
    dq += check.open_questions(ref)
    tables["data_quality"] = schema.frame("data_quality", dq)
    # validate: the one choke point before anything is written
    return schema.validate(tables)
