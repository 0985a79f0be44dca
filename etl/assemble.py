"""Stage 7, assemble: the extracted spans and their resolutions, laid out as the output tables' rows.

One function per table (or per group of tables that come from the same pass). Every row says where it comes from:
an article sentence (``article:<id>#<sentence>``) or the reference row's URL.
"""

from __future__ import annotations

import bisect
from urllib.parse import urlsplit

import pandas as pd

from etl import geo, schema
from etl import textsteps as ts
from etl.errors import EtlError
from etl.extract import Extract
from etl.gazetteer import Gazetteer
from etl.paths import display
from etl.reference import FILES, Reference, cited_files
from etl.resolve import EventLink, TallyLink, counted_cities, date_range, speaker_of
from etl.schema import article_source


def _spanned(ex: Extract, start: int, end: int, surface_col: str, surface: str) -> dict:
    """The columns every row from an article span shares: where it is, its words, and its sentence as source."""
    art = ex.article.article_id
    sid = ex.sentence_at(start)
    return {
        "article_id": art,
        "sentence_id": sid,
        "start": start,
        "end": end,
        surface_col: surface,
        "source": article_source(art, sid),
    }


def _article_row(ex: Extract) -> dict:
    a = ex.article
    return {
        "article_id": a.article_id,
        "title": ex.sentences[0].surface,
        "as_of": a.as_of.isoformat(),
        "as_of_method": a.as_of_method,
        "as_of_inferred": a.as_of_inferred,
        "publisher": a.publisher or None,
        "sha256": a.sha256,
        "n_words": len(a.text.split()),
        "n_chars": len(a.text),
        "path": display(a.path),
        "text": a.text,
        "source": a.url or article_source(a.article_id, ex.sentence_ids[0]),
    }


def _sentence_rows(ex: Extract) -> list[dict]:
    para_starts = [p.start for p in ts.paragraphs(ex.article.text)]
    return [
        {**_spanned(ex, s.start, s.end, "text", s.surface), "paragraph": bisect.bisect_right(para_starts, s.start)}
        for s in ex.sentences
    ]


def _mention_rows(ex: Extract) -> list[dict]:
    art = ex.article.article_id
    return [
        {
            "mention_id": f"{art}-m{m.start:06d}",
            "entity_id": m.entity_id,
            "match": m.how,
            **_spanned(ex, m.start, m.end, "surface", m.surface),
        }
        for m in ex.mentions
    ]


def _quote_rows(ex: Extract, entity_types: dict[str, str]) -> list[dict]:
    art = ex.article.article_id
    return [
        {
            "quote_id": f"{art}-q{q.start:06d}",
            "speaker_entity_id": speaker_of(ex, q, entity_types),
            **_spanned(ex, q.start, q.end, "text", q.surface),
        }
        for q in ex.quotes
    ]


def _figure(ex: Extract, span, kind: str, value, value_num, unit: str, method: str) -> dict:
    return {
        "figure_id": f"{ex.article.article_id}-f{span.start:06d}",
        "kind": kind,
        "value": value,
        "value_num": value_num,
        "unit": unit,
        "method": method,
        **_spanned(ex, span.start, span.end, "surface", span.surface),
    }


def _figure_rows(ex: Extract) -> list[dict]:
    """Counts, tallies and dates as written, with their resolved values."""
    counts = [
        _figure(ex, c, "count", str(c.value), float(c.value), c.unit, f"number “{c.surface.split()[0]}” = {c.value}")
        for c in ex.counts
    ]
    tallies = [
        _figure(ex, t, "vote_tally", f"{t.yea}-{t.nay}", None, "votes", f"{t.yea} in favour, {t.nay} against")
        for t in ex.tallies
    ]
    dates = [
        _figure(
            ex, d, "date_expected" if d.precision == "after" else "date", d.value or None, None, d.precision, d.method
        )
        for d in ex.dates
    ]
    return [*counts, *tallies, *dates]


def article_tables(ex: Extract, entity_types: dict[str, str]) -> dict[str, list[dict]]:
    """The rows one article gives on its own: the article, its sentences, mentions, figures and quotes."""
    return {
        "articles": [_article_row(ex)],
        "sentences": _sentence_rows(ex),
        "mentions": _mention_rows(ex),
        "quotes": _quote_rows(ex, entity_types),
        "figures": _figure_rows(ex),
    }


