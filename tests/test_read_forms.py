"""Every form issue 32 lists, as other newsrooms write it, with the exact rows the reader must give.

Each text here is our own sentence in the style the form comes from. The reader (``etl.read``), the resolve stage
(``etl.resolve``) and the story layer (``etl.story``) run as a refresh runs them (``etl.build.understand``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.build import understand
from etl.gazetteer import Gazetteer
from etl.lexicon import load_lexicon
from etl.paths import REFERENCE_DIR
from etl.read.known import Known
from etl.read.pipeline import Reader
from etl.reference import load_reference
from etl.seed import Article


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def reader(ref):
    return Reader(Known.read(REFERENCE_DIR), Gazetteer(), load_lexicon())


@pytest.fixture(scope="module")
def read(reader, ref):
    def run(text: str, as_of: str = "2017-08-03"):
        article = Article(
            article_id="test",
            path=Path("test.txt"),
            sidecar=Path("test.toml"),
            text=text,
            sha256="",
            as_of=dt.date.fromisoformat(as_of),
            as_of_method="set by the test",
            as_of_inferred=False,
            as_of_event="",
            publisher="",
            url="",
        )
        return understand(reader.read(article), ref, reader.lexicon)

    return run


def cities(a) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entity_id, m.method) for m in a.reading.mentions if m.type == "city"]


def people(a) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entity_id, m.method) for m in a.reading.mentions if m.type == "person"]


def dates(a) -> list[tuple[str, str]]:
    return [(d.surface, d.value) for d in a.reading.dates]


def roles(a) -> list[tuple[str, str]]:
    return [(c.place.mention.surface, c.role.status) for c in a.story.claims]


def counts(a) -> list[tuple[str, int, str | None]]:
    return [(c.count.surface, c.count.value, c.role.status if c.role else None) for c in a.story.counts]


def sentences(a) -> list[str]:
    return [s.surface for s in a.reading.sentences]


# ---- places -------------------------------------------------------------------------------------------------


def test_ap_state_abbreviations_after_a_city(read):
    a = read("Headline\n\nOfficials in Stockton, Calif., Albuquerque, N.M., and Baton Rouge, La., were told.")
    assert cities(a) == [
        ("Stockton", "stockton-ca", "place"),
        ("Albuquerque", "albuquerque-nm", "place"),
        ("Baton Rouge", "baton-rouge-la", "place"),
    ]
    assert [(m.surface, m.entity_id) for m in a.reading.mentions if m.type == "state"] == [
        ("Calif.", "state-ca"),
        ("N.M.", "state-nm"),
        ("La.", "state-la"),
    ]


def test_full_state_names_in_running_text_and_a_semicolon_list(read):
    a = read("Headline\n\nThe letters went to Albuquerque, New Mexico; Baltimore, Maryland; and Stockton, California.")
    assert [c[:2] for c in cities(a)] == [
        ("Albuquerque", "albuquerque-nm"),
        ("Baltimore", "baltimore-md"),
        ("Stockton", "stockton-ca"),
    ]
    assert roles(a) == [("Albuquerque", "excluded"), ("Baltimore", "excluded"), ("Stockton", "excluded")]


def test_full_state_names_in_a_bullet_list_after_a_count(read):
    a = read(
        "Headline\n\nSessions would not consider four cities until they agree to step up assistance to ICE. "
        "The four cities:\n\n• Baltimore, Maryland\n\n• Albuquerque, New Mexico\n\n• San Bernardino, California\n\n"
        "• Stockton, California"
    )
    assert roles(a) == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]
    count, listed = next((c, c.listed) for c in a.story.counts if c.count.start > 100)
    assert (count.count.surface, len(listed.places)) == ("four cities", 4)  # the count and the list it introduces


def test_bare_names_and_a_state_after_the_list(read):
    a = read("Headline\n\nThe cities named were Baltimore, Albuquerque, and San Bernardino and Stockton in California.")
    assert [c[:2] for c in cities(a)] == [
        ("Baltimore", "baltimore-md"),  # large cities no other city of their name rivals: read bare
        ("Albuquerque", "albuquerque-nm"),
        ("San Bernardino", "san-bernardino-ca"),
        ("Stockton", "stockton-ca"),
    ]
    a = read("Headline\n\nOfficers came from Lodi and Tracy in California.")
    assert cities(a) == [("Lodi", "lodi-ca", "list"), ("Tracy", "tracy-ca", "list")]  # the state after the list


def test_bare_names_once_the_scene_is_set_and_a_misspelling(read):
    a = read(
        "Headline\n\nSessions wrote to San Bernardino, Calif. Officials in San Bernadino and Modesto were surprised."
    )
    assert cities(a) == [
        ("San Bernardino", "san-bernardino-ca", "place"),
        ("San Bernadino", "san-bernardino-ca", "fuzzy"),
        ("Modesto", "modesto-ca", "bare"),
    ]


def test_a_dateline_is_a_place_and_no_sentence_of_the_headline(read):
    a = read("Four cities told to help ICE\n\nALBUQUERQUE, N.M. (AP) — The city received the letter on Thursday.")
    assert sentences(a) == [
        "Four cities told to help ICE",
        "ALBUQUERQUE, N.M. (AP) —",
        "The city received the letter on Thursday.",
    ]
    assert [s.kind for s in a.reading.sentences] == ["headline", "dateline", "text"]
    assert cities(a) == [("ALBUQUERQUE", "albuquerque-nm", "dateline")]
    assert roles(a) == []  # a dateline names the place the story is told from: no role


def test_a_town_the_gazetteer_does_not_list_is_an_unresolved_mention(read):
    a = read("Headline\n\nThe sheriff of Chevy Chase, Md., said the county runs the jail.")
    (place,) = a.reading.places
    assert (place.mention.surface, place.mention.entity_id, place.mention.method, place.gazetteer) == (
        "Chevy Chase",
        "chevy-chase-md",
        "unresolved",
        None,
    )


def test_a_county_before_its_state_is_no_town(read):
    """A county is no unlisted town: "Lyon County, Nevada" gives its state, and no place for an editor to check."""
    a = read("Headline\n\nA letter found Lyon County, Nevada, in compliance, and Stockton, Calif., had to answer.")
    assert cities(a) == [("Stockton", "stockton-ca", "place")]
    assert [m.entity_id for m in a.reading.mentions if m.type == "state"] == ["state-nv", "state-ca"]


def test_a_city_inside_an_organisations_name_is_no_mention(read):
    a = read("Headline\n\nA spokeswoman for the Stockton Police Department said Stockton, Calif., would answer.")
    assert cities(a) == [("Stockton", "stockton-ca", "place")]


# ---- sentences ------------------------------------------------------------------------------------------------


def test_headlines_and_bullets_without_a_full_stop_are_sentences_of_their_own(read):
    a = read("WHAT HAPPENED\n\n• Letters went out Thursday\n\n• Answers are due Aug. 18\n\nThe cities must reply.")
    assert sentences(a) == [
        "WHAT HAPPENED",
        "• Letters went out Thursday",
        "• Answers are due Aug. 18",
        "The cities must reply.",
    ]
    assert [s.kind for s in a.reading.sentences] == ["headline", "bullet", "bullet", "text"]


def test_abbreviations_that_do_and_do_not_end_a_sentence(read):
    a = read(
        "Headline\n\nSen. Patty Murray spoke at 5 p.m. Tuesday in St. Louis with Gov. Jerry Brown. "
        "The vote was at 5 p.m. The rally was in Washington, D.C. It ended."
    )
    assert sentences(a)[1:] == [
        "Sen. Patty Murray spoke at 5 p.m. Tuesday in St. Louis with Gov. Jerry Brown.",
        "The vote was at 5 p.m.",
        "The rally was in Washington, D.C.",
        "It ended.",
    ]
    assert ("St. Louis", "st-louis-mo", "bare") in cities(a)
    assert ("Jerry Brown", "jerry-brown", "name") in people(a)


# ---- dates ----------------------------------------------------------------------------------------------------


def test_day_month_and_ap_dates(read):
    a = read(
        "Headline\n\nOn 3 August the letters went out; the partnership began on 20 June 2017. "
        "The Senate voted on Aug. 2, 2017, and the White House spoke the same day. The launch came last month."
    )
    assert dates(a) == [
        ("3 August", "2017-08-03"),
        ("20 June 2017", "2017-06-20"),
        ("Aug. 2, 2017", "2017-08-02"),
        ("the same day", "2017-08-02"),
        ("last month", "2017-07"),
    ]
    assert [c for c in a.reading.counts] == []  # "3 August" is a day, never a count of 3


def test_dates_ahead_of_the_article_resolve_forward(read):
    a = read(
        "Headline\n\nThe Senate will vote Tuesday on William Emanuel, and a final vote could come in September. "
        "The cities must answer by Aug. 18.",
        as_of="2017-08-03",
    )
    assert dates(a) == [("Tuesday", "2017-08-08"), ("September", "2017-09"), ("Aug. 18", "2017-08-18")]
    assert [d.ahead for d in a.reading.dates] == [True, True, True]


def test_a_day_without_its_year_is_in_the_articles_year_unless_the_clause_looks_ahead(read):
    """AP style leaves the year out for dates of the article's own year: "Feb. 3" in a September article is that
    February, not the nearer one of next year; a deadline ("answer by Jan. 9") in a December article is next
    January's."""
    a = read("Headline\n\nFeb. 3 — The mayor signs the order. Jan. 10 — The council meets.", as_of="2017-09-04")
    assert dates(a) == [("Feb. 3", "2017-02-03"), ("Jan. 10", "2017-01-10")]
    b = read("Headline\n\nThe city must answer by Jan. 9.", as_of="2017-12-20")
    assert dates(b) == [("Jan. 9", "2018-01-09")]


