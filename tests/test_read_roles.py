"""The forms of issue 38 that gave a city a wrong role or none, with the exact roles the story layer must give.

Each text is our own sentence in the style of the form. A wrong role is worse than none: where the text does not
tie a city to a role, it is a mention without one.
"""
# ruff: noqa: F811

from __future__ import annotations

import pytest

# The reader's fixtures and helper, shared with the forms of issue 32: each test names `read` as its argument.
from tests.test_read_forms import cities, counts, read, reader, ref, roles  # noqa: F401

FOUR_LETTERS = "Headline\n\nThe Justice Department on Thursday sent letters to four cities that wanted its help.\n\n"


def test_a_semicolon_list_takes_the_role_of_the_count_in_the_sentence_before(read):
    a = read(
        FOUR_LETTERS + "Baltimore; Albuquerque; and Stockton and San Bernardino in California all expressed interest "
        "in the program earlier this year."
    )
    assert roles(a) == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
    ]
    listed = next(c for c in a.story.counts if c.listed is not None)
    assert (listed.count.surface, len(listed.listed.places)) == ("four cities", 4)


def test_a_state_after_the_first_name_only(read):
    a = read(
        FOUR_LETTERS + "Albuquerque, New Mexico, and Baltimore, Stockton and San Bernardino had asked to join the "
        "program."
    )
    assert roles(a) == [
        ("Albuquerque", "excluded"),
        ("Baltimore", "excluded"),
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
    ]


def test_a_list_of_another_size_than_the_count_before_takes_no_role(read):
    a = read(FOUR_LETTERS + "Baltimore and Albuquerque had asked to join the program.")
    assert roles(a) == []


def test_one_city_a_line_under_a_lead_in_line(read):
    a = read(
        "Four cities told to help immigration agents\n\n"
        "Here is what we know about the Justice Department's statement on Thursday and about the partnership it "
        "runs with the cities that are already part of it, as of this week.\n\n"
        "The statement named the following four cities:\n\n"
        "Baltimore, Maryland\n\nAlbuquerque, New Mexico\n\nSan Bernardino, California\n\nStockton, California\n\n"
        "The original 12 locations included:\n\n"
        "Birmingham, Alabama\n\nIndianapolis, Indiana\n\nMemphis, Tennessee\n\nToledo, Ohio\n\n"
        "Baton Rouge, Louisiana\n\nBuffalo, New York\n\nCincinnati, Ohio\n\nHouston, Texas\n\n"
        "Jackson, Tennessee\n\nKansas City, Missouri\n\nLansing, Michigan\n\nSpringfield, Illinois"
    )
    got = roles(a)
    assert got[:4] == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]
    assert [r for _, r in got[4:]] == ["participant"] * 12
    assert [s for s, _ in got[4:]][:3] == ["Birmingham", "Indianapolis", "Memphis"]


def test_a_condition_is_not_participation(read):
    a = read(
        "Headline\n\nAttorney General Jeff Sessions asked Baltimore and three other cities to show they cooperate "
        "with immigration agents if they want to participate."
    )
    assert [r for r in roles(a) if r[1] == "participant"] == []


def test_a_city_in_a_quotation_is_the_speakers_example(read):
    a = read(
        FOUR_LETTERS + "“Just last month, a man released by jailers in Portland, Oregon, went on to commit a "
        "terrible crime, and cities that will not help ICE put people at risk,” Sessions said."
    )
    assert ("Portland", "excluded") not in roles(a)
    assert roles(a) == []


def test_a_list_split_over_two_clauses_after_the_count(read):
    """heldout3_spanish_outlet_english: "In California they are Stockton and San Bernardino; outside the state,
    Baltimore and Albuquerque." after the sentence that counts four cities."""
    a = read(
        "Headline\n\nThe Justice Department said on Thursday that it will not consider four cities for its "
        "partnership until they cooperate more with immigration agents. In California they are Stockton and San "
        "Bernardino; outside the state, Baltimore and Albuquerque."
    )
    assert [(c.place.mention.surface, c.role.status, c.how.code, c.how.basis) for c in a.story.claims] == [
        (city, "excluded", "split_list", "four cities")
        for city in ("Stockton", "San Bernardino", "Baltimore", "Albuquerque")
    ]
    assert (
        str(a.story.claims[0].how) == "the list, split over 2 clauses, names the “four cities” of the sentence before"
    )
    (count,) = a.story.counts
    assert (count.count.surface, count.role.status, len(count.listed.places)) == ("four cities", "excluded", 4)


def test_a_split_list_of_another_size_than_the_count_takes_no_role(read):
    a = read(
        "Headline\n\nThe Justice Department said on Thursday that it will not consider four cities for its "
        "partnership. In California they are Stockton and San Bernardino; outside the state, Baltimore."
    )
    assert roles(a) == []


def test_the_letters_request_with_a_condition_after_it(read):
    """heldout3_the_latest: the request is the letters' (excluded); "if they want to participate" is a clause of its
    own, a condition that gives no participant role and hedges only itself."""
    a = read(
        "Headline\n\nThe department asked Baltimore and three other cities to show that they will give immigration "
        "agents access to their jails if they want to participate."
    )
    assert [(c.place.mention.surface, c.role.status, c.how.code, c.how.basis) for c in a.story.claims] == [
        ("Baltimore", "excluded", "in_clause", "access to their jails")
    ]
    assert counts(a) == [("three other cities", 3, None)]


def test_a_count_of_the_cities_the_programme_began_with(read):
    """heldout3_think_tank_digest: "The partnership began in June with 10 cities" is a count of the launch's cities
    (checked against the reference's 12), whatever its number."""
    a = read("Headline\n\nThe partnership began in June with 10 cities, none of them in California.")
    assert counts(a) == [("10 cities", 10, "participant")]
    assert (a.story.counts[0].how.code, a.story.counts[0].how.basis) == ("launch_count", "began")
    assert str(a.story.counts[0].how) == "“began” and the programme in its clause: the cities it began with"


