"""``python -m etl``: refresh data/ from seeds/ and etl/reference/. See ``--help``."""

from __future__ import annotations

import argparse
import hashlib
import importlib
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from etl import paths  # not schema here: it imports pandas, which waits until the read-ahead has started
from etl.errors import EtlError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl",
        description=(
            "Read the seed article(s) and the cited reference facts; write validated Parquet tables and "
            "datapackage.json. Prints a summary per table and what changed since the last refresh."
        ),
        epilog="The editor's desk: python -m etl add FILE --publisher NAME --date YYYY-MM-DD puts an article into "
        "seeds/; python -m etl preview FILE shows what the reader finds in it, writing nothing.",
    )
    p.add_argument(
        "--seeds",
        type=Path,
        default=paths.SEEDS_DIR,
        help="folder of *.txt articles with .toml sidecars (default: seeds/)",
    )
    p.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output folder (default: data/)")
    p.add_argument("--reference", type=Path, default=paths.REFERENCE_DIR, help=argparse.SUPPRESS)
    p.add_argument(
        "--check",
        action="store_true",
        help="build in a temporary folder, validate, compare with the "
        "existing output; write nothing; exit 1 if the output is stale or invalid",
    )
    p.add_argument("--strict", action="store_true", help="fail on unreviewed data-quality errors")
    p.add_argument("-v", "--verbose", action="store_true", help="show a traceback on failure")
    return p


def _inputs(seeds: Path, reference: Path) -> list[Path]:
    from etl.lexicon import LEXICON

    return sorted([*seeds.glob("*.txt"), *seeds.glob("*.toml"), *reference.glob("*.csv"), LEXICON])


def run(args: argparse.Namespace) -> int:
    from etl.read.ahead import Ahead

    started = time.perf_counter()
    ahead = Ahead(args.seeds, args.reference)  # reads the articles while this process imports pandas
    from etl import schema, target, write
    from etl.build import build

    out = args.out.resolve()
    target.check(out, args.seeds, args.reference)  # before anything is touched: refuse what is not ours
    with write.lock(out):
        write.recover(out)
        tables = build(args.seeds, args.reference, previous=out, ahead=ahead.readings)
        dq = tables["data_quality"]
        errors = dq[dq["severity"] == "error"]
        inputs = _inputs(args.seeds, args.reference)
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                built = Path(tmp)
                write.write_tables(tables, built, inputs)
                stale = write.compare_folders(built, out)
            if stale:
                print(
                    f"data is stale: {', '.join(stale)} differ from a fresh build; run: python -m etl", file=sys.stderr
                )
                return 1
            print(f"data is up to date ({len(schema.TABLES)} tables, {paths.display(out)})")
        else:
            blobs = write.encode(tables)
            before = {r["name"]: r["sha256"] for r in write.read_descriptor(out).get("resources", [])}
            touched = [n for n, b in blobs.items() if before.get(n) != hashlib.sha256(b).hexdigest()]
            old = write.read_existing(out, touched)  # only tables whose bytes change need a row diff
            changes = write.diff(old, {n: tables[n] for n in touched})
            write.publish(tables, out, inputs, blobs, changes)
            print(f"{'table':<16}{'rows':>6}{'added':>8}{'removed':>9}{'changed':>9}")
            for name, frame in tables.items():
                a, r, c = changes[name]
                print(f"{name:<16}{len(frame):>6}{a:>8}{r:>9}{c:>9}")
            print(
                f"wrote {len(tables)} tables and datapackage.json to {paths.display(out)} "
                f"in {time.perf_counter() - started:.1f}s"
            )
        counts = dq["severity"].value_counts().to_dict()
        print("data quality: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("error", "warning", "info")))
        for row in errors.itertuples():
            where = row.sentence_id if isinstance(row.sentence_id, str) else row.article_id or ""
            print(f"  error [{row.kind}] {where} {row.message}", file=sys.stderr)
        if len(errors):
            print("  review each one: python -m etl review (decisions go to reviews.csv)", file=sys.stderr)
        if args.strict and len(errors):
            print(
                f"--strict: {len(errors)} unreviewed data-quality error(s); first: {errors.iloc[0]['message']}",
                file=sys.stderr,
            )
            return 1
    return 0


COMMANDS = ("add", "preview", "review")  # the editor's desk: etl/add.py, etl/preview.py, etl/review.py (--help)


def main(argv: list[str] | None = None) -> int:
    # Behave like a Unix tool when piped into `head`: stop quietly instead of reporting a broken pipe.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        command = importlib.import_module(f"etl.{argv[0]}")
        return _guarded(lambda: command.main(argv[1:]), "-v" in argv or "--verbose" in argv)
    args = _parser().parse_args(argv)
    return _guarded(lambda: run(args), args.verbose)


def _guarded(call: Callable[[], int], verbose: bool) -> int:
    """The exit status of ``call``: 2 with one line for bad input, 3 for anything unexpected."""
    try:
        return call()
    except EtlError as exc:
        if verbose:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; the previous output is intact", file=sys.stderr)
        return 130
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        print(f"error: unexpected {type(exc).__name__}: {exc} (run with -v for the traceback)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
