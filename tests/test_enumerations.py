"""The reader's enumerations (``etl.read.lists``): the places a text names together, how each is joined to the next,
the states given anywhere in them, the line that leads into them, and what stands right before each place; and
the phrases the reader marks from the lists it is given (``etl.read.phrases``).

Each text is our own sentence in the style of the form. The story layer gives these lists their roles from the spans
alone (``etl.story``); here only the spans are checked.
"""
# ruff: noqa: F811

from __future__ import annotations

from etl.read.model import Sentence
from etl.read.phrases import Phrases
from tests.test_read_forms import read, reader, ref  # noqa: F401


def _enumerations(read, text: str) -> list[dict]:
    rd = read(text).reading
    return [
        {
            "surface": e.surface,
            "items": [i.place.mention.surface for i in e.items],
            "joins": [(j.how, j.word) for j in e.joins],
            "states": [s.surface for s in e.states],
            "lead": e.lead.surface if e.lead is not None else None,
            "block": e.block,
            "comma_pair": e.comma_pair,
        }
        for e in rd.enumerations
    ]


def _items(read, text: str) -> list[tuple]:
    rd = read(text).reading
    return [
        (
            i.place.mention.surface,
            i.opening.surface,
            i.locator.surface if i.locator is not None else None,
            i.anaphoric,
            i.count.surface if i.count is not None else None,
            i.introduced,
        )
        for e in rd.enumerations
        for i in e.items
    ]


def test_commas_and_a_joining_word(read):
    assert _enumerations(read, "Headline\n\nThe mayors of Toledo, Memphis and Houston met on Tuesday.") == [
        {
            "surface": "Toledo, Memphis and Houston",
            "items": ["Toledo", "Memphis", "Houston"],
            "joins": [("comma", ""), ("word", "and")],
            "states": [],
            "lead": None,
            "block": False,
            "comma_pair": False,
        }
    ]


def test_semicolons_with_a_state_after_some_names_only(read):
    text = (
        "Headline\n\nBaltimore; Albuquerque, New Mexico; and Stockton and San Bernardino in California had asked to "
        "join."
    )
    assert _enumerations(read, text) == [
        {
            "surface": "Baltimore; Albuquerque, New Mexico; and Stockton and San Bernardino in California",
            "items": ["Baltimore", "Albuquerque", "Stockton", "San Bernardino"],
            "joins": [("semicolon", ""), ("semicolon", "and"), ("word", "and")],
            "states": ["New Mexico", "California"],
            "lead": None,
            "block": False,
            "comma_pair": False,
        }
    ]


def test_one_city_a_line_under_a_lead_in_line_ending_in_a_colon(read):
    text = (
        "Headline\n\nThe letters went to these cities:\n\nBaltimore, Maryland\n\nAlbuquerque, New Mexico\n\n"
        "Stockton, California"
    )
    assert _enumerations(read, text) == [
        {
            "surface": "Baltimore, Maryland\n\nAlbuquerque, New Mexico\n\nStockton, California",
            "items": ["Baltimore", "Albuquerque", "Stockton"],
            "joins": [("line", ""), ("line", "")],
            "states": ["Maryland", "New Mexico", "California"],
            "lead": "The letters went to these cities:",
            "block": True,
            "comma_pair": False,
        }
    ]


def test_bullets_under_a_lead_in_line(read):
    text = "Headline\n\nThe program lists:\n\n• Toledo, Ohio\n• Memphis, Tennessee\n• Houston, Texas"
    (found,) = _enumerations(read, text)
    assert (found["items"], found["joins"], found["lead"], found["block"]) == (
        ["Toledo", "Memphis", "Houston"],
        [("bullet", ""), ("bullet", "")],
        "The program lists:",
        True,
    )
    assert found["states"] == ["Ohio", "Tennessee", "Texas"]


def test_a_locator_before_a_city(read):
    assert _items(read, "Headline\n\nThe storm hit a town 60 miles east of Los Angeles on Monday.") == [
        ("Los Angeles", "The storm hit a town 60 miles east of ", "miles east of ", False, None, "")
    ]
    found = _items(read, "Headline\n\nThe letter reached Ana Ruiz, a pastor in Stockton, on Friday.")
    assert [(city, locator) for city, _, locator, *_ in found] == [("Stockton", ", a pastor in ")]


def test_a_comma_only_pair_outside_a_headline(read):
    (pair,) = _enumerations(read, "Headline\n\nSpeaking east of Los Angeles, San Bernardino officials said no.")
    assert (pair["items"], pair["joins"], pair["comma_pair"]) == (
        ["Los Angeles", "San Bernardino"],
        [("comma", "")],
        True,
    )
    (headline, _) = _enumerations(read, "Baltimore, Albuquerque told to wait\n\nStockton waits too.")
    assert (headline["items"], headline["comma_pair"]) == (["Baltimore", "Albuquerque"], False)


def test_a_count_that_enumerates_and_an_anaphoric_opening(read):
    found = _items(read, "Headline\n\nThe four cities are: Baltimore, Albuquerque, Stockton and San Bernardino.")
    assert found[0] == ("Baltimore", "The four cities are: ", None, True, "four cities", "enumerates")
    found = _items(read, "Headline\n\nTwelve sites, among them Toledo and Memphis, take part.")
    assert found[0][4:] == ("Twelve sites", "some_of")
    found = _items(read, "Headline\n\nThe other cities Sessions named — Stockton and San Bernardino — said nothing.")
    assert found[0] == ("Stockton", "The other cities Sessions named — ", None, True, None, "")


def test_phrases_are_marked_with_their_list_on_whole_words_in_any_case():
    phrases = Phrases([("a", "cues", ["would not consider", "not consider"]), ("", "hedges", ["interested in"])])
    text = "They Would Not Consider it, though reconsideration was interested in the idea."
    (found,) = phrases.of([Sentence(10, 10 + len(text), text, 1, "text")])
    assert [(c.start, c.surface, c.kind, c.group, c.phrase) for c in found] == [
        (15, "Would Not Consider", "cues", "a", "would not consider"),
        (21, "Not Consider", "cues", "a", "not consider"),
        (65, "interested in", "hedges", "", "interested in"),
    ]


def test_an_aside_in_brackets_after_a_place_stays_in_the_list(read):
    text = "Headline\n\nThe letters went to Stockton (which left bankruptcy in 2015), Baltimore and Albuquerque, N.M."
    (found,) = _enumerations(read, text)
    assert found["items"] == ["Stockton", "Baltimore", "Albuquerque"]
    assert found["joins"] == [("comma", ""), ("word", "and")]
    assert found["states"] == ["N.M."]


def test_openings_that_are_a_pronoun_and_places_that_describe_a_person(read):
    """The first place of "They were A; B; and C" opens with a pronoun and its verb; "A Stockton official" names a
    place that describes a person."""
    rd = read(
        "Headline\n\nThey were Baltimore; Albuquerque; and San Bernardino.\n\n"
        "Stockton, Calif., wrote back. A Stockton official said the city would reply."
    ).reading
    assert [(e.items[0].place.mention.surface, e.items[0].pronoun, e.items[0].describes) for e in rd.enumerations] == [
        ("Baltimore", "enumerates", False),
        ("Stockton", "", False),
        ("Stockton", "", True),
    ]