def test_a_count_that_began_with_no_programme_in_its_clause_takes_no_role(read):
    assert counts(read("Headline\n\nThe investigation began in June with 10 cities.")) == [("10 cities", 10, None)]
    assert counts(read("Headline\n\nThe program, which began in June, named 10 cities.")) == [("10 cities", 10, None)]


def test_a_count_in_a_hedged_relative_clause_takes_no_role_from_another_clause(read):
    """ ", each of which had asked to join …," is a clause of its own: the letters' cue of the main clause gives
    the cities it names their role, never the count inside the aside (the programme's twelve sites)."""
    a = read(
        "Headline\n\nThe department mailed a letter to Stockton and Albuquerque, each of which had asked to join a "
        "partnership that already serves twelve cities, from Houston to Toledo, Ohio."
    )
    assert roles(a) == [
        ("Stockton", "excluded"),
        ("Albuquerque", "excluded"),
        ("Houston", "participant"),
        ("Toledo", "participant"),
    ]
    assert counts(a) == [("twelve cities", 12, "participant")]


def _errors(a, ref, reader) -> list[tuple[str, str]]:
    """The errors the article's own checks raise, as a refresh runs them on it alone: (kind, surface)."""
    from etl import check, corroborate
    from etl.build import recorded_roles
    from etl.gazetteer import Gazetteer

    recorded = recorded_roles(ref, reader.lexicon, Gazetteer())
    standing = corroborate.standings([a], recorded)
    rows = check.check_article(check.Context(a, ref, 12, recorded, standing))
    return [(r["kind"], r["surface"]) for r in rows if r["severity"] == "error"]


def test_a_count_that_lists_no_cities_is_not_checked_against_fewer_named_apart(read, ref, reader):
    """Captions each name one city: "four cities" introduces no list, so the one city a caption ties to the decision
    is no count to check it against (our cited records name four)."""
    a = read(
        "Headline\n\n1 of 2: A street in Stockton, Calif. Stockton is one of four cities the department will not "
        "consider until they step up help to immigration agents (Photo: Staff)\n\n"
        "2 of 2: A park in Houston (Photo: Staff)"
    )
    assert roles(a) == [("Stockton", "excluded")]
    assert counts(a) == [("four cities", 4, "excluded")]
    assert _errors(a, ref, reader) == []


def test_cities_already_taking_part_are_participants_and_their_count_is_checked(read, ref, reader):
    a = read("Headline\n\n10 cities already taking part in the partnership, among them Houston and Toledo, Ohio.")
    assert roles(a) == [("Houston", "participant"), ("Toledo", "participant")]
    assert counts(a) == [("10 cities", 10, "participant")]
    assert _errors(a, ref, reader) == [("count_check", "10 cities")]


def test_twelve_other_cities_named_with_the_programme_are_its_sites(read):
    """ "other" marks some of a role's cities ("three other cities"), but as many as the programme's sites, named
    with it, they are its sites: the count is the participants'."""
    a = read(
        FOUR_LETTERS + "Twelve other cities, among them Houston and Toledo, Ohio, joined when the partnership began."
    )
    assert counts(a) == [("four cities", 4, "excluded"), ("Twelve other cities", 12, "participant")]
    assert roles(a) == [("Houston", "participant"), ("Toledo", "participant")]


def test_asking_to_be_part_of_the_program_is_no_participation(read):
    """A city that asked (or applied) to join takes no participant role from the words that follow ("part of the
    program"): held-out batch 5 read two such sentences as participation, and the checks raised a false conflict."""
    a = read(
        "Headline\n\nFresno had asked to be part of the program. Modesto applied for a place in the partnership, "
        "and Visalia asked to take part in the program."
    )
    assert roles(a) == []