def test_a_month_that_heads_a_timelines_line_before_a_dash_is_a_date(read):
    a = read(
        "Headline\n\nMarch — The mayor writes to the department.\n\nOctober — The council is expected to meet. "
        "Councilor April Dunmore said March was cold.",
        as_of="2017-08-11",
    )
    assert dates(a) == [("March", "2017-03"), ("October", "2017-10")]


def test_a_weekday_after_a_verb_of_a_schedule_lies_ahead_and_every_weekday_is_no_date(read):
    a = read(
        "Headline\n\nThe newsletter resumes Tuesday. Our columns appear every Friday and the panel meets each Monday.",
        as_of="2017-08-04",
    )
    assert dates(a) == [("Tuesday", "2017-08-08")]
    a = read("Headline\n\nThe bridge reopens to traffic on Saturday, the county said.", as_of="2017-08-04")
    assert dates(a) == [("Saturday", "2017-08-05")]


def test_a_day_of_the_month_alone_is_in_the_articles_month(read):
    """ "by the 18th" is the next 18th; "on the 2nd," the latest; "the 18th century" and "the 5th District" are no
    dates."""
    a = read(
        "Headline\n\nThe city must answer by the 18th. The letter arrived on the 2nd, the mayor said. The law dates "
        "from the 18th century, and the 5th District voted no.",
        as_of="2017-08-04",
    )
    assert dates(a) == [("the 18th", "2017-08-18"), ("the 2nd", "2017-08-02")]
    a = read("Headline\n\nThe council will vote on the 3rd, its clerk said.", as_of="2017-08-30")
    assert dates(a) == [("the 3rd", "2017-09-03")]


def test_a_weekday_in_the_past_resolves_back(read):
    a = read("Headline\n\nSessions said on Tuesday that the cities would have to wait.", as_of="2017-08-03")
    assert dates(a) == [("Tuesday", "2017-08-01")]


def test_a_plan_in_another_clause_does_not_move_a_weekday_ahead(read):
    """The date's clause is the reader's (``etl.read.clauses``): "will" stands before "while", in another clause."""
    a = read("Headline\n\nThe city will answer the letter while the council met Tuesday to weigh it.")
    assert dates(a) == [("Tuesday", "2017-08-01")]


def test_the_same_day_counts_from_the_news_not_from_a_word_shared_by_chance(read):
    """heldout3_senator_release: "The vote came the same day President Trump endorsed …" after a committee's vote of
    two weeks before whose clause shares one word ("president’s"): the day of the news, not the committee's."""
    a = read(
        "Headline\n\nSen. Tom Udall voted Wednesday against confirming Marvin Kaplan to the board.\n\nThe committee "
        "approved Kaplan and the president’s second nominee, William Emanuel, on July 19 by a 12-11 vote.\n\nThe "
        "vote came the same day President Trump endorsed the RAISE Act.",
        as_of="2017-08-02",
    )
    assert dates(a) == [("Wednesday", "2017-08-02"), ("July 19", "2017-07-19"), ("the same day", "2017-08-02")]


def test_the_same_day_counts_from_the_day_whose_clause_it_repeats(read):
    a = read(
        "Headline\n\nThe Senate confirmed Kaplan on Wednesday, Aug. 2. The letters went out on Thursday.\n\nThe "
        "White House backed a bill the same day Kaplan was confirmed.",
        as_of="2017-08-09",
    )
    assert dates(a) == [("Wednesday, Aug. 2", "2017-08-02"), ("Thursday", "2017-08-03"), ("the same day", "2017-08-02")]


def test_the_next_day_counts_from_the_day_its_own_paragraph_gave(read):
    """A timeline's "March 3 — … the next day": its own line's day, not the news of the moment (the article's
    "Updated" line, a day before its date)."""
    a = read(
        "Headline\nUpdated Aug. 10, 2017\n\nMarch 3 — The council votes on the plan. The mayor signs it the next day.",
        as_of="2017-08-11",
    )
    assert dates(a) == [("Aug. 10, 2017", "2017-08-10"), ("March 3", "2017-03-03"), ("the next day", "2017-03-04")]


def test_a_date_the_text_says_is_wrong_is_no_claim(read):
    a = read(
        "Headline\n\nCorrection: An earlier version of this article said the Senate voted on Marvin Kaplan on "
        "3 August 2017. The vote took place on 2 August.",
        as_of="2017-08-05",
    )
    assert [(d.surface, d.negated) for d in a.reading.dates] == [("3 August 2017", True), ("2 August", False)]
    assert [(link.event_id, link.how) for link in a.dates] == [(None, "negated"), ("kaplan-confirmed", "window")]


def test_a_not_that_negates_a_verb_before_a_date_does_not_make_the_date_wrong(read):
    a = read(
        "Headline\n\nCities that do not reply by Aug. 18 will lose their chance, the letters say. The vote was on "
        "Aug. 2, not on Aug. 3."
    )
    assert [(d.surface, d.negated) for d in a.reading.dates] == [
        ("Aug. 18", False),
        ("Aug. 2", False),
        ("Aug. 3", True),
    ]


def test_a_wrong_date_given_to_an_event_is_a_claim_on_that_event(read):
    a = read("Headline\n\nOn August 3, 2017, the Senate confirmed Marvin Kaplan to the NLRB by a vote of 50-48.")
    assert [(link.event_id, link.how) for link in a.dates] == [("kaplan-confirmed", "evidence")]


def test_the_day_someone_spoke_of_an_event_is_not_a_wrong_date_of_it(read):
    """A reaction a day later: "said Saturday" dates the saying, not the letter it speaks of; the letter's own day
    in the next sentence still gives it. A day before the event it speaks of is still a (wrong) claim on it."""
    a = read(
        "Headline\n\nStockton's council members said on Saturday that the Justice Department's letter came as a "
        "shock. The letter was sent on Aug. 3.",
        as_of="2017-08-07",
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id, x.how) for x in a.dates] == [
        ("Saturday", None, "none"),
        ("Aug. 3", "psp-four-cities-letters", "window"),
    ]
    before = read(
        "Headline\n\nJeff Sessions said on Tuesday that the department would not consider four cities.",
        as_of="2017-08-07",
    )
    assert [(x.event_id, x.how) for x in before.dates] == [("psp-four-cities-letters", "evidence")]


def test_a_date_in_a_sentence_on_another_matter_is_not_a_wrong_date_of_the_event_it_sets_aside(read):
    a = read(
        "Headline\n\nApart from the partnership letters, the department warned Denver last month about its grants.",
        as_of="2017-08-07",
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id, x.how) for x in a.dates] == [
        ("last month", None, "none")
    ]


def test_a_date_beside_the_day_its_sentence_gives_an_event_is_not_that_events_date(read):
    """The sentence dates the letters itself ("the department's Aug. 3 letter"): the council's own day beside it,
    with the letters' cue in its clause, is the meeting's, not a second (wrong) date of the letters."""
    a = read(
        "Headline\n\nThe council debated on Tuesday a letter it had not sought: the department's Aug. 3 letter "
        "to the city. It told staff to answer before the Aug. 18 deadline and to show it a draft on Aug. 15.",
        as_of="2017-08-09",
    )
    assert [(d.surface, link.event_id, link.how) for d, link in zip(a.reading.dates, a.dates, strict=True)] == [
        ("Tuesday", None, "none"),
        ("Aug. 3", "psp-four-cities-letters", "window"),
        ("Aug. 18", "psp-response-deadline", "window"),
        ("Aug. 15", None, "none"),
    ]


