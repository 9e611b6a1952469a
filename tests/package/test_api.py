import importlib
import importlib.util
import pkgutil
import re
import subprocess
import sys

import annbook
from annbook_book.layout import DOCS


def test_version_comes_from_the_installed_metadata():
    assert annbook.__version__ != "0+unknown"


def with_submodules(name: str) -> list[str]:
    """Return ``name`` and, if it is a package, the names of all modules in it (unimported)."""
    spec = importlib.util.find_spec(name)
    assert spec is not None, name
    if spec.submodule_search_locations is None:
        return [name]
    found = pkgutil.walk_packages(spec.submodule_search_locations, prefix=f"{name}.")
    return [name, *sorted(module.name for module in found)]


#: What a reader can import without starting TensorFlow (it takes seconds).
LIGHT_MODULES = [
    "annbook",
    "annbook.book",
    "annbook.distributed",
    *with_submodules("annbook.datasets"),
    *with_submodules("annbook.plotting"),
    *with_submodules("annbook.scratch"),
]


#: Imports the modules named in its arguments one by one, in a new Python, and
#: prints each with what it brought of TensorFlow and Keras (the first module
#: that brings them is the one that imports them).
IMPORT_EACH = """
import importlib, sys

for module in sys.argv[1:]:
    importlib.import_module(module)
    print(module, sorted({"tensorflow", "keras"} & set(sys.modules)))
"""


def test_importing_a_light_module_does_not_import_tensorflow():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, *LIGHT_MODULES],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.splitlines() == [f"{module} []" for module in LIGHT_MODULES]


def api_reference_entries() -> set[str]:
    """Return the dotted names the API reference's autosummary tables list."""
    text = (DOCS / "api" / "index.md").read_text()
    current = re.search(r"^\.\. currentmodule:: (\S+)$", text, re.MULTILINE)[1]
    entries = set()
    for table in re.findall(r"^\.\. autosummary::\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
        for line in table.splitlines():
            entry = line.strip()
            if entry and not entry.startswith(":"):
                entries.add(f"{current}.{entry}")
    return entries


def resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_the_api_reference_lists_every_public_name():
    listed = {id(resolve(entry)) for entry in api_reference_entries()}
    missing = []
    for name in with_submodules("annbook"):
        if any(part.startswith("_") for part in name.split(".")):
            continue
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", []):
            if not public.startswith("_") and id(getattr(module, public)) not in listed:
                missing.append(f"{name}.{public}")
    assert missing == [], f"not in docs/api/index.md: {missing}"
