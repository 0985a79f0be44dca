"""A quotation's attribution (issue 38): the cues to its speaker are typed spans the reader finds
(``etl.read.quotes.Attributions``: ``Reading.attributions``), and the resolve stage (``etl.resolve.speakers``)
picks the speaker from those spans and the mentions alone. One short text of our own words per rule, with the
exact cues and the speaker chosen.
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
from etl.read.model import Attribution, Cue, Mention, Quote, Reading, Sentence
from etl.read.pipeline import Reader
from etl.reference import load_reference
from etl.resolve import speakers
from etl.seed import Article

QUOTE = "The grant money never reached our street"


@pytest.fixture(scope="module")
def ref():
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="module")
def reader():
    return Reader(Known.read(REFERENCE_DIR), Gazetteer(), load_lexicon())


def _article(text: str) -> Article:
    day = dt.date(2017, 8, 3)
    return Article("test", Path("test.txt"), Path("test.toml"), text, "", day, "test", False, "", "", "")


@pytest.fixture(scope="module")
def read(reader, ref):
    def run(text: str):
        a = understand(reader.read(_article(text)), ref, reader.lexicon)
        (at,) = a.reading.attributions
        (link,) = a.speakers
        assert link.quote == at.quote
        assert all(text[c.start : c.end] == c.surface for c in at.cues)
        cues = [(c.start, c.end, c.surface, c.method, c.sentence, c.verb) for c in at.cues]
        return at.quote, cues, (link.entity_id, link.how)

    return run


def test_a_speech_verb_after_the_quotation(read):
    text = f"Headline\n\n“{QUOTE},” said Lorna Becket."
    quote, cues, speaker = read(text)
    assert (quote.start, quote.end, quote.surface) == (11, 51, QUOTE)
    assert cues == [(54, 58, "said", "verb", 0, None)]
    assert speaker == ("lorna-becket", "verb")


def test_a_speech_verb_before_the_quotation(read):
    text = f"Headline\n\nLorna Becket told the council “{QUOTE.lower()}.”"
    quote, cues, speaker = read(text)
    assert quote.surface == QUOTE.lower() + "."
    assert cues == [(23, 27, "told", "verb", 0, None)]
    assert speaker == ("lorna-becket", "verb")


def test_an_aside_between_the_name_and_its_verb_does_not_part_them(read):
    """Ray Dunmore stands 11 characters from "said", Lorna Becket 71; the aside between her name and the verb counts
    as one character, so she is the speaker."""
    text = (
        f"Headline\n\n“{QUOTE},” Lorna Becket, who chairs the tenants' association that Mayor Ray Dunmore once led, "
        "said."
    )
    _, cues, speaker = read(text)
    aside = ", who chairs the tenants' association that Mayor Ray Dunmore once led, "
    assert cues == [(137, 141, "said", "verb", 0, None), (66, 137, aside, "aside", 0, 137)]
    assert speaker == ("lorna-becket", "verb")
    text = f"Headline\n\n“{QUOTE},” Sen. Patty Murray (D-Wash.) said."
    _, cues, speaker = read(text)
    assert cues == [(82, 86, "said", "verb", 0, None), (71, 82, " (D-Wash.) ", "aside", 0, 82)]
    assert speaker == ("patty-murray", "verb")


def test_verbs_inside_one_another_are_each_a_cue(read):
    """ "said in a statement": the lexicon's "said", "said in" and "in a statement" each, none inside the quotation."""
    text = f"Headline\n\nLorna Becket said in a statement, “{QUOTE}, said the clerk.”"
    quote, cues, speaker = read(text)
    assert quote.surface == QUOTE + ", said the clerk."
    assert cues == [
        (23, 27, "said", "verb", 0, None),
        (23, 30, "said in", "verb", 0, None),
        (28, 42, "in a statement", "verb", 0, None),
    ]
    assert speaker == ("lorna-becket", "verb")


def test_a_pronoun_and_its_verb_in_the_next_sentence(read):
    text = f"Headline\n\nCouncil Member Lorna Becket spoke after the vote. “{QUOTE}.” She said it twice."
    _, cues, speaker = read(text)
    assert cues == [(108, 112, "said", "verb", 1, None), (104, 107, "She", "pronoun", 1, 108)]
    assert speaker == ("lorna-becket", "next")


def test_a_pronoun_stands_for_the_person_its_paragraph_opens_with(read):
    """The sentence before opens with Ray Dunmore and names Lorna Becket later: "he" is the subject's."""
    text = f"Headline\n\nMayor Ray Dunmore read the letter after Council Member Lorna Becket did. “{QUOTE},” he said."
    _, cues, speaker = read(text)
    assert cues == [(130, 134, "said", "verb", 0, None), (127, 129, "he", "pronoun", 0, 130)]
    assert speaker == ("ray-dunmore", "pronoun")


