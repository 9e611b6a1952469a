import subprocess
import sys

import annbook


def test_version_comes_from_the_installed_metadata():
    assert annbook.__version__ != "0+unknown"


def test_importing_annbook_does_not_import_tensorflow():
    modules = "annbook, annbook.datasets, annbook.plotting, annbook.plotting.architecture"
    code = f"import sys, {modules}; print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"
