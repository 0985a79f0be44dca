"""Run the stages in order: read the files, read the text, resolve, tell the story, assemble, check, validate.
Writing is ``etl.write``'s."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl import assemble, check, corroborate, geo, review, schema
from etl.assemble import Article
from etl.gazetteer import Gazetteer
from etl.lexicon import load_lexicon
from etl.read.known import Known
from etl.read.model import Reading
from etl.reference import check_as_of_events, check_confidence, check_drawn, check_event_entities, load_reference
from etl.resolve import link_dates, link_tallies, speakers
from etl.seed import read_seeds
from etl.story import DatedEvent, tell
from etl.write import reusable


def recorded_roles(ref, lexicon, gazetteer: Gazetteer) -> dict[str, set[str]]:
    """status -> the cities our cited records hold in it: the cities each role's reference event names."""
    events = ref.by_id("events", "event_id")
    named = {r.status: events[r.event].match_entities.split("|") for r in lexicon.roles}
    sites = (gazetteer.resolve(r.city, r.state) for r in ref["psp_sites"].itertuples())
    named.setdefault("participant", []).extend(p.city_id for p in sites if p is not None)
    return corroborate.recorded_cities(named, gazetteer.city_ids)


def understand(rd: Reading, ref, lexicon) -> Article:
    """One article read, its spans resolved once, and its story told: what every later stage is given."""
    programs = {r.entity_id for r in ref.rows("entities") if r.type == "program"}
    events = ref.by_id("events", "event_id")
    role_entities = {r.name: set(events[r.event].match_entities.split("|")) for r in lexicon.roles}
    links = link_dates(rd, ref, lexicon)
    dated = tuple(
        DatedEvent(rd.dates[x.date_index].start, rd.dates[x.date_index].surface, x.event_id)
        for x in links
        if x.event_id
    )
    story = tell(rd, lexicon, len(ref["psp_sites"]), programs, role_entities, dated)
    return Article(rd, links, link_tallies(rd, ref, lexicon), speakers(rd), story)


def build(
    seeds_dir: Path,
    reference_dir: Path,
    previous: Path | None = None,
    ahead: Callable[[], list[Reading] | None] | None = None,
    prior: bool = True,
) -> dict[str, pd.DataFrame]:
    """Every table, validated. Raises EtlError with a one-line reason on bad input.

    ``previous`` is the last output: tables there whose inputs and code are unchanged (by fingerprint) are reused
    instead of recomputed. ``ahead`` gives the articles as another process read them (``etl.read.ahead``), asked
    for only once the reference is loaded; they are used only if they are of exactly the articles of the seeds
    folder. ``prior`` is the story's prior for the reader (``etl.read.pipeline.Reader``): off, bare city names are
    read from the text's own clues only (the extraction benchmark reports both).
    """
    # read the files
    seeds = read_seeds(seeds_dir)
    ref = load_reference(reference_dir)
    lexicon = load_lexicon()
    gazetteer = Gazetteer()
    check_event_entities(ref, gazetteer.city_ids, reference_dir)
    check_as_of_events(ref, seeds)
    check_confidence(ref)
    check_drawn(ref)
    # read the text, resolve each span once, tell the story
    readings = ahead() if ahead is not None else None
    if not prior or readings is None or [rd.article for rd in readings] != seeds:
        from etl.read.pipeline import Reader  # spaCy: imported only where the articles are read

        reader = Reader(Known.read(reference_dir), gazetteer, lexicon, prior=prior)
        readings = [reader.read(seed) for seed in seeds]
    articles = [understand(rd, ref, lexicon) for rd in readings]
    desk = review.apply(articles, review.decisions(ref), lexicon, ref)  # the desk's decisions, before anything
    # assemble
    report_of = corroborate.reports(articles)  # papers that ran one wire story are one report
    rows: dict[str, list[dict]] = {}
    for a in articles:
        for name, part in assemble.article_tables(a, report_of[a.id]).items():
            rows.setdefault(name, []).extend(part)
    tables = {name: schema.frame(name, part) for name, part in rows.items()}
    recorded = recorded_roles(ref, lexicon, gazetteer)
    standing = corroborate.standings(articles, recorded, desk.confirmed, report_of)
    tables["cities"] = assemble.cities(articles, ref, gazetteer, standing)
    tables["entities"] = assemble.entities(articles, tables["mentions"], tables["cities"], ref)
    tables["events"] = assemble.events(articles, ref)
    tables["votes"], tables["vote_positions"] = assemble.votes(articles, ref)
    tables["claims"] = assemble.claims(articles)
    tables["sources"] = assemble.sources(ref)
    shapes = reusable(previous, "state_shapes", geo.fingerprint())
    tables["state_shapes"] = shapes if shapes is not None else geo.state_shapes()
    tables["data_quality"] = _checks(articles, tables, ref, recorded, standing, desk)
    # validate: the one choke point before anything is written
    return schema.validate(tables)


def _checks(articles, tables: dict[str, pd.DataFrame], ref, recorded, standing, desk) -> pd.DataFrame:
    """Every data-quality row: each article's own checks, then those across articles and of the reference."""
    n_participants = int((tables["cities"]["status"] == "participant").sum())
    dq = []
    for a in articles:
        dq += check.check_article(check.Context(a, ref, n_participants, recorded, standing, desk))
    dq += check.across_articles(tables["claims"], articles, ref, ref.rows("corrections"), desk)
    dq += check.missing_elements(articles)
    dq += check.open_questions(ref)
    dq += review.stale(review.decisions(ref), desk, {r["check_id"] for r in dq}, articles)
    dq += check.off_chart(tables["events"], ref)
    return schema.frame("data_quality", dq)
