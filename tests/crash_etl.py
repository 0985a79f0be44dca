"""``python tests/crash_etl.py STEP ARGS…``: ``python -m etl ARGS…``, killed at one step of the swap.

The kill is SIGKILL, as a power cut or ``kill -9`` would be: no cleanup code runs. The steps are the names
``etl.write.publish`` passes to ``etl.write.checkpoint``.
"""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl import __main__ as cli
from etl import write


def _die_at(step: str):
    def checkpoint(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


if __name__ == "__main__":
    write.checkpoint = _die_at(sys.argv[1])
    sys.exit(cli.main(sys.argv[2:]))
