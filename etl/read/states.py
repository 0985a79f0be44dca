"""The states, from the ``us`` package: every written form of a state's name (postal, AP, full), and which is a
federal district rather than a state. No hand table."""

from __future__ import annotations

import us


def forms() -> tuple[dict[str, str], list[str]]:
    """Every written form of a state and of the District of Columbia -> its USPS code; and the full names."""
    out: dict[str, str] = {}
    names = []
    for s in [*us.STATES, us.states.DC]:
        out[s.name] = s.abbr
        out[s.abbr] = s.abbr
        if s.ap_abbr:
            out[s.ap_abbr] = s.abbr
        names.append(s.name)
    out["DC"] = "DC"
    return out, names


def name(usps: str) -> str:
    return us.states.lookup(usps).name


def district(usps: str) -> bool:
    """The District of Columbia is a federal district, not a state (the ``us`` package: no statehood year)."""
    s = us.states.lookup(usps)
    return s is not None and s.statehood_year is None and not s.is_territory
