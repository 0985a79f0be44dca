"""The data contract: every table of ``data/``, declared once.

Each table is declared once: its columns (type, nullability, allowed values, bounds, a one-line meaning), its
key, and its sort order. The same declarations drive the ETL's validation (``etl.schema``), the Arrow schema of
every Parquet file, the fields of ``datapackage.json``, the README's data dictionary (a test checks the README
against them) and what the dashboard expects to read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyarrow is imported where a schema is made: reading the declarations needs no Arrow
    import pyarrow as pa

SCHEMA_VERSION = "2.0"

# Timeline lanes, top to bottom: the one list of event categories (reference files, tables and charts use it).
EVENT_CATEGORIES = ("psp", "immigration", "legislation", "nlrb", "doj")
# What a recorded vote decided: a nomination's confirmation, or cloture (the procedural vote to end its debate, held
# before the confirmation). Only a confirmation has per-senator positions drawn.
VOTE_MOTIONS = ("confirmation", "cloture")


@functools.cache
def arrow_type(kind: str) -> pa.DataType:
    """The Arrow type of a declared column type (string, int, float, bool, float_list)."""
    import pyarrow as pa

    return {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "float_list": pa.list_(pa.float64()),
    }[kind]


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # string | int | float | bool | float_list
    doc: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None
    lo: float | None = None
    hi: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    key: tuple[str, ...]
    cols: tuple[Col, ...]
    sort: tuple[str, ...] = ()
    span_of: str | None = None  # the column a [start, end) article span must reproduce

    @property
    def columns(self) -> list[str]:
        return [c.name for c in self.cols]

    def arrow_schema(self) -> pa.Schema:
        import pyarrow as pa

        return pa.schema(
            [pa.field(c.name, arrow_type(c.type), nullable=c.nullable) for c in self.cols],
            metadata={b"schema_version": SCHEMA_VERSION.encode(), b"table": self.name.encode()},
        )


S, I, F, B = "string", "int", "float", "bool"  # noqa: E741 - short names keep the declarations readable
SEVERITIES = ("info", "warning", "error")
# How firm a fact is: confirmed (stated directly by the cited source), derived (worked out from confirmed facts by a
# stated method), medium (stated only by a copy or mirror of a source, never by the source itself) or inferred
# (worked out by this project's reader from an article's words, such as "after the August recess").
CONFIDENCE = ("confirmed", "derived", "medium", "inferred")
# How the reader found a mention (mentions.match): a reference alias, a title before the name, a surname once the
# person is named, a senator of the roll call, a name beside a speech verb or a role, a city with its state, a
# dateline, a city named bare once the scene is set, a bare list of cities, a misspelt city, or a place the
# gazetteer does not list.
MENTION_METHODS = (
    "alias",
    "title",
    "surname",
    "senator",
    "name",
    "place",
    "dateline",
    "bare",
    "list",
    "fuzzy",
    "unresolved",
)
# How a claim was read (``claims.method``): for a city or a count of cities, the story's rule (``etl.story``: a key
# of the lexicon's [methods]; ``desk`` when an editor set the role); for a date, how the resolve stage tied it to its
# event (``etl.resolve.EventLink.how``); for a tally, how it was tied to its vote (``etl.resolve.TallyLink.how``).
CLAIM_METHODS = (
    *("in_sentence", "in_clause", "list_introduced", "list_counted_before", "split_list", "list_follows"),
    *(
        "list_refers_to_named",
        "list_refers_back",
        "as_many_as",
        "program_sites",
        "launch_count",
        "dated_count",
        "same_as",
    ),
    *("just_before", "refers_back_after", "same_number", "desk"),
    *("window", "evidence", "paragraph", "expected"),
    *("nominee", "date", "previous"),
)
# Who published a cited page: official (a government page), press, copy (a copy of an official page on another
# site), mirror (a mirror of Wikipedia), reference (Wikipedia itself, standards, Wikimedia, GitHub data), blog.
SOURCE_KINDS = ("official", "press", "copy", "mirror", "reference", "blog")
# The kinds of page that let a fact about the story reach a chart: a fact needs at least one source of these kinds, or
# an article that states it. A copy, a mirror, a reference work, a blog, a listing or a tag page alone keeps it off.
CHARTED_KINDS = ("official", "press")
SOURCE_DOC = "where the row comes from: article:<article_id>#<sentence_id>, or a URL"


def article_source(article_id: str, sentence_id: str) -> str:
    """The source of a row that comes from an article: ``article:<id>#<sentence>``."""
    return f"article:{article_id}#{sentence_id}"


