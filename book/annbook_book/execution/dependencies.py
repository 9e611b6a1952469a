"""What a chapter's outputs can depend on in annbook: the modules its code reaches, their data.

A chapter's code cells are parsed with :mod:`ast` (after IPython's own
translation of magics), and each import of annbook is followed through the
package's own imports to every module it reaches. A module is reached in one
of two ways:

- **used**: the chapter, or a used module, takes a name from it or imports
  it as a module. All of its code counts, and all of its imports are
  followed, those inside functions too (they run when the function is called);
- **run on import**: Python executes it only because it is the parent
  package of a reached module, or a reached module imports it
  (``annbook.models`` imports every builder module). What counts is what
  runs on import: the module less the bodies of its plain top-level
  functions. Kept are classes, decorated functions (a decorator may register
  them) and functions that the code run on import names (called at import,
  or stored in a table). Only the imports in what counts are followed, and a
  name they bind is taken (its module used) only if that code names it.

A name taken from a package is followed to the module that defines it:
``from annbook.models import build_lstm`` uses ``annbook.models.recurrent``
and runs ``annbook.models``, and so its other builder modules, on import.

Code is compared as its syntax tree (:func:`ast.dump`) without docstrings
or any other bare string statement: comments, formatting and docstrings
change nothing; any other edit to what counts does.

Data: a chapter depends on each file of the package's ``data`` folder whose
name, or path in that folder, is a string in what counts of a reached module.
annbook's loaders name their files so: :mod:`annbook.datasets` reads only the
files listed, by name, in its ``CHECKSUMS`` table.

Not seen: a module imported by a computed name (``importlib.import_module``,
``__import__``), or a function reached through ``globals()``; annbook uses
none of them, and ``tests/book/execution/test_keys.py`` keeps it so.
"""

from __future__ import annotations

import ast
import copy
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from annbook_book.layout import PACKAGE

DATA = "data"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def python_of_cell(source: str) -> str:
    """Return a code cell's source as Python, IPython magics translated.

    Examples
    --------
    >>> python_of_cell("%matplotlib inline\\nimport annbook")
    "get_ipython().run_line_magic('matplotlib', 'inline')\\nimport annbook\\n"
    """
    from IPython.core.inputtransformer2 import TransformerManager  # noqa: PLC0415

    return TransformerManager().transform_cell(source)


def without_docstrings(tree: ast.AST) -> ast.AST:
    """Return a copy of ``tree`` without bare string statements (docstrings among them).

    Examples
    --------
    >>> code = "def f():\\n    'Say one.'\\n    return 1  # one\\n"
    >>> ast.unparse(without_docstrings(ast.parse(code)))
    'def f():\\n    return 1'
    """
    tree = copy.deepcopy(tree)
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            statements = getattr(node, name, None)
            if not isinstance(statements, list) or not statements:
                continue
            kept = [
                statement
                for statement in statements
                if not (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                )
            ]
            setattr(node, name, kept or ([ast.Pass()] if name == "body" else []))
    return tree


def run_on_import(tree: ast.Module) -> ast.Module:
    """Return what of a module runs on import: bodies of plain functions no other code names out.

    A top-level function keeps its body if it is decorated, or if a name in
    the code that runs (what is kept so far) refers to it.

    Examples
    --------
    >>> code = "def f():\\n    return 1\\ndef g():\\n    return 2\\nTABLE = {'g': g}\\n"
    >>> print(ast.unparse(run_on_import(ast.parse(code))))
    def f():
        ...
    <BLANKLINE>
    def g():
        return 2
    TABLE = {'g': g}
    """
    plain = {
        node.name for node in tree.body if isinstance(node, _FUNCTIONS) and not node.decorator_list
    }
    kept: set[str] = set()
    while True:
        view = copy.deepcopy(tree)
        for node in view.body:
            if isinstance(node, _FUNCTIONS) and node.name in plain - kept:
                node.body = [ast.Expr(ast.Constant(...))]
        named = {node.id for node in ast.walk(view) if isinstance(node, ast.Name)} & plain
        if named <= kept:
            return view
        kept |= named