def test_a_timelines_present_tense_gives_its_event_and_a_wrong_day_is_a_claim_on_it(read):
    """A timeline writes its events in the present: "announces" is the launch's cue "announced", so a day two days
    off the launch is a claim on the launch (to be checked), not a date of nothing."""
    a = read(
        "Headline\n\nJune 23 — The Justice Department announces its Public Safety Partnership at a meeting in "
        "Maryland.",
        as_of="2017-08-11",
    )
    assert [
        (d.surface, d.value, link.event_id, link.how) for d, link in zip(a.reading.dates, a.dates, strict=True)
    ] == [("June 23", "2017-06-23", "psp-launched", "evidence")]


def test_a_date_in_a_list_of_items_goes_to_the_event_its_own_item_names(read):
    """Items between semicolons: "the June 20 announcement of the launch" is the launch's day (its noun is the cue
    "announced"), though another item of the sentence names Kaplan, whose nomination's month holds June 20."""
    a = read(
        "Headline\n\nFurther reading: the Justice Department's June 20 announcement of the partnership; a profile "
        "of Marvin Kaplan.",
        as_of="2017-08-07",
    )
    assert [(d.surface, link.event_id, link.how) for d, link in zip(a.reading.dates, a.dates, strict=True)] == [
        ("June 20", "psp-launched", "window")
    ]


# ---- tallies --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Senate confirmed Marvin Kaplan in a 50-48 party-line vote.",
        "The Senate confirmed Marvin Kaplan in a 50 to 48 vote.",
        "Marvin Kaplan won a straight party line vote of 50-48.",
        "Senators confirmed Marvin Kaplan, 50–48.",
    ],
)
def test_tallies_written_out(read, sentence):
    a = read(f"Headline\n\n{sentence}")
    (link,) = a.tallies
    assert (link.tally.yea, link.tally.nay, link.vote["vote_id"]) == (50, 48, "senate-2017-08-02-kaplan")
    assert a.reading.counts == []  # "48 vote" is no count of votes


def test_a_cloture_tally_is_no_confirmation_vote(read):
    a = read("Headline\n\nSenators voted 49-44 on Tuesday to end debate on William Emanuel.", as_of="2017-09-20")
    (link,) = a.tallies
    assert (link.tally.surface, link.vote, link.how) == ("49-44", None, "not_floor")


KAPLAN, CLOTURE = "senate-2017-08-02-kaplan", "senate-2017-08-02-kaplan-cloture"


def _votes(a) -> list[tuple[str, str | None, str]]:
    return [(x.tally.surface, None if x.vote is None else x.vote["vote_id"], x.how) for x in a.tallies]


@pytest.mark.parametrize(
    "sentence",
    [
        "Republicans won a cloture vote on Marvin Kaplan's nomination 50-48.",
        "The Senate advanced the nomination of Marvin Kaplan 50-48 on Wednesday morning.",
        "Republicans broke a filibuster of Marvin Kaplan's nomination by a 50-48 vote.",
    ],
)
def test_a_cloture_tally_is_the_recorded_cloture_vote(read, sentence):
    assert _votes(read(f"Headline\n\n{sentence}")) == [("50-48", CLOTURE, "nominee")]


def test_two_tallies_in_one_sentence_are_the_confirmation_then_the_cloture(read):
    a = read(
        "Headline\n\nSen. Tom Udall voted Wednesday against confirming Marvin Kaplan to the NLRB. The 50-48 vote "
        "came after Republicans cut off debate on the nomination that morning by another 50-48 vote."
    )
    assert _votes(a) == [("50-48", KAPLAN, "nominee"), ("50-48", CLOTURE, "nominee")]
    that_morning = [link.event_id for link in a.dates if a.reading.dates[link.date_index].surface == "that morning"]
    assert that_morning == ["kaplan-cloture"]


def test_a_tally_takes_the_phrase_after_it_when_its_words_before_name_no_vote(read):
    """ "voted 50-48 to limit debate …, and then approved him, 50-48": the first tally's purpose follows it, up to
    the comma; the second tally's words start after that phrase."""
    a = read(
        "Headline\n\nWednesday — Senators voted 50-48 to limit debate on Marvin Kaplan, and then approved his "
        "confirmation, 50-48."
    )
    assert _votes(a) == [("50-48", CLOTURE, "nominee"), ("50-48", KAPLAN, "nominee")]


def test_a_cloture_on_a_line_of_its_own_is_the_nominee_named_before(read):
    a = read(
        "Headline\n\n• Senate confirmed Marvin Kaplan to the NLRB on Wednesday, 50-48\n\n"
        "• The cloture vote went 50-48 as well"
    )
    assert _votes(a) == [("50-48", KAPLAN, "nominee"), ("50-48", CLOTURE, "previous")]


def test_a_tally_paragraphs_after_the_nominee_is_another_vote(read):
    a = read(
        "Headline\n\nSenators confirmed Marvin Kaplan to the labor board on Wednesday, 50-48.\n\n"
        "Both parties held together.\n\nIn the spring, the chamber voted 51-50 on a budget amendment."
    )
    assert _votes(a) == [("50-48", KAPLAN, "nominee"), ("51-50", None, "none")]


def test_another_persons_tally_beside_a_nominee_is_not_the_nominees_vote(read):
    a = read(
        "Headline\n\nThe Senate confirmed Marvin Kaplan to the NLRB on Wednesday, 50-48. Attorney General Jeff "
        "Sessions won his own confirmation 52-47. A Supreme Court nominee was confirmed 54-45 back in April."
    )
    assert _votes(a) == [("50-48", KAPLAN, "nominee"), ("52-47", None, "none"), ("54-45", None, "none")]


def test_a_tally_whose_words_name_both_votes_is_tied_to_neither(read):
    a = read("Headline\n\nThe Senate confirmed Marvin Kaplan 50-48 after a cloture vote.")
    assert _votes(a) == [("50-48", None, "unsure")]


# ---- people ---------------------------------------------------------------------------------------------------


def test_senators_with_their_state_and_party(read):
    a = read(
        "Headline\n\nSen. Patty Murray (D-Wash.) voted no. John McCain (AZ) and Sen. Richard Burr of North "
        "Carolina did not vote. Democratic Sen. Patty Murray spoke later."
    )
    named = [(m.surface, m.entity_id, m.party, m.state) for m in a.reading.mentions if m.type == "person"]
    assert named == [
        ("Patty Murray", "patty-murray", "D", "WA"),
        ("John McCain", "john-mccain", "", "AZ"),
        ("Richard Burr", "richard-burr", "", "NC"),
        ("Patty Murray", "patty-murray", "D", ""),
    ]


def test_titles_surnames_possessives_and_a_person_the_reference_does_not_hold(read):
    a = read(
        "Headline\n\nAttorney General Jeff Sessions wrote to the cities. Sessions's letter went to Police "
        "Commissioner Kevin Davis. Davis said he would reply, and Sessions' aides waited."
    )
    assert people(a) == [
        ("Jeff Sessions", "jeff-sessions", "title"),
        ("Sessions", "jeff-sessions", "alias"),
        ("Kevin Davis", "kevin-davis", "name"),
        ("Davis", "kevin-davis", "surname"),
        ("Sessions", "jeff-sessions", "alias"),
    ]
    assert a.reading.people == {"kevin-davis": "Kevin Davis"}
    (first,) = [m for m in a.reading.mentions if m.method == "title"]
    assert first.title == "Attorney General"


def test_a_surname_goes_to_the_person_named_just_before_it(read):
    a = read("Headline\n\nChicago Mayor Rahm Emanuel criticized the letters. Emanuel said the city would not bend.")
    assert people(a) == [("Rahm Emanuel", "rahm-emanuel", "name"), ("Emanuel", "rahm-emanuel", "surname")]


def test_a_name_with_no_title_that_opens_a_sentence_and_is_named_again(read):
    a = read(
        "Headline\n\nPhilip Miscimarra has already begun planning the board's next term. The board has five "
        "seats. Miscimarra said little."
    )
    assert people(a) == [
        ("Philip Miscimarra", "philip-miscimarra", "name"),
        ("Miscimarra", "philip-miscimarra", "surname"),
    ]


