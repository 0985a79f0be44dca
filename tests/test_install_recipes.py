"""The Makefile's install recipes on a bare machine: as root with no sudo, and as a user with sudo.

`make test` installs Debian's chromium and nginx when they are missing. The recipes run here with stub `apt-get`,
`sudo` and `id` first on PATH and neither program on it, so the exact commands each case would run are recorded,
and nothing is installed.
"""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from contract.paths import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")

STUBS = {
    # each stub appends one line to $STUB_LOG: the command as called, and the DEBIAN_FRONTEND apt-get saw
    "apt-get": 'echo "apt-get $* [DEBIAN_FRONTEND=${DEBIAN_FRONTEND-unset}]" >> "$STUB_LOG"\n',
    "sudo": 'echo "sudo $*" >> "$STUB_LOG"\nexec "$@"\n',
    "id": 'if [ "$1" = -u ]; then echo "$STUB_UID"; else echo "uid=$STUB_UID"; fi\n',
}


def _bare_path(tmp_path: Path, extra: dict[str, str] | None = None) -> str:
    """A PATH holding only the stubs and `env`: no chromium, no nginx, no real apt-get or sudo."""
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for name, body in {**STUBS, **(extra or {})}.items():
        script = stubs / name
        script.write_text("#!/bin/sh\n" + body)
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "env").symlink_to(shutil.which("env"))
    return f"{stubs}:{tools}"


def _run(tmp_path: Path, target: str, uid: int, extra: dict[str, str] | None = None) -> list[str]:
    log = tmp_path / "calls.log"
    log.touch()
    env = {
        "PATH": _bare_path(tmp_path, extra),
        "STUB_LOG": str(log),
        "STUB_UID": str(uid),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [MAKE, "--no-print-directory", "-C", str(ROOT), target, f"NGINX_BIN={tmp_path / 'no-nginx'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return log.read_text().splitlines()


@pytest.mark.parametrize(
    ("target", "packages"),
    [("chromium", "chromium fonts-dejavu-core"), ("nginx", "nginx")],
)
def test_as_root_apt_get_runs_directly_with_a_noninteractive_frontend(tmp_path, target, packages):
    assert _run(tmp_path, target, uid=0) == [
        "apt-get update -qq [DEBIAN_FRONTEND=noninteractive]",
        f"apt-get install -y -qq {packages} [DEBIAN_FRONTEND=noninteractive]",
    ]


@pytest.mark.parametrize(
    ("target", "packages"),
    [("chromium", "chromium fonts-dejavu-core"), ("nginx", "nginx")],
)
def test_as_a_user_apt_get_runs_through_sudo_with_a_noninteractive_frontend(tmp_path, target, packages):
    assert _run(tmp_path, target, uid=1000) == [
        "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "apt-get update -qq [DEBIAN_FRONTEND=noninteractive]",
        f"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {packages}",
        f"apt-get install -y -qq {packages} [DEBIAN_FRONTEND=noninteractive]",
    ]


@pytest.mark.parametrize("target", ["chromium", "nginx"])
def test_nothing_is_installed_when_the_program_is_already_there(tmp_path, target):
    assert _run(tmp_path, target, uid=0, extra={target: "exit 0\n"}) == []


def test_the_readme_keeps_make_test_as_the_command():
    readme = (ROOT / "README.md").read_text()
    assert "```bash\nmake test\n```" in readme
    assert os.access(ROOT / ".ci" / "run", os.R_OK)
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")
