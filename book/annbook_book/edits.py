"""Edits of Python source that the benchmark and the execution-cache tests make on purpose.

Each returns the edited text, and raises ``ValueError`` when the source no
longer has what it edits, so that a renamed function fails loudly instead of
measuring nothing.
"""

from __future__ import annotations

import ast

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _function(tree: ast.Module, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    for node in tree.body:
        if isinstance(node, _FUNCTIONS) and node.name == name:
            return node
    msg = f"no top-level function of that name: name={name!r}"
    raise ValueError(msg)


def _has_docstring(node: ast.AST) -> bool:
    first = node.body[0] if node.body else None
    return (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )


def edit_docstrings(source: str, sentence: str = "Edited.") -> str:
    """Return ``source`` with ``sentence`` opening every docstring, and a comment at its end.

    Examples
    --------
    >>> print(edit_docstrings("def f():\\n    'Say one.'\\n    return 1\\n"), end="")
    def f():
        'Edited. Say one.'
        return 1
    # Edited.
    """
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    docstrings = [
        node.body[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, *_FUNCTIONS)) and _has_docstring(node)
    ]
    if not docstrings:
        msg = "the source has no docstring to edit"
        raise ValueError(msg)
    for docstring in docstrings:
        line, column = docstring.lineno - 1, docstring.col_offset
        text = lines[line]
        while text[column] not in "'\"":  # past a prefix such as r
            column += 1
        start = column + (3 if text[column : column + 3] in ('"' * 3, "'" * 3) else 1)
        lines[line] = f"{text[:start]}{sentence} {text[start:]}"
    return "".join(lines) + f"# {sentence}\n"


def edit_function_body(source: str, function: str) -> str:
    """Return ``source`` with a statement added at the top of ``function``'s body.

    The statement changes no result, but it is code: what the function runs.

    Examples
    --------
    >>> print(edit_function_body("def f():\\n    'Say one.'\\n    return 1\\n", "f"), end="")
    def f():
        'Say one.'
        _edited = True
        return 1
    """
    node = _function(ast.parse(source), function)
    body = node.body[1:] if _has_docstring(node) and len(node.body) > 1 else node.body
    first = body[0]
    lines = source.splitlines(keepends=True)
    lines.insert(first.lineno - 1, f"{' ' * first.col_offset}_edited = True\n")
    return "".join(lines)


def public_callers(source: str, function: str) -> list[str]:
    """Return the public top-level functions of ``source`` that call ``function``.

    A caller calls it directly or through other functions of the module, so
    an edit of ``function`` changes what each of them runs.

    Examples
    --------
    >>> code = "def _a(): pass\\ndef _b(): _a()\\ndef c(): _b()\\ndef d(): pass\\n"
    >>> public_callers(code, "_a")
    ['c']
    """
    functions = {node.name: node for node in ast.parse(source).body if isinstance(node, _FUNCTIONS)}
    if function not in functions:
        msg = f"no top-level function of that name: function={function!r}"
        raise ValueError(msg)
    named = {
        name: {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name)}
        for name, node in functions.items()
    }
    reaching = {function}
    while grown := {name for name in functions if named[name] & reaching} - reaching:
        reaching |= grown
    return sorted(name for name in reaching if not name.startswith("_"))