def test_a_capitalised_run_that_only_opens_a_sentence_is_no_person(read):
    assert people(read("Headline\n\nWells Fargo has already begun lending to the city.")) == []


def test_a_name_with_an_apostrophe_after_a_quotation(read):
    """Issue 38: "…,” said Devin O'Malley, a department spokesman" (a straight apostrophe in the surname)."""
    a = read("Headline\n\n“We will review the letters,” said Devin O'Malley, a department spokesman.")
    assert people(a) == [("Devin O'Malley", "devin-o-malley", "name")]
    (link,) = a.speakers
    assert (link.entity_id, link.how) == ("devin-o-malley", "verb")


def test_a_name_after_a_label_and_a_surname_in_the_headline(read):
    """heldout3_senator_release: "Contact: Colleen Varga, Press Office", and the headline's "Udall" before the text
    names Sen. Tom Udall."""
    a = read(
        "Udall Votes No on Kaplan\n\nContact: Colleen Varga, Press Office\n\nSen. Tom Udall voted against the "
        "nominee. Colleen Varga, a spokeswoman for Udall, said the office heard from workers."
    )
    assert people(a) == [
        ("Udall", "tom-udall", "surname"),
        ("Kaplan", "marvin-kaplan", "surname"),
        ("Colleen Varga", "colleen-varga", "name"),
        ("Tom Udall", "tom-udall", "senator"),
        ("Colleen Varga", "colleen-varga", "name"),
        ("Udall", "tom-udall", "surname"),
    ]


def test_credits_name_people_a_photo_a_compiler_a_producer_and_a_host(read):
    """A caption's "(Photo: Name)" and "(File photo: Name)", "Compiled by Name." and "is produced by Name." ending
    their sentence, and a lower-case "host" before a name: each is a person the reference does not hold."""
    a = read(
        "Headline\n\nA crowd outside the courthouse (Photo: Wendell Ostrova)\n\nA senator in the hall (File photo: "
        "Marguerite Okafor-Lind)\n\nOn the show, host Bettina Varga-Cole talks about the letters. The series is "
        "produced by Anselm Trevino. Compiled by Hollis Nakamura-Vey."
    )
    assert people(a) == [
        ("Wendell Ostrova", "wendell-ostrova", "name"),
        ("Marguerite Okafor-Lind", "marguerite-okafor-lind", "name"),
        ("Bettina Varga-Cole", "bettina-varga-cole", "name"),
        ("Anselm Trevino", "anselm-trevino", "name"),
        ("Hollis Nakamura-Vey", "hollis-nakamura-vey", "name"),
    ]


# ---- clauses --------------------------------------------------------------------------------------------------


def test_the_reader_splits_each_sentence_into_clauses_once(read):
    """The clauses the story layer and the dates read (``etl.read.clauses``): a break is a piece of its own."""
    a = read(
        "Headline\n\nBaltimore was told to wait if it wanted help; Stockton, which applied in May, got the same "
        "letter, but Modesto did not — a clerk said so."
    )
    assert [[c.surface for c in clauses] for clauses in a.reading.clauses] == [
        ["Headline"],
        [
            "Baltimore was told to wait ",
            "if",
            " it wanted help",
            ";",
            " Stockton",
            ", which applied in May,",
            " got the same letter",
            ", but",
            " Modesto did not",
            " — ",
            "a clerk said so.",
        ],
    ]
    text = a.reading.article.text
    assert all(text[c.start : c.end] == c.surface for clauses in a.reading.clauses for c in clauses)


# ---- quotations ---------------------------------------------------------------------------------------------


def test_a_speaker_named_in_the_next_sentence_of_the_paragraph(read):
    a = read(
        "Headline\n\n“We went looking for help with violent crime.” Dana Whitcomb, who runs the city's grants "
        "office, said the reply would take weeks."
    )
    (link,) = a.speakers
    assert (link.entity_id, link.how) == ("dana-whitcomb", "next")


def test_a_quotation_over_two_sentences_and_a_pronoun(read):
    a = read(
        "Headline\n\nCouncil Member Ana Ruiz was blunt. “We applied for help. Nobody said it came with a "
        "questionnaire about jails,” she said."
    )
    (link,) = a.speakers
    assert link.quote.surface == "We applied for help. Nobody said it came with a questionnaire about jails"
    assert (link.entity_id, link.how) == ("ana-ruiz", "pronoun")


def test_a_senator_named_then_she_said_in_the_next_sentence(read):
    """Issue 38: a sentence naming a senator, then "'…,' she said." """
    a = read(
        "Headline\n\nSen. Maria Cantwell voted against the nominee on Wednesday. “This board decides cases that "
        "reach every worker,” she said."
    )
    (link,) = a.speakers
    assert link.quote.surface == "This board decides cases that reach every worker"
    assert (link.entity_id, link.how) == ("maria-cantwell", "pronoun")


def test_a_quotation_with_no_speaker_in_its_paragraph(read):
    a = read("Headline\n\nThe Senate voted.\n\n“This is the end of fair elections for workers.”")
    (link,) = a.speakers
    assert (link.entity_id, link.how) == (None, "none")


# ---- counts and roles ---------------------------------------------------------------------------------------


def test_counts_in_words(read):
    a = read(
        "Headline\n\nThe partnership began with a dozen cities; its twelve sites are all east of the Rockies. "
        "Two Republicans did not vote."
    )
    assert [(c.surface, c.value, c.unit) for c in a.reading.counts] == [
        ("a dozen cities", 12, "city"),
        ("twelve sites", 12, "site"),
        ("Two Republicans", 2, "republican"),
    ]
    assert counts(a) == [("a dozen cities", 12, "participant"), ("twelve sites", 12, "participant")]


def test_a_count_introduces_the_list_it_counts(read):
    a = read(
        "Headline\n\nThe department would not consider four cities: Albuquerque, N.M.; Baltimore; San Bernardino, "
        "Calif.; and Stockton, Calif."
    )
    assert counts(a) == [("four cities", 4, "excluded")]
    assert [p.mention.surface for p in a.story.counts[0].listed.places] == [
        "Albuquerque",
        "Baltimore",
        "San Bernardino",
        "Stockton",
    ]


def test_participants_introduced_as_such(read):
    a = read(
        "Headline\n\nThe partnership began in June. It still counts twelve sites, among them Baton Rouge, La., and "
        "Springfield, Ill."
    )
    assert roles(a) == [("Baton Rouge", "participant"), ("Springfield", "participant")]
    assert a.story.counts[0].listed is None  # "among them" names some: no check of 12 against 2


def test_a_city_named_for_another_reason_has_no_role(read):
    a = read(
        "Headline\n\nThe department would not consider four cities, including Stockton, Calif. Baltimore Police "
        "Commissioner Kevin Davis, who worked in Chicago, had been interested in taking part."
    )
    assert roles(a) == [("Stockton", "excluded")]
    assert ("Chicago", "chicago-il", "bare") in cities(a)


def test_two_cities_in_one_sentence_are_no_list_of_the_excluded(read):
    """The old reader took any sentence naming two places for the list of excluded cities."""
    a = read("Headline\n\nThe mayor flew from Houston, Texas, to Memphis, Tenn., for a conference on crime.")
    assert roles(a) == []


def test_a_name_that_opens_a_paragraph_before_a_quotation_she_said(read):
    """An untitled name opening a paragraph is a person when the next sentence quotes "she" or "he", and the
    quotation is hers: "Marisol Quaye runs the tenants' group. “…,” she said." """
    a = read(
        "Headline\n\nMarisol Quaye runs the tenants' group on our street and has asked for more patrols. "
        "“We asked for patrols and got a form about immigration,” she said."
    )
    assert people(a) == [("Marisol Quaye", "marisol-quaye", "name")]
    assert [(s.quote.surface[:10], s.entity_id, s.how) for s in a.speakers] == [
        ("We asked f", "marisol-quaye", "pronoun")
    ]
    assert people(read("Headline\n\nCalvert Row runs along the park. The block club meets there.")) == []


def test_two_nominees_and_two_tallies_in_one_sentence_each_tally_is_its_own_nominees(read):
    """ "confirmed Emanuel …, 49-47, weeks after it confirmed Kaplan by a vote of 50-48": each tally goes to the
    nominee its own words name, where the nearer name (Kaplan, after the comma) took both."""
    a = read(
        "Headline\n\nOn Monday the Senate confirmed William Emanuel to the labor board, 49-47, weeks after it "
        "confirmed Marvin Kaplan by a vote of 50-48.",
        as_of="2017-09-27",
    )
    assert [(x.tally.surface, x.vote["vote_id"], x.how) for x in a.tallies] == [
        ("49-47", "senate-2017-09-25-emanuel", "nominee"),
        ("50-48", "senate-2017-08-02-kaplan", "nominee"),
    ]


