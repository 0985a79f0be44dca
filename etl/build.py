"""Run the stages in order and assemble every output table (validated, not yet written)."""

from __future__ import annotations

import bisect
from pathlib import Path

import pandas as pd

from etl import crosscheck, geo, schema
from etl import textsteps as ts
from etl.errors import EtlError
from etl.extract import Extract, article_ref, extract, speaker_of
from etl.gazetteer import Gazetteer
from etl.link import cities_table, date_range, expected_outcome, link_dates
from etl.paths import display
from etl.reference import check_event_entities, load_reference
from etl.seed import read_seeds
from etl.write import reusable


def _article_rows(ex: Extract) -> dict[str, list[dict]]:
    a = ex.article
    art = a.article_id
    text = a.text
    para_starts = [p.start for p in ts.paragraphs(text)]
    rows: dict[str, list[dict]] = {k: [] for k in ("sentences", "mentions", "figures", "quotes")}
    rows["articles"] = [
        {
            "article_id": art,
            "title": ex.sentences[0].surface,
            "as_of": a.as_of.isoformat(),
            "as_of_method": a.as_of_method,
            "publisher": a.publisher or None,
            "sha256": a.sha256,
            "n_words": len(text.split()),
            "n_chars": len(text),
            "path": display(a.path),
            "text": text,
            "source": a.url or article_ref(art, ex.sentence_ids[0]),
        }
    ]
    for sid, s in zip(ex.sentence_ids, ex.sentences, strict=True):
        paragraph = bisect.bisect_right(para_starts, s.start)
        rows["sentences"].append(
            {
                "article_id": art,
                "sentence_id": sid,
                "start": s.start,
                "end": s.end,
                "text": s.surface,
                "paragraph": paragraph,
            }
        )
    for m in ex.mentions:
        rows["mentions"].append(
            {
                "mention_id": f"{art}-m{m.start:06d}",
                "entity_id": m.entity_id,
                "article_id": art,
                "sentence_id": ex.sentence_at(m.start),
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "match": m.how,
            }
        )
    for c in ex.counts:
        rows["figures"].append(
            {
                "figure_id": f"{art}-f{c.start:06d}",
                "article_id": art,
                "kind": "count",
                "value": str(c.value),
                "value_num": float(c.value),
                "unit": c.unit,
                "surface": c.surface,
                "sentence_id": ex.sentence_at(c.start),
                "start": c.start,
                "end": c.end,
                "method": f"number “{c.surface.split()[0]}” = {c.value}",
            }
        )
    for t in ex.tallies:
        rows["figures"].append(
            {
                "figure_id": f"{art}-f{t.start:06d}",
                "article_id": art,
                "kind": "vote_tally",
                "value": f"{t.yea}-{t.nay}",
                "value_num": None,
                "unit": "votes",
                "surface": t.surface,
                "sentence_id": ex.sentence_at(t.start),
                "start": t.start,
                "end": t.end,
                "method": f"{t.yea} in favour, {t.nay} against",
            }
        )
    for d in ex.dates:
        rows["figures"].append(
            {
                "figure_id": f"{art}-f{d.start:06d}",
                "article_id": art,
                "kind": "date_expected" if d.precision == "after" else "date",
                "value": d.value or None,
                "value_num": None,
                "unit": d.precision,
                "surface": d.surface,
                "sentence_id": ex.sentence_at(d.start),
                "start": d.start,
                "end": d.end,
                "method": d.method,
            }
        )
    return rows


