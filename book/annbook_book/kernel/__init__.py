"""A private channel between the build and the chapters' kernel.

By default a Jupyter kernel and its client talk over ZeroMQ on local TCP
ports, in plain text: any process on the machine can connect to those ports
or read the traffic, and ipykernel says so in a warning on every start
("Kernel is running over TCP without encryption").

The book's kernel (``jupyter/kernels/annbook/kernel.json`` beside this module) names the
kernel provisioner defined here, :class:`PrivateKernelProvisioner`, in its
``metadata.kernel_provisioner``. Before the kernel starts, it switches its
kernel manager to ZeroMQ's IPC transport: the connection file and the Unix
sockets of the five channels are made in a new directory that only the user
can open (mode 0700, from :func:`tempfile.mkdtemp`), and the directory is
removed when the kernel is shut down. No port is opened, nothing is sent
over the network stack, and there is nothing to warn about.

jupyter_client finds provisioners through the entry points of installed
packages: ``book/pyproject.toml`` declares this one under :data:`NAME`.

:func:`setup` points Jupyter at the kernel (:data:`KERNELS`, the folder of
``kernels/annbook``) when Sphinx has read the book's configuration.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

#: The provisioner's name, as ``kernel.json`` gives it.
NAME = "annbook-private"
#: The Jupyter data folder that holds the book's kernel, ``kernels/annbook``.
KERNELS = Path(__file__).parent / "jupyter"


class PrivateKernelProvisioner(LocalProvisioner):
    """Start a local kernel over IPC sockets in a directory only the user can open."""

    private_dir: Path | None = None

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        """Point the kernel manager at a new private directory and the IPC transport."""
        km = self.parent
        if km is not None and self.private_dir is None:
            self.private_dir = Path(tempfile.mkdtemp(prefix="annbook-kernel-"))
            km.transport = "ipc"
            km.cache_ports = False  # ports of TCP; IPC "ports" are socket file suffixes
            km.connection_file = str(self.private_dir / f"kernel-{self.kernel_id}.json")
            km.ip = str(self.private_dir / "kernel")  # sockets: <ip>-<port>
        return await super().pre_launch(**kwargs)

    async def cleanup(self, restart: bool = False) -> None:
        """Remove the private directory once the kernel is gone for good."""
        await super().cleanup(restart=restart)
        if not restart and self.private_dir is not None:
            shutil.rmtree(self.private_dir, ignore_errors=True)
            self.private_dir = None


def use_book_kernel(app, config) -> None:  # noqa: ARG001
    """Put the book's kernel first on Jupyter's path, for this process and the kernels it starts."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(KERNELS), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )


def setup(app):
    app.connect("config-inited", use_book_kernel)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
