"""Stage 7, assemble: the reader's spans, their resolutions and the story's roles, laid out as the output tables'
rows.

One function per table (or per group of tables that come from the same pass). Every row says where it comes from:
an article sentence (``article:<id>#<sentence>``) or the reference row's URL. Nothing here reads text again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl import geo, schema
from etl.errors import EtlError
from etl.gazetteer import Gazetteer
from etl.paths import display
from etl.read import states
from etl.read.model import Reading
from etl.reference import FILES, Reference, charted_by, cited_files, cited_urls, site_of
from etl.resolve import EventLink, SpeakerLink, TallyLink, date_range
from etl.schema import article_source
from etl.story import Story


@dataclass
class Article:
    """One article, read and resolved: what every later stage is given (and never works out again)."""

    reading: Reading
    dates: list[EventLink]
    tallies: list[TallyLink]
    speakers: list[SpeakerLink]
    story: Story

    @property
    def id(self) -> str:
        return self.reading.article.article_id


def _spanned(rd: Reading, start: int, end: int, surface_col: str, surface: str) -> dict:
    """The columns every row from an article span shares: where it is, its words, and its sentence as source."""
    art = rd.article.article_id
    sid = rd.sentence_at(start)
    return {
        "article_id": art,
        "sentence_id": sid,
        "start": start,
        "end": end,
        surface_col: surface,
        "source": article_source(art, sid),
    }


def _article_row(rd: Reading, report_id: str) -> dict:
    a = rd.article
    return {
        "report_id": report_id,
        "article_id": a.article_id,
        "title": rd.sentences[0].surface,
        "as_of": a.as_of.isoformat(),
        "as_of_method": a.as_of_method,
        "as_of_inferred": a.as_of_inferred,
        "publisher": a.publisher or None,
        "sha256": a.sha256,
        "n_words": len(a.text.split()),
        "n_chars": len(a.text),
        "path": display(a.path),
        "text": a.text,
        "source": a.url or article_source(a.article_id, rd.sentence_ids[0]),
    }


def _sentence_rows(rd: Reading) -> list[dict]:
    return [{**_spanned(rd, s.start, s.end, "text", s.surface), "paragraph": s.paragraph} for s in rd.sentences]


def _mention_rows(rd: Reading) -> list[dict]:
    art = rd.article.article_id
    return [
        {
            "mention_id": f"{art}-m{m.start:06d}",
            "entity_id": m.entity_id,
            "match": m.method,
            **_spanned(rd, m.start, m.end, "surface", m.surface),
        }
        for m in rd.mentions
    ]


def _quote_rows(a: Article) -> list[dict]:
    art = a.id
    return [
        {
            "quote_id": f"{art}-q{link.quote.start:06d}",
            "speaker_entity_id": link.entity_id,
            **_spanned(a.reading, link.quote.start, link.quote.end, "text", link.quote.surface),
        }
        for link in a.speakers
    ]


def _figure(rd: Reading, span, kind: str, value, value_num, unit: str, method: str) -> dict:
    return {
        "figure_id": f"{rd.article.article_id}-f{span.start:06d}",
        "kind": kind,
        "value": value,
        "value_num": value_num,
        "unit": unit,
        "method": method,
        **_spanned(rd, span.start, span.end, "surface", span.surface),
    }


def _figure_rows(rd: Reading) -> list[dict]:
    """Counts, tallies and dates as written, with their resolved values."""
    counts = [_figure(rd, c, "count", str(c.value), float(c.value), c.unit, c.method) for c in rd.counts]
    tallies = [_figure(rd, t, "vote_tally", f"{t.yea}-{t.nay}", None, "votes", t.method) for t in rd.tallies]
    dates = [
        _figure(
            rd, d, "date_expected" if d.precision == "after" else "date", d.value or None, None, d.precision, d.method
        )
        for d in rd.dates
    ]
    return [*counts, *tallies, *dates]


def article_tables(a: Article, report_id: str) -> dict[str, list[dict]]:
    """The rows one article gives on its own: the article, its sentences, mentions, figures and quotes.
    ``report_id`` is the report it is part of (``etl.corroborate.reports``)."""
    rd = a.reading
    return {
        "articles": [_article_row(rd, report_id)],
        "sentences": _sentence_rows(rd),
        "mentions": _mention_rows(rd),
        "quotes": _quote_rows(a),
        "figures": _figure_rows(rd),
    }


def cities(articles: list[Article], ref: dict, gazetteer: Gazetteer, standing: dict) -> pd.DataFrame:
    """The cities the articles say will not be considered, and the 2017 participants (reference), with coordinates.
    A city an article names as a participant is the reference's row (the checks compare the two). A role only one
    report claims, and our cited records do not hold, is no row (``etl.corroborate``): it stays that report's claim.
    """
    rows: dict[str, dict] = {}
    participants = {(r.city, r.state) for r in ref["psp_sites"].itertuples()}
    for a in articles:
        for claim in a.story.claimed("excluded"):
            p = claim.place
            if p.gazetteer is None or p.gazetteer.city_id in rows:
                continue
            held = standing[(p.gazetteer.city_id, "excluded")]
            if not held.on_map:
                continue
            m = p.mention
            rows[p.gazetteer.city_id] = {
                **_place(p.gazetteer, gazetteer),
                "status": "participant" if (p.gazetteer.name, p.gazetteer.state) in participants else "excluded",
                "psp_site_type": None,
                "source_kind": "article",
                **_spanned(a.reading, m.start, m.end, "surface", m.surface),
                "confidence": "confirmed" if held.recorded else "medium",
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


def entities(articles: list[Article], mentions: pd.DataFrame, cities: pd.DataFrame, ref: dict) -> pd.DataFrame:
    """Reference entities, the cities, the states, the senators the articles name, and the people and places the
    articles name that the reference (or the gazetteer) does not hold (``resolved`` false)."""
    counts = mentions["entity_id"].value_counts().to_dict()

    def row(entity_id: str, name: str, type_: str, aliases: list[str], src: str, resolved: bool = True) -> dict:
        return {
            "entity_id": entity_id,
            "name": name,
            "type": type_,
            "aliases": "|".join(dict.fromkeys(aliases)),
            "n_mentions": counts.get(entity_id, 0),
            "resolved": resolved,
            "source": src,
        }

    def written(entity_id: str) -> list[str]:
        return mentions.loc[mentions["entity_id"] == entity_id, "surface"].unique().tolist()

    rows = [row(r.entity_id, r.name, r.type, r.aliases.split("|"), r.source) for r in ref["entities"].itertuples()]
    rows += [row(c.city_id, c.name, "city", [c.name, *written(c.city_id)], c.source) for c in cities.itertuples()]
    known = {r["entity_id"] for r in rows}
    first = mentions.drop_duplicates("entity_id").set_index("entity_id")
    senators = {}
    for vote_id, roll in ref["positions"].items():
        source = ref.by_id("votes", "vote_id")[vote_id].source
        for p in roll.itertuples():
            senators.setdefault(_slug(p.senator), (p.senator, getattr(p, "roster_url", "") or source))
    unresolved: dict[str, tuple[str, str]] = {}  # id -> (type, fullest name)
    for a in articles:
        for pid, name in a.reading.people.items():
            if len(name) > len(unresolved.get(pid, ("", ""))[1]):
                unresolved[pid] = ("person", name)
        for place in a.reading.places:
            if place.gazetteer is None:
                unresolved.setdefault(place.mention.entity_id, ("city", place.mention.surface))
    for eid in sorted(set(counts) - known):
        if eid.startswith("state-"):
            usps = eid.removeprefix("state-").upper()
            kind = "district" if states.district(usps) else "state"
            source = ref.by_id("datasets", "dataset_id")["us-states"].url
            rows.append(row(eid, states.name(usps), kind, [states.name(usps), *written(eid)], source))
        elif eid in senators:
            name, src = senators[eid]
            rows.append(row(eid, name, "person", [name, *written(eid)], src))
        elif eid in unresolved:
            kind, name = unresolved[eid]
            rows.append(row(eid, name, kind, [name, *written(eid)], first.loc[eid, "source"], resolved=False))
        else:  # a place named in passing ("Washington, DC"): a city entity, not one of the sixteen
            surfaces = written(eid)
            rows.append(row(eid, surfaces[0], "city", surfaces, first.loc[eid, "source"]))
    return schema.frame("entities", rows)


def _slug(text: str) -> str:
    from etl.gazetteer import slug

    return slug(text)


def phase(reference_phase: str | None, date_start: str, as_of: str) -> str:
    """story up to the as-of date; after it, ``after``; a long-run outcome the reference sets apart (phase
    ``later``; otherwise the reference leaves phase empty) stays ``later``."""
    if reference_phase == "later":
        return "later"
    return "after" if date_start > as_of else "story"


def _reference_event(r, as_of: str, ref: Reference) -> dict:
    """A reference event; charted when an official page or a news outlet it cites states it (an article that
    dates it charts it too, once linked)."""
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
        "charted": bool(charted_by(cited_urls(r._asdict(), FILES["events"]), ref)),
    }


def expected_event_id(rd: Reading, link: EventLink) -> str:
    """The id of the event an article expects ("after the August recess"): its article and sentence."""
    return f"art-{rd.article.article_id}-{rd.sentence_at(rd.dates[link.date_index].start)}"


def _article_event(rd: Reading, link: EventLink, as_of: str, spans: dict) -> dict:
    """An event the article expects ("after the August recess"), titled in the article's own words. Its date is
    this project's inference from those words, so its confidence is ``inferred``."""
    sid = spans["sentence_id"]
    start = rd.dates[link.date_index].date_start.isoformat()
    return {
        "event_id": expected_event_id(rd, link),
        "date_start": start,
        "title": rd.sentence(sid).surface,  # the article's own words, not a paraphrase
        "category": link.expected.category,
        "phase": phase(None, start, as_of),
        "in_article": True,
        "status": "expected",
        "outcome_event_id": link.expected.outcome_event_id,
        "source": article_source(rd.article.article_id, sid),
        "confidence": "inferred",
        "charted": True,  # the article itself is its source
        **spans,
    }


