"""What a chapter's outputs can depend on in annbook: the code its calls reach, and their data.

A chapter's code cells are parsed with :mod:`ast` (after IPython's own
translation of magics). Each module of the package is cut into *units*: its
top-level statements, and each name that an import of annbook binds on its
own (``from annbook.models.conv import build_cnn, build_lenet5`` is two
units). A unit is one of two kinds:

- **a binding**: it only gives a name a value, and running it can do
  nothing else: a function definition without decorators (and without calls
  in its defaults), an import of annbook, or an assignment of a literal
  built from names and constants (``__all__ = [...]``, a table of
  functions). It counts only where its name is **needed**;
- **code that runs**: everything else (a class, a decorated function, a
  call, an import of another library, an ``if`` or ``try``), which counts
  whenever its module runs.

A chapter needs each name it imports; a unit that counts needs the names
of its own module that it names (so a function needs the functions it
calls), and an import that counts needs the name it imports from the
module that defines it, which follows re-exports: ``from annbook.models
import build_lstm`` needs ``build_lstm`` of ``annbook.models.recurrent``,
the helpers it calls, and the helpers those call. Every module that Python
executes on the way (the parent packages, what their imports run) counts by
its code that runs. A module bound as an object (``import annbook.lazy as
lazy``, ``from annbook import distributed``, ``from annbook.x import *``)
counts whole, since anything in it can be reached through it. Imports
inside a function are followed when the function counts.

So a new function that no chapter calls, its re-export in a package's
``__init__`` and its name in ``__all__`` change no chapter's key; an edit
of a function a chapter calls, directly or through others, changes the key
of that chapter.

Code is compared as its syntax tree (:func:`ast.dump`) without docstrings
or any other bare string statement: comments, formatting and docstrings
change nothing; any other edit to what counts does.

Data: a chapter depends on each file of the package's ``data`` folder whose
name, or path in that folder, is a string in what counts. annbook's loaders
name their files so: :mod:`annbook.datasets` reads only the files listed, by
name, in its ``CHECKSUMS`` table.

Not seen: a module imported by a computed name (``importlib.import_module``,
``__import__``), or a name reached through ``globals()`` or ``getattr`` of
a module with a computed name; annbook uses none of the first two, and
``tests/book/execution/test_keys.py`` keeps it so.
"""

from __future__ import annotations

import ast
import copy
import hashlib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from annbook_book.layout import PACKAGE

DATA = "data"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: What the value of an assignment that only binds is made of: names,
#: constants, attributes, containers and arithmetic on them, but no call.
_PLAIN = (
    ast.Constant, ast.Name, ast.Attribute, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Starred,
    ast.UnaryOp, ast.BinOp, ast.expr_context, ast.unaryop, ast.operator,
)  # fmt: skip


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
    """Remove bare string statements (docstrings among them) from ``tree``; return it.

    The tree is changed in place: copying it first took most of the time of
    a build's chapter keys.

    Examples
    --------
    >>> code = "def f():\\n    'Say one.'\\n    return 1  # one\\n"
    >>> ast.unparse(without_docstrings(ast.parse(code)))
    'def f():\\n    return 1'
    """
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


def only_binds(node: ast.stmt) -> bool:
    """Return whether running a top-level statement can do nothing but bind its names.

    Examples
    --------
    >>> [only_binds(ast.parse(code).body[0]) for code in (
    ...     "def f(x=1):\\n    return g(x)", "@cache\\ndef f():\\n    pass",
    ...     "TABLE = {'f': f, 'n': -1}", "X = make()", "class C:\\n    pass")]
    [True, False, True, False, False]
    """
    if isinstance(node, _FUNCTIONS):
        evaluated = [*node.args.defaults, *node.args.kw_defaults]
        return not node.decorator_list and not any(
            isinstance(sub, ast.Call | ast.Await | ast.Yield | ast.NamedExpr)
            for value in evaluated if value is not None
            for sub in ast.walk(value)
        )  # fmt: skip
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = [] if node.value is None else list(ast.walk(node.value))
        return all(isinstance(target, ast.Name) for target in targets) and all(
            isinstance(sub, _PLAIN) for sub in value
        )
    return False


