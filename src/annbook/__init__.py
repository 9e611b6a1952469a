"""annbook: the package behind an executable textbook of artificial neural networks.

Importing :mod:`annbook` is cheap: it does not import TensorFlow. The modules
that need Keras (:mod:`annbook.models`, :mod:`annbook.training`) import it
when they are imported themselves.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("annbook")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