def test_a_reports_own_day_in_its_headline_is_no_events_date(read):
    """A rundown's headline prints its own day: "Friday, August 4" on 4 August is when it aired, not when the
    letters went out; the same day in its text, tied to the letters by its sentence, still is a claim on them."""
    a = read(
        "Morning rundown, Friday, August 4: the Justice Department's letter to Stockton\n\n"
        "The department's letter reached Stockton on Friday, August 4, the city said.",
        as_of="2017-08-04",
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id, x.how) for x in a.dates] == [
        ("Friday, August 4", None, "none"),
        ("Friday, August 4", "psp-four-cities-letters", "evidence"),
    ]


def test_a_students_double_surname_before_a_class_year_and_a_reporter_title(read):
    """ "Ana Lucero-Whitfield, a junior in nursing, said …" is a person (a class year is a role), and so is
    "Reporter Tomas Ibarra" (a newsroom title), each named again by surname."""
    a = read(
        "Headline\n\nAna Lucero-Whitfield, a junior in nursing, said she had read the letter. "
        "“We want safer streets and we want trust,” she said.\n\n"
        "Reporter Tomas Ibarra, live at City Hall: Ibarra said staff were still reading it."
    )
    assert people(a) == [
        ("Ana Lucero-Whitfield", "ana-lucero-whitfield", "name"),
        ("Tomas Ibarra", "tomas-ibarra", "name"),
        ("Ibarra", "tomas-ibarra", "surname"),
    ]
    assert [(s.entity_id, s.how) for s in a.speakers] == [("ana-lucero-whitfield", "pronoun")]


def test_see_you_monday_lies_ahead(read):
    a = read("Headline\n\nThat's all for this week. See you Monday.", as_of="2017-08-04")
    assert dates(a) == [("Monday", "2017-08-07")]


def test_an_ordinal_that_ranks_is_no_day_of_the_month(read):
    """The fresh-eyes review's sentences: a rank, a list of rounds and a place in a race are no dates; "Friday, the
    18th", read back from 3 Aug, names no day (the latest 18th was a Tuesday), so no date rather than a wrong one."""
    a = read(
        "Headline\n\nStockton, the 13th-largest city in California, received a letter. Stockton finished the 5th, "
        "6th and 7th rounds. Baltimore came in the 2nd — behind Memphis. The council meets Friday, the 18th.",
        as_of="2017-08-03",
    )
    assert dates(a) == []


def test_a_weekday_with_its_day_of_the_month_in_words(read):
    """ "on Wednesday the second" in a podcast of 11 Aug is 2 Aug, the weekday and the day agreeing; "will vote
    Friday, the 18th" lies ahead."""
    a = read("Headline\n\nRight, on Wednesday the second, 50-48.", as_of="2017-08-11")
    assert dates(a) == [("Wednesday the second", "2017-08-02")]
    a = read("Headline\n\nThe board will vote Friday, the 18th, its clerk said.", as_of="2017-08-03")
    assert dates(a) == [("Friday, the 18th", "2017-08-18")]


def test_a_verb_that_opens_or_closes_something_puts_no_past_day_ahead(read):
    """ "opens" and "closes" are no verbs of a schedule: "a fight that began Monday" lies behind the article."""
    a = read("Headline\n\nThe ruling opens a fight that began Monday.", as_of="2017-08-03")
    assert dates(a) == [("Monday", "2017-07-31")]


def test_a_place_after_a_word_that_can_be_a_title_is_no_person(read):
    assert people(read("Headline\n\nAnchor Point residents were not affected, the borough said.")) == []


def test_a_name_that_signs_a_line_after_a_dash_is_a_person(read):
    """A reader's question signed "— Name, Town" and an epigraph's "— Name, essay" name people; a name between
    dashes inside a sentence is read as before."""
    a = read(
        "Headline\n\nQ: Which cities got the letters? — Odile Marchand, Visalia\n\nA: Four of them.\n\n"
        "“A town is a promise kept by its neighbors.” — Basil Ferreira, essay"
    )
    assert people(a) == [("Odile Marchand", "odile-marchand", "name"), ("Basil Ferreira", "basil-ferreira", "name")]
    assert [(s.entity_id, s.how) for s in a.speakers] == [("basil-ferreira", "only")]


def test_last_august_written_in_august_is_a_year_ago_and_a_week_ago_today_is_one_date(read):
    a = read("Headline\n\nLast August the council met twice. The letters came a week ago today.", as_of="2018-08-03")
    assert dates(a) == [("Last August", "2017-08"), ("a week ago today", "2018-07-27")]
    assert dates(read("Headline\n\nThe plan was drafted last June.", as_of="2017-08-03")) == [("last June", "2017-06")]


def test_a_day_counted_back_is_not_the_day_a_transcript_records(read):
    """A Q&A dated Thursday, Aug. 10, mentions "a week ago today" before its questions: a later turn's "today" is
    still the 10th, the day the column records."""
    a = read(
        "Headline\n\nThursday, Aug. 10, 2017\n\nYou wrote about the letters sent a week ago today.\n\n"
        "Q: Is the vote over?\n\nA: Yes. Kaplan was sworn in today.",
        as_of="2017-08-10",
    )
    assert dates(a) == [
        ("Thursday, Aug. 10, 2017", "2017-08-10"),
        ("a week ago today", "2017-08-03"),
        ("today", "2017-08-10"),
    ]


def test_this_morning_and_some_days_later_are_dates(read):
    a = read(
        "Headline\n\nThe Senate held a cloture vote this morning. The board met on Sept. 19 and again six days later.",
        as_of="2017-09-28",
    )
    assert dates(a) == [("this morning", "2017-09-28"), ("Sept. 19", "2017-09-19"), ("six days later", "2017-09-25")]


def test_a_motion_carried_with_its_count_is_a_tally_of_no_senate_vote(read):
    a = read("Headline\n\nThe council voted on the resolution at 9 p.m. Motion carried 4-1.")
    assert [(x.tally.surface, x.vote) for x in a.tallies] == [("4-1", None)]


def test_an_organisation_or_a_show_before_she_said_is_no_person(read):
    """The review's sentences: "Valley Today" and "Legal Aid Society" open their sentences before “…,” she said,
    and are no people (their last words name organisations and shows); the quotation keeps no speaker."""
    for name in ("Valley Today airs at six on weekdays.", "Legal Aid Society filed suit Monday."):
        a = read(f"Headline\n\n{name} “We will keep asking the mayor,” she said.")
        assert people(a) == []


def test_a_name_after_a_dash_in_running_text_does_not_sign_its_line(read):
    """ "— Cedar Grove, where the clinic opened …": the line goes on long after the comma, so the words sign
    nothing and make no person."""
    a = read(
        "Headline\n\nThe program reached two places — Cedar Grove, where the clinic opened last spring with federal "
        "money, and one more."
    )
    assert people(a) == []


def test_a_title_for_several_people_makes_each_name_of_its_list_a_person(read):
    """ "Mayors …", "Police chiefs …" and "Sens. …" title every name of the list after them, not only the first."""
    a = read(
        "Headline\n\nMayors Odette Lamarre and Wendell Pryce met the chiefs. Police chiefs Ines Varga and Tobias "
        "Crane said little. Republican Sens. John McCain and Richard Burr did not vote."
    )
    assert people(a) == [
        ("Odette Lamarre", "odette-lamarre", "name"),
        ("Wendell Pryce", "wendell-pryce", "name"),
        ("Ines Varga", "ines-varga", "name"),
        ("Tobias Crane", "tobias-crane", "name"),
        ("John McCain", "john-mccain", "senator"),
        ("Richard Burr", "richard-burr", "senator"),
    ]


def test_senators_surnames_listed_together_in_a_text_about_the_senate_are_the_senators(read):
    """Surnames one senator alone bears, listed together, are the senators' where the text speaks of the Senate;
    one such surname alone, or a list in a text with no Senate, is no one."""
    a = read("Headline\n\nThe Senate confirmed the nominee. Murkowski, Collins and Heller voted yes. Heller spoke.")
    assert people(a) == [
        ("Murkowski", "lisa-murkowski", "surname"),
        ("Collins", "susan-m-collins", "surname"),
        ("Heller", "dean-heller", "surname"),
        ("Heller", "dean-heller", "surname"),
    ]
    assert people(read("Headline\n\nCollins and Heller opened a bakery on Main Street.")) == []
    a = read("Headline\n\nThe Senate confirmed the nominee. Young and Brown opened a bakery on Main Street.")
    assert people(a) == []  # no vote in their sentence


