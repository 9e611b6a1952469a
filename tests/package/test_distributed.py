"""annbook.distributed: worker processes on localhost, always stopped and reaped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from annbook.distributed import _free_ports, local_workers


def gone(pid: int) -> bool:
    """Whether no process (not even a zombie waiting to be reaped) has this id."""
    return not Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_workers": 0}, ValueError, r"n_workers=0"),
        ({"n_workers": 2.0}, TypeError, r"n_workers=2\.0"),
        ({"n_samples": 60_001}, ValueError, r"n_samples=60001"),
        ({"epochs": 0}, ValueError, r"epochs=0"),
        ({"batch_size": "200"}, TypeError, r"batch_size='200'"),
        ({"seed": -1}, ValueError, r"seed=-1"),
        ({"timeout": 0}, ValueError, r"timeout=0"),
        ({"timeout": float("inf")}, ValueError, r"timeout=inf"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        local_workers(**kwargs)


def test_nothing_starts_before_the_block():
    workers = local_workers()
    assert workers.processes == []
    assert workers.tf_configs == []
    with pytest.raises(RuntimeError, match="Start the workers first"):
        workers.result()


def test_ports_come_from_the_system_and_differ():
    ports = _free_ports(8)
    assert len(set(ports)) == 8
    assert all(1024 <= port < 65536 for port in ports)


def test_each_worker_gets_its_own_tf_config_and_all_are_reaped_when_the_block_fails():
    with pytest.raises(KeyError), local_workers(n_workers=3) as workers:  # noqa: PT012
        configs, pids = workers.tf_configs, [p.pid for p in workers.processes]
        msg = "a cell that fails"
        raise KeyError(msg)
    addresses = configs[0]["cluster"]["worker"]
    assert len(set(addresses)) == 3
    assert [c["task"] for c in configs] == [{"type": "worker", "index": i} for i in range(3)]
    assert all(c["cluster"]["worker"] == addresses for c in configs)
    assert all(process.returncode is not None for process in workers.processes)
    assert all(gone(pid) for pid in pids)


def test_workers_that_take_too_long_are_an_error_naming_the_time_and_are_stopped():
    with local_workers(timeout=0.5) as workers, pytest.raises(RuntimeError, match=r"within 0\.5 s"):
        workers.result()
    assert all(gone(process.pid) for process in workers.processes)


def test_a_worker_that_fails_shows_its_log(monkeypatch):
    monkeypatch.setattr("sys.executable", "/bin/false")  # a worker that exits with 1 at once
    with local_workers(n_workers=1) as workers, pytest.raises(RuntimeError, match="exit code 1"):
        workers.result()


@pytest.mark.train
def test_two_workers_train_together_and_leave_no_process_behind():
    started = time.monotonic()
    with local_workers(n_workers=2, n_samples=400, epochs=2, batch_size=100, seed=1) as workers:
        pids = [process.pid for process in workers.processes]
        folder = workers._folder
        assert all(not gone(pid) for pid in pids)
        assert folder.is_dir()
        result = workers.result()
    assert all(gone(pid) for pid in pids)
    assert not folder.exists()  # the logs and the result file are removed too
    assert result["replicas"] == 2
    assert len(result["epoch_seconds"]) == len(result["accuracy"]) == 2
    assert 0 < result["startup_seconds"] < time.monotonic() - started
    assert 0.0 <= result["test_accuracy"] <= 1.0