@dataclass
class Module:
    """One module of the package: its name, file and syntax tree without docstrings."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def package(self) -> str:
        """The package that relative imports in this module start from."""
        is_package = self.path.name == "__init__.py"
        return self.name if is_package else self.name.rpartition(".")[0]


@dataclass
class Reached:
    """What a chapter's code reaches: each module, used (True) or run on import (False)."""

    modules: dict[str, bool] = field(default_factory=dict)
    data: list[str] = field(default_factory=list)


class Package:
    """The modules and data files of a package, read once, with what each chapter reaches.

    Parameters
    ----------
    folder : Path
        The package's folder (``src/annbook``).
    name : str, default="annbook"
        The package's import name.
    """

    def __init__(self, folder: Path, name: str = PACKAGE) -> None:
        if not (folder / "__init__.py").is_file():
            msg = f"not the folder of a package, no __init__.py in it: folder={folder!r}"
            raise ValueError(msg)
        self.name = name
        self.modules: dict[str, Module] = {}
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = path.relative_to(folder).with_suffix("").parts
            dotted = ".".join((name, *parts[: -1 if parts[-1] == "__init__" else None]))
            tree = without_docstrings(ast.parse(path.read_bytes(), filename=str(path)))
            self.modules[dotted] = Module(dotted, path, tree)
        data = folder / DATA
        self.data_files = {
            path.relative_to(data).as_posix(): path
            for path in sorted(data.rglob("*") if data.is_dir() else [])
            if path.is_file()
        }

    @cache  # noqa: B019 - a Package lives for one build
    def view(self, name: str, used: bool) -> ast.Module:
        """Return what counts of module ``name``: all of it if used, else what runs on import."""
        tree = self.modules[name].tree
        return tree if used else run_on_import(tree)

    @cache  # noqa: B019
    def scan(self, name: str, used: bool) -> Scan:
        """Return the names and imports of what counts of module ``name`` (see :func:`scan`)."""
        return scan(self.view(name, used))

    @cache  # noqa: B019
    def strings(self, name: str, used: bool) -> frozenset[str]:
        """Return the string constants in what counts of module ``name``."""
        return frozenset(
            node.value
            for node in ast.walk(self.view(name, used))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )

    @cache  # noqa: B019
    def digest(self, name: str, used: bool) -> str:
        """Return a SHA-256 of what counts of module ``name``."""
        return hashlib.sha256(ast.dump(self.view(name, used)).encode()).hexdigest()

    @cache  # noqa: B019
    def data_digest(self, relative: str) -> str:
        """Return a SHA-256 of data file ``relative`` (its path in the data folder)."""
        return hashlib.sha256(self.data_files[relative].read_bytes()).hexdigest()

    def reached(self, cells: list[str]) -> Reached:
        """Return the modules and data files that the code ``cells`` reach."""
        walk = _Walk(self)
        for source in cells:
            try:
                tree = ast.parse(python_of_cell(source))
            except SyntaxError:
                # It will not run; count everything rather than guess.
                for name in self.modules:
                    walk.use(name)
                continue
            walk.follow(scan(tree), package=None, used=True)
        reached = Reached(dict(sorted(walk.reached.items())))
        strings = set()
        for name, used in reached.modules.items():
            strings |= self.strings(name, used)
        reached.data = [
            relative
            for relative in self.data_files
            if {relative, relative.rpartition("/")[2], f"{DATA}/{relative}"} & strings
        ]
        return reached

    def digest_of(self, reached: Reached) -> str:
        """Return a SHA-256 of what counts of every module and data file in ``reached``."""
        digest = hashlib.sha256()
        for name, used in reached.modules.items():
            mode = "used" if used else "run on import"
            digest.update(f"{name} {mode} {self.digest(name, used)}\n".encode())
        for relative in reached.data:
            digest.update(f"{DATA}/{relative} {self.data_digest(relative)}\n".encode())
        return digest.hexdigest()


#: What :func:`scan` finds in a tree: the names it reads or binds, and its imports.
Scan = tuple[frozenset[str], tuple[ast.Import | ast.ImportFrom, ...]]


def scan(tree: ast.AST) -> Scan:
    """Return the names ``tree`` reads or binds, and its import statements in walk order.

    Examples
    --------
    >>> named, imports = scan(ast.parse("import numpy as np; x = np.ones(3)"))
    >>> sorted(named), [type(node).__name__ for node in imports]
    (['np', 'x'], ['Import'])
    """
    named, imports = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            named.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            imports.append(node)
    return frozenset(named), tuple(imports)