def _events(extracts: list[Extract], links_by_article: dict, ref: dict) -> pd.DataFrame:
    rows = {}
    for r in ref["events"].itertuples():
        lo, hi = date_range(r.date, r.date_precision)
        rows[r.event_id] = {
            "event_id": r.event_id,
            "date": r.date,
            "date_precision": r.date_precision,
            "date_start": lo.isoformat(),
            "date_end": hi.isoformat(),
            "title": r.title,
            "category": r.category,
            "phase": r.phase,
            "in_article": False,
            "surface": None,
            "article_date": None,
            "resolution": None,
            "article_id": None,
            "sentence_id": None,
            "start": None,
            "end": None,
            "status": "happened",
            "outcome_event_id": None,
            "source": r.source,
            "confidence": r.confidence,
            "note": r.note or None,
        }
    categories = dict(zip(ref["events"]["event_id"], ref["events"]["category"], strict=True))
    for ex in extracts:
        art = ex.article.article_id
        for link in links_by_article[art]:
            d = ex.dates[link.date_index]
            sid = ex.sentence_at(d.start)
            spans = {
                "article_id": art,
                "sentence_id": sid,
                "start": d.start,
                "end": d.end,
                "surface": d.surface,
                "resolution": d.method,
                "article_date": d.value or None,
            }
            if link.event_id is not None:
                row = rows[link.event_id]
                if not row["in_article"]:
                    row.update(in_article=True, **spans)
            elif link.how == "expected":
                found = expected_outcome(ex, link.date_index, ref)
                nominee = ""
                category = "nlrb"
                outcome = None
                if found is not None:
                    vote, outcome = found
                    nominee = ref["entities"].set_index("entity_id").loc[vote["nominee"], "name"]
                    category = categories.get(outcome, category)
                sentence = ex.sentences[ex.sentence_ids.index(sid)].surface
                rows[f"art-{art}-{sid}"] = {
                    "event_id": f"art-{art}-{sid}",
                    "date": None,
                    "date_precision": None,
                    "date_start": d.date_start.isoformat(),
                    "date_end": None,
                    "title": f"Vote on {nominee} expected {d.surface}" if nominee else sentence,
                    "category": category,
                    "phase": "story",
                    "in_article": True,
                    "status": "expected",
                    "outcome_event_id": outcome or None,
                    "source": article_ref(art, sid),
                    "confidence": "confirmed",
                    "note": None,
                    **spans,
                }
    return schema.frame("events", list(rows.values()))