def test_a_self_introduction_a_guest_and_a_home_town_after_of_name_people(read):
    a = read(
        "Headline\n\nI'm Marisela Dunphy, and this is the wrap. Our guest is Anton Reyes.\n\n"
        "Beatriz Holm, of Stockton, told the council she was worried. The city, of course, will answer."
    )
    assert people(a) == [
        ("Marisela Dunphy", "marisela-dunphy", "name"),
        ("Anton Reyes", "anton-reyes", "name"),
        ("Beatriz Holm", "beatriz-holm", "name"),
    ]


def test_a_bare_town_after_in_or_of_is_the_one_city_of_that_name_in_the_states_the_text_names(read):
    """In a story set in Stockton, Calif., "a resident of Lodi" and a reader's "— Name, Redlands" are the California
    cities; the end of an organisation's name ("Chamber of Commerce", "University of Redlands") is no place, and a
    text that names no state sets no scene."""
    a = read(
        "Headline\n\nSTOCKTON, Calif. — A resident of Lodi spoke first. The Chamber of Commerce sent a letter.\n\n"
        "Q: Why Stockton? — Odile Marchand, Redlands"
    )
    assert cities(a) == [
        ("STOCKTON", "stockton-ca", "dateline"),
        ("Lodi", "lodi-ca", "bare"),
        ("Stockton", "stockton-ca", "bare"),
        ("Redlands", "redlands-ca", "bare"),
    ]
    assert cities(read("Headline\n\nA resident of Lodi spoke first.")) == []
    a = read("Headline\n\nBaltimore waits. My cousin lives in Towson.")  # Baltimore, bare, sets Maryland's scene
    assert cities(a) == [("Baltimore", "baltimore-md", "bare"), ("Towson", "towson-md", "bare")]
    a = read("Headline\n\nSTOCKTON, Calif. — The University of Redlands sent a letter.")
    assert cities(a) == [("STOCKTON", "stockton-ca", "dateline")]


def test_a_surname_named_after_a_title_is_that_person_when_written_alone_later(read):
    """ "Councilmember Okafor" names a person the reference does not hold; "Okafor" alone later, in a sentence or a
    roll call, is the same person."""
    a = read("Headline\n\nCouncilmember Okafor moved to reply. Okafor spoke first.\n\nAyes: Okafor. Noes: none.")
    assert people(a) == [("Okafor", "okafor", "surname")] * 3


def test_an_organisations_name_after_a_title_for_several_or_with_a_preposition_is_no_person(read):
    """A title for several before one run ("Judges Panel") and a name with a capitalised preposition inside it
    ("Mayors Against Illegal Guns said", "Reporters Without Borders") name no person."""
    a = read(
        "Headline\n\nReporters Without Borders criticized the plan. Mayors Against Illegal Guns said nothing. "
        "Judges Panel rulings came later."
    )
    assert people(a) == []


def test_a_letters_signature_and_a_first_name_signing_a_line_name_people(read):
    """A name alone on its line above a town alone on the next signs a letter; "— Priya" signs as the one Priya the
    text named in full; a first name no one named in full, or a heading above a town, is no one."""
    a = read(
        "Headline\n\nBy Priya Castaneda\n\nThe council should answer.\n\nRosalind Abernathy-Cruz\n\nStockton\n\n"
        "— Priya\n\n— Dmitri\n\nHOST: Priya, start with the letters. Dmitri, you too."
    )
    assert people(a) == [
        ("Priya Castaneda", "priya-castaneda", "name"),
        ("Rosalind Abernathy-Cruz", "rosalind-abernathy-cruz", "name"),
        ("Priya", "priya-castaneda", "name"),
        ("Priya", "priya-castaneda", "name"),
    ]
    assert people(read("Headline\n\nThe sites met.\n\nMeeting Places\n\nStockton\n\nLodi\n\nThe end.")) == []


def test_a_byline_of_several_a_city_manager_and_a_towns_list_after_a_town_of_the_scene(read):
    """Every name of "By Hollis Gray and Tamsin Roe" is a byline's, but a desk title after a comma is no name; a
    city manager is titled; "from Manteca, Tracy and Lathrop" in a Stockton, Calif., story lists three towns."""
    a = read(
        "Headline\nBy Hollis Gray and Tamsin Roe\n\nSTOCKTON, Calif. — City Manager Kurt Wilson spoke. Residents "
        "from Manteca, Tracy and Lathrop came. Jo Ann Emerson, a former congresswoman, did not."
    )
    assert people(a) == [
        ("Hollis Gray", "hollis-gray", "name"),
        ("Tamsin Roe", "tamsin-roe", "name"),
        ("Kurt Wilson", "kurt-wilson", "name"),
        ("Jo Ann Emerson", "jo-ann-emerson", "name"),
    ]
    assert [c[:2] for c in cities(a)][1:] == [
        ("Manteca", "manteca-ca"),
        ("Tracy", "tracy-ca"),
        ("Lathrop", "lathrop-ca"),
    ]
    assert people(read("Headline\nBy Yolanda Marchetti-Baca, Staff Writer\n\nThe council met.")) == [
        ("Yolanda Marchetti-Baca", "yolanda-marchetti-baca", "name")
    ]


def test_a_name_between_commas_after_a_role_noun_is_a_person(read):
    a = read(
        "Headline\n\nThe department's spokesman, Devin Okoro, said the cities must answer. “They have until the "
        "18th to reply,” said Okoro. The sheriff's spokeswoman, Felicia Ramos, confirmed it."
    )
    assert people(a) == [
        ("Devin Okoro", "devin-okoro", "name"),
        ("Okoro", "devin-okoro", "surname"),
        ("Felicia Ramos", "felicia-ramos", "name"),
    ]
    assert [(s.entity_id, s.how) for s in a.speakers] == [("devin-okoro", "verb")]


def test_an_authors_line_a_credit_line_and_a_transcripts_capital_title(read):
    """ "Name is a professor of …" names a person, "the Record is the official account" does not; "Reporting by …;
    editing by …" credits two people; "MS. OKAFOR:" is one line of a transcript, not two sentences."""
    a = read(
        "Headline\n\nRenata Obi is a professor of criminology. The Congressional Record is the official account.\n\n"
        "MS. OKAFOR: Thank you.\n\nReporting by Hana Liu; editing by Marcus Webb."
    )
    assert people(a) == [
        ("Renata Obi", "renata-obi", "name"),
        ("Hana Liu", "hana-liu", "name"),
        ("Marcus Webb", "marcus-webb", "name"),
    ]
    assert "MS. OKAFOR: Thank you." in sentences(a)


def test_proof_by_a_day_is_the_deadline_for_the_cities_answers(read):
    a = read("Headline\n\nThe department wants proof by Aug. 18 that the cities let federal agents into jails.")
    assert [(a.reading.dates[d.date_index].surface, d.event_id) for d in a.dates] == [
        ("Aug. 18", "psp-response-deadline")
    ]


def test_an_age_between_commas_a_role_after_said_and_a_straight_quote_that_opens_a_sentence(read):
    """ "Name, 34, of Stockton," and "said city spokesman Name" name people; a straight quotation mark after a
    sentence's full stop and a space opens the next sentence."""
    a = read(
        'Headline\n\nMaría José Hernández-Ruiz, 34, joined. Ana Ferro spoke after her. "We stay," said city '
        "spokesman Tim O'Neal."
    )
    assert people(a) == [
        ("María José Hernández-Ruiz", "maria-jose-hernandez-ruiz", "name"),
        ("Tim O'Neal", "tim-o-neal", "name"),
    ]
    assert sentences(a)[-2:] == ["Ana Ferro spoke after her.", '"We stay," said city spokesman Tim O\'Neal.']


def test_a_transcripts_label_in_capitals_names_its_speaker(read):
    a = read(
        "Headline\n\nMAYOR ODETTE LAMARRE: We got the letter.\n\nCHIEF KEVIN DANFORTH: Our jail is the state's.\n\n"
        "LAMARRE: That is right.\n\nQ: Will you answer?\n\nAIR DATE: Aug. 3, 2017"
    )
    assert people(a) == [
        ("ODETTE LAMARRE", "odette-lamarre", "name"),
        ("KEVIN DANFORTH", "kevin-danforth", "name"),
        ("LAMARRE", "odette-lamarre", "name"),
    ]


