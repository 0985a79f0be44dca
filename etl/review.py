"""The desk's review: an editor's decisions on what the reader read, kept in ``etl/reference/reviews.csv`` and
applied by every refresh.

A decision names a reading by a stable key, ``<kind>:<article_id>:<start>``: a ``data_quality`` row's
``check_id`` (an alarm), or a reading's own key (``city``, ``date``, ``tally``, ``count`` or ``quote`` at the
character where its span starts). Three decisions:

- ``accept``: the alarm is real. It stays, as a reviewed ``warning`` with the desk's note. Accepting a
  ``one_report_role`` alarm confirms that report's role: the city goes on the map, citing the report.
- ``reject``: the reading is wrong. Every reading that starts at that span is dropped at the next refresh, and so
  are the alarms it raised.
- ``set``: the right value. A city's role (``excluded``, ``participant`` or ``none``), a quotation's speaker (an
  entity id), the event a date belongs to (an event id).

A decision whose reading no longer exists is reported as stale (a ``stale_review`` warning), never silently
dropped. ``corrections.csv`` is for what the article itself gets wrong, explained with a cited source; this file
is for what the reader made of the article (README, "The editor's desk").
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from contract.checks import written
from etl import paths
from etl.assemble import Article
from etl.errors import EtlError
from etl.reference import FILES, REVIEW_KEY
from etl.schema import article_source
from etl.story import CityClaim, How

NO_ROLE = "none"  # ``set`` a city's role to this: the city is a mention with no role
DESK_HOW = How("desk", "", "set by the desk")  # a role the desk set (the claim's method code)


@dataclass(frozen=True)
class Decision:
    key: str
    decision: str
    value: str
    note: str
    who: str
    when: str

    @property
    def article_id(self) -> str:
        return REVIEW_KEY.match(self.key)["article"]

    @property
    def start(self) -> int:
        return int(REVIEW_KEY.match(self.key)["start"])

    @property
    def kind(self) -> str:
        return REVIEW_KEY.match(self.key)["kind"]


def decisions(ref) -> list[Decision]:
    return [Decision(r.key, r.decision, r.value, r.note, r.who, r.when) for r in ref.rows("reviews")]


@dataclass
class Applied:
    """What the decisions changed in one refresh: the keys that found their reading, the alarms accepted, and the
    one-report roles the desk confirmed."""

    used: set[str] = field(default_factory=set)
    accepted: dict[str, Decision] = field(default_factory=dict)  # check_id -> decision
    confirmed: dict[tuple[str, str], Decision] = field(default_factory=dict)  # (city_id, status) -> decision


def _reject(a: Article, start: int) -> bool:
    """Drop every reading of the article that starts at ``start``; whether there was one."""
    s = a.story
    before = (len(s.claims), len(a.dates), len(a.tallies), sum(c.role is not None for c in s.counts))
    s.claims = [c for c in s.claims if c.place.mention.start != start]
    a.dates[:] = [d for d in a.dates if a.reading.dates[d.date_index].start != start]
    a.tallies[:] = [t for t in a.tallies if t.tally.start != start]
    for c in s.counts:
        if c.count.start == start:
            c.role = None
    for sp in a.speakers:
        if sp.quote.start == start and sp.entity_id is not None:
            sp.entity_id, sp.how = None, "none"
            return True
    return before != (len(s.claims), len(a.dates), len(a.tallies), sum(c.role is not None for c in s.counts))


def _set(a: Article, d: Decision, roles: dict, ref) -> bool:
    """Put the desk's value on the reading that starts at the decision's span; whether there was one."""
    start, value = d.start, d.value
    for c in list(a.story.claims):
        if c.place.mention.start == start:
            if value == NO_ROLE:
                a.story.claims.remove(c)
            elif value in roles:
                c.role, c.how = roles[value], DESK_HOW
            else:
                raise EtlError(f"review {d.key}: a city's role is one of {', '.join([*roles, NO_ROLE])}, not {value!r}")
            return True
    for place in a.reading.places:  # a city the reader gave no role
        if place.mention.start == start and place.gazetteer is not None and value in roles:
            a.story.claims.append(CityClaim(place, roles[value], DESK_HOW))
            return True
    for sp in a.speakers:
        if sp.quote.start == start:
            if value not in ref.by_id("entities", "entity_id"):
                raise EtlError(f"review {d.key}: {value!r} is no entity of entities.csv")
            sp.entity_id, sp.how = value, "desk"
            return True
    for link in a.dates:
        if a.reading.dates[link.date_index].start == start:
            if value not in ref.by_id("events", "event_id"):
                raise EtlError(f"review {d.key}: {value!r} is no event of events.csv")
            link.event_id, link.how = value, "desk"
            return True
    return False


def apply(articles: list[Article], all_decisions: list[Decision], lexicon, ref) -> Applied:
    """Every decision on the articles as read, before anything is assembled or checked."""
    by_id = {a.id: a for a in articles}
    roles = {r.status: r for r in lexicon.roles}
    done = Applied()
    for d in all_decisions:
        a = by_id.get(d.article_id)
        if a is None:
            continue  # stale: reported by ``stale``
        if d.decision in ("reject", "set"):
            found = _reject(a, d.start) if d.decision == "reject" else _set(a, d, roles, ref)
            if found:
                done.used.add(d.key)
        elif d.decision == "accept":
            done.accepted[d.key] = d
            if d.kind == "one_report_role":
                for c in a.story.claims:
                    if c.place.mention.start == d.start and c.place.gazetteer is not None:
                        done.confirmed[(c.place.gazetteer.city_id, c.role.status)] = d
                        done.used.add(d.key)
    return done


def desk_words(d: Decision) -> str:
    """How a decision reads in ``data_quality.resolution``: who, when and the note."""
    return f"Reviewed by the desk ({d.who}, {d.when}): {d.note}"


def stale(all_decisions: list[Decision], applied: Applied, check_ids: set[str], articles: list[Article]) -> list[dict]:
    """A ``stale_review`` warning for each decision whose reading or alarm the refresh no longer has."""
    first = {a.id: a.reading.sentence_ids[0] for a in articles}
    rows = []
    for d in all_decisions:
        if d.key in applied.used or (d.decision == "accept" and d.key in check_ids):
            continue
        if d.article_id not in first:
            raise EtlError(f"review {d.key}: no article {d.article_id!r} in the seeds folder; remove its row")
        message, fields = written("stale_review", "decision", {"decision": d.decision, "key": d.key})
        rows.append(
            {
                "check_id": f"stale_review:{d.key}",
                "article_id": d.article_id,
                "severity": "warning",
                "kind": "stale_review",
                "variant": "decision",
                "fields": fields,
                "message": message,
                "sentence_id": None,
                "surface": None,
                "start": None,
                "end": None,
                "resolution": desk_words(d) + " Update or remove its row in reviews.csv.",
                "source": article_source(d.article_id, first[d.article_id]),
            }
        )
    return rows


# ---- the command: python -m etl review --------------------------------------------------------------------------

UNSURE = ("one_report_role", "quote_speaker", "unresolved_place", "stale_review")  # warnings that want an editor


def _parser():
    import argparse

    p = argparse.ArgumentParser(
        prog="python -m etl review",
        description="Walk what needs an editor in the last refresh (data/): each unreviewed error, and each reading "
        "the reader was unsure of. Decisions go to etl/reference/reviews.csv; the next refresh applies them.",
    )
    p.add_argument("--data", type=Path, default=paths.DATA_DIR, help="the refreshed data (default: data/)")
    p.add_argument("--reference", type=Path, default=paths.REFERENCE_DIR, help=argparse.SUPPRESS)
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--list",
        action="store_true",
        help="list what needs an editor, one item a line (with no flag: in a terminal, "
        "walk the items one by one and decide each; piped, the list)",
    )
    what.add_argument("--json", action="store_true", help="the same as JSON")
    what.add_argument("--accept", metavar="KEY", help="the alarm is real (or: confirm one report's role)")
    what.add_argument("--reject", metavar="KEY", help="the reading is wrong: drop it at the next refresh")
    what.add_argument("--set", nargs=2, metavar=("KEY", "VALUE"), help="the right value: a role, a speaker, an event")
    p.add_argument("--note", default="", help="why (required with a decision)")
    p.add_argument("--who", default=os.environ.get("USER") or "desk", help="who decides (default: $USER)")
    return p


def pending(data: Path, reviewed: set[str]) -> list[dict]:
    """What needs an editor in the refreshed data: each unreviewed error, and each warning of a reading the reader
    was unsure of, with its sentence; none the desk has decided already."""
    import pandas as pd

    dq = pd.read_parquet(data / "data_quality.parquet")
    sentences = pd.read_parquet(data / "sentences.parquet").set_index(["article_id", "sentence_id"])["text"]
    wanted = (dq["severity"] == "error") | ((dq["severity"] == "warning") & dq["kind"].isin(UNSURE))
    out = []
    for r in dq[wanted & ~dq["check_id"].isin(reviewed)].itertuples():
        sentence = sentences.get((r.article_id, r.sentence_id), "") if isinstance(r.sentence_id, str) else ""
        out.append(
            {"key": r.check_id, "severity": r.severity, "kind": r.kind, "message": r.message, "sentence": sentence}
        )
    for key, m in _roleless_cities(data).items():
        if key not in reviewed:
            message = f"“{m.surface}” stands in a sentence that ties other cities to a role; the reader gave it none."
            sentence = sentences.get((m.article_id, m.sentence_id), "")
            out.append({"key": key, "severity": "unsure", "kind": "city", "message": message, "sentence": sentence})
    return out


def _roleless_cities(data: Path) -> dict:
    """city:<article>:<start> -> the mention, for each city the reader gave no role in a sentence where it gave
    other cities one: a reading the reader was unsure of."""
    import pandas as pd

    mentions = pd.read_parquet(data / "mentions.parquet")
    entities = pd.read_parquet(data / "entities.parquet")
    cities = set(entities.loc[entities["type"] == "city", "entity_id"])
    claims = pd.read_parquet(data / "claims.parquet").query("kind == 'city'")
    claimed = set(zip(claims["article_id"], claims["start"], strict=True))
    with_role = set(zip(claims["article_id"], claims["sentence_id"], strict=True))
    found = mentions[mentions["entity_id"].isin(cities)]
    return {
        f"city:{m.article_id}:{m.start}": m
        for m in found.itertuples()
        if (m.article_id, m.start) not in claimed and (m.article_id, m.sentence_id) in with_role
    }


def _known_keys(data: Path) -> set[str]:
    """Every key a decision may name: the alarms' check ids and the readings' own keys (claims, quotes)."""
    import pandas as pd

    keys = set(pd.read_parquet(data / "data_quality.parquet")["check_id"])
    claims = pd.read_parquet(data / "claims.parquet")
    keys |= {f"{k}:{a}:{s}" for k, a, s in zip(claims["kind"], claims["article_id"], claims["start"], strict=True)}
    keys |= set(_roleless_cities(data))
    quotes = pd.read_parquet(data / "quotes.parquet")
    keys |= {f"quote:{a}:{s}" for a, s in zip(quotes["article_id"], quotes["start"], strict=True)}
    return keys


def record(reference: Path, row: dict[str, str]) -> None:
    """Add the desk's decision to reviews.csv, replacing an earlier one on the same key; written atomically."""
    spec = FILES["reviews"]
    path = reference / spec.name
    header, rows = spec.rows(reference)  # a bad file is refused here, before anything is written
    rows = [r for r in rows if r["key"] != row["key"]] + [row]
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["key"]))
    os.replace(tmp, path)