def cities(extracts: list[Extract], ref: dict, gazetteer: Gazetteer) -> pd.DataFrame:
    """The excluded cities (listed in the article) and the 2017 participants (reference), with coordinates."""
    rows: dict[str, dict] = {}
    participants = {(r.city, r.state) for r in ref["psp_sites"].itertuples()}
    for ex in extracts:
        for p in ex.places:
            if p.sentence_id not in ex.list_sentence_ids or p.place.city_id in rows:
                continue
            rows[p.place.city_id] = {
                **_place(p.place, gazetteer),
                "status": "participant" if (p.place.name, p.place.state) in participants else "excluded",
                "psp_site_type": None,
                "source_kind": "article",
                "source": article_source(ex.article.article_id, p.sentence_id),
                "article_id": ex.article.article_id,
                "sentence_id": p.sentence_id,
                "start": p.city.start,
                "end": p.city.end,
                "surface": p.city.surface,
                "confidence": "confirmed",
            }
    for site in ref["psp_sites"].itertuples():
        place = gazetteer.resolve(site.city, site.state)
        if place is None:
            raise EtlError(
                f"cannot resolve the participant “{site.city}, {site.state}” in the gazetteer",
                ref.folder / FILES["psp_sites"].name,
            )
        if place.city_id in rows:
            rows[place.city_id].update(status="participant", psp_site_type=site.site_type)
            continue
        rows[place.city_id] = {
            **_place(place, gazetteer),
            "status": "participant",
            "psp_site_type": site.site_type,
            "source_kind": "reference",
            "source": site.source,
            "confidence": site.confidence,
        }
    overrides = {(r.city, r.state): r for r in ref["place_overrides"].itertuples()}
    for row in rows.values():
        o = overrides.get((row["name"], row["state"]))
        if o is not None:
            row.update(
                lat=float(o.lat),
                lon=float(o.lon),
                population_source=row["population_source"] + f"; coordinates corrected by hand ({o.source})",
            )
    frame = schema.frame("cities", list(rows.values()))
    frame["x_km"], frame["y_km"] = geo.project(frame["lon"], frame["lat"])
    return frame


def _place(place, gazetteer: Gazetteer) -> dict:
    return {
        "city_id": place.city_id,
        "name": place.name,
        "state": place.state,
        "lat": place.lat,
        "lon": place.lon,
        "population": place.population,
        "population_source": gazetteer.source,
        "geonameid": place.geonameid,
    }


def entities(mentions: pd.DataFrame, cities: pd.DataFrame, ref: dict) -> pd.DataFrame:
    """Reference entities, the sixteen cities, and the states and other places the articles name in passing."""
    counts = mentions["entity_id"].value_counts().to_dict()

    def row(entity_id: str, name: str, type_: str, aliases: list[str], src: str) -> dict:
        return {
            "entity_id": entity_id,
            "name": name,
            "type": type_,
            "aliases": "|".join(dict.fromkeys(aliases)),
            "n_mentions": counts.get(entity_id, 0),
            "source": src,
        }

    def written(entity_id: str) -> list[str]:
        return mentions.loc[mentions["entity_id"] == entity_id, "surface"].unique().tolist()

    rows = [row(r.entity_id, r.name, r.type, r.aliases.split("|"), r.source) for r in ref["entities"].itertuples()]
    rows += [row(c.city_id, c.name, "city", [c.name, *written(c.city_id)], c.source) for c in cities.itertuples()]
    known = {r["entity_id"] for r in rows}
    states = ref["ap_states"].set_index("usps")
    first = mentions.drop_duplicates("entity_id").set_index("entity_id")
    for eid in sorted(set(counts) - known):
        if eid.startswith("state-"):
            usps = eid.removeprefix("state-").upper()
            state = states.loc[usps]
            rows.append(row(eid, state["name"], "state", [usps, *state["ap"].split("|")], state["source"]))
        else:  # a place named in passing ("Washington, DC"): a city entity, not one of the sixteen
            surfaces = written(eid)
            m = first.loc[eid]
            rows.append(row(eid, surfaces[0], "city", surfaces, m["source"]))
    return schema.frame("entities", rows)


