"""The credit every chart carries (``Meta``): the article's as-of date, the data stamp and the headline. A
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

    @property
    def as_of_human(self) -> str:
        """'3 Aug 2017', or '3 Aug 2017 (inferred)' when the article does not print it."""
        return fmt.as_of(self.as_of, self.as_of_inferred)