def decide(args, decision: str, key: str, value: str, note: str) -> str:
    """Check one decision against the last refresh and record it; the line that says so. Refused in one line
    (``EtlError``) when its key is not in the refresh, it has no note, or a ``set`` has no value."""
    if key not in _known_keys(args.data):
        raise EtlError(f"no reading or alarm with the key {key!r} in the last refresh (python -m etl review --list)")
    if not note.strip():
        raise EtlError("a decision needs --note: say why, for the next editor")
    if decision == "set" and not value.strip():
        raise EtlError("--set needs a value: a role, a speaker's id or an event's id")
    row = {"key": key, "decision": decision, "value": value, "note": note.strip(), "who": args.who}
    record(args.reference, {**row, "when": dt.date.today().isoformat()})
    return f"recorded: {decision} {key}{' = ' + value if value else ''}; the next refresh applies it (python -m etl)"


def _show(it: dict) -> list[str]:
    return [f"{it['key']}  {it['severity']}  {it['message']}"] + ([f"    “{it['sentence']}”"] if it["sentence"] else [])


WALK_CHOICES = {"a": "accept", "r": "reject", "s": "set"}
WALK_PROMPT = (
    "[a]ccept (the alarm is real) · [r]eject (the reading is wrong) · [s]et the right value · [Enter] skip · [q]uit: "
)