def phase(reference_phase: str | None, date_start: str, as_of: str) -> str:
    """story up to the as-of date; after it, ``after``; a long-run outcome the reference sets apart (phase
    ``later``; otherwise the reference leaves phase empty) stays ``later``."""
    if reference_phase == "later":
        return "later"
    return "after" if date_start > as_of else "story"


def _reference_event(r, as_of: str) -> dict:
    lo, hi = date_range(r.date, r.date_precision)
    return {
        "event_id": r.event_id,
        "date": r.date,
        "date_precision": r.date_precision,
        "date_start": lo.isoformat(),
        "date_end": hi.isoformat(),
        "title": r.title,
        "category": r.category,
        "phase": phase(r.phase, lo.isoformat(), as_of),
        "in_article": False,
        "status": "happened",
        "source": r.source,
        "confidence": r.confidence,
        "note": r.note or None,
    }


def _article_event(ex: Extract, link: EventLink, as_of: str, spans: dict) -> dict:
    """An event the article expects ("after the August recess"), titled in the article's own words."""
    art, sid = ex.article.article_id, spans["sentence_id"]
    start = ex.dates[link.date_index].date_start.isoformat()
    return {
        "event_id": f"art-{art}-{sid}",
        "date_start": start,
        "title": ex.sentence(sid).surface,  # the article's own words, not a paraphrase
        "category": link.expected.category,
        "phase": phase(None, start, as_of),
        "in_article": True,
        "status": "expected",
        "outcome_event_id": link.expected.outcome_event_id,
        "source": article_source(art, sid),
        "confidence": "confirmed",
        **spans,
    }


def _date_spans(ex: Extract, link: EventLink) -> dict:
    d = ex.dates[link.date_index]
    return {
        "article_id": ex.article.article_id,
        "sentence_id": ex.sentence_at(d.start),
        "start": d.start,
        "end": d.end,
        "surface": d.surface,
        "resolution": d.method,
        "article_date": d.value or None,
    }


def events(extracts: list[Extract], links: dict[str, list[EventLink]], ref: dict) -> pd.DataFrame:
    """Reference events, each tied to the first article date that speaks of it, and the article's expected events."""
    as_of = max((ex.article.as_of.isoformat() for ex in extracts), default="")
    rows = {r.event_id: _reference_event(r, as_of) for r in ref["events"].itertuples()}
    for ex in extracts:
        for link in links[ex.article.article_id]:
            if link.event_id is not None:
                row = rows[link.event_id]
                if not row["in_article"]:
                    row.update(in_article=True, **_date_spans(ex, link))
            elif link.how == "expected" and link.expected.category is not None:  # else no lane: a data-quality row
                row = _article_event(ex, link, as_of, _date_spans(ex, link))
                rows[row["event_id"]] = row
    return schema.frame("events", list(rows.values()))


def _vote_row(v, nominee_name: str, article_tally: str | None) -> dict:
    return {
        "vote_id": v.vote_id,
        "chamber": v.chamber,
        "date": v.date,
        "question": v.question,
        "nominee": v.nominee,
        "nominee_name": nominee_name,
        "yea": int(v.yea),
        "nay": int(v.nay),
        "not_voting": int(v.not_voting),
        "result": v.result,
        "in_article": article_tally is not None,
        "article_tally": article_tally,
        "source": v.source,
        "confidence": v.confidence,
        "note": v.note or None,
    }


def _roll(v, roll: pd.DataFrame) -> list[dict]:
    """The per-senator rows of a vote, once the roll call is seen to sum to the recorded tally."""
    counted = roll["vote"].value_counts()
    if (counted.get("Yea", 0), counted.get("Nay", 0), counted.get("Not Voting", 0)) != (
        int(v.yea),
        int(v.nay),
        int(v.not_voting),
    ):
        raise EtlError(
            f"roll call {v.positions_file} sums to {dict(counted)}, but votes.csv says {v.yea}-{v.nay}-{v.not_voting}",
            v.positions_file,
        )
    return [
        {
            "vote_id": v.vote_id,
            "senator": p.senator,
            "state": p.state,
            "party": p.party,
            "position": p.vote,
            "source": p.source_url,
            "derived": v.positions_derived == "true",
        }
        for p in roll.itertuples()
    ]