def test_a_label_before_the_quotation(read):
    text = f"Headline\n\nCouncil Member Lorna Becket: “{QUOTE}.”"
    _, cues, speaker = read(text)
    assert cues == [(10, 40, "Council Member Lorna Becket: “", "label", 0, None)]
    assert speaker == ("lorna-becket", "label")


def test_a_label_that_names_a_person_and_an_organisation_is_the_persons(read):
    """ "Sessions, in the department's release: “…”": the label's subject speaks, not the body that published it."""
    text = f"Headline\n\nSessions, in the department's release: “{QUOTE}.”"
    _, cues, speaker = read(text)
    assert [c[3] for c in cues] == ["label"]
    assert speaker == ("jeff-sessions", "label")
    _, _, speaker = read(f"Headline\n\nThe Justice Department, in its release: “{QUOTE}.”")
    assert speaker == ("justice-department", "label")


def test_a_bare_label_is_the_person_the_sentence_before_names(read):
    text = f"Headline\n\nLorna Becket wrote to the council on Monday. Quote: “{QUOTE}.”"
    _, cues, speaker = read(text)
    assert cues == [(55, 63, "Quote: “", "label", 0, None), (23, 28, "wrote", "verb", -1, None)]
    assert speaker == ("lorna-becket", "label")


def test_a_speaker_in_the_previous_sentence(read):
    text = f"Headline\n\nLorna Becket said the money went elsewhere. “{QUOTE}.”"
    _, cues, speaker = read(text)
    assert cues == [(23, 27, "said", "verb", -1, None)]
    assert speaker == ("lorna-becket", "previous")


def test_a_name_words_after_the_verb_is_what_the_quotation_is_about_not_its_speaker(read):
    _, _, speaker = read(f"Headline\n\nAn aide told the crowd outside the Justice Department “{QUOTE}.”")
    assert speaker == (None, "none")
    _, _, speaker = read(f"Headline\n\n“{QUOTE},” said the Justice Department.")
    assert speaker == ("justice-department", "verb")


def test_the_only_person_the_sentence_names(read):
    text = f"Headline\n\nCouncil Member Lorna Becket stood at the podium with the letter in her hand, “{QUOTE}.”"
    _, cues, speaker = read(text)
    assert cues == []
    assert speaker == ("lorna-becket", "only")


def test_no_speaker(read):
    text = f"Headline\n\nThe council met on Monday.\n\n“{QUOTE}.”"
    _, cues, speaker = read(text)
    assert cues == []
    assert speaker == (None, "none")


def test_a_colon_ending_the_sentence_before_gives_its_last_name():
    """The colon rule, on a reading made by hand: the reader's sentences end at a colon only at a line's end, where
    the next line is another paragraph, so no text of ours reaches it."""
    text = f"Lorna Becket read the letter to Ray Dunmore: “{QUOTE}.”"
    colon, ray = text.index(":"), text.index("Ray")
    first, second = Sentence(0, 44, text[:44], 1, "text"), Sentence(45, 88, text[45:], 1, "text")
    quote = Quote(46, 86, QUOTE)
    names = [
        Mention(0, 12, "Lorna Becket", "lorna-becket", "person", "name"),
        Mention(32, 43, "Ray Dunmore", "ray-dunmore", "person", "name"),
    ]
    assert (colon, ray, len(text), text[46:86]) == (43, 32, 88, QUOTE)
    cue = Cue(43, 44, ":", "colon", -1)
    rd = Reading(_article(text), [first, second], ["s1", "s2"], mentions=names, quotes=[quote])
    rd.attributions = [Attribution(quote, (cue,))]
    assert [(s.entity_id, s.how) for s in speakers(rd)] == [("ray-dunmore", "previous")]
    rd.attributions = [Attribution(quote, ())]
    assert [(s.entity_id, s.how) for s in speakers(rd)] == [(None, "none")]


def test_a_name_opens_its_sentence_with_its_title(reader):
    rd = reader.read(_article("Headline\n\nMayor Ray Dunmore read the letter after Council Member Lorna Becket did."))
    assert [(m.surface, rd.opens(m)) for m in rd.mentions] == [("Ray Dunmore", True), ("Lorna Becket", False)]


def test_a_label_whose_subject_is_an_organisation_is_the_organisations(read):
    """ "The Justice Department, on Lorna Becket's reply: “…”": the department speaks, about Becket."""
    text = f"Headline\n\nLorna Becket wrote back.\n\nThe department, on Becket's reply: “{QUOTE}.”"
    _, _, speaker = read(text)
    assert speaker == ("justice-department", "label")