def walk(args, items: list[dict], ask, say) -> int:
    """The desk's walk in a terminal: each item with its sentence, then a decision and its note (``ask`` reads a
    line, ``say`` prints one). Skipped items stay for the next walk; nothing is recorded without a note."""
    decided = 0
    for n, it in enumerate(items, 1):
        say(f"({n}/{len(items)}) " + "\n".join(_show(it)))
        choice = ask(WALK_PROMPT).strip().lower()[:1]
        if choice == "q":
            break
        if choice not in WALK_CHOICES:
            continue
        value = (
            ask("the right value (a role: excluded, participant or none; a speaker's or an event's id): ")
            if choice == "s"
            else ""
        )
        try:
            say(decide(args, WALK_CHOICES[choice], it["key"], value.strip(), ask("note (why, for the next editor): ")))
            decided += 1
        except EtlError as e:
            say(f"not recorded: {e}")
    say(f"{decided} decision(s) recorded; the next refresh applies them (python -m etl)")
    return 0


def main(argv: list[str]) -> int:
    import sys

    args = _parser().parse_args(argv)
    spec = FILES["reviews"]
    reviewed = {r["key"] for r in spec.rows(args.reference)[1]}
    if not (args.data / "data_quality.parquet").is_file():
        raise EtlError("no refreshed data to review; run: python -m etl", args.data)
    decided = (
        ("accept", args.accept, "")
        if args.accept
        else ("reject", args.reject, "")
        if args.reject
        else ("set", *args.set)
        if args.set
        else None
    )
    if decided is not None:
        print(decide(args, *decided, args.note))
        return 0
    items = pending(args.data, reviewed)
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=1))
    elif not args.list and sys.stdin.isatty() and sys.stdout.isatty():
        return walk(args, items, input, print)
    else:
        for it in items:
            print("\n".join(_show(it)))
        print(f"{len(items)} item(s) for the desk")
    return 0