def test_a_semicolon_list_after_the_letters_went_to(read):
    a = read(
        "Headline\n\nThe department's letters went to Albuquerque, N.M.; Baltimore; San Bernardino, Calif.; and "
        "Stockton, Calif. Each one asks about access to jails."
    )
    assert roles(a) == [
        ("Albuquerque", "excluded"),
        ("Baltimore", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]


def test_a_reporters_request_for_replies_is_no_letter(read):
    """ "Replies" a reporter will add to a thread are no answer to the letters; a city's own "reply" and a city that
    "has until Aug. 18 to reply" still are."""
    a = read(
        FOUR_LETTERS + "I asked officials in Albuquerque and Stockton for comment tonight and will add their replies "
        "here.\n\nBaltimore has until Aug. 18 to reply."
    )
    assert roles(a) == [("Baltimore", "excluded")]


def test_a_correction_that_withdraws_a_claim_gives_no_role(read):
    """A correction box repeats the claim it withdraws: that sentence gives no city a role; the next one, which
    states the fact, does."""
    a = read(
        "Headline\n\nCorrection: An earlier version of this story said Fresno, Calif., was among the cities already "
        "taking part in the partnership. Fresno would not be considered for the program until it agrees to help "
        "immigration agents."
    )
    assert roles(a) == [("Fresno", "excluded")]
    assert [c.place.mention.start for c in a.story.claims] == [a.reading.article.text.rindex("Fresno")]


def test_they_were_names_the_cities_just_before_not_a_role_named_further_back(read):
    """ "They were …" stands for the cities of the sentences just before it: the four the department would not
    consider, not the participants a paragraph earlier, the latest role named."""
    a = read(
        "Headline\n\nThe partnership began with a dozen cities, from Birmingham, Alabama, to Lansing, Michigan.\n\n"
        "Four other cities had hoped to join. Letters told them the department would not consider them until they "
        "help immigration agents.\n\n"
        "They were Baltimore; Albuquerque, New Mexico; San Bernardino; and Stockton, California."
    )
    assert roles(a) == [
        ("Birmingham", "participant"),
        ("Lansing", "participant"),
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]


def test_among_them_names_some_of_the_cities_counted_just_before(read):
    """ "Among them are …" after "12 cities" gives the named cities the count's role, and no count check (it names
    some of the twelve)."""
    a = read(
        "Headline\n\nThe partnership was announced June 20 with 12 cities. Among them are Birmingham, Ala.; "
        "Memphis, Tenn.; and Houston."
    )
    assert roles(a) == [("Birmingham", "participant"), ("Memphis", "participant"), ("Houston", "participant")]
    assert [(c.count.surface, c.role.status, c.listed) for c in a.story.counts] == [("12 cities", "participant", None)]


def test_they_were_after_a_count_of_fewer_cities_gives_no_role(read):
    a = read(FOUR_LETTERS + "They were Baltimore, Albuquerque, Stockton, San Bernardino and Fresno.")
    assert roles(a) == []


def test_a_city_that_describes_a_person_takes_no_role_from_the_sentence(read):
    """ "A Fresno official on the department's letter": the city describes the official; a city that is the
    subject ("Fresno received a letter") keeps its role."""
    assert roles(read("Q&A: A Fresno official on the Justice Department's letter\n\nThe city answers questions.")) == []
    assert roles(read("Headline\n\nFresno officials said the letter came Thursday.")) == []
    assert roles(read("Headline\n\nFresno received a letter from the department on Thursday.")) == [
        ("Fresno", "excluded")
    ]


def test_among_them_after_a_count_in_the_same_sentence_names_some_of_the_count(read):
    """ "Twelve cities already take part; among them are A, B and C": the three are participants, and the count is
    no count of that list (a check would call twelve against three an error)."""
    a = read(
        "Headline\n\nThe partnership began in June. Twelve cities already take part; among them are Memphis, Toledo "
        "and Indianapolis."
    )
    assert roles(a) == [("Memphis", "participant"), ("Toledo", "participant"), ("Indianapolis", "participant")]
    assert [(c.count.surface, c.role.status, c.listed) for c in a.story.counts] == [
        ("Twelve cities", "participant", None)
    ]


def test_a_headlines_section_label_is_no_cue(read):
    """ "Letter: Fresno should not have to choose": the section's name, "Letter", is no letter of the department's;
    the same word in the text still is."""
    assert (
        roles(read("Letter: Fresno should not have to choose between safety and trust\n\nEditor: I live here.")) == []
    )
    assert roles(read("Fresno gets a letter: answer by Aug. 18\n\nEditor: I live here.")) == [("Fresno", "excluded")]


def test_they_with_no_count_of_cities_just_before_may_be_anyone(read):
    """ "They include Chicago" after a sentence about critics, and "Among them are …" after police chiefs: "they" is
    not the cities of the letters, so the list takes no role (the fresh-eyes review's sentences)."""
    a = read(FOUR_LETTERS + "Critics of the policy live elsewhere. They include Chicago and Philadelphia.")
    assert roles(a) == []
    a = read(
        "Headline\n\nDozens of police chiefs signed a letter of support. Among them are Memphis, Toledo and Houston."
    )
    assert roles(a) == []


def test_a_withdrawn_sentence_gives_no_role_through_its_count_or_its_list(read):
    """The correction repeats what it withdraws, a list after a count and a launch count: neither is read."""
    a = read(
        "Headline\n\nCorrection: An earlier version of this story said the four cities were Baltimore, Fresno, "
        "Stockton and Albuquerque, and that the Public Safety Partnership began in June with 10 cities."
    )
    assert roles(a) == []
    assert a.story.counts == []


def test_no_reply_to_a_request_for_comment_is_no_letter(read):
    a = read(FOUR_LETTERS + "The mayor of Toledo did not reply to a request for comment on Thursday.")
    assert roles(a) == []


def test_a_list_that_closes_are_among_them_names_some_of_the_count_before(read):
    """ "… began in June with 12 cities. Birmingham, Memphis and Jackson, Tenn., are among them": participants, and no
    count check; with no count of cities just before, "them" may be anyone."""
    a = read(
        "Headline\n\nThe partnership began in June with 12 cities. Birmingham, Memphis and Jackson, Tenn., are among "
        "them."
    )
    assert roles(a) == [("Birmingham", "participant"), ("Memphis", "participant"), ("Jackson", "participant")]
    assert [c.listed for c in a.story.counts] == [None]
    a = read("Headline\n\nSeveral mayors wrote to the department. Memphis and Toledo are among them.")
    assert roles(a) == []


def test_a_count_takes_no_cue_from_past_a_semicolon(read):
    a = read(
        "Headline\n\nToledo was not one of the four cities named in the department's notices; it has been a "
        "participant since June."
    )
    assert counts(a) == [("four cities", 4, None)]
    assert roles(a) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Cincinnati police said they had no comment on the letters sent to four other cities.",
        "A reader in Modesto points out that his city got no letter.",
        "Las Cruces was not mentioned in the letter.",
        "Lansing did not receive a letter from the department.",
    ],
)
def test_a_city_the_letters_did_not_reach_takes_no_role(read, sentence):
    assert roles(read(f"Headline\n\n{sentence}")) == []


def test_the_cities_a_question_names_take_no_role_and_its_count_still_counts(read):
    a = read(
        "Headline\n\nMight Portland or Tucson be sent a letter like the ones that went to four cities this week?"
        "\n\nNobody at the department would say."
    )
    assert roles(a) == []
    assert counts(a) == [("four cities", 4, "excluded")]


def test_the_cities_that_applied_are_no_count_of_those_chosen(read):
    a = read("Headline\n\nOf the 20 cities that applied in the spring, a dozen were selected.")
    assert counts(a) == [("20 cities", 20, None)]


def test_a_count_that_names_its_own_cities_is_not_the_count_of_the_same_number_after_it(read):
    a = read(
        "Headline\n\nThree cities went to court over the grants this spring: Oakland, Seattle and Portland.\n\n"
        "Not one of them is among the three cities the department said it would not consider."
    )
    assert roles(a) == []
    assert counts(a) == [("Three cities", 3, None), ("three cities", 3, "excluded")]


