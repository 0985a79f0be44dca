"""Stage 3c, resolve: tie what the article says to the reference facts (cities, events, votes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from etl import geo
from etl.errors import EtlError
from etl.extract import Extract, article_ref
from etl.gazetteer import Gazetteer
from etl.paths import REFERENCE_DIR
from etl.reference import FILES

MIN_FALLBACK_SCORE = 2  # an article date that matches no reference date needs this much other evidence


def date_range(date: str, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "day":
        d = dt.date.fromisoformat(date)
        return d, d
    if precision == "month":
        start = dt.date.fromisoformat(date + "-01")
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)


def cities_table(extracts: list[Extract], ref: dict, gazetteer: Gazetteer) -> pd.DataFrame:
    """The excluded cities (listed in the article) and the 2017 participants (reference), with coordinates."""
    rows = []
    seen = set()
    participants = {(r.city, r.state) for r in ref["psp_sites"].itertuples()}
    for ex in extracts:
        for p in ex.places:
            if p.sentence_id not in ex.list_sentence_ids or p.place.city_id in seen:
                continue
            seen.add(p.place.city_id)
            rows.append(
                {
                    "city_id": p.place.city_id,
                    "name": p.place.name,
                    "state": p.place.state,
                    "status": "participant" if (p.place.name, p.place.state) in participants else "excluded",
                    "psp_site_type": None,
                    "lat": p.place.lat,
                    "lon": p.place.lon,
                    "population": p.place.population,
                    "population_source": gazetteer.source,
                    "geonameid": p.place.geonameid,
                    "source_kind": "article",
                    "source": article_ref(ex.article.article_id, p.sentence_id),
                    "article_id": ex.article.article_id,
                    "sentence_id": p.sentence_id,
                    "start": p.city.start,
                    "end": p.city.end,
                    "surface": p.city.surface,
                    "confidence": "confirmed",
                }
            )
    overrides = {(r.city, r.state): r for r in ref["place_overrides"].itertuples()}
    for site in ref["psp_sites"].itertuples():
        place = gazetteer.resolve(site.city, site.state)
        if place is None:
            raise EtlError(
                f"cannot resolve the participant “{site.city}, {site.state}” in the gazetteer",
                REFERENCE_DIR / FILES["psp_sites"].name,
            )
        if place.city_id in seen:
            row = next(r for r in rows if r["city_id"] == place.city_id)
            row.update(status="participant", psp_site_type=site.site_type)
            continue
        seen.add(place.city_id)
        rows.append(
            {
                "city_id": place.city_id,
                "name": place.name,
                "state": place.state,
                "status": "participant",
                "psp_site_type": site.site_type,
                "lat": place.lat,
                "lon": place.lon,
                "population": place.population,
                "population_source": gazetteer.source,
                "geonameid": place.geonameid,
                "source_kind": "reference",
                "source": site.source,
                "article_id": None,
                "sentence_id": None,
                "start": None,
                "end": None,
                "surface": None,
                "confidence": site.confidence,
            }
        )
    for row in rows:
        o = overrides.get((row["name"], row["state"]))
        if o is not None:
            row.update(
                lat=float(o.lat),
                lon=float(o.lon),
                population_source=row["population_source"] + f"; coordinates corrected by hand ({o.source})",
            )
    frame = pd.DataFrame(rows)
    frame["x_km"], frame["y_km"] = geo.project(frame["lon"], frame["lat"])
    return frame


@dataclass
class EventLink:
    """An article date tied to a reference event (or to none)."""

    date_index: int
    event_id: str | None
    how: str  # window | fallback | none | expected


def _score(row, entities: set[str], sentence: str) -> int:
    wanted = {e for e in row.match_entities.split("|") if e}
    lower = sentence.lower()
    cues = sum(1 for c in row.cues.split("|") if c and c.lower() in lower)
    return len(wanted & entities) + cues


def link_dates(ex: Extract, ref: dict) -> list[EventLink]:
    """Match each article date to the reference event it speaks of.

    First the events inside the date's window (same day, or same month for "in June"), best entity and cue
    score first; when none is there, the best-scoring event of the story period, if the evidence is strong enough.
    Dates after the as-of date (a photo caption) are no events.
    """
    events = ref["events"]
    links = []
    for i, d in enumerate(ex.dates):
        sid = ex.sentence_at(d.start)
        sentence = ex.sentences[ex.sentence_ids.index(sid)].surface
        entities = ex.entities_in(sid)
        if d.precision == "after":
            links.append(EventLink(i, None, "expected"))
            continue
        if d.date_start > ex.article.as_of:
            links.append(EventLink(i, None, "none"))
            continue
        scored = []
        for row in events.itertuples():
            lo, hi = date_range(row.date, row.date_precision)
            inside = lo <= (d.date_end or d.date_start) and d.date_start <= hi
            distance = abs((lo - d.date_start).days)
            scored.append((inside, _score(row, entities, sentence), -distance, row.event_id, row.phase))
        window = sorted((s for s in scored if s[0]), key=lambda s: (s[1], s[2]), reverse=True)
        if window and (window[0][1] > 0 or len(window) == 1):
            links.append(EventLink(i, window[0][3], "window"))
            continue
        fallback = sorted((s for s in scored if s[4] == "story"), key=lambda s: (s[1], s[2]), reverse=True)
        if fallback and fallback[0][1] >= MIN_FALLBACK_SCORE:
            links.append(EventLink(i, fallback[0][3], "fallback"))
        else:
            links.append(EventLink(i, None, "none"))
    return links


def expected_outcome(ex: Extract, date_index: int, ref: dict) -> tuple[pd.Series, str] | None:
    """An expected vote ("after the August recess") and the recorded vote that answered it, with its event id."""
    d = ex.dates[date_index]
    entities = ex.entities_in(ex.sentence_at(d.start))
    votes = ref["votes"]
    later = votes[votes["nominee"].isin(entities) & (votes["date"] >= d.date_start.isoformat())]
    if later.empty:
        return None
    vote = later.sort_values("date").iloc[0]
    ev = ref["events"][ref["events"]["vote_id"] == vote["vote_id"]]
    return vote, (ev["event_id"].iloc[0] if len(ev) else "")
