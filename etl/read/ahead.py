"""Read the articles in a process of their own while the rest of the refresh starts.

Reading needs spaCy, and importing spaCy and building the pipeline take longer than reading the articles
themselves; the rest of a refresh needs pandas, whose import takes about as long. ``python -m etl`` starts this
process first, so the two happen side by side on a machine with two cores; ``build`` takes the readings when they
are ready. The readings are the same as the refresh's own: the same code on the same files. If the process fails
for any reason, the refresh reads the articles itself, and a bad file is reported as ever.
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from etl.read.model import Reading

T = TypeVar("T")


def read_all(seeds_dir: Path, reference_dir: Path) -> list[Reading]:
    """Every article of the seeds folder, read (what ``build`` would read itself)."""
    from etl.seed import read_seeds

    reader = new_reader(reference_dir)
    return [reader.read(seed) for seed in read_seeds(seeds_dir)]


def new_reader(reference_dir: Path):
    """The reader a refresh reads with, built in a process that only reads (spaCy without its command line)."""
    _without_spacy_cli()
    from etl.gazetteer import Gazetteer
    from etl.lexicon import load_lexicon
    from etl.read.known import Known
    from etl.read.pipeline import Reader

    return Reader(Known.read(reference_dir), Gazetteer(), load_lexicon())


def _without_spacy_cli() -> None:
    """``import spacy`` loads its command line (``spacy.cli``: typer, weasel, requests and more; a fifth of a
    second) for the ``spacy.info`` it exports. This process only reads articles and never calls it, so it stands a
    bare module in its place before spaCy is first imported. Only here: anywhere else spaCy is imported whole."""
    if "spacy" in sys.modules:
        return
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    info.info = _no_cli
    cli.info = info
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", info)


def _no_cli(*args, **kwargs):
    raise RuntimeError("spaCy's command line is not loaded in the reading process")


class InBackground:
    """A call running in a forked process of its own, started now; its result is taken later."""

    def __init__(self, call: Callable[..., T], *args):
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._future = self._pool.submit(call, *args)

    def result(self) -> T | None:
        """The call's result, or None when that process could not give it (the caller then does the work)."""
        try:
            return self._future.result()
        except Exception:  # any failure: the caller does the work itself and reports a bad file as ever
            return None
        finally:
            # The call is done, so this only joins the idle worker. wait=False would leave Python's exit handler
            # waking a pipe the shutdown has closed: a traceback after the one-line error (CPython issue 83279).
            self._pool.shutdown(wait=True)


class Ahead(InBackground):
    """The articles being read in another process, started before the refresh imports pandas."""

    def __init__(self, seeds_dir: Path, reference_dir: Path):
        super().__init__(read_all, seeds_dir, reference_dir)

    def readings(self) -> list[Reading] | None:
        """The readings, or None when the process could not give them (the refresh then reads for itself)."""
        return self.result()