def test_a_count_with_another_number_between_it_and_a_list_or_a_cue_takes_neither(read):
    a = read(
        "Headline\n\nThe two cities in the grant suit are apart from the four shut out of the partnership: "
        "Baltimore, Albuquerque, San Bernardino and Stockton."
    )
    assert counts(a) == [("two cities", 2, None)]
    assert a.story.counts[0].listed is None
    b = read(
        "Headline\n\nThose three cities were sued, unlike the four denied a place: Baltimore, Albuquerque, "
        "San Bernardino and Stockton."
    )
    assert counts(b) == [("three cities", 3, None)]
    assert b.story.counts[0].listed is None


def test_a_count_that_names_some_of_its_cities_is_not_the_programmes_count_after_it(read):
    a = read(
        "Headline\n\nAn older federal effort served a dozen cities, among them Newark, Detroit and Oakland.\n\n"
        "The partnership launched in June has twelve sites of its own."
    )
    assert roles(a) == []
    assert counts(a) == [("a dozen cities", 12, None), ("twelve sites", 12, "participant")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Springfield, Mass., is not in the program.",
        "Flint is not part of the partnership.",
        "Akron was not selected for the program in June.",
    ],
)
def test_a_city_said_not_to_take_part_takes_no_role(read, sentence):
    assert roles(read(f"Headline\n\n{sentence}")) == []


def test_a_bullets_list_does_not_run_on_into_the_next_bullets_list(read):
    a = read(
        "Headline\n\n• Already participating: Memphis, Toledo and Houston\n\n"
        "• Shut out this week: Baltimore, Albuquerque, San Bernardino and Stockton"
    )
    assert roles(a) == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayors of Buffalo and Lansing talked on Thursday about the letters.",
        "Reporters from Houston and Memphis asked about the letters to four cities.",
    ],
)
def test_cities_that_say_who_people_are_take_no_role(read, sentence):
    assert roles(read(f"Headline\n\n{sentence}")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Marsh, chief of police in Toledo, Ohio, said the calls were about the letters to four cities.",
        '"We will read it," said Ben Ruiz, a spokesman for the city of Fresno, about the letter Thursday.',
    ],
)
def test_a_city_a_few_words_after_a_role_noun_says_who_the_person_serves_and_takes_no_role(read, sentence):
    assert roles(read(f"Headline\n\n{sentence}")) == []


def test_a_list_closed_by_are_among_a_count_after_it_takes_the_counts_role(read):
    """ "A and B, both in Ohio, are among the dozen cities already in it": the count after the list names it."""
    a = read(
        "Headline\n\nThe partnership started in June. Toledo and Cincinnati, both in Ohio, are among the dozen "
        "cities already in it."
    )
    assert roles(a) == [("Toledo", "participant"), ("Cincinnati", "participant")]


def test_an_aside_with_a_cue_after_a_persons_description_gives_its_cities_the_role(read):
    """ "Chiefs in A and B, both partnership sites, …": the aside says what the cities are; without a cue in the
    aside they only say who the people are."""
    a = read("Headline\n\nChiefs in Memphis and Toledo, both partnership sites, will host a training day in May.")
    assert roles(a) == [("Memphis", "participant"), ("Toledo", "participant")]
    assert roles(read("Headline\n\nChiefs in Memphis and Toledo, both busy towns, said the letters were unfair.")) == []


def test_cities_that_received_similar_letters_one_a_line_under_a_count(read):
    """ "Four cities received similar letters:", then one city a line with no blank line between: the letters'
    cities, listed by the count."""
    a = read(
        "Headline\n\nWhich cities were written to?\n\nFour cities received similar letters:\nStockton, California\n"
        "Albuquerque, New Mexico\nBaltimore, Maryland\nSan Bernardino, California\n\nWhat comes next?"
    )
    assert roles(a) == [
        ("Stockton", "excluded"),
        ("Albuquerque", "excluded"),
        ("Baltimore", "excluded"),
        ("San Bernardino", "excluded"),
    ]
    assert counts(a) == [("Four cities", 4, "excluded")]


def test_a_clause_with_its_own_subject_ends_the_list_a_count_introduces(read):
    """ "Twelve cities joined in June, among them A and B, and we hope C gets the same": C stands in a clause of
    its own after ", and we"; the twelve name only A and B."""
    a = read(
        "Headline\n\nThe partnership began in June. Twelve cities joined it then, among them Memphis and Toledo, and "
        "we hope Stockton, Calif., gets the same support next year."
    )
    assert roles(a) == [("Memphis", "participant"), ("Toledo", "participant")]
    assert counts(a) == [("Twelve cities", 12, "participant")]


@pytest.mark.parametrize(
    ("program", "whole"),
    [(" for its crime-fighting partnership", ("12 sites", 12, "participant")), ("", ("12 sites", 12, None))],
)
def test_a_count_the_four_are_set_against_takes_not_their_role(read, program, whole):
    """ "None of the four cities is among the 12 sites …": the four refer back to the letters' cue, the twelve are
    another group; as many as the programme's sites, they are its sites once the text has named the programme."""
    a = read(
        f"Headline\n\nThe department told Stockton, Calif., on Thursday that it will not consider the city{program} "
        "for now. Three other cities got that letter too. None of the four cities is among the 12 sites the "
        "department works with today."
    )
    assert roles(a) == [("Stockton", "excluded")]
    assert counts(a) == [("Three other cities", 3, None), ("four cities", 4, "excluded"), whole]


def test_a_table_written_as_lines_with_pipes_gives_each_row_its_status_cells_role(read):
    """ "City | State | Status", then a row a line: each row's city takes the role its status cell gives."""
    a = read(
        "Headline\n\nHow the cities stand this week:\nCity | State | Where it stands\n"
        "Albuquerque | N.M. | Not considered for the program yet\nCincinnati | Ohio | Partnership site since June\n"
        "Lansing | Mich. | No word either way\n\nWe will keep the table up to date."
    )
    assert roles(a) == [("Albuquerque", "excluded"), ("Cincinnati", "participant")]


