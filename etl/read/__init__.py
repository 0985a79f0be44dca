"""Stage 3, read: the generic reader. Text in, typed spans out (``etl.read.model``), each with the method that
found it. No fact of the story is decided here; the story layer (``etl.story``) does that.

The reader is a spaCy pipeline on a blank English model (``spacy.blank("en")``: its tokenizer already knows
"Aug.", "N.M." and "Calif."), with rule-based components fed from data, never from an article:

- ``story_sentences`` (``sentences.py``): sentences, headlines, bullets, datelines, transcript turns; lexicon
  ``[sentences]``;
- ``story_names`` (``names.py``): people, organisations, programmes, laws, with titles, surnames and senators;
  ``entities.csv``, the roll call, lexicon ``[people]``;
- ``story_places`` (``places.py``): cities with any form of their state, datelines, bare names, states; the ``us``
  package, GeoNames (``etl/gazetteer.py``), ``psp_sites_2017.csv``, lexicon ``[places]``;
- ``story_dates`` (``dates.py``): dates, resolved against the as-of date; ``calendar``, python-dateutil, lexicon
  ``[dates]``;
- ``story_numbers`` (``numbers.py``): counts and vote tallies; ``number_words.csv``, lexicon ``[numbers]``;
- ``story_quotes`` (``quotes.py``): quotations.

After the pipeline, on its plain spans: each sentence's clauses (``clauses.py``, lexicon ``[story]``); the phrases
of the lists the reader is given (``phrases.py``: the roles' cues, anaphors, programme and launch words, the "not
a role" phrases); the enumerations of places, with their joins, states, lead-ins and the words before each place,
and the counts of some of the cities only (``lists.py``, lexicon ``[story]``, ``[places]``, ``[numbers]``).

The pipeline (``pipeline.Reader``) is built once per refresh, from what the reader knows (``known.Known``: the
reference's names, read from its files), and reads each article in a few milliseconds. ``ahead`` runs it in a
process of its own while the rest of the refresh starts. Nothing in this package's ``__init__`` imports spaCy: the
plain spans (``model``) and the states (``states``) are shared with the stages after reading.
"""