def _date_spans(rd: Reading, link: EventLink) -> dict:
    d = rd.dates[link.date_index]
    return {
        "article_id": rd.article.article_id,
        "sentence_id": rd.sentence_at(d.start),
        "start": d.start,
        "end": d.end,
        "surface": d.surface,
        "resolution": d.method,
        "article_date": d.value or None,
    }


def events(articles: list[Article], ref: dict) -> pd.DataFrame:
    """Reference events, each tied to the first article date that speaks of it, and the articles' expected
    events."""
    as_of = max((a.reading.article.as_of.isoformat() for a in articles), default="")
    rows = {r.event_id: _reference_event(r, as_of, ref) for r in ref["events"].itertuples()}
    for a in articles:
        for link in a.dates:
            if link.event_id is not None:
                row = rows[link.event_id]
                if not row["in_article"]:  # the article states it: a source that charts it
                    row.update(in_article=True, charted=True, **_date_spans(a.reading, link))
            elif link.how == "expected" and link.expected.category is not None:  # else no lane: a data-quality row
                row = _article_event(a.reading, link, as_of, _date_spans(a.reading, link))
                rows[row["event_id"]] = row
    return schema.frame("events", list(rows.values()))


def _vote_row(v, nominee_name: str, article_tally: str | None) -> dict:
    return {
        "vote_id": v.vote_id,
        "chamber": v.chamber,
        "date": v.date,
        "question": v.question,
        "motion": v.motion,
        "nominee": v.nominee,
        "nominee_name": nominee_name,
        "yea": int(v.yea),
        "nay": int(v.nay),
        "not_voting": int(v.not_voting) if v.not_voting else None,  # empty where who did not vote is unconfirmed
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
            "roster_source": p.roster_url,
            "derived": v.positions_derived == "true",
        }
        for p in roll.itertuples()
    ]


