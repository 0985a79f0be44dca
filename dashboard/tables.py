"""Tables as readers see them, by id: which rows and columns of ``data/`` each page shows. Shared by the app
and the static site (one definition each); pure pandas, no Streamlit."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.fmt import day, when
from dashboard.words import say

Loader = Callable[[str], pd.DataFrame]


def article_vote(votes: pd.DataFrame) -> pd.Series:
    """The vote the article reports (the one with positions to draw)."""
    reported = votes[votes["in_article"]]
    return (reported if len(reported) else votes).sort_values("date").iloc[0]


def article_positions(load: Loader) -> pd.DataFrame:
    """Every senator's position on the article's vote."""
    positions = load("vote_positions")
    return positions[positions["vote_id"] == article_vote(load("votes"))["vote_id"]]


def newest_first(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, the newest (by as-of date) first; ties by id, so the order never depends on the file order."""
    return articles.sort_values(["as_of", "article_id"], ascending=[False, True])


def article(articles: pd.DataFrame, article_id: str | None = None) -> pd.Series:
    """One article's row: the one asked for, or the newest."""
    ordered = newest_first(articles)
    chosen = ordered[ordered["article_id"] == article_id]
    return (chosen if len(chosen) else ordered).iloc[0]


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> what a picker shows: the as-of date and the headline, newest first."""
    ordered = newest_first(articles)
    return {r.article_id: say("pickers.article-label", as_of=day(r.as_of), title=r.title) for r in ordered.itertuples()}


def facts(load: Loader, article_id: str | None = None) -> dict[str, object]:
    """The numbers and names the pages' words are filled with (``{nominee}``, ``{yea}``...), from the tables;
    ``{article_title}`` is the chosen article's headline (the newest when none is chosen)."""
    vote = article_vote(load("votes"))
    status = load("cities")["status"]
    return {
        "article_title": str(article(load("articles"), article_id)["title"]),
        "nominee": vote["nominee_name"],
        "yea": vote["yea"],
        "nay": vote["nay"],
        "tally": vote["article_tally"],
        "vote_id": vote["vote_id"],
        "n_excluded": int((status == "excluded").sum()),
        "n_participants": int((status == "participant").sum()),
    }


SentenceKey = tuple[str, str]  # (article_id, sentence_id): sentence ids restart at s001 in every article


def span_words(load: Loader, source: str) -> str | None:
    """A source that is a sentence of an article ("article:<id>#s007"), in a reader's words: the article (by its
    headline when there are several) and the paragraph the sentence is in. None for any other source."""
    sentences = load("sentences")
    found = sentences[sentences["source"] == source]
    if found.empty:
        return None
    sentence = found.iloc[0]
    articles = load("articles")
    if len(articles) == 1:
        return say("sources.article-span", paragraph=int(sentence["paragraph"]))
    title = article(articles, sentence["article_id"])["title"]
    return say("sources.article-span-titled", title=title, paragraph=int(sentence["paragraph"]))


def sentence_text(sentences: pd.DataFrame) -> dict[SentenceKey, str]:
    return dict(
        zip(zip(sentences["article_id"], sentences["sentence_id"], strict=True), sentences["text"], strict=True)
    )


def coverage(load: Loader) -> pd.DataFrame:
    """Every mention of a reference fact (``claims``) and of an entity (``mentions``), one row each, with its
    article's headline and as-of date: ``ref_id`` is the event, vote, city or entity id. Newest article first,
    then in reading order."""
    claims = load("claims")
    claims = claims[claims["kind"] != "city_count"]  # a count of cities names no event: its ref_id is the role's
    claims = claims[["ref_id", "kind", "article_id", "sentence_id", "start", "surface"]]
    mentions = load("mentions").rename(columns={"entity_id": "ref_id"}).assign(kind="entity")[claims.columns]
    articles = load("articles")[["article_id", "title", "as_of"]]
    rows = pd.concat([claims, mentions], ignore_index=True).merge(articles, on="article_id", how="left")
    return rows.sort_values(["as_of", "article_id", "start"], ascending=[False, True, True], ignore_index=True)


def mentions_of(cover: pd.DataFrame, ref_id: str) -> pd.DataFrame:
    """The mentions of one fact or entity, newest article first; a fact named as a claim and as an entity (a
    city) is listed once per span."""
    rows = cover[cover["ref_id"] == ref_id]
    return rows.drop_duplicates(["article_id", "start"])


def mention_lines(cover: pd.DataFrame, ref_id: str) -> list[str]:
    """One line per mention: the article's as-of date and headline, the sentence, the words as written (plain
    text)."""
    return [
        say("blocks.mention-line", as_of=day(r.as_of), title=r.title, sentence_id=r.sentence_id, surface=r.surface)
        for r in mentions_of(cover, ref_id).itertuples()
    ]


