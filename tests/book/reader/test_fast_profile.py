"""The fast profile shrinks a script's work from outside its code, and runs it as plain Python.

``nox -s reader`` runs every chapter's downloaded notebook in it; here one
small script shows the caps.
"""

import os
import subprocess
import sys

import pytest

from annbook_book.reader import fast_profile

SCRIPT = """\
import keras
import numpy as np

from annbook.datasets import load_mnist

(x_train, y_train), (x_test, y_test) = load_mnist()
print("mnist:", len(x_train), len(y_train), len(x_test), len(y_test))
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
model.compile(loss="mse")
x = np.zeros((1000, 4), "float32")
history = model.fit(x, x[:, 0], validation_data=(x, x[:, 0]), epochs=50, batch_size=1000, verbose=0)
print("epochs:", len(history.history["loss"]), "name:", __name__)
"""


@pytest.mark.train
def test_every_fit_and_load_is_capped_and_the_script_runs_as_main(tmp_path):
    script = tmp_path / "chapter.py"
    script.write_text(SCRIPT)
    result = subprocess.run(
        [sys.executable, "-m", "annbook_book.reader.fast_profile", str(script)],
        env={**os.environ, "ANNBOOK_FAST": "1"},
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    n_train, n_test = fast_profile.FAST_MNIST
    assert result.stdout.splitlines() == [
        f"== {script}",
        f"mnist: {n_train} {n_train} {n_test} {n_test}",
        f"epochs: {fast_profile.FAST_EPOCHS} name: __main__",
    ]