def test_a_definite_lead_in_line_under_the_roles_sentence_refers_back(read):
    """ "… will not consider them until they do more. The cities are:", then a city a line: the lead-in names the
    cities of the sentence before, so the lines take its role; under a lead-in of no such words they take none."""
    text = (
        "Headline\n\nOn Thursday the department wrote to four cities and said it would not consider them for the "
        "partnership until they do more to help immigration agents. {lead}\nStockton, California\n"
        "Baltimore, Maryland\nAlbuquerque, New Mexico\nSan Bernardino, California\n\nWhat comes next"
    )
    assert roles(read(text.format(lead="The cities are:"))) == [
        ("Stockton", "excluded"),
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
    ]
    assert roles(read(text.format(lead="Our offices are in:"))) == []


def test_the_same_message_refers_back_to_the_role_of_the_sentence_before(read):
    """ "… told A it will not be considered … B and C got the same warning": the list takes the sentence before's
    role; in a new paragraph, or with no such words, it takes none."""
    first = (
        "Headline\n\nThe department said on Thursday that Stockton, Calif., will not be considered for its crime "
        "program until it helps immigration agents."
    )
    assert roles(read(first + " The mayors of Buffalo and Lansing heard the same warning from Sessions.")) == [
        ("Stockton", "excluded")
    ]  # a person's description, the mayors' cities: no role
    assert roles(read(first + " Officials then gave the same warning to Baltimore and Albuquerque.")) == [
        ("Stockton", "excluded"),
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
    ]
    assert roles(read(first + "\n\nOfficials then gave the same warning to Baltimore and Albuquerque.")) == [
        ("Stockton", "excluded")
    ]
    assert roles(read(first + " Officials then flew to Baltimore and Albuquerque.")) == [("Stockton", "excluded")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The partnership's twelve sites were picked in June.",
        "The department chose the partnership's twelve sites in June.",
        "Twelve cities joined the partnership in June.",
    ],
)
def test_the_month_the_sites_were_picked_chosen_or_joined_dates_the_launch(read, sentence):
    a = read(f"Headline\n\n{sentence}")
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [("June", "psp-launched")]


def test_a_count_as_many_as_the_sites_dated_on_the_launch_day_gives_its_list_their_role(read):
    a = read(
        "How the map works\n\nThe green squares are the 12 cities the agency named on June 20, 2017: Birmingham, Ala.; "
        "Indianapolis; Memphis, Tenn.; Toledo, Ohio; Baton Rouge, La.; Buffalo, N.Y.; Cincinnati; Houston; Jackson, "
        "Tenn.; Kansas City, Mo.; Lansing, Mich.; and Springfield, Ill. We copied them from the release."
    )
    assert counts(a) == [("12 cities", 12, "participant")]
    assert (a.story.counts[0].how.code, a.story.counts[0].how.basis) == ("dated_count", "June 20, 2017")
    assert len(roles(a)) == 12 and {r for _, r in roles(a)} == {"participant"}


def test_a_count_of_another_size_dated_on_the_launch_day_takes_no_role(read):
    a = read("How the map works\n\nThe green squares are the 9 cities the agency named on June 20, 2017.")
    assert counts(a) == [("9 cities", 9, None)]


def test_a_bare_count_takes_the_role_of_the_sentence_after_that_says_each_helps_immigration_agents(read):
    a = read(
        "Reader questions\n\n[1:00 p.m.] reader_one: Who received the notices?\n\n[1:01 p.m.] Dana Ruiz: Four cities "
        "received them: Baltimore, Albuquerque, Stockton and San Bernardino. The department says none of the four will "
        "get a place in its partnership until each helps immigration agents more."
    )
    assert counts(a) == [("Four cities", 4, "excluded")]
    assert roles(a) == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
    ]


def test_a_bare_count_with_no_cue_after_it_takes_no_role(read):
    a = read(
        "Reader questions\n\n[1:00 p.m.] reader_one: Who received the notices?\n\n[1:01 p.m.] Dana Ruiz: Four cities "
        "received them: Baltimore, Albuquerque, Stockton and San Bernardino. The department says none of the four will "
        "get a place in its partnership for now."
    )
    assert (counts(a), roles(a)) == ([("Four cities", 4, None)], [])


def test_a_list_closed_by_among_them_after_a_count_of_its_sentence_names_some_of_its_cities(read):
    a = read(
        "Evening report\n\n>> The partnership is the Public Safety Partnership. It began in June, and twelve cities "
        "belong to it, Buffalo and Toledo among them."
    )
    assert counts(a) == [("twelve cities", 12, "participant")]
    assert roles(a) == [("Buffalo", "participant"), ("Toledo", "participant")]
    assert a.story.counts[0].listed is None  # some of the twelve: no list to check the count against


def test_those_include_after_a_city_set_against_the_programmes_sites_names_participants(read):
    """ "It is not one of the 12 sites. Those include A and B": the 12 are the programme's sites (the programme
    named before), and the list after "Those include" names some of them."""
    a = read(
        "Chat\n\nQ: Is Fresno in the Public Safety Partnership?\n\nA: No. The city wanted to take part, but it is not "
        "one of the 12 sites. Those include Memphis, Tennessee, and Toledo, Ohio."
    )
    assert counts(a) == [("12 sites", 12, "participant")]
    assert roles(a) == [("Memphis", "participant"), ("Toledo", "participant")]


def test_a_city_set_against_a_count_of_another_size_gives_it_no_role(read):
    a = read(
        "Chat\n\nQ: Is Fresno in the Public Safety Partnership?\n\nA: No. It is not one of the 9 sites. Those include "
        "Memphis, Tennessee, and Toledo, Ohio."
    )
    assert (counts(a), roles(a)) == ([("9 sites", 9, None)], [])


