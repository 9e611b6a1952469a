"""The kernel's launcher drops TensorFlow's known noise and passes everything else.

Lines as TensorFlow 2.21 writes them on this machine: each dropped line was
seen in a chapter's stderr, where it would fail the build.
"""

import importlib.util

import pytest

from annbook_book.kernel import KERNELS

LAUNCHER = KERNELS / "kernels" / "annbook" / "launch.py"


@pytest.fixture
def noise_filter():
    spec = importlib.util.spec_from_file_location("annbook_kernel_launch", LAUNCHER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.NoiseFilter()


RENDEZVOUS = (
    b"W0000 00:00:1796073554.793913    3018 local_rendezvous.cc:412] Local rendezvous is "
    b"aborting with status: CANCELLED: GetNextFromShard was cancelled\n"
)
NODE = b"\t [[{{node MultiDeviceIteratorGetNextFromShard}}]]\n"


@pytest.mark.parametrize(
    "line",
    [
        b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n",
        b"I0000 00:00:1796073554.1    3018 cpu_feature_guard.cc:210] This TensorFlow binary ...\n",
        (
            b"W0000 00:00:1796073554.2    3018 root_dataset.cc:338] Optimization loop failed: "
            b"CANCELLED: Operation was cancelled\n"
        ),
        RENDEZVOUS,
        (
            b"E0000 00:00:1796691323.205318    7127 util.cc:131] oneDNN supports DT_BOOL only on "
            b"platforms with AVX-512. Falling back to the default Eigen-based implementation if "
            b"present.\n"
        ),
    ],
)
def test_known_noise_is_dropped(noise_filter, line):
    assert not noise_filter.passes(line)


def test_the_node_line_below_dropped_noise_is_dropped(noise_filter):
    assert [noise_filter.passes(line) for line in (RENDEZVOUS, NODE)] == [False, False]


def test_a_node_line_below_a_real_message_is_passed_on(noise_filter):
    real = b"E0000 00:00:1796073554.3    3018 op_kernel.cc:1857] OP_REQUIRES failed: ...\n"
    assert [noise_filter.passes(line) for line in (real, NODE)] == [True, True]


@pytest.mark.parametrize(
    "line",
    [
        (
            b"W0000 00:00:1796073554.4    3018 local_rendezvous.cc:412] Local rendezvous is "
            b"aborting with status: OUT_OF_RANGE: End of sequence\n"
        ),
        b"E0000 00:00:1796691323.3    7127 util.cc:131] oneDNN: some other failure\n",
        b"Traceback (most recent call last):\n",
        b"UserWarning: something a reader must see\n",
        NODE,
    ],
)
def test_other_lines_are_passed_on(noise_filter, line):
    assert noise_filter.passes(line)