def test_a_state_that_begins_a_citys_name_and_a_surname_that_begins_a_places_name(read):
    """ "Kansas City" in a list is the city, not the state Kansas; "Sessions Street" and "Kaplan Hall" name no
    person."""
    a = read(
        "Headline\n\nReporters from Houston, Memphis and Kansas City asked. The rally was on Sessions Street near "
        "Kaplan Hall, where Marvin Kaplan spoke."
    )
    assert [c[:2] for c in cities(a)] == [
        ("Houston", "houston-tx"),
        ("Memphis", "memphis-tn"),
        ("Kansas City", "kansas-city-mo"),
    ]
    assert people(a) == [("Marvin Kaplan", "marvin-kaplan", "alias")]


def test_a_footnotes_marker_and_a_month_that_heads_a_line(read):
    """ "on 3 May 2017.[2][7]" is a full date, and the marker belongs to its sentence; a month alone on its line heads
    a year's review and is in the article's year, as a timeline's "June —" is."""
    a = read(
        "Headline\n\nThe board met on 3 May 2017.[2][7] It adjourned.[3]\n\nJanuary\n\nThe plan began.\n\n"
        "June — The council voted.",
        as_of="2017-12-20",
    )
    assert dates(a) == [("3 May 2017", "2017-05-03"), ("January", "2017-01"), ("June", "2017-06")]
    assert sentences(a)[1:3] == ["The board met on 3 May 2017.[2][7]", "It adjourned.[3]"]


def test_a_budget_lines_byline_a_role_label_and_a_compound_title(read):
    a = read(
        "Headline\n\nCITY-BUDGET — The council votes. By Ana Diaz. 600 words.\n\nSecretary-Treasurer Lena Okafor-Price "
        "will collect questions.\n\nEditor on duty: Hollis Grant."
    )
    assert people(a) == [
        ("Ana Diaz", "ana-diaz", "name"),
        ("Lena Okafor-Price", "lena-okafor-price", "name"),
        ("Hollis Grant", "hollis-grant", "name"),
    ]


def test_a_counted_day_that_repeats_the_day_its_paragraph_gave_an_event_is_no_second_date_of_it(read):
    """A desk's note after a paragraph that dates its event ("Filed Wednesday at 4:10 p.m.") repeats the day: it is
    no second claim on the event; a date written out in the same place ("dated Aug. 2, 2017") still is one."""
    a = read(
        "Headline\n\nThe Senate confirmed Marvin Kaplan to the labor board on Wednesday. Filed Wednesday at "
        "4:10 p.m. 300 words.",
        as_of="2017-08-03",
    )
    assert [(d.surface, link.event_id, link.how) for d, link in zip(a.reading.dates, a.dates, strict=True)] == [
        ("Wednesday", "kaplan-confirmed", "window"),
        ("Wednesday", None, "none"),
    ]
    b = read(
        "Headline\n\nThe Senate confirmed Marvin Kaplan to the labor board on Wednesday. Its record, dated Aug. 2, "
        "2017, was filed later.",
        as_of="2017-08-03",
    )
    assert [link.event_id for link in b.dates] == ["kaplan-confirmed", "kaplan-confirmed"]


def test_the_task_force_order_and_the_judges_block_are_dated_by_their_own_words(read):
    """The order that set up the task force is the day's other event than the swearing-in; a judge blocking the
    sanctuary order in November is its injunction."""
    a = read(
        "Headline\n\nOn Feb. 9, the president signed an executive order creating a task force on violent crime. "
        "In November a judge blocked the grant cuts; the ruling came on Nov. 20.",
        as_of="2017-12-20",
    )
    assert [(d.surface, link.event_id) for d, link in zip(a.reading.dates, a.dates, strict=True)] == [
        ("Feb. 9", "eo-13776-signed"),
        ("November", "eo-13768-injunction"),
        ("Nov. 20", "eo-13768-injunction"),
    ]


def test_a_city_in_capitals_with_its_state_after_a_slug_is_the_city(read):
    a = read("Headline\n\nCITY-REPLY — ALBUQUERQUE, N.M. — Officials say they are studying the letter.")
    assert cities(a) == [("ALBUQUERQUE", "albuquerque-nm", "place")]


def test_a_large_city_that_one_name_means_is_read_after_a_verb_but_not_inside_a_longer_name(read):
    """A bare name after a lower-case word, when one city of 400,000 people or more is all it can mean ("told
    Albuquerque", "kept Sacramento"), is that city; a first word of a longer run ("thanked Dallas Reyes") is not."""
    a = read(
        "Headline\n\nThe department told Albuquerque it would wait. A heat wave kept Sacramento hot. The board "
        "thanked Dallas Reyes for her work."
    )
    assert [c[:2] for c in cities(a)] == [("Albuquerque", "albuquerque-nm"), ("Sacramento", "sacramento-ca")]


def test_a_tables_row_in_pipes_gives_a_city_its_state(read):
    a = read(
        "Headline\n\nWhere each city stands:\nCity | State | Status\n"
        "Stockton | Calif. | Not considered until it answers"
    )
    assert cities(a) == [("Stockton", "stockton-ca", "place")]


def test_tonight_and_this_evening_are_the_articles_day(read):
    a = read("Headline\n\nThe council meets tonight. The mayor speaks this evening.", as_of="2017-08-03")
    assert dates(a) == [("tonight", "2017-08-03"), ("this evening", "2017-08-03")]


def test_a_day_counted_in_an_entry_stamped_with_a_time_counts_from_the_day_the_schedule_records(read):
    """A daybook of Aug. 3: "9 a.m. … on Wednesday" and then "2 p.m. … a day earlier" is 2 Aug, a day before the
    daybook's own day, not before Wednesday; in running text a day earlier still counts from the day before it."""
    a = read(
        "Daybook for Aug. 3, 2017\n\n9 a.m. The board meets. [It voted on Wednesday.]\n\n"
        "2 p.m. Briefing. [The mayor spoke a day earlier.]",
        as_of="2017-08-03",
    )
    assert dates(a)[-2:] == [("Wednesday", "2017-08-02"), ("a day earlier", "2017-08-02")]
    b = read("Headline\n\nThe board voted on Wednesday, Aug. 2. A day earlier, the mayor spoke.", as_of="2017-08-03")
    assert dates(b)[-1] == ("A day earlier", "2017-08-01")


def test_an_entry_stamped_with_a_time_counts_that_morning_from_the_day_it_names_itself(read):
    """A daybook of Aug. 3: "9 a.m. [… passed on Tuesday; the vote to end debate that morning …]" is Tuesday's
    morning; the daybook's own day counts only where the entry names no day before."""
    a = read(
        "Daybook for Aug. 3, 2017\n\n9 a.m. House meets. [The bill passed on Tuesday; the vote to end debate that "
        "morning was close.]",
        as_of="2017-08-03",
    )
    assert dates(a)[-2:] == [("Tuesday", "2017-08-01"), ("that morning", "2017-08-01")]


def test_last_weekday_then_a_written_date_are_two_dates(read):
    a = read("Headline\n\nThe notices went out last Tuesday, Aug. 1, and answers are due Aug. 18.", as_of="2017-08-07")
    assert dates(a) == [("last Tuesday", "2017-08-01"), ("Aug. 1", "2017-08-01"), ("Aug. 18", "2017-08-18")]
    b = read("Headline\n\nThe notices went out Tuesday, Aug. 1.", as_of="2017-08-07")
    assert dates(b) == [("Tuesday, Aug. 1", "2017-08-01")]


def test_a_deadline_to_show_something_by_a_date_is_the_answers_deadline(read):
    a = read(
        "Headline\n\nThe department asked each of the cities to show, by Aug. 18, that federal agents may enter its "
        "jails."
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Aug. 18", "psp-response-deadline")
    ]


def test_a_publication_word_after_a_title_is_no_surname(read):
    a = read("Ridge County Deputies' Guild Member Bulletin, Aug. 9, 2017\n\nNews for members.")
    assert people(a) == []


def test_a_name_that_opens_a_sentence_before_a_broadcasts_handoff_or_her_is_a_persons(read):
    a = read(
        "Evening news\n\n>> Tomas Ferreira has more from the county jail.\n\nThe forum\n\n"
        "Odile Banks ran the sheriff's office in Yuma for six years. Her work covers jail policy."
    )
    assert people(a) == [("Tomas Ferreira", "tomas-ferreira", "name"), ("Odile Banks", "odile-banks", "name")]
    b = read("Evening news\n\nCity Hall has more to say. Open Meetings rules apply. The office is shut.")
    assert people(b) == []