def test_a_numbered_points_sentences_in_one_paragraph_are_no_bullet_list(read):
    """ "1. The letter. … will not consider Albuquerque … . The department sent letters to Baltimore, …": the
    paragraph opens with a number, but its sentences are no list of one city a line; each takes its own cue."""
    a = read(
        "Memo\n\n1. The letter. The letter says Sessions will not consider Albuquerque for the partnership. The "
        "department sent letters of the same kind to Baltimore, San Bernardino and Stockton.\n\n2. The questions."
    )
    assert roles(a) == [
        ("Albuquerque", "excluded"),
        ("Baltimore", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]


def test_letters_of_the_same_kind_take_the_role_of_the_sentence_before(read):
    a = read(
        "Memo\n\nSessions has said the department will not consider Stockton, California, for the program. Letters of "
        "the same kind went to Baltimore and Albuquerque."
    )
    assert roles(a) == [("Stockton", "excluded"), ("Baltimore", "excluded"), ("Albuquerque", "excluded")]


def test_a_city_that_was_one_of_them_takes_the_role_of_the_count_before_it(read):
    a = read(
        "Note\n\nSessions said the department would not consider four cities for its Public Safety Partnership, and "
        "Baltimore was one of them."
    )
    assert counts(a) == [("four cities", 4, "excluded")]
    assert roles(a) == [("Baltimore", "excluded")]


def test_incl_names_some_of_the_count_before_it(read):
    a = read("Alerts\n\n2:31 p.m.\n\nProgram launched in June w/ 12 cities incl Memphis, Houston & Buffalo")
    assert counts(a) == [("12 cities", 12, "participant")]
    assert roles(a) == [("Memphis", "participant"), ("Houston", "participant"), ("Buffalo", "participant")]


def test_a_count_as_many_as_the_sites_after_the_programme_named_in_the_paragraph_before(read):
    a = read(
        "Guide\n\nPress release announcing the National Public Safety Partnership, June 20, 2017.\n\nNote: The start. "
        "The department lists twelve sites: Memphis, Tenn.; Toledo, Ohio; and Houston."
    )
    assert counts(a) == [("twelve sites", 12, "participant")]
    assert roles(a) == [("Memphis", "participant"), ("Toledo", "participant"), ("Houston", "participant")]
    b = read(
        "Guide\n\nPress release announcing the National Public Safety Partnership, June 20, 2017.\n\nAnother note.\n\n"
        "Note: The start. The department lists twelve sites: Memphis, Tenn.; Toledo, Ohio; and Houston."
    )
    assert counts(b) == [("twelve sites", 12, None)]


def test_a_headlines_last_word_that_opens_the_paragraph_after_it_is_no_repeated_word(read, ref, reader):
    """A word printed twice is a slip within a line; a headline that ends on a city's name over a paragraph that
    opens with it is two lines, each whole."""
    a = read("Good news for Houston\n\nHouston, a site since June, will host the the chiefs in September.")
    assert _errors(a, ref, reader) == [("repeated_word", "the the")]


def test_cities_the_text_says_were_sent_no_letter_take_no_role(read, ref, reader):
    """A denial names cities the letters did not reach: "Neither A nor B got a letter", "was not sent a letter",
    "did not send letters to A or B". None of them is a city not considered."""
    a = read(
        FOUR_LETTERS + "Neither Houston nor Memphis got a letter from the department.\n\n"
        "Toledo, which joined in June, was not sent a letter either. The department did not send letters to "
        "Birmingham or Indianapolis."
    )
    assert roles(a) == []
    assert _errors(a, ref, reader) == []


def test_a_tally_of_another_vote_or_one_a_correction_withdraws_is_no_claim_on_the_confirmation(read, ref, reader):
    """Only the confirmation's own tally is checked against it: a vote on another nominee the same week, and the
    wrong tally a correction reports, claim nothing of it."""
    a = read(
        "Headline\n\nThe Senate confirmed Marvin Kaplan 50-48 on Wednesday. A later vote on another nominee went "
        "51-47. On Thursday it voted 94-0 on a judicial nominee.\n\n"
        "Correction: An earlier version of this story misstated the tally as 50-47."
    )
    assert _errors(a, ref, reader) == []
    assert [(x.tally.surface, x.vote["vote_id"] if x.vote is not None else None) for x in a.tallies] == [
        ("50-48", "senate-2017-08-02-kaplan"),
        ("51-47", None),
        ("94-0", None),
        ("50-47", None),
    ]


def test_a_city_in_the_aside_that_describes_the_person_a_sentence_opens_with_takes_no_role(read, ref, reader):
    """ "Gus Tamblyn, a retired Stockton police sergeant who moved to Memphis, said …": the aside says who the
    speaker is; the cities in it are where he served and lives, not cities the letters went to."""
    a = read(
        "Headline\n\nMarta Olsen, an immigration lawyer who grew up in Toledo, said the letters to four cities were "
        "overdue.\n\nGus Tamblyn, a retired Stockton police sergeant who moved to Memphis, said the letters would "
        "change little."
    )
    assert roles(a) == []
    assert counts(a) == [("four cities", 4, "excluded")]
    assert _errors(a, ref, reader) == []


def test_a_sentence_after_a_count_refers_back_to_it_only_with_no_other_number_and_not_in_part(read, ref, reader):
    """A count takes the role of the sentence after it through a word that stands for all of it: "the 12" stands
    for a count of twelve, not of four or two; "Four of them" picks some of the sixteen."""
    a = read(
        "Headline\n\nIs Fresno one of the four cities named on Thursday? No. Is it one of the 12 participants? "
        "No.\n\nSixteen cities applied to join later. Four of them, Baltimore, Albuquerque, San Bernardino and "
        "Stockton, got letters on Thursday."
    )
    assert counts(a) == [("four cities", 4, "excluded"), ("Sixteen cities", 16, None)]
    assert roles(a) == [
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
        ("San Bernardino", "excluded"),
        ("Stockton", "excluded"),
    ]
    assert _errors(a, ref, reader) == []


def test_a_date_ahead_near_an_event_already_over_is_a_plan_of_its_own(read, ref, reader):
    """ "is expected to send more letters in September": the text looks ahead to more letters, it does not date
    the letters of Aug. 3 wrongly."""
    a = read(
        "Headline\n\nThe department is expected to send more letters in September. Cities such as Denver could be "
        "next, an aide said.",
        as_of="2017-08-04",
    )
    assert _errors(a, ref, reader) == []
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [("September", None)]


def test_a_tally_whose_sentence_names_no_nominee_is_the_one_named_before_it_in_its_paragraph(read, ref, reader):
    """ "The Senate confirmed him … by 50-48": "him" is the nominee named before, not the one the paragraph's next
    sentence names."""
    a = read(
        "Headline\n\nKaplan was nominated in June. The Senate confirmed him Aug. 2, 2017, by 50-48. Emanuel's "
        "confirmation came in September.",
        as_of="2017-08-04",
    )
    assert _errors(a, ref, reader) == []
    assert [x.vote["vote_id"] for x in a.tallies] == ["senate-2017-08-02-kaplan"]


def test_a_judge_blocking_another_programme_is_no_date_of_the_executive_order_injunction(read, ref, reader):
    """A judge's word and a verb of blocking are not enough to make a ruling on the grants' conditions the
    injunction against the executive order: "judge" alone is no cue of that event."""
    a = read(
        "Headline\n\nA federal judge in Chicago on Sept. 15 blocked the grant conditions. The four cities that got "
        "letters in August were not parties.",
        as_of="2017-09-20",
    )
    assert _errors(a, ref, reader) == []
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Sept. 15", None),
        ("August", "psp-four-cities-letters"),
    ]