class _Walk:
    """Follows imports through a package, marking each module reached."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.reached: dict[str, bool] = {}

    def run(self, name: str) -> None:
        """Python imports ``name``: it and its parent packages run."""
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            self._mark(".".join(parts[:end]), used=False)

    def use(self, name: str) -> None:
        """Code takes names from module ``name`` (after it and its parents ran)."""
        self.run(name)
        self._mark(name, used=True)

    def _mark(self, name: str, *, used: bool) -> None:
        module = self.package.modules.get(name)
        if module is None or self.reached.get(name) in (True, used):
            return
        self.reached[name] = used
        self.follow(self.package.scan(name, used), module.package, used=used)

    def follow(self, scanned: Scan, package: str | None, *, used: bool) -> None:
        """Follow the imports of a scanned tree; bound names count if ``used`` or named in it."""
        named, imports = scanned
        for node in imports:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    bound = alias.asname or alias.name.partition(".")[0]
                    self._import(alias, used or bound in named)
            elif isinstance(node, ast.ImportFrom):
                base = self._absolute(node, package)
                if base is None:
                    continue
                self.run(base)
                for alias in node.names:
                    self._import_from(
                        base, alias.name, used or (alias.asname or alias.name) in named
                    )

    def _import(self, alias: ast.alias, counts: bool) -> None:
        """``import a.b.c [as x]``: if the name it binds counts, what it reaches is used."""
        if not counts:
            self.run(alias.name)
        elif alias.asname:
            self.use(alias.name)
        else:  # `import a.b` binds `a`, through which all of `a.b` is reached
            parts = alias.name.split(".")
            for end in range(1, len(parts) + 1):
                self.use(".".join(parts[:end]))

    def _import_from(self, base: str, name: str, counts: bool) -> None:
        """``from base import name``: if the name counts, its module is used."""
        if name == "*":
            self.use(base)
        elif counts:
            self.take(base, name)
        else:
            self.run(f"{base}.{name}")  # a submodule runs; a name in ``base`` ran with it

    def _absolute(self, node: ast.ImportFrom, package: str | None) -> str | None:
        if node.level == 0:
            base = node.module or ""
        elif package is None:
            return None  # a relative import in a chapter imports nothing of the package
        else:
            parts = package.split(".")
            parent = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{parent}.{node.module}" if node.module else parent
        root = self.package.name
        return base if base == root or base.startswith(f"{root}.") else None

    def take(self, module: str, name: str) -> None:
        """Code takes ``name`` from ``module``: use the module that defines it."""
        seen = set()
        while f"{module}.{name}" not in self.package.modules:
            source = self._reexport(module, name)
            if source is None or source in seen:
                self.use(module)
                return
            seen.add(source)
            module, name = source
            self.run(module)
        self.use(f"{module}.{name}")

    def _reexport(self, module: str, name: str) -> tuple[str, str] | None:
        """Return where ``module`` imports ``name`` from, if that is all it does with it."""
        if module not in self.package.modules:
            return None
        found = self.package.modules[module]
        sources = []
        for node in found.tree.body:
            if isinstance(node, ast.ImportFrom):
                base = self._absolute(node, found.package)
                bound = [alias.name for alias in node.names if (alias.asname or alias.name) == name]
                if bound and base is None:
                    return None  # from outside the package: the module itself is what counts
                sources += [(base, original) for original in bound]
            elif _binds(node, name) or _binds(node, "__getattr__"):
                return None
        return sources[0] if len(sources) == 1 else None


def _binds(node: ast.stmt, name: str) -> bool:
    """Whether a top-level statement binds ``name`` other than by ``from ... import``."""
    if isinstance(node, _FUNCTIONS):
        return node.name == name
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            bound = sub.id
        elif isinstance(sub, (*_FUNCTIONS, ast.ClassDef)):
            bound = sub.name
        elif isinstance(sub, ast.alias):
            bound = sub.asname or sub.name.partition(".")[0]
        else:
            continue
        if bound == name:
            return True
    return False