def test_a_month_written_short_without_its_stop_is_a_date_only_before_a_day(read):
    a = read("Alerts\n\n2:09 p.m.\n\nReplies due Aug 18\n\n2:10 p.m.\n\n“No,” said Jan Okafor.")
    assert dates(a) == [("Aug 18", "2017-08-18")]
    assert people(a) == [("Jan Okafor", "jan-okafor", "name")]


def test_a_credits_role_in_lower_case_before_a_name_makes_it_a_persons(read):
    """The role noun that makes "Archive Room, Main Library" no one stands in the next sentence: a role after a
    comma counts only in its own sentence."""
    a = read("Guide\n\nArchive Room, Main Library.\nCompiled by reference librarian Ines Okoro.")
    assert people(a) == [("Ines Okoro", "ines-okoro", "name")]


def test_a_name_inside_a_sentence_whose_surname_alone_opens_a_later_one_is_a_persons(read):
    a = read(
        "Behind the story\n\nOur reporter asked for the letters, and Mirela Vance spent the next day calling "
        "officials. Vance learned that the county runs the jail."
    )
    assert people(a) == [("Mirela Vance", "mirela-vance", "name"), ("Vance", "mirela-vance", "surname")]
    b = read("Senate Backs Okafor Plan in Close Vote\n\nThe Senate voted. Okafor welcomed it.")
    assert people(b) == []


def test_a_citys_own_police_named_in_the_text_makes_its_bare_name_that_city(read):
    a = read("Internal memo\n\nModesto Police Department\n\nThe department says it will not consider Modesto now.")
    assert cities(a) == [("Modesto", "modesto-ca", "bare")]
    b = read("Internal memo\n\nThe department says it will not consider Modesto now.")
    assert cities(b) == []


def test_the_story_prior_reads_its_own_cities_bare_after_a_lower_case_word_and_only_with_the_prior(reader, ref):
    """ "sent Stockton a letter": Stockton is under the 400,000 people a bare name needs on the gazetteer alone; with
    the story's prior (its reference cities) it is read, without it not."""
    text = "Forum\n\nThe department sent Stockton a letter on Thursday."
    article = Article("t", Path("t.txt"), Path("t.toml"), text, "", dt.date(2017, 8, 5), "set", False, "", "", "")
    without = Reader(Known.read(REFERENCE_DIR), Gazetteer(), load_lexicon(), prior=False)
    assert [m.entity_id for m in reader.read(article).mentions if m.type == "city"] == ["stockton-ca"]
    assert [m.entity_id for m in without.read(article).mentions if m.type == "city"] == []


def test_a_capitalised_today_inside_a_name_is_no_date(read):
    a = read("Guide\n\nA report, Aug. 4, 2017, as carried by West Valley Today. Today the guide is shut.")
    assert dates(a) == [("Aug. 4, 2017", "2017-08-04"), ("Today", "2017-08-03")]


def test_an_agendas_date_lies_ahead(read):
    a = read("Regular meeting agenda for Aug. 16, 2017, 5 p.m.\n\nPosted Aug. 11, 2017", as_of="2017-08-11")
    assert [(d.surface, d.ahead) for d in a.reading.dates] == [("Aug. 16, 2017", True), ("Aug. 11, 2017", False)]


def test_a_plan_of_its_own_near_a_deadline_the_text_dates_right_is_no_claim_on_it(read):
    """ "The department wants answers by Aug. 18. … we send ours by Aug. 16": the second is the city's own plan, no
    wrong date of the deadline; alone, "answer …, send the reply by Aug. 16" still is a claim on it (a disagreement)."""
    a = read(
        "Memo\n\nThe department wants answers by Aug. 18.\n\nAnswer each question, send the reply by Aug. 16, and "
        "brief the council.",
        as_of="2017-08-07",
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Aug. 18", "psp-response-deadline"),
        ("Aug. 16", None),
    ]
    b = read("Memo\n\nAnswer each question, send the reply by Aug. 16, and brief the council.", as_of="2017-08-07")
    assert [(b.reading.dates[x.date_index].surface, x.event_id) for x in b.dates] == [
        ("Aug. 16", "psp-response-deadline")
    ]


def test_a_letters_signature_of_a_name_and_its_town_on_one_line(read):
    a = read("Letters\n\nThe council should answer plainly.\n\nOrla Benn, Tracy\n\nNext letter\n\nWe agree.")
    assert people(a) == [("Orla Benn", "orla-benn", "name")]


def test_a_turn_labelled_with_a_name_and_a_role_in_brackets_and_its_surname_after(read):
    a = read(
        "Call-in hour\n\nDeena Fairbanks (host): Good morning.\n\nWalt Imbry (guest): Thanks.\n\n"
        "Fairbanks: First caller."
    )
    assert people(a) == [
        ("Deena Fairbanks", "deena-fairbanks", "name"),
        ("Walt Imbry", "walt-imbry", "name"),
        ("Fairbanks", "deena-fairbanks", "surname"),
    ]


def test_a_name_under_a_broadcast_super_and_a_quotation_after_it(read):
    a = read('Script\n\nSOT: (SUPER: Ivo Rask / County Supervisor) "We will answer the letter."')
    assert people(a) == [("Ivo Rask", "ivo-rask", "name")]
    assert [s.entity_id for s in a.speakers] == ["ivo-rask"]


def test_a_quotation_of_he_after_a_person_described_by_an_occupation(read):
    a = read(
        'Poll\n\n"The county runs the jail, not the city," wrote Mina Joss of Rio Rancho.\n\nOtto Vell, a retired '
        'firefighter, said yes. "We need the help more than most," he said.'
    )
    assert people(a)[:2] == [("Mina Joss", "mina-joss", "name"), ("Otto Vell", "otto-vell", "name")]
    assert cities(a) == []  # Rio Rancho, N.M., is no city the text's scene holds a state for
    assert [s.entity_id for s in a.speakers] == ["mina-joss", "otto-vell"]


def test_a_town_of_the_scenes_state_after_a_persons_name_and_of(read):
    a = read('Poll\n\nReaders in Albuquerque answered. "The county runs the jail," wrote Mina Joss of Rio Rancho.')
    assert cities(a) == [("Albuquerque", "albuquerque-nm", "bare"), ("Rio Rancho", "rio-rancho-nm", "bare")]


def test_considered_is_a_cue_of_the_letters_day(read):
    a = read(
        "Quiz\n\n1. Who said on Thursday that four cities would not be considered for a federal program?",
        as_of="2017-08-05",
    )
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Thursday", "psp-four-cities-letters")
    ]


def test_a_mixed_case_label_whose_surname_labels_later_turns_and_he_said_in_a_turn(read):
    a = read(
        "Transcript\n\nNell Okafor: I'm here with a colleague.\n\nTad Brisco: Thanks.\n\nOkafor: Attorney General "
        "Jeff Sessions put out a statement. “We will not wait for the cities to decide,” he said.\n\nBrisco: Right."
    )
    assert [p[:2] for p in people(a)] == [
        ("Nell Okafor", "nell-okafor"),
        ("Tad Brisco", "tad-brisco"),
        ("Okafor", "nell-okafor"),
        ("Jeff Sessions", "jeff-sessions"),
        ("Brisco", "tad-brisco"),
    ]
    assert [s.entity_id for s in a.speakers] == ["jeff-sessions"]
    b = read("Newsletter\n\nWhy It Matters: the letters.\n\nMatters: more.")
    assert people(b) == []


def test_she_is_and_a_name_that_ends_the_sentence(read):
    a = read("Corrections\n\nA caption misspelled the coach's name. She is Harriet Quon.")
    assert people(a) == [("Harriet Quon", "harriet-quon", "name")]


def test_a_schedule_that_begins_on_a_weekday_lies_ahead(read):
    a = read("Corrections\n\nCheck-in begins at 8 a.m. Saturday at the boat launch.", as_of="2017-08-08")
    assert dates(a) == [("Saturday", "2017-08-12")]


def test_the_partnership_is_the_programme_and_dates_its_launch(read):
    a = read("Roundup\n\nTHE PROGRAM: The partnership was announced June 21 with 12 cities.", as_of="2017-08-03")
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [("June 21", "psp-launched")]