def test_a_list_after_unlike_is_set_against_the_claim_of_its_sentence(read, ref, reader):
    """ "Unlike Houston and Memphis, …": the cities the sentence's claim is not of. A bare comma after a list closed
    by "and" begins another list, of the cities the claim is of; a semicolon list is still one."""
    a = read(
        "Headline\n\nUnlike Houston and Memphis, Baltimore and Albuquerque were told on Thursday they would have to "
        "wait.\n\nExcept for Toledo, which joined in June, the letters went to cities that had applied."
    )
    assert roles(a) == [("Baltimore", "excluded"), ("Albuquerque", "excluded")]
    assert [[p.mention.surface for p in g.places] for g in a.story.lists[:2]] == [
        ["Houston", "Memphis"],
        ["Baltimore", "Albuquerque"],
    ]
    a = read("Headline\n\nThe letters went out Thursday to Baltimore and Albuquerque; Stockton and San Bernardino.")
    assert [[p.mention.surface for p in g.places] for g in a.story.lists] == [
        ["Baltimore", "Albuquerque", "Stockton", "San Bernardino"]
    ]
    assert _errors(a, ref, reader) == []


def test_a_city_the_letters_did_not_go_to_takes_no_role(read, ref, reader):
    a = read(
        "Headline\n\nThe letters did not go to Houston, which joined in June; they went to Baltimore and three other "
        "cities."
    )
    assert roles(a) == []
    assert _errors(a, ref, reader) == []


def test_a_city_officials_letter_after_the_letters_is_no_wrong_date_of_them(read, ref, reader):
    """ "Mayor Ada Quist wrote to Sessions on Friday": the mayor's answer, a day after the letters, is not their
    day told wrongly: the sentence's first person is none of the letters' actors."""
    a = read(
        "Headline\n\nSan Bernardino Mayor Ada Quist wrote to Sessions on Friday to ask why the city was singled out.",
        as_of="2017-08-05",
    )
    assert _errors(a, ref, reader) == []
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [("Friday", None)]


def test_a_name_before_a_citys_native_is_a_persons_and_its_cities_only_describe_her(read):
    a = read(
        "Forum\n\nJane Ocheltree, a Baltimore native who now lives in Houston, said the letters to four cities were "
        "overdue."
    )
    assert [m.surface for m in a.reading.mentions if m.type == "person"] == ["Jane Ocheltree"]
    assert (counts(a), roles(a)) == ([("four cities", 4, "excluded")], [])


def test_a_list_closed_by_among_those_sites_or_two_of_them_names_some_of_the_count_before(read):
    a = read(
        "Radio\n\nHost: Twelve cities were named in June. Memphis, Houston and Kansas City are among those sites.\n\n"
        "VO: The partnership began with twelve cities. Toledo and Buffalo are two of them."
    )
    assert roles(a) == [
        ("Memphis", "participant"),
        ("Houston", "participant"),
        ("Kansas City", "participant"),
        ("Toledo", "participant"),
        ("Buffalo", "participant"),
    ]


def test_sent_that_message_to_a_list_takes_the_role_of_the_sentence_before(read):
    a = read(
        "ANCHOR: The city won't be considered for a federal program until it helps immigration agents. Sessions sent "
        "that message on Thursday to four cities: Albuquerque, Baltimore, Stockton and San Bernardino."
    )
    assert [r for r in roles(a) if r[0] != "the city"][-4:] == [
        ("Albuquerque", "excluded"),
        ("Baltimore", "excluded"),
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
    ]


def test_a_city_given_for_example_takes_no_role(read):
    a = read("Radio\n\nOther places, Denver for example, have argued about detainer requests for years.")
    assert roles(a) == []


def test_the_program_already_includes_names_participants(read):
    a = read(
        "Letters\n\nI had never heard of the Public Safety Partnership. It already includes Birmingham, Toledo and "
        "Lansing, Mich., among others."
    )
    assert roles(a) == [("Birmingham", "participant"), ("Toledo", "participant"), ("Lansing", "participant")]


def test_a_town_after_a_persons_name_and_of_says_where_she_lives_and_takes_no_role(read):
    a = read(
        'Poll\n\nReaders in Albuquerque answered. "The city cannot promise what the letter asks," wrote Mina Joss of '
        "Rio Rancho."
    )
    assert [c[0] for c in cities(a)] == ["Albuquerque", "Rio Rancho"]
    assert roles(a) == []