def bound_names(node: ast.stmt) -> frozenset[str]:
    """Return the names a top-level statement binds in its module."""
    if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
        return frozenset({node.name})
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, (*_FUNCTIONS, ast.ClassDef)) and sub is not node:
            names.add(sub.name)
        elif isinstance(sub, ast.alias) and sub.name != "*":
            names.add(sub.asname or sub.name.partition(".")[0])
    return frozenset(names)


@dataclass(frozen=True)
class Unit:
    """A top-level statement of a module, or one name that an import of annbook binds.

    Attributes
    ----------
    node : ast.stmt
        The statement (an import with this one name).
    binds : frozenset of str
        The names it binds in its module.
    only_binds : bool
        Whether it does nothing else: then it counts only where a name it binds is needed.
    """

    node: ast.stmt
    binds: frozenset[str]
    only_binds: bool

    @cached_property
    def names(self) -> frozenset[str]:
        """The names it reads or binds, anywhere in it."""
        return frozenset(sub.id for sub in ast.walk(self.node) if isinstance(sub, ast.Name))

    @cached_property
    def imports(self) -> tuple[ast.Import | ast.ImportFrom, ...]:
        """Its import statements (itself, for an import), in walk order."""
        return tuple(
            sub for sub in ast.walk(self.node) if isinstance(sub, ast.Import | ast.ImportFrom)
        )

    @cached_property
    def digest(self) -> str:
        """A SHA-256 of its syntax tree."""
        return hashlib.sha256(ast.dump(self.node).encode()).hexdigest()


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
    """What a chapter's code reaches: of each module, the units that count (their positions)."""

    modules: dict[str, tuple[int, ...]] = field(default_factory=dict)
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

    def absolute(self, node: ast.ImportFrom, package: str | None) -> str | None:
        """Return the module of the package that ``from ... import`` takes from, else None.

        ``package`` is where a relative import starts (None: a chapter's code).
        """
        if node.level == 0:
            base = node.module or ""
        elif package is None:
            return None  # a relative import in a chapter imports nothing of the package
        else:
            parts = package.split(".")
            parent = ".".join(parts[: len(parts) - node.level + 1])
            base = f"{parent}.{node.module}" if node.module else parent
        return base if base == self.name or base.startswith(f"{self.name}.") else None

    def is_ours(self, node: ast.Import | ast.ImportFrom, package: str | None) -> bool:
        """Return whether an import statement imports from this package."""
        if isinstance(node, ast.ImportFrom):
            return self.absolute(node, package) is not None
        return all(
            alias.name == self.name or alias.name.startswith(f"{self.name}.")
            for alias in node.names
        )

    @cache  # noqa: B019 - a Package lives for one build
    def units(self, name: str) -> tuple[Unit, ...]:
        """Return the units of module ``name``, in the order of its statements."""
        module = self.modules[name]
        units = []
        for node in module.tree.body:
            split = isinstance(node, ast.Import | ast.ImportFrom) and self.is_ours(
                node, module.package
            )
            if split and not any(alias.name == "*" for alias in node.names):
                for alias in node.names:
                    one = copy.copy(node)
                    one.names = [alias]
                    units.append(Unit(one, bound_names(one), only_binds=True))
            else:
                units.append(
                    Unit(node, bound_names(node), only_binds=not split and only_binds(node))
                )
        return tuple(units)

    @cache  # noqa: B019
    def binders(self, name: str) -> dict[str, tuple[int, ...]]:
        """Return, for each name module ``name`` binds, the positions of the units binding it."""
        found: dict[str, list[int]] = {}
        for index, unit in enumerate(self.units(name)):
            for bound in unit.binds:
                found.setdefault(bound, []).append(index)
        return {bound: tuple(indices) for bound, indices in found.items()}

    @cache  # noqa: B019
    def data_digest(self, relative: str) -> str:
        """Return a SHA-256 of data file ``relative`` (its path in the data folder)."""
        return hashlib.sha256(self.data_files[relative].read_bytes()).hexdigest()

    def reached(self, cells: list[str]) -> Reached:
        """Return the units and data files that the code ``cells`` reach."""
        walk = _Walk(self)
        for source in cells:
            try:
                tree = ast.parse(python_of_cell(source))
            except SyntaxError:
                # It will not run; count everything rather than guess.
                for name in self.modules:
                    walk.use(name)
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    walk.follow_import(node, package=None, needed=lambda _name: True)
        reached = Reached({
            name: tuple(sorted(indices)) for name, indices in sorted(walk.counted.items()) if indices
        })  # fmt: skip
        strings = {
            sub.value
            for name, indices in reached.modules.items()
            for index in indices
            for sub in ast.walk(self.units(name)[index].node)
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
        }
        reached.data = [
            relative
            for relative in self.data_files
            if {relative, relative.rpartition("/")[2], f"{DATA}/{relative}"} & strings
        ]
        return reached

    def digest_of(self, reached: Reached) -> str:
        """Return a SHA-256 of every unit and data file in ``reached``."""
        digest = hashlib.sha256()
        for name, indices in reached.modules.items():
            units = self.units(name)
            digest.update(f"{name}\n".encode())
            for index in indices:
                digest.update(f"  {units[index].digest}\n".encode())
        for relative in reached.data:
            digest.update(f"{DATA}/{relative} {self.data_digest(relative)}\n".encode())
        return digest.hexdigest()


