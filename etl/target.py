"""Stage 10, target: which folders a refresh may write to: its own output, and nothing else.

A refresh replaces its output folder whole, so a mistyped ``--out`` must never reach someone's files. The rules:
the output folder is missing, empty, or a previous output of this tool (its ``datapackage.json`` and only the
files that descriptor lists, plus the tool's side files); it is not a file, the filesystem root, the home folder,
the seeds or reference folder, or anywhere in the repository's source tree except ``data/``. The folders and
files the refresh keeps beside the output (``.<out>.previous``, ``.<out>.building-*``, ``.<out>.lock``) obey the
same rules. Every refusal is an ``EtlError`` naming the path and the reason, raised before anything is touched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from etl import paths
from etl.errors import EtlError

DESCRIPTOR = "datapackage.json"
SIDE_FILES = frozenset({paths.REFRESH_RECORD})
_TABLE_FILE = re.compile(r"^[a-z][a-z0-9_]*\.parquet$")


def _relation(out: Path, folder: Path) -> str | None:
    """How ``out`` stands to ``folder``, in words; None when they are apart."""
    if out == folder:
        return "it is"
    if folder in out.parents:
        return "it sits inside"
    if out in folder.parents:
        return "it holds"
    return None


def _is_resource(r) -> bool:
    """A resource entry as this tool writes it: a table file named after the table, with its hash."""
    return (
        isinstance(r, dict)
        and all(isinstance(r.get(k), str) for k in ("name", "path", "sha256"))
        and bool(_TABLE_FILE.match(r["path"]))
        and r["path"] == f"{r['name']}.parquet"
    )


def _listed_files(folder: Path) -> set[str] | None:
    """The table files a descriptor written by this tool lists; None when there is no such descriptor."""
    try:
        desc = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(desc, dict) or desc.get("profile") != "data-package" or "schema_version" not in desc:
        return None
    resources = desc.get("resources")
    if not isinstance(resources, list) or not all(_is_resource(r) for r in resources):
        return None
    return {r["path"] for r in resources}


def _refuse(path: Path, why: str) -> EtlError:
    return EtlError(f"refusing to write here: {why}; nothing was changed", path)


def check_own_folder(folder: Path, *, descriptor_required: bool = True) -> None:
    """Raise unless ``folder`` is missing, empty, or holds only what this tool writes."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise _refuse(folder, "it is a file or a link, not a folder")
    if not folder.exists():
        return
    entries = sorted(folder.iterdir())
    if not entries:
        return
    listed = _listed_files(folder)
    if listed is None and descriptor_required:
        raise _refuse(folder, f"the folder is not empty and has no {DESCRIPTOR} written by this tool")
    allowed = {DESCRIPTOR, *SIDE_FILES, *(listed or ())}
    for entry in entries:
        if entry.is_symlink() or not entry.is_file():
            raise _refuse(folder, f"it holds {entry.name!r}, which is not a file this tool writes")
        if entry.name not in allowed and (listed is not None or not _TABLE_FILE.match(entry.name)):
            raise _refuse(folder, f"it holds {entry.name!r}, which its {DESCRIPTOR} does not list")


def _check_place(out: Path, seeds: Path, reference: Path) -> None:
    if out == Path(out.anchor):
        raise _refuse(out, "it is the filesystem root")
    if out == Path.home().resolve():
        raise _refuse(out, "it is the home folder")
    for name, folder in (("seeds", seeds), ("reference", reference)):
        if how := _relation(out, folder):
            raise _refuse(out, f"{how} the {name} folder {paths.display(folder)}")
    how = _relation(out, paths.ROOT)
    if how and out not in {paths.ROOT / "data", paths.DATA_DIR}:
        raise _refuse(out, f"{how} the project's source tree {paths.ROOT} (of it, only data/ may be written)")


def check(out: Path, seeds: Path, reference: Path) -> None:
    """Refuse an output folder (and its side folders and lock) that holds anything this tool did not write."""
    out, seeds, reference = out.resolve(), seeds.resolve(), reference.resolve()
    _check_place(out, seeds, reference)
    check_own_folder(out)
    check_own_folder(paths.previous_of(out))
    for building in sorted(out.parent.glob(f".{out.name}.building-*")):
        check_own_folder(building, descriptor_required=False)  # a build killed before it wrote its descriptor
    lock = paths.lock_of(out)
    if lock.is_symlink() or (lock.exists() and not (lock.is_file() and lock.stat().st_size == 0)):
        raise _refuse(lock, "the lock file's name is taken by something this tool did not write")