def n_articles(cover: pd.DataFrame, ids: pd.Series) -> list[int]:
    """How many articles mention each id."""
    counts = cover.groupby("ref_id")["article_id"].nunique()
    return [int(counts.get(i, 0)) for i in ids]


def status_label(status: str) -> str:
    """A city's status in the article's words (the code stays in the Parquet)."""
    return say(f"charts.map.status-{status}")


def cities(load: Loader, show: str = "all") -> pd.DataFrame:
    rows = load("cities")
    if show != "all":
        rows = rows[(rows["status"] == show) | (rows["psp_site_type"] == show)]
    text = sentence_text(load("sentences"))
    keys = zip(rows["article_id"], rows["sentence_id"], strict=True)
    return (
        rows.assign(article_sentence=[text.get(k) for k in keys], articles=n_articles(coverage(load), rows["city_id"]))
        .sort_values(["status", "name"])
        .assign(status=lambda f: f["status"].map(status_label))[
            [
                "name",
                "state",
                "status",
                "psp_site_type",
                "population",
                "population_source",
                "lat",
                "lon",
                "source",
                "articles",
                "article_id",
                "article_sentence",
            ]
        ]
    )


def events(load: Loader) -> pd.DataFrame:
    frame = load("events")
    return frame.assign(
        when=[when(r) for _, r in frame.iterrows()], articles=n_articles(coverage(load), frame["event_id"])
    )[
        [
            "when",
            "title",
            "category",
            "in_article",
            "articles",
            "surface",
            "article_id",
            "sentence_id",
            "status",
            "phase",
            "source",
            "confidence",
        ]
    ]


def figure_sentences(load: Loader, article: str | None = None) -> pd.DataFrame:
    """Every figure next to its sentence; only the chosen article's when one is chosen."""
    shown = load("figures").merge(
        load("sentences")[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"]
    )
    if article is not None:
        shown = shown[shown["article_id"] == article]
    return shown[["surface", "kind", "value", "unit", "method", "article_id", "sentence_id", "text"]]


def changes(by_table: dict[str, dict[str, int]]) -> pd.DataFrame:
    """What the last refresh did, one row per table (``.last-refresh.json``), tables it touched first."""
    rows = pd.DataFrame(
        [{"table": t, **{k: c.get(k, 0) for k in ("added", "removed", "changed")}} for t, c in by_table.items()],
        columns=["table", "added", "removed", "changed"],
    )
    touched = rows[["added", "removed", "changed"]].sum(axis=1) > 0
    return pd.concat([rows[touched], rows[~touched]], ignore_index=True)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def quality(load: Loader) -> pd.DataFrame:
    """Errors first, then reviewed warnings, then agreements and open questions."""
    dq = load("data_quality")
    ordered = dq.assign(_o=dq["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "kind", "check_id"])
    return ordered[["severity", "kind", "surface", "message", "resolution", "article_id", "sentence_id", "source"]]


REVIEWED = "warning"  # a data-quality row a correction turned from an error into a warning
OPEN_QUESTION = "reference_"  # data-quality kinds copied from the reference's open questions start with this


def open_questions(load: Loader) -> pd.DataFrame:
    """What the reference leaves unconfirmed or disputed (``open_questions.csv``, copied to ``data_quality``)."""
    dq = load("data_quality")
    return dq[dq["kind"].str.startswith(OPEN_QUESTION)].sort_values("check_id")


def corrections(load: Loader) -> pd.DataFrame:
    """The article's reviewed anomalies (``corrections.csv``): warnings that are not open questions."""
    dq = load("data_quality")
    reviewed = dq[(dq["severity"] == REVIEWED) & ~dq["kind"].str.startswith(OPEN_QUESTION)]
    return reviewed.sort_values(["article_id", "start", "kind"])


def positions(load: Loader, found: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = article_positions(load) if found is None else found
    return rows[["senator", "party", "state", "position", "derived", "source"]]


VIEWS: dict[str, Callable[..., pd.DataFrame]] = {
    "cities": cities,
    "events": events,
    "figures": figure_sentences,
    "quality": quality,
    "positions": positions,
}

ENTITY_COLUMNS = {"cities": "city_id", "votes": "nominee", "quotes": "speaker_entity_id"}


SHOWN_AS = {"cities": {"status": status_label}}  # table -> column -> how its codes are shown


def entity_rows(entity_id: str, load: Loader) -> dict[str, pd.DataFrame]:
    """Rows of the other tables that name an entity (a city's row, a nominee's vote, a speaker's quote), each
    code a reader would not know shown in the words the other views use (a city's status)."""
    out = {}
    for table, column in ENTITY_COLUMNS.items():
        frame = load(table)
        rows = frame[frame[column] == entity_id]
        if len(rows):
            out[table] = rows.assign(**{c: rows[c].map(f) for c, f in SHOWN_AS.get(table, {}).items()})
    return out
