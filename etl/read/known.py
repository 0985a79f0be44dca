"""What the reader knows before it reads: the reference's names (``entities.csv``), the senators of the roll
calls, the participants and the cities the timeline names, the number words. Read straight from the reference
files' rows (checked as ever, and without pandas), so the reader can be built in a process of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.reference import FILES, ROLLCALL_FILE, RefFile


@dataclass(frozen=True)
class Known:
    aliases: list[tuple[str, str, str]]  # (alias, entity id, entity type)
    senators: list[tuple[str, str, str]]  # (name as in the roll call, state, party)
    sites: list[tuple[str, str]]  # the participants: (city, state)
    event_entities: list[str]  # every id the events' match_entities name (cities among them)
    number_words: dict[str, int]

    @classmethod
    def read(cls, folder: Path) -> Known:
        def rows(spec: RefFile) -> list[dict[str, str]]:
            return spec.rows(folder)[1]

        aliases = [
            (alias.strip(), r["entity_id"], r["type"])
            for r in rows(FILES["entities"])
            for alias in r["aliases"].split("|")
            if alias.strip()
        ]
        senators = set()
        for vote in rows(FILES["votes"]):
            if vote["positions_file"]:
                roll = RefFile(vote["positions_file"], ROLLCALL_FILE.key, ROLLCALL_FILE.checks)
                senators |= {(p["senator"], p["state"], p["party"]) for p in rows(roll)}
        return cls(
            aliases,
            sorted(senators),
            [(r["city"], r["state"]) for r in rows(FILES["psp_sites"])],
            [e for r in rows(FILES["events"]) for e in r["match_entities"].split("|") if e],
            {r["word"]: int(r["value"]) for r in rows(FILES["number_words"])},
        )
