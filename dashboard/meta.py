"""The credit every chart carries (``Meta``): the article's as-of date, the data's date, the headline, and the data
stamp (a hash, for machines and caches; never shown). A
low-level value shared by the data layer, the figures and both renderers."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import fmt


@dataclass(frozen=True)
class Meta:
    """What every chart must say about where it comes from."""

    as_of: str  # ISO date of the article
    stamp: str  # first characters of the datapackage hash
    article_title: str = ""
    as_of_inferred: bool = False  # the as-of date is inferred, not printed in the article (its sidecar says so)
    data_as_of: str = ""  # ISO date of the newest day the data records: the data's date for readers

    @property
    def data_as_of_human(self) -> str:
        """'4 Nov 2022': what a chart's credit and the downloads say instead of the hash."""
        return fmt.day(self.data_as_of) if self.data_as_of else ""

    @property
    def as_of_human(self) -> str:
        """'3 Aug 2017', or '3 Aug 2017 (inferred)' when the article does not print it."""
        return fmt.as_of(self.as_of, self.as_of_inferred)
