"""Stage 6, corroborate: which articles are one report, and which of their cities' roles reach the map.

One report never changes the map by itself. A city's role goes on the map, and so into the metrics and the counts,
only when our cited records hold it (the role's reference event names the city in ``events.csv``'s
``match_entities``; the participants are ``psp_sites_2017.csv``) or when two independent reports claim it. Papers
that ran the same wire story are one report: a sidecar's ``copy_of`` says so, and so do articles that share
``SHARED_SENTENCES`` sentences word for word. Any other role stays that report's claim (``claims``), with a
``one_report_role`` row in ``data_quality`` for the desk; it is never drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # etl.assemble imports pandas: `etl add` uses this module's rule without it
    from etl.assemble import Article

SHARED_SENTENCES = 3  # sentences two articles share word for word that make them one report (a wire story)
MIN_WORDS = 8  # a sentence shorter than this (a dateline, "Sessions said.") says nothing about who wrote it
REPORTS_NEEDED = 2  # independent reports that put a role the records do not hold on the map


@dataclass(frozen=True)
class Standing:
    """What the articles together say of one city's role, and whether the map may show it."""

    city_id: str
    status: str
    recorded: bool  # our cited records hold this role for this city
    reports: tuple[str, ...]  # the reports (each named by its first article) that claim it
    desk: bool = False  # the desk confirmed one report's role (etl/review.py)

    @property
    def on_map(self) -> bool:
        return self.recorded or self.desk or len(self.reports) >= REPORTS_NEEDED


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def reports(articles: list[Article]) -> dict[str, str]:
    """article_id -> the id of its report: the first article, in name order, of the articles that are copies of
    one another."""
    parent = {a.id: a.id for a in articles}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: str, y: str) -> None:
        rx, ry = sorted((root(x), root(y)))
        parent[ry] = rx

    for a in articles:
        copy_of = a.reading.article.copy_of
        if copy_of in parent:
            join(a.id, copy_of)
    sentences = {
        a.id: {_words(s.surface) for s in a.reading.sentences if len(s.surface.split()) >= MIN_WORDS} for a in articles
    }
    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            if len(sentences[a.id] & sentences[b.id]) >= SHARED_SENTENCES:
                join(a.id, b.id)
    return {a.id: root(a.id) for a in articles}


def standings(
    articles: list[Article],
    recorded: dict[str, set[str]],
    confirmed: Iterable[tuple[str, str]] = (),
    report_of: dict[str, str] | None = None,
) -> dict[tuple[str, str], Standing]:
    """(city_id, status) -> its standing, for every role an article claims for a city it resolved.
    ``recorded`` is status -> the city ids our cited records hold in that role; ``confirmed`` the (city_id, status)
    pairs the desk confirmed; ``report_of`` the articles' reports (``reports``), when already known."""
    confirmed = set(confirmed)
    report_of = report_of if report_of is not None else reports(articles)
    claimed: dict[tuple[str, str], set[str]] = {}
    for a in articles:
        for c in a.story.claims:
            if c.place.gazetteer is not None:
                claimed.setdefault((c.place.gazetteer.city_id, c.role.status), set()).add(report_of[a.id])
    return {
        key: Standing(key[0], key[1], key[0] in recorded.get(key[1], set()), tuple(sorted(rs)), key in confirmed)
        for key, rs in sorted(claimed.items())
    }


def recorded_cities(event_entities: dict[str, Iterable[str]], city_ids: set[str]) -> dict[str, set[str]]:
    """status -> the cities our cited records hold in it: the cities the role's reference event names."""
    return {status: set(ids) & city_ids for status, ids in event_entities.items()}