def votes(articles: list[Article], ref: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The recorded votes, each with the article's tally when an article reports it, and the per-senator roll."""
    names = ref["entities"].set_index("entity_id")["name"]
    reported: dict[str, str] = {}
    for a in articles:
        for link in a.tallies:
            if link.vote is not None:
                reported.setdefault(link.vote["vote_id"], link.tally.surface)
    rows, positions = [], []
    for v in ref["votes"].itertuples():
        rows.append(_vote_row(v, names[v.nominee], reported.get(v.vote_id)))
        roll = ref["positions"].get(v.vote_id)
        if roll is not None:
            positions += _roll(v, roll)
    return schema.frame("votes", rows), schema.frame("vote_positions", positions)


def _claim(rd: Reading, kind: str, ref_id: str, value: str, span, method: str, basis: str = "") -> dict:
    art = rd.article.article_id
    sid = rd.sentence_at(span.start)
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
        "method": method,
        "basis": basis or None,
        "source": article_source(art, sid),
    }


def claims(articles: list[Article]) -> pd.DataFrame:
    """Every statement an article makes about a fact of the story, so that facts named by several articles list
    every mention (and ``check.across_articles`` can compare them): an event it dates or expects, a vote whose
    tally it gives, a city it ties to a role, and how many cities have that role (tied to the role's event)."""
    rows = []
    for a in articles:
        rd = a.reading
        for link in a.dates:
            d = rd.dates[link.date_index]
            if link.event_id is not None:
                rows.append(_claim(rd, "event", link.event_id, d.value, d, link.how))
            elif link.how == "expected" and link.expected.category is not None:
                rows.append(_claim(rd, "expected", expected_event_id(rd, link), d.date_start.isoformat(), d, link.how))
        for link in a.tallies:
            if link.vote is not None:
                t = link.tally
                rows.append(_claim(rd, "vote", link.vote["vote_id"], f"{t.yea}-{t.nay}", t, link.how))
        for c in a.story.claims:
            city = c.place.gazetteer.city_id
            rows.append(_claim(rd, "city", city, c.role.status, c.place.mention, c.how.code, c.how.basis))
        for cr in a.story.counts:
            if cr.role is not None:
                value = str(cr.count.value)
                rows.append(_claim(rd, "city_count", cr.role.event, value, cr.count, cr.how.code, cr.how.basis))
    return schema.frame("claims", rows)


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
    out = []
    for (group, url), by_key in cites.items():
        site = site_of(url, ref)
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
