import subprocess
import sys

import annbook


def test_version_comes_from_the_installed_metadata():
    assert annbook.__version__ != "0+unknown"


def test_importing_annbook_does_not_import_tensorflow():
    code = "import sys, annbook, annbook.datasets; print('tensorflow' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