class _Walk:
    """Follows what counts through a package: the units of each module that count."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.counted: dict[str, set[int]] = {}
        self.needed: dict[str, set[str]] = {}
        self.wholly: set[str] = set()

    def run(self, name: str) -> None:
        """Python imports module ``name``: it and its parent packages run."""
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            module = ".".join(parts[:end])
            if module not in self.package.modules or module in self.counted:
                continue
            self.counted[module] = set()
            self.needed[module] = set()
            units = self.package.units(module)
            for index, unit in enumerate(units):
                if not unit.only_binds:
                    self.count(module, index)
                elif isinstance(unit.node, ast.Import | ast.ImportFrom):
                    # An import runs what it imports, whether its name is needed or not.
                    self.follow_import(unit.node, self.package.modules[module].package,
                                       needed=lambda _name: False)  # fmt: skip

    def use(self, name: str) -> None:
        """Code holds module ``name`` as an object: all of it counts."""
        self.run(name)
        if name not in self.package.modules or name in self.wholly:
            return
        self.wholly.add(name)
        for index in range(len(self.package.units(name))):
            self.count(name, index)

    def need(self, module: str, name: str) -> None:
        """Code that counts names ``name``, a global of ``module``: what binds it counts."""
        if name in self.needed[module]:
            return
        self.needed[module].add(name)
        for index in self.package.binders(module).get(name, ()):
            self.count(module, index)

    def take(self, module: str, name: str) -> None:
        """Code imports ``name`` from ``module`` (``from module import name``)."""
        self.run(module)
        if module not in self.package.modules:
            return
        if name in self.package.binders(module):
            self.need(module, name)
        elif f"{module}.{name}" in self.package.modules:
            self.use(f"{module}.{name}")
        else:  # bound some other way (a module __getattr__, globals()): all of it may be
            self.use(module)

    def count(self, module: str, index: int) -> None:
        """Unit ``index`` of ``module`` counts: so do the globals it names and what it imports."""
        if index in self.counted[module]:
            return
        self.counted[module].add(index)
        unit = self.package.units(module)[index]
        binders = self.package.binders(module)
        for name in unit.names:
            if name in binders:
                self.need(module, name)
        # An import of annbook counts for the name it binds; an import inside a
        # function or block, for the names the unit reads.
        is_import = unit.only_binds and isinstance(unit.node, ast.Import | ast.ImportFrom)
        needed = (lambda _name: True) if is_import else unit.names.__contains__
        for node in unit.imports:
            self.follow_import(node, self.package.modules[module].package, needed=needed)

    def follow_import(self, node, package: str | None, needed) -> None:
        """Follow an import statement; a name it binds is taken if ``needed(name)``."""
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not needed(alias.asname or alias.name.partition(".")[0]):
                    self.run(alias.name)
                elif alias.asname:
                    self.use(alias.name)
                else:  # `import a.b` binds `a`, through which all of `a.b` is reached
                    parts = alias.name.split(".")
                    for end in range(1, len(parts) + 1):
                        self.use(".".join(parts[:end]))
            return
        base = self.package.absolute(node, package)
        if base is None:
            return
        self.run(base)
        for alias in node.names:
            if alias.name == "*":
                self.use(base)
            elif needed(alias.asname or alias.name):
                self.take(base, alias.name)
            else:
                self.run(f"{base}.{alias.name}")  # a submodule runs; a name in ``base`` ran with it
