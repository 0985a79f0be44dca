"""The credit every chart carries (``Meta``): the article's as-of date (with several reports, the dates they span),
the data's date, the headline, and the data stamp (a hash, for machines and caches; never shown). A
low-level value shared by the data layer, the figures and both renderers."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import fmt


@dataclass(frozen=True)
class Meta:
    """What every chart must say about where it comes from."""

    as_of: str  # ISO date of the article (of the newest, when there are several)
    stamp: str  # first characters of the datapackage hash
    article_title: str = ""
    as_of_inferred: bool = False  # the as-of date is inferred, not printed in the article (its sidecar says so)
    data_as_of: str = ""  # ISO date of the newest day the data records: the data's date for readers
    n_articles: int = 1  # the articles in the data (the pages' "reports")
    first_as_of: str = ""  # ISO as-of date of the oldest article, when there are several
    first_inferred: bool = False  # that date is inferred

    @property
    def several(self) -> bool:
        """The data holds more than one article: a chart draws from all of them, not from one."""
        return self.n_articles > 1

    @property
    def data_as_of_human(self) -> str:
        """'4 Nov 2022': what a chart's credit and the downloads say instead of the hash."""
        return fmt.day(self.data_as_of) if self.data_as_of else ""

    @property
    def as_of_human(self) -> str:
        """'3 Aug 2017', or '3 Aug 2017 (inferred)' when the article does not print it."""
        return fmt.as_of(self.as_of, self.as_of_inferred)

    @property
    def first_as_of_human(self) -> str:
        """The oldest article's as-of date in the same words ('' with one article)."""
        return fmt.as_of(self.first_as_of, self.first_inferred) if self.first_as_of else ""