def build(seeds_dir: Path, reference_dir: Path, previous: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table, validated. Raises EtlError with a one-line reason on bad input.

    ``previous`` is the last output: tables there whose inputs and code are unchanged (by fingerprint) are reused
    instead of recomputed.
    """
    articles = read_seeds(seeds_dir)
    ref = load_reference(reference_dir)
    gazetteer = Gazetteer()
    check_event_entities(ref, gazetteer.city_ids, reference_dir)
    extracts = [extract(a, ref, gazetteer) for a in articles]
    links = {ex.article.article_id: link_dates(ex, ref) for ex in extracts}

    rows: dict[str, list[dict]] = {}
    for ex in extracts:
        for name, part in _article_rows(ex).items():
            rows.setdefault(name, []).extend(part)
    tables = {name: schema.frame(name, part) for name, part in rows.items()}

    cities = cities_table(extracts, ref, gazetteer)
    tables["cities"] = cities
    n_participants = int((cities["status"] == "participant").sum())

    types = dict(zip(ref["entities"]["entity_id"], ref["entities"]["type"], strict=True))
    quotes = []
    for ex in extracts:
        for q in ex.quotes:
            quotes.append(
                {
                    "quote_id": f"{ex.article.article_id}-q{q.start:06d}",
                    "article_id": ex.article.article_id,
                    "speaker_entity_id": speaker_of(ex, q, types),
                    "text": q.surface,
                    "sentence_id": ex.sentence_at(q.start),
                    "start": q.start,
                    "end": q.end,
                }
            )
    tables["quotes"] = schema.frame("quotes", quotes)

    tables["entities"] = _entities(tables["mentions"], cities, ref)
    tables["events"] = _events(extracts, links, ref)
    tables["votes"], tables["vote_positions"] = _votes(extracts, ref)

    dq = [
        row
        for ex in extracts
        for row in crosscheck.check_article(ex, links[ex.article.article_id], ref, n_participants)
    ]
    dq += crosscheck.missing_elements(extracts)
    dq += crosscheck.open_questions(ref)
    tables["data_quality"] = schema.frame("data_quality", dq)
    shapes = reusable(previous, "state_shapes", geo.fingerprint())
    tables["state_shapes"] = shapes if shapes is not None else geo.state_shapes()
    return schema.validate(tables)


def _entities(mentions: pd.DataFrame, cities: pd.DataFrame, ref: dict) -> pd.DataFrame:
    counts = mentions["entity_id"].value_counts().to_dict()
    first = mentions.drop_duplicates("entity_id").set_index("entity_id")
    rows = []
    for r in ref["entities"].itertuples():
        rows.append(
            {
                "entity_id": r.entity_id,
                "name": r.name,
                "type": r.type,
                "aliases": r.aliases,
                "n_mentions": counts.get(r.entity_id, 0),
                "source": r.source,
            }
        )
    for c in cities.itertuples():
        written = mentions.loc[mentions["entity_id"] == c.city_id, "surface"].unique().tolist()
        aliases = "|".join(dict.fromkeys([c.name, *written]))
        rows.append(
            {
                "entity_id": c.city_id,
                "name": c.name,
                "type": "city",
                "aliases": aliases,
                "n_mentions": counts.get(c.city_id, 0),
                "source": c.source,
            }
        )
    known = {r["entity_id"] for r in rows}
    states = ref["ap_states"].set_index("usps")
    for eid in sorted(set(counts) - known):
        if eid.startswith("state-"):
            usps = eid.removeprefix("state-").upper()
            rows.append(
                {
                    "entity_id": eid,
                    "name": states.loc[usps, "name"],
                    "type": "state",
                    "aliases": "|".join([usps, *states.loc[usps, "ap"].split("|")]),
                    "n_mentions": counts[eid],
                    "source": states.loc[usps, "source"],
                }
            )
        else:  # a place named in passing ("Washington, DC"): a city entity, not one of the sixteen
            m = first.loc[eid]
            surfaces = mentions.loc[mentions["entity_id"] == eid, "surface"].unique().tolist()
            rows.append(
                {
                    "entity_id": eid,
                    "name": surfaces[0],
                    "type": "city",
                    "aliases": "|".join(surfaces),
                    "n_mentions": counts[eid],
                    "source": article_ref(m["article_id"], m["sentence_id"]),
                }
            )
    return schema.frame("entities", rows)


def _votes(extracts: list[Extract], ref: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = ref["entities"].set_index("entity_id")["name"]
    rows, positions = [], []
    for v in ref["votes"].itertuples():
        tally = None
        for ex in extracts:
            for t in ex.tallies:
                if v.nominee in ex.entities_in(ex.sentence_at(t.start)) and tally is None:
                    tally = t.surface
        rows.append(
            {
                "vote_id": v.vote_id,
                "chamber": v.chamber,
                "date": v.date,
                "question": v.question,
                "nominee": v.nominee,
                "nominee_name": names[v.nominee],
                "yea": int(v.yea),
                "nay": int(v.nay),
                "not_voting": int(v.not_voting),
                "result": v.result,
                "in_article": tally is not None,
                "article_tally": tally,
                "source": v.source,
                "confidence": v.confidence,
                "note": v.note or None,
            }
        )
        roll = ref["positions"].get(v.vote_id)
        if roll is not None:
            for p in roll.itertuples():
                positions.append(
                    {
                        "vote_id": v.vote_id,
                        "senator": p.senator,
                        "state": p.state,
                        "party": p.party,
                        "position": p.vote,
                        "source": p.source_url,
                        "derived": v.positions_derived == "true",
                    }
                )
            counted = roll["vote"].value_counts()
            if (counted.get("Yea", 0), counted.get("Nay", 0), counted.get("Not Voting", 0)) != (
                int(v.yea),
                int(v.nay),
                int(v.not_voting),
            ):
                raise EtlError(
                    f"roll call {v.positions_file} sums to {dict(counted)}, but votes.csv says "
                    f"{v.yea}-{v.nay}-{v.not_voting}",
                    v.positions_file,
                )
    return schema.frame("votes", rows), schema.frame("vote_positions", positions)