def votes(tally_links: list[TallyLink], ref: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The recorded votes, each with the article's tally when an article reports it, and the per-senator roll."""
    names = ref["entities"].set_index("entity_id")["name"]
    reported: dict[str, str] = {}
    for link in tally_links:
        if link.vote is not None:
            reported.setdefault(link.vote["vote_id"], link.tally.surface)
    rows, positions = [], []
    for v in ref["votes"].itertuples():
        rows.append(_vote_row(v, names[v.nominee], reported.get(v.vote_id)))
        roll = ref["positions"].get(v.vote_id)
        if roll is not None:
            positions += _roll(v, roll)
    return schema.frame("votes", rows), schema.frame("vote_positions", positions)


def _claim(ex: Extract, kind: str, ref_id: str, value: str, span) -> dict:
    art = ex.article.article_id
    sid = ex.sentence_at(span.start)
    return {
        "claim_id": f"{art}-c{span.start:06d}",
        "kind": kind,
        "ref_id": ref_id,
        "value": value,
        "article_id": art,
        "sentence_id": sid,
        "start": span.start,
        "end": span.end,
        "surface": span.surface,
        "source": article_source(art, sid),
    }


def claims(
    extracts: list[Extract],
    date_links: dict[str, list[EventLink]],
    tally_links: dict[str, list[TallyLink]],
    n_listed: int,
    n_participants: int,
) -> pd.DataFrame:
    """Every statement an article makes about a reference fact, so that facts named by several articles list
    every mention (and ``check.across_articles`` can compare them). A count of cities ties to the
    ``cities.status`` it counts (excluded or participant)."""
    rows = []
    for ex in extracts:
        art = ex.article.article_id
        for link in date_links[art]:
            if link.event_id is not None:
                d = ex.dates[link.date_index]
                rows.append(_claim(ex, "event", link.event_id, d.value, d))
        for link in tally_links[art]:
            if link.vote is not None:
                t = link.tally
                rows.append(_claim(ex, "vote", link.vote["vote_id"], f"{t.yea}-{t.nay}", t))
        for p in ex.places:
            if p.sentence_id in ex.list_sentence_ids:
                rows.append(_claim(ex, "city", p.place.city_id, "excluded", p.city))
        for n in ex.counts:
            status = counted_cities(ex, n, n_listed, n_participants)
            if status is not None:
                rows.append(_claim(ex, "city_count", status, str(n.value), n))
    return schema.frame("claims", rows)


def _site_of(url: str, sites: list, folder) -> object:
    """The source_sites.csv row for a URL: same domain, longest matching path prefix."""
    parts = urlsplit(url)
    found = [s for s in sites if s.domain == parts.netloc and parts.path.startswith(s.path_prefix)]
    if not found:
        raise EtlError(
            f"no row for the domain {parts.netloc} (cited as {url}): add who publishes it and its kind",
            folder / FILES["source_sites"].name,
        )
    site = max(found, key=lambda s: len(s.path_prefix))
    if (site.kind == "copy") != bool(site.copy_of):
        raise EtlError(
            f"the row for {site.domain}{site.path_prefix} (cited as {url}): copy_of names what a copy copies, "
            f"and only a copy (its kind is {site.kind})",
            folder / FILES["source_sites"].name,
        )
    return site


def sources(ref: Reference) -> pd.DataFrame:
    """One row per page a reference file cites, with who publishes it (from source_sites.csv) and the rows citing it."""
    cites: dict[tuple[str, str], dict[str, str]] = {}  # (group, url) -> {row key: its confidence}
    for group, spec, rows in cited_files(ref):
        for r in rows.to_dict("records"):
            key = "/".join(r[k] for k in spec.key)
            for col in spec.url_columns:
                for url in r[col].split():
                    if not url.startswith(("http://", "https://")):
                        continue  # an article sentence, not a page
                    cites.setdefault((group, url), {})[key] = r.get("confidence", "")
    sites = ref.rows("source_sites")
    out = []
    for (group, url), by_key in cites.items():
        site = _site_of(url, sites, ref.folder)
        out.append(
            {
                "group": group,
                "url": url,
                "site": site.site,
                "kind": site.kind,
                "copy_of": site.copy_of or None,
                "confidence": ", ".join(sorted({c for c in by_key.values() if c})),
                "cited_by": " | ".join(sorted(by_key)),
                "n_rows": len(by_key),
                "source": url,
            }
        )
    return schema.frame("sources", out)