def _span_cols(nullable: bool = False) -> tuple[Col, ...]:
    return (
        Col("start", I, "first character of the span in articles.text (0-based)", nullable, lo=0),
        Col("end", I, "one past the last character of the span", nullable, lo=0),
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "articles",
            "One row per seed article, with its text (all spans index this text).",
            ("article_id",),
            (
                Col("article_id", S, "file name of the seed without .txt"),
                Col("title", S, "the first line of the article (its headline)"),
                Col("as_of", S, "ISO date the relative dates are resolved against (from the sidecar)"),
                Col("as_of_method", S, "how the as-of date was inferred (from the sidecar)"),
                Col(
                    "as_of_inferred",
                    B,
                    "true when the as-of date is inferred, not printed in the article (the sidecar's as_of_printed "
                    "is false or absent)",
                ),
                Col("publisher", S, "publisher, empty when the seed does not say", nullable=True),
                Col(
                    "report_id",
                    S,
                    "the report it is part of: the first article (by file name) of the articles that run one wire "
                    "story (a sidecar's copy_of, or three sentences shared word for word); its own id otherwise",
                ),
                Col("sha256", S, "SHA-256 of the seed file's bytes"),
                Col("n_words", I, "number of whitespace-separated words", lo=1),
                Col("n_chars", I, "number of characters in text", lo=1),
                Col("path", S, "seed path relative to the repository"),
                Col("text", S, "the article text (BOM removed, line endings normalised to \\n)"),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("article_id",),
        ),
        Table(
            "sentences",
            "Sentences of each article with character offsets.",
            ("article_id", "sentence_id"),
            (
                Col("article_id", S, "article the sentence belongs to"),
                Col("sentence_id", S, "s001, s002, ... in reading order"),
                *_span_cols(),
                Col("text", S, "the sentence as written"),
                Col("paragraph", I, "1-based paragraph (line) number", lo=1),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("article_id", "start"),
            span_of="text",
        ),
        Table(
            "entities",
            "Canonical entities: the reference's people and organisations, senators, cities, states, and the people "
            "and places articles name that the reference does not hold.",
            ("entity_id",),
            (
                Col("entity_id", S, "stable slug, e.g. jeff-sessions, baltimore-md, state-md, patty-murray"),
                Col("name", S, "canonical name"),
                Col(
                    "type",
                    S,
                    "kind of entity",
                    allowed=(
                        "person",
                        "organization",
                        "city",
                        "state",
                        "district",
                        "program",
                        "legislation",
                        "policy",
                        "publication",
                    ),
                ),
                Col("aliases", S, "names it goes by, separated by |"),
                Col("n_mentions", I, "mentions in the articles", lo=0),
                Col(
                    "resolved",
                    B,
                    "false for a person or place an article names that the reference (or the gazetteer) does not hold",
                ),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("type", "entity_id"),
        ),
        Table(
            "mentions",
            "Every place an entity is named in an article.",
            ("mention_id",),
            (
                Col("mention_id", S, "<article_id>-m<start>"),
                Col("entity_id", S, "the entity named"),
                Col("article_id", S, "article"),
                Col("sentence_id", S, "sentence"),
                *_span_cols(),
                Col("surface", S, "the words as written"),
                Col("match", S, "how the reader found it", allowed=MENTION_METHODS),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("article_id", "start", "end"),
            span_of="surface",
        ),
        Table(
            "cities",
            "The cities an article says will not be considered until they agree to step up assistance to ICE "
            "(status excluded) and the 2017 PSP participants (reference).",
            ("city_id",),
            (
                Col("city_id", S, "slug of name and state, e.g. san-bernardino-ca"),
                Col("name", S, "GeoNames name"),
                Col("state", S, "USPS state code"),
                Col(
                    "status",
                    S,
                    "excluded: an article ties it to the decision not to consider it until it agrees to step up "
                    "assistance to ICE; participant: a 2017 PSP site in the reference",
                    allowed=("excluded", "participant"),
                ),
                Col(
                    "psp_site_type",
                    S,
                    "2017 PSP site type; empty for excluded cities",
                    True,
                    allowed=("operations", "diagnostic"),
                ),
                Col("lat", F, "latitude, degrees (GeoNames)", lo=-90, hi=90),
                Col("lon", F, "longitude, degrees (GeoNames)", lo=-180, hi=180),
                Col("x_km", F, "map x, km, EPSG:5070"),
                Col("y_km", F, "map y, km, EPSG:5070"),
                Col("population", I, "GeoNames population (not a Census Vintage 2016 estimate)", lo=0),
                Col("population_source", S, "gazetteer, package version and vintage note"),
                Col("geonameid", I, "GeoNames id", lo=1),
                Col("source_kind", S, "article or reference", allowed=("article", "reference")),
                Col("source", S, SOURCE_DOC),
                Col("article_id", S, "article that names it (excluded cities)", True),
                Col("sentence_id", S, "sentence that names it (excluded cities)", True),
                *_span_cols(True),
                Col("surface", S, "the name as written (excluded cities)", True),
                Col("confidence", S, "how firm the row is", allowed=CONFIDENCE),
            ),
            sort=("status", "state", "name"),
            span_of="surface",
        ),
        Table(
            "figures",
            "Numbers and dates as written in the article, resolved.",
            ("figure_id",),
            (
                Col("figure_id", S, "<article_id>-f<start>"),
                Col("article_id", S, "article"),
                Col("kind", S, "what the figure is", allowed=("count", "vote_tally", "date", "date_expected")),
                Col("value", S, "resolved value: 4, 50-48, 2017-08-03, 2017-06; empty when open-ended", True),
                Col("value_num", F, "numeric value for counts", True),
                Col("unit", S, "counted noun (city, nomination), votes, or the date precision (day, month, after)"),
                Col("surface", S, "the words as written"),
                Col("sentence_id", S, "sentence"),
                *_span_cols(),
                Col("method", S, "how the words were resolved"),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("article_id", "start"),
            span_of="surface",
        ),
        Table(
            "events",
            "Policy timeline: article events matched to cited reference events, plus context and outcomes.",
            ("event_id",),
            (
                Col("event_id", S, "reference event id, or art-<article>-<sentence> for article-only events"),
                Col("date", S, "ISO date at its precision (2017-08-03, 2017-06, 2018); empty when only expected", True),
                Col(
                    "date_precision",
                    S,
                    "day, month or year; empty when only expected",
                    True,
                    allowed=("day", "month", "year"),
                ),
                Col("date_start", S, "first ISO day the date can mean (for drawing)"),
                Col("date_end", S, "last ISO day it can mean; empty when open-ended", True),
                Col("title", S, "what happened"),
                Col("category", S, "timeline lane", allowed=EVENT_CATEGORIES),
                Col(
                    "phase",
                    S,
                    "story: on or before the as-of date (the period the article covers); after: past the as-of "
                    "date; later: a long-run outcome, drawn after a break",
                    allowed=("story", "after", "later"),
                ),
                Col("in_article", B, "the article mentions it"),
                Col("surface", S, "the words as written, when in the article", True),
                Col("article_date", S, "the date as the article gives it, resolved", True),
                Col("resolution", S, "how the article's words were resolved", True),
                Col("article_id", S, "article", True),
                Col("sentence_id", S, "sentence", True),
                *_span_cols(True),
                Col("status", S, "happened or expected", allowed=("happened", "expected")),
                Col("outcome_event_id", S, "for an expected event: the event that answered it", True),
                Col("source", S, SOURCE_DOC),
                Col(
                    "confidence", S, "how firm the row is; inferred for an article's expected event", allowed=CONFIDENCE
                ),
                Col("note", S, "caveats from the reference", True),
                Col(
                    "charted",
                    B,
                    "true when an official page or a news outlet it cites, or an article, states it; false events "
                    "stay off the charts, and the data_quality table says why",
                ),
            ),
            sort=("date_start", "event_id"),
            span_of="surface",
        ),
        Table(
            "votes",
            "Recorded Senate votes the story turns on.",
            ("vote_id",),
            (
                Col("vote_id", S, "chamber-date-nominee"),
                Col("chamber", S, "Senate"),
                Col("date", S, "ISO date"),
                Col("question", S, "what was voted on"),
                Col("motion", S, "what the vote decided", allowed=VOTE_MOTIONS),
                Col("nominee", S, "entity id of the nominee"),
                Col("nominee_name", S, "nominee's name"),
                Col("yea", I, "yea votes", lo=0, hi=100),
                Col("nay", I, "nay votes", lo=0, hi=100),
                Col("not_voting", I, "senators not voting (empty where unconfirmed)", True, lo=0, hi=100),
                Col("result", S, "outcome"),
                Col("in_article", B, "the article reports this vote"),
                Col("article_tally", S, "the tally as the article writes it", True),
                Col("source", S, SOURCE_DOC),
                Col("confidence", S, "how firm the row is", allowed=CONFIDENCE),
                Col("note", S, "caveats", True),
            ),
            sort=("date",),
        ),
        Table(
            "vote_positions",
            "How each senator voted; derived rows are inferred, not copied from the roll call.",
            ("vote_id", "senator", "state"),
            (
                Col("vote_id", S, "vote"),
                Col("senator", S, "name"),
                Col("state", S, "USPS state code"),
                Col("party", S, "R, D or I", allowed=("R", "D", "I")),
                Col("position", S, "the vote cast", allowed=("Yea", "Nay", "Not Voting", "Present")),
                Col("source", S, "the source for the vote's party-line record and the senators not voting"),
                Col("roster_source", S, "the source for the roster of the senators in office that day"),
                Col(
                    "derived",
                    B,
                    "true when worked out by a stated method (the method is on the Sources page), not copied from "
                    "the official roll call",
                ),
            ),
            sort=("vote_id", "state", "senator"),
        ),
        Table(
            "quotes",
            "Quotations in the article and who said them.",
            ("quote_id",),
            (
                Col("quote_id", S, "<article_id>-q<start>"),
                Col("article_id", S, "article"),
                Col("speaker_entity_id", S, "entity id of the speaker", True),
                Col("text", S, "the quoted words"),
                Col("sentence_id", S, "sentence"),
                *_span_cols(),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("article_id", "start"),
            span_of="text",
        ),
        Table(
            "claims",
            "What each article says about a fact of the story, one row per mention: an event it dates or expects, "
            "a vote whose tally it gives, a city it ties to a role, and how many cities have that role. A fact "
            "several articles name has a row for each.",
            ("claim_id",),
            (
                Col("claim_id", S, "<article_id>-c<start>"),
                Col("kind", S, "what the claim is about", allowed=("event", "expected", "vote", "city", "city_count")),
                Col(
                    "ref_id",
                    S,
                    "what it ties to: an events.event_id (event, expected; for a city_count, the event whose cities "
                    "it counts), a votes.vote_id or a cities.city_id",
                ),
                Col(
                    "value",
                    S,
                    "what the article says: a resolved date (for an expected event, the first day it can be), a tally, "
                    "a city's status (excluded or participant), or a number",
                ),
                Col("article_id", S, "article"),
                Col("sentence_id", S, "sentence"),
                *_span_cols(),
                Col("surface", S, "the words as written"),
                Col("method", S, "how the reader tied the words to the fact: a rule's code", allowed=CLAIM_METHODS),
                Col(
                    "basis",
                    S,
                    "the words the rule rests on: a role's cue phrase as the lexicon writes it, or a count's words; "
                    "empty when the rule names none",
                    True,
                ),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("kind", "ref_id", "article_id", "start"),
            span_of="surface",
        ),
        Table(
            "data_quality",
            "Every check: agreements (info), reviewed anomalies (warning), unreviewed ones (error), "
            "and what the reference leaves unconfirmed.",
            ("check_id",),
            (
                Col("check_id", S, "<kind>:<article_id>:<start>, or the reference question id"),
                Col("article_id", S, "article, empty for reference questions", True),
                Col("severity", S, "info, warning or error", allowed=SEVERITIES),
                Col("kind", S, "what was checked: a kind of contract/checks.toml, or reference_<topic>"),
                Col(
                    "variant",
                    S,
                    "which of the kind's templates in contract/checks.toml words it (open_question: the message "
                    "is the reference research's own words)",
                ),
                Col(
                    "fields", S, "what was found, as a JSON object (keys sorted) the variant's template is filled with"
                ),
                Col("message", S, "what was found, in words: the variant's template with the fields put in"),
                Col("sentence_id", S, "sentence, when it concerns the article", True),
                Col("surface", S, "the words concerned, as written", True),
                *_span_cols(True),
                Col("resolution", S, "what was done about it"),
                Col("source", S, SOURCE_DOC),
            ),
            sort=("severity", "check_id"),
            span_of="surface",
        ),
        Table(
            "sources",
            "Every page the reference files cite, once per reference file, with who published it and how firm "
            "the facts that rest on it are.",
            ("group", "url"),
            (
                Col("group", S, "the reference file it is cited in, without .csv (events, votes, psp_sites_2017, ...)"),
                Col("url", S, "the page cited"),
                Col("site", S, "who published the page, for a reader (from the source_sites reference file)"),
                Col("kind", S, "what kind of page it is (from the source_sites reference file)", allowed=SOURCE_KINDS),
                Col(
                    "copy_of",
                    S,
                    "for a copy, what it copies (from the source_sites reference file); empty for any other kind",
                    True,
                ),
                Col(
                    "confidence",
                    S,
                    "the confidence words of the rows that cite it, sorted, joined by “, ”; empty where the file "
                    "has no confidence column",
                    True,
                ),
                Col(
                    "cited_by", S, "the ids of the rows that cite it (key columns joined by /), sorted, joined by “ | ”"
                ),
                Col("n_rows", I, "how many rows of the file cite it", lo=1),
                Col("source", S, "the page itself (the same as url)"),
            ),
            sort=("group", "url"),
        ),
        Table(
            "state_shapes",
            "Lower-48 state outlines, projected and simplified, for the offline map.",
            ("state",),
            (
                Col("state", S, "USPS state code"),
                Col("name", S, "state name"),
                Col("x_km", "float_list", "outline x in km (EPSG:5070), rings separated by NaN"),
                Col("y_km", "float_list", "outline y in km (EPSG:5070), rings separated by NaN"),
                Col("source", S, "the Census Bureau's page for its cartographic boundary files"),
                Col("source_note", S, "the file, the package that ships it, and the projection"),
            ),
            sort=("state",),
        ),
    ]
}
