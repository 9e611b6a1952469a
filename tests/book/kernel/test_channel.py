"""The chapters' kernel talks to the build over IPC sockets in a private directory.

The small book, built as ``nox -s docs`` builds the book (in a new process),
runs a cell that reads the kernel's own connection file and looks at the
directory it is in. The build log must hold no warning at all: ipykernel
warns on every start over TCP without encryption.
"""

import re
from pathlib import Path

import pytest

from ..books import chapter

CHAPTER = chapter(
    """\
import json
import stat
from pathlib import Path

from ipykernel import get_connection_file

connection = Path(get_connection_file())
info = json.loads(connection.read_text())
folder = connection.parent
sockets = [p for p in folder.iterdir() if stat.S_ISSOCK(p.stat().st_mode)]
ports = [info[f"{name}_port"] for name in ("shell", "iopub", "stdin", "control", "hb")]
print(
    "transport:", info["transport"],
    "folder:", folder,
    "mode:", oct(folder.stat().st_mode & 0o777),  # read, write, search bits
    "sockets:", sorted(p.name for p in sockets) == sorted(f"kernel-{p}" for p in ports),
    "ip:", info["ip"],
)
"""
)
SHOWN = re.compile(r"transport: (\S+) folder: (\S+) mode: (\S+) sockets: (\S+) ip: (\S+)")


@pytest.mark.build
def test_the_kernel_runs_over_ipc_in_a_private_directory(small_book):
    run = small_book.chapters({"chapter": CHAPTER}).build()
    page = (small_book.html / "chapter.html").read_text()
    transport, folder, mode, sockets, ip = SHOWN.search(page).groups()

    assert transport == "ipc"
    assert mode == "0o700"  # only the user can list, open or connect
    assert sockets == "True"  # the five channels are Unix sockets in that folder
    assert Path(ip).parent == Path(folder)
    assert Path(folder).name.startswith("annbook-kernel-")
    assert not Path(folder).exists()  # removed once the kernel shut down
    log = run.stdout + run.stderr
    assert "WARNING" not in log, log
    assert "without encryption" not in log, log
