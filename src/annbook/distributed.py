"""Train on several worker processes of this machine, as on a cluster.

:func:`local_workers` starts worker processes on localhost, each with its
own port, chosen by the operating system, and its own ``TF_CONFIG``, the
environment variable through which TensorFlow's
``tf.distribute.MultiWorkerMirroredStrategy`` learns the cluster: exactly
what each machine of a real cluster gets. Each worker runs this module,
``python -m annbook.distributed``, which trains the lecture's CNN
(:func:`annbook.models.build_cnn`) on MNIST in that strategy's scope; the
chief, worker 0, writes what it measured to a JSON file. The workers are
always stopped and reaped when the ``with`` block ends, also when it ends
with an error.

Workers write their output, TensorFlow's start-up messages included, to
log files that only a failure shows (their last lines, in the error).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from annbook._validation import check_int, check_positive_float, check_seed

__all__ = ["LocalWorkers", "local_workers"]

#: Lines of a failed worker's log that the error shows.
LOG_TAIL = 20


def _free_ports(n: int) -> list[int]:
    """Ports the operating system assigns on localhost, all different.

    Every socket stays open until all ports are known, so that the system
    cannot give one port twice; they are closed before the workers bind them.
    """
    sockets = []
    try:
        for _ in range(n):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("localhost", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class LocalWorkers:
    """Worker processes on localhost that train the lecture's CNN together.

    Made by :func:`local_workers`, which validates the settings; the
    processes start when the ``with`` block is entered and are stopped when
    it is left.

    Attributes
    ----------
    tf_configs : list of dict
        Each worker's ``TF_CONFIG``, worker 0 (the chief) first; empty
        before the block is entered.
    processes : list of subprocess.Popen
        The worker processes, in the same order.
    """

    def __init__(
        self,
        *,
        n_workers: int,
        n_samples: int,
        epochs: int,
        batch_size: int,
        seed: int,
        timeout: float,
    ) -> None:
        self.n_workers, self.n_samples, self.epochs = n_workers, n_samples, epochs
        self.batch_size, self.seed, self.timeout = batch_size, seed, timeout
        self.tf_configs: list[dict] = []
        self.processes: list[subprocess.Popen] = []
        self._folder: Path | None = None
        self._deadline = 0.0

    def __enter__(self) -> Self:
        self._folder = Path(tempfile.mkdtemp(prefix="annbook-workers-"))
        addresses = [f"localhost:{port}" for port in _free_ports(self.n_workers)]
        self.tf_configs = [
            {"cluster": {"worker": addresses}, "task": {"type": "worker", "index": index}}
            for index in range(self.n_workers)
        ]
        self._deadline = time.monotonic() + self.timeout
        command = [
            sys.executable, "-m", "annbook.distributed",
            f"--n-samples={self.n_samples}", f"--epochs={self.epochs}",
            f"--batch-size={self.batch_size}", f"--seed={self.seed}",
            f"--output={self._folder / 'result.json'}", f"--started={time.time()}",
        ]  # fmt: skip
        try:
            for index, config in enumerate(self.tf_configs):
                env = {**os.environ, "TF_CONFIG": json.dumps(config), "TF_CPP_MIN_LOG_LEVEL": "2"}
                with (self._folder / f"worker{index}.log").open("wb") as log:
                    self.processes.append(
                        subprocess.Popen(
                            command, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL,
                        )
                    )  # fmt: skip
        except BaseException:
            self._stop()
            raise
        return self

    def result(self) -> dict:
        """Wait for every worker to finish and return what the chief measured.

        Returns
        -------
        dict
            ``epoch_seconds`` (one wall-clock time per epoch), ``accuracy``
            and ``loss`` (per epoch, on the training data), ``test_accuracy``
            (on the 10,000 test images), ``replicas`` (the strategy's
            replicas in sync) and ``startup_seconds`` (from starting the
            processes to the first step of ``fit``).

        Raises
        ------
        RuntimeError
            If a worker fails, with the last lines of its log, or the
            workers are not done within ``timeout`` seconds of their start.
        """
        if self._folder is None:
            msg = "Start the workers first: `with local_workers(...) as workers:`"
            raise RuntimeError(msg)
        for index, process in enumerate(self.processes):
            try:
                code = process.wait(timeout=max(0.0, self._deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                msg = f"worker {index} did not finish within {self.timeout:g} s\n{self._log(index)}"
                raise RuntimeError(msg) from None
            if code != 0:
                msg = f"worker {index} failed with exit code {code}\n{self._log(index)}"
                raise RuntimeError(msg)
        return json.loads((self._folder / "result.json").read_text())

    def _log(self, index: int) -> str:
        assert self._folder is not None
        lines = (self._folder / f"worker{index}.log").read_text(errors="replace").splitlines()
        return "\n".join(lines[-LOG_TAIL:])

    def _stop(self) -> None:
        """Terminate every worker still running, kill it if it does not stop, reap it."""
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()


def local_workers(
    *,
    n_workers: int = 2,
    n_samples: int = 60_000,
    epochs: int = 2,
    batch_size: int = 200,
    seed: int = 0,
    timeout: float = 600.0,
) -> LocalWorkers:
    """Prepare worker processes that train the lecture's CNN with ``MultiWorkerMirroredStrategy``.

    Nothing starts until the result is entered as a context manager
    (``with local_workers() as workers:``). Then each worker is a process of
    its own, ``python -m annbook.distributed``, listening on a port the
    operating system chose, with a ``TF_CONFIG`` that lists every worker's
    address and gives its own index, as on a cluster of machines. Each
    loads MNIST, takes the first ``n_samples`` training images, and, in the
    strategy's scope, builds :func:`annbook.models.build_cnn` (after
    seeding with ``seed``), compiles it with Adam and categorical
    cross-entropy, and fits it; then it evaluates it on the test images.
    :meth:`LocalWorkers.result` waits for them and returns the chief's
    measurements. Leaving the block stops every worker still running
    (terminate, then kill after 10 s) and reaps it.

    Parameters
    ----------
    n_workers : int, default=2
        Worker processes, at least 1.
    n_samples : int, default=60_000
        Training images, the first of MNIST's 60,000 (at most that many).
    epochs : int, default=2
        Passes over the training images.
    batch_size : int, default=200
        The global batch: examples per gradient step over all workers
        together, split evenly between them.
    seed : int, default=0
        Seeds the weights, dropout and shuffling (:func:`annbook.training.set_seed`).
    timeout : float, default=600.0
        Seconds the workers may take, from their start to their end.

    Returns
    -------
    LocalWorkers
        A context manager whose ``__enter__`` starts the workers.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Training on many devices".

    Examples
    --------
    >>> from annbook.distributed import local_workers
    >>> workers = local_workers(n_workers=2, n_samples=1_000, epochs=1)
    >>> workers.processes  # none yet: they start in a `with` block
    []
    >>> try:
    ...     local_workers(n_workers=0)
    ... except ValueError as error:
    ...     print(error)
    `n_workers` must be an integer >= 1. Received: n_workers=0
    """
    n_workers = check_int("n_workers", n_workers, maximum=64)
    n_samples = check_int("n_samples", n_samples, maximum=60_000)
    epochs = check_int("epochs", epochs)
    batch_size = check_int("batch_size", batch_size)
    seed = check_seed("seed", seed)
    timeout = check_positive_float("timeout", timeout)
    return LocalWorkers(
        n_workers=n_workers, n_samples=n_samples, epochs=epochs, batch_size=batch_size,
        seed=seed, timeout=timeout,
    )  # fmt: skip


# -- The worker ----------------------------------------------------------------


def _exit_with_parent() -> None:
    """End this worker if the process that started it ends (a kernel killed, say)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _train_worker(*, n_samples: int, epochs: int, batch_size: int, seed: int) -> dict:
    """What each worker runs: the CNN trained with ``MultiWorkerMirroredStrategy``.

    The training step is written out: Keras 3's ``fit`` fails under this
    strategy with more than one worker (keras-team/keras#20585; its first
    step reduces a whole batch, which the strategy cannot do). The step is
    the one ``fit`` runs, with the same model, optimizer, loss and batches.
    """
    # Imported in the worker only; the strategy below is its first TensorFlow operation.
    import keras
    import numpy as np
    import tensorflow as tf

    from annbook.datasets import load_mnist
    from annbook.models import build_cnn
    from annbook.training import set_seed

    strategy = tf.distribute.MultiWorkerMirroredStrategy()  # reads TF_CONFIG
    (x_train, y_train), (x_test, y_test) = load_mnist()
    x = x_train[:n_samples].reshape(-1, 28, 28, 1).astype("float32") / 255
    y = keras.utils.to_categorical(y_train[:n_samples], num_classes=10)
    set_seed(seed)
    with strategy.scope():
        model = build_cnn()
        optimizer = keras.optimizers.Adam()
    loss_fn = keras.losses.CategoricalCrossentropy(reduction=None)  # one loss per image
    batches = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed)
    # Each worker takes its share of every global batch.
    batches = strategy.experimental_distribute_dataset(batches.batch(batch_size))

    def replica_step(x, y):  # runs on each replica, on its part of the batch
        with tf.GradientTape() as tape:
            probabilities = model(x, training=True)
            # The mean over the global batch: this replica's sum / global batch size.
            loss = tf.nn.compute_average_loss(loss_fn(y, probabilities))
        gradients = tape.gradient(loss, model.trainable_variables)
        # apply_gradients all-reduces (sums) the replicas' gradients first.
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        hits = keras.ops.argmax(probabilities, axis=1) == keras.ops.argmax(y, axis=1)
        return loss, tf.reduce_sum(tf.cast(hits, tf.float32))

    @tf.function
    def train_step(x, y):
        loss, hits = strategy.run(replica_step, args=(x, y))
        return strategy.reduce("SUM", loss, axis=None), strategy.reduce("SUM", hits, axis=None)

    seconds, losses, accuracies = [], [], []
    started_fit = time.time()
    for _ in range(epochs):
        start, loss_sum, hit_sum, steps = time.perf_counter(), 0.0, 0.0, 0
        for x_batch, y_batch in batches:
            loss, hits = train_step(x_batch, y_batch)
            loss_sum, hit_sum, steps = loss_sum + float(loss), hit_sum + float(hits), steps + 1
        seconds.append(time.perf_counter() - start)
        losses.append(loss_sum / steps)
        accuracies.append(hit_sum / len(x))
    images = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255
    predicted = np.concatenate(
        [
            model(images[i : i + 1000], training=False).numpy().argmax(axis=1)
            for i in range(0, len(images), 1000)
        ]
    )
    return {
        "epoch_seconds": seconds,
        "accuracy": accuracies,
        "loss": losses,
        "test_accuracy": float((predicted == y_test).mean()),
        "replicas": int(strategy.num_replicas_in_sync),
        "fit_started": started_fit,
    }


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m annbook.distributed",
        description="One worker of local_workers(): reads TF_CONFIG, trains, and the chief "
        "writes its measurements to --output.",
    )
    for name in ("n-samples", "epochs", "batch-size", "seed"):
        parser.add_argument(f"--{name}", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--started", type=float, required=True)
    args = parser.parse_args(argv)
    _exit_with_parent()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(143))  # stop at once, mid-step too
    result = _train_worker(
        n_samples=args.n_samples, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed
    )
    result["startup_seconds"] = result.pop("fit_started") - args.started
    if json.loads(os.environ["TF_CONFIG"])["task"]["index"] == 0:  # the chief
        partial = args.output.with_suffix(".partial")
        partial.write_text(json.dumps(result))
        partial.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
