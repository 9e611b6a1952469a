"""The training helpers inside a tf.distribute strategy's scope, on two logical CPUs.

Logical devices can only be set before TensorFlow initialises its devices,
which the test session has long done; so the checks run in a fresh Python
process, as a script, and report back as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: One Python process that imports TensorFlow and trains three small models.
pytestmark = pytest.mark.train

SCRIPT = r"""
import json

import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import numpy as np

from annbook.models import build_cnn, build_mlp, build_simple_rnn
from annbook.training import (
    EpochTimer, fit_and_evaluate, input_gradient_norms, layer_gradient_norms,
    pretrain_layerwise, set_seed,
)

# Every variable any code creates, and whether a strategy's scope was open.
created = []


def recorder(next_creator, **kwargs):
    created.append((kwargs.get("name"), tf.distribute.has_strategy()))
    return next_creator(**kwargs)


strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
rng = np.random.default_rng(0)
report = {"replicas": strategy.num_replicas_in_sync}
set_seed(0)
with tf.variable_creator_scope(recorder):
    with strategy.scope():
        mlp = build_mlp(input_shape=(6,), hidden_units=(4, 3), num_outputs=2)
        cnn = build_cnn(input_shape=(8, 8, 1), filters=(2,), hidden_units=(4,), num_classes=2)
        rnn = build_simple_rnn(input_shape=(5, 1), units=3)
    built = len(created)
    # Each helper is called outside the scope, as a chapter would.
    x = rng.random((32, 6)).astype("float32")
    y = (x[:, 0] > 0.5).astype("int64")
    report["losses"] = pretrain_layerwise(mlp, x, epochs=1, batch_size=8)
    report["accuracy"] = fit_and_evaluate(mlp, x, y, x, y, epochs=2, batch_size=8)
    images = rng.random((16, 8, 8, 1)).astype("float32")
    labels = rng.integers(0, 2, 16)
    timer = EpochTimer()
    report["cnn_accuracy"] = fit_and_evaluate(cnn, images, labels, images, labels, epochs=2)
    report["norms"] = layer_gradient_norms(cnn, images, labels)
    sequences = rng.random((4, 5, 1)).astype("float32")
    report["steps"] = input_gradient_norms(rnn, sequences, np.zeros(4), loss="mse").tolist()
    cnn.fit(images, labels, epochs=2, verbose=0, callbacks=[timer])
    report["epoch_seconds"] = timer.seconds

report["built"] = built
report["created"] = len(created)
report["outside_a_scope"] = [name for name, inside in created if not inside]
report["mirrored_optimizer"] = all(
    isinstance(v.value, tf.distribute.DistributedValues) for v in mlp.optimizer.variables
)
report["mirrored_weights"] = all(
    isinstance(v.value, tf.distribute.DistributedValues) for v in mlp.weights
)
print(json.dumps(report))
"""


def test_the_helpers_train_inside_a_two_replica_strategy():
    # One test, not one per property: the script is one process that takes
    # about 15 s, and pytest's workers would each run a module's fixture.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["replicas"] == 2

    # No helper creates a variable outside the model's strategy.
    assert report["created"] > report["built"] > 0  # the helpers did create variables
    assert report["outside_a_scope"] == []

    # The optimizer is mirrored like the weights.
    assert report["mirrored_weights"]
    assert report["mirrored_optimizer"]

    # The helpers give results on two replicas.
    assert len(report["losses"]) == 2
    assert 0.0 <= report["accuracy"] <= 1.0
    assert 0.0 <= report["cnn_accuracy"] <= 1.0
    assert list(report["norms"]) == ["conv1", "hidden1", "predictions"]
    assert all(norm >= 0 for norm in report["norms"].values())
    assert len(report["steps"]) == 5
    assert len(report["epoch_seconds"]) == 2