def test_cities_one_a_sentence_after_a_count_and_so_are_the_rest(read):
    """ "Stockton is one of them. San Bernardino is another, and so are Baltimore and Albuquerque.": each names some
    of the four counted before the first (bare names opening a sentence are the story's own cities, with its
    prior)."""
    a = read(
        "Radio\n\nThe department told four cities they won't be considered for the partnership. Stockton is one of "
        "them. San Bernardino is another, and so are Baltimore and Albuquerque."
    )
    assert roles(a) == [
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
    ]


def test_a_city_whose_possessive_names_a_persons_office_takes_no_role(read):
    a = read("5 questions for Albuquerque's police chief about the Justice Department letter\n\nThe chief answered.")
    assert [c[0] for c in cities(a)] == ["Albuquerque"]
    assert roles(a) == []


def test_a_sentence_about_another_programme_gives_no_role(read):
    """ "Twelve cities took part in an earlier program in 2016, among them A and B": that programme's cities, not the
    partnership's participants (a status_conflict error called them wrong ones)."""
    a = read(
        FOUR_LETTERS + "Twelve cities took part in an earlier program in 2016, among them Toledo and Fresno. Scholars "
        "studied twelve cities selected in 2016 for a federal violence-reduction program, including Memphis."
    )
    assert roles(a) == []
    a = read("Headline\n\nThe partnership began in June. Twelve cities took part, among them Toledo and Fresno.")
    assert roles(a) == [("Toledo", "participant"), ("Fresno", "participant")]


def test_a_local_bodys_vote_or_a_second_vote_on_a_judge_is_no_claim_on_the_confirmation(read, ref, reader):
    """A school board's budget vote on the day of the confirmation, and "a second vote, on a district judge" later
    that day: neither is the confirmation's tally told wrongly (each was a false tally_check error)."""
    a = read(
        "Headline\n\nThe Senate confirmed Marvin Kaplan 50-48 on Aug. 2. A second vote, on a district judge, passed "
        "94-1 later that day.\n\nThe school board approved the budget 5-2 on Aug. 2. The city council voted 7-0 the "
        "same night. The House had passed a spending bill 235-192 on July 27. An unrelated cloture vote on Aug. 3 "
        "failed 45-52."
    )
    assert _errors(a, ref, reader) == []
    assert [(x.tally.surface, x.vote["vote_id"] if x.vote is not None else None) for x in a.tallies] == [
        ("50-48", "senate-2017-08-02-kaplan"),
        ("94-1", None),
        ("5-2", None),
        ("7-0", None),
        ("235-192", None),
        ("45-52", None),
    ]


def test_a_past_day_someone_speaks_of_an_answer_to_come_is_no_wrong_day_of_the_deadline(read, ref, reader):
    """ "Aug. 4: the mayor says the city will respond": the day the mayor spoke, before the deadline the reference
    dates Aug. 18, is no claim on it (it was a false date_check)."""
    a = read(
        "Timeline\n\nAug. 3: Letters go to Baltimore and Albuquerque.\n\nAug. 4: Albuquerque's mayor says the city "
        "will respond.",
        as_of="2017-08-04",
    )
    assert _errors(a, ref, reader) == []
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Aug. 3", "psp-four-cities-letters"),
        ("Aug. 4", None),
    ]


def test_a_city_after_while_is_no_city_of_the_count_before(read):
    """ "Twelve sites, among them Memphis, are in the program, while Toledo was told to wait": Toledo is in a clause
    of its own, not one of the twelve (it was made a participant, with a false status_conflict)."""
    a = read("Headline\n\nTwelve sites, among them Memphis, are already in the program, while Toledo was told to wait.")
    assert roles(a) == [("Memphis", "participant")]


def test_a_count_bounded_by_a_state_after_it_counts_some_of_the_cities(read, ref, reader):
    """ "The letters went to two cities in California, Stockton and San Bernardino, and to two elsewhere, …": the
    two in California are some of the four, no count of them all (it was a false count_check error)."""
    a = read(
        "Headline\n\nThe letters went to two cities in California, Stockton and San Bernardino, and to two "
        "elsewhere, Baltimore and Albuquerque."
    )
    assert roles(a) == [
        ("Stockton", "excluded"),
        ("San Bernardino", "excluded"),
        ("Baltimore", "excluded"),
        ("Albuquerque", "excluded"),
    ]
    assert _errors(a, ref, reader) == []


def test_a_day_after_the_articles_own_near_an_event_already_over_is_a_plan_of_its_own(read, ref, reader):
    """A week-ahead list of Aug. 4: "Aug. 7: council to discuss the letter" is the council's day, not the letters'
    told wrongly (it was a false date_check)."""
    a = read(
        "Week ahead\n\nAug. 7: City council of San Bernardino to discuss the letter. Aug. 18: Answers due to the "
        "Justice Department.",
        as_of="2017-08-04",
    )
    assert _errors(a, ref, reader) == []


def test_a_later_step_on_a_nomination_is_no_day_of_the_nomination(read, ref, reader):
    """ "On Aug. 1, the Senate agreed to take up Kaplan's nomination": "nomination" names the thing the Senate took
    up, not the day he was nominated (it was a false date_check on the June nomination)."""
    a = read("Headline\n\nOn Aug. 1, the Senate agreed to take up Marvin Kaplan's nomination. It voted on Aug. 2.")
    assert _errors(a, ref, reader) == []
    assert [(a.reading.dates[x.date_index].surface, x.event_id) for x in a.dates] == [
        ("Aug. 1", None),
        ("Aug. 2", "kaplan-confirmed"),
    ]


def test_a_city_a_style_note_says_not_to_call_excluded_takes_no_role(read, ref, reader):
    """ "Do not call Memphis an excluded city; it is a participant": the note denies the role it names (Memphis was
    read as excluded, with a false status_conflict error)."""
    a = read("Style note\n\nDo not call Memphis an excluded city. Reporters should not call Toledo excluded either.")
    assert roles(a) == []
    assert _errors(a, ref, reader) == []
