"""Claims: sentences of a chapter that say what a run shows, checked against its glued values.

A claim is a ``[[<chapter>.claims]]`` entry in ``docs/bands.toml``, of one of
two kinds. A *check* is a fact about the numbers of the run::

    [[lstm.claims]]
    says = "no better than the baseline"
    check = "adding_rnn_mse > 0.8 * adding_baseline_mse"
    one_run = "the baseline predicts the mean; it draws no random numbers"

A *comparison* says that one condition beats another, over several seeds::

    [[dnn.claims]]
    says = "in every one of the {glue:text}`pretraining_seeds` seeds"
    compare = "pretrained_accuracy > random_accuracy"

``says`` must be found in the chapter's Markdown source (white space folded),
so that the sentence cannot be edited without its claim.

``check`` is a Python expression over the chapter's glued values, with only
a few builtins, which must be true. A check that orders two sides that each
depend on a glued value (``a > b``, ``a < 0.1 * b``, ``v > t for t, v in
zip(a, b)``, ``a - b > 0``; one side a constant is fine: ``accuracy > 0.9``) is a
comparison, and one run of it may be the seed's doing. It is refused unless
the claim says, in ``one_run``, why one run decides it (the same trained
network measured twice; a baseline that draws no random numbers and a gap
far beyond the spread over seeds). Otherwise write it as a ``compare``.

``compare`` is ``A > B``, ``A < B`` or ``A ~ B``, where ``A`` and ``B`` are
glued lists of numbers, one per seed, of the same length n >= 3:

- paired (the default: ``A[i]`` and ``B[i]`` ran from the same seed):
  ``A > B`` holds when every difference ``A[i] - B[i]`` is positive. Were
  the two conditions alike, each sign would be a coin toss, and all n
  positive would come with probability 1/2**n (a sign test: 1/8 for 3
  seeds, 1/32 for 5); ``A < B`` likewise. ``A ~ B``, "no difference beyond
  the spread", holds when the differences do not all have one sign.
- ``paired = false`` (the seeds of A and B are unrelated): ``A > B`` holds
  when the ranges do not overlap, ``min(A) > max(B)``; ``A ~ B`` when they
  overlap.

The ``says`` phrase of a comparison must say how many runs it rests on: the
number n in digits or as an English word, or a ``{glue:text}`` of a glued
value equal to n.
"""

from __future__ import annotations

import ast
import builtins
import math
import numbers
import re
from collections.abc import Mapping

#: The only builtins a check may call.
ALLOWED = ("abs", "all", "any", "len", "max", "min", "round", "sorted", "sum", "zip")
_BUILTINS = {name: getattr(builtins, name) for name in ALLOWED}
#: The keys a claim may have.
KEYS = {"says", "check", "one_run", "compare", "paired"}
#: The ``one_run`` of a comparison of trainings that one seed decided, until
#: it is repeated over seeds: the book check counts these as open.
NOT_YET_REPEATED = "one seed: not yet repeated"
#: The fewest runs (seeds) a comparison rests on.
MIN_RUNS = 3
#: Numbers of runs as words, for the ``says`` of a comparison.
NUMBER_WORDS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
]
_COMPARE = re.compile(r"\s*([A-Za-z_]\w*)\s*([<>~])\s*([A-Za-z_]\w*)\s*")
_ORDERS = (ast.Lt, ast.Gt, ast.LtE, ast.GtE)


def fold(text: str) -> str:
    """Return ``text`` with every run of white space made one space.

    Examples
    --------
    >>> fold("  no better\\n than  the baseline ")
    'no better than the baseline'
    """
    return " ".join(text.split())


def check_claim(chapter: str, source: str, claim: object, values: Mapping[str, object]) -> str:
    """Return what is wrong with one claim of ``chapter``, or an empty string if it holds.

    Parameters
    ----------
    chapter : str
        The chapter's name, for the message.
    source : str
        The chapter's Markdown source.
    claim : dict
        The claim: ``says`` and either ``check`` (and, for a comparison of
        one run, ``one_run``) or ``compare`` (and optionally ``paired``).
    values : mapping
        The chapter's glued values, by name.

    Examples
    --------
    >>> source = "The RNN is off by {glue:text}`rmse`, less than 40 for one of 3 seeds."
    >>> claim = {"says": "less than 40", "check": "rmse < 40"}
    >>> check_claim("rnn", source, claim, {"rmse": 20.5})
    ''
    >>> check_claim("rnn", source, claim, {"rmse": 45.0})
    "rnn: claim 'less than 40' does not hold: rmse < 40 is false for rmse=45.0"
    >>> claim = {"says": "one of 3 seeds", "compare": "rmse < baseline"}
    >>> check_claim("rnn", source, claim, {"rmse": [20.5, 21.0, 19.9], "baseline": [32.9] * 3})
    ''
    """
    malformed = check_form(claim)
    if malformed:
        return f"{chapter}: {malformed}"
    says = claim["says"]
    if fold(says) not in fold(source):
        return f"{chapter}: claim {says!r} is not in the chapter's text; copy the phrase from it"
    problem = check_comparison(claim, values) if "compare" in claim else check_fact(claim, values)
    return f"{chapter}: claim {says!r}{problem}" if problem else ""


def check_fact(claim: Mapping[str, object], values: Mapping[str, object]) -> str:
    """Return what is wrong with a ``check`` claim, after ``claim 'says'``; ``''`` if it holds."""
    check = str(claim["check"])
    holds, error = evaluate(check, values)
    if error:
        return f": check {check!r} {error}"
    if not holds:
        used = ", ".join(f"{name}={values[name]!r}" for name in names_in(check) if name in values)
        return f" does not hold: {check} is false for {used}"
    orders = comparisons_in(check, values)
    if "one_run" in claim and not orders:
        return (
            f": check {check!r} compares no two glued values, so it needs no `one_run`; "
            "remove it, so that the list of what comparisons rest on stays true"
        )
    if orders and "one_run" not in claim:
        return (
            f": check {check!r} compares two glued values ({'; '.join(orders)}), which one "
            "run may decide by its seed: write it as a `compare` over seeds (A > B, A < B "
            "or A ~ B over glued lists, one number per seed), or say in "
            '`one_run = "..."` why one run decides it'
        )
    return ""


def check_form(claim: object) -> str:
    """Return what is wrong with the form of a claim (its keys and their types), or ``''``.

    Examples
    --------
    >>> check_form({"says": "beats it", "check": "a > b", "compare": "a > b"})
    "claim 'beats it' has both `check` and `compare`; a claim is one of them"
    """
    if not isinstance(claim, dict):
        return f"a claim must be a table (says = ..., check = ...), got {claim!r}"
    says = claim.get("says")
    if not isinstance(says, str) or not says.strip():
        return f"a claim needs a `says` string, a phrase of the chapter, got {claim!r}"
    unknown = sorted(set(claim) - KEYS)
    if unknown:
        return (
            f"claim {says!r} has unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; a claim has `says`, and `check` (with "
            "`one_run`) or `compare` (with `paired`)"
        )
    kinds = [key for key in ("check", "compare") if key in claim]
    if len(kinds) != 1:
        what = "both `check` and `compare`" if kinds else "neither `check` nor `compare`"
        return f"claim {says!r} has {what}; a claim is one of them"
    problem = _check_options(claim, kinds[0])
    return f"claim {says!r}: {problem}" if problem else ""


def _check_options(claim: Mapping[str, object], kind: str) -> str:
    """What is wrong with the expression of a claim of ``kind`` and the keys that go with it."""
    if not isinstance(claim[kind], str) or not claim[kind].strip():
        return f"`{kind}` must be a string, got {claim[kind]!r}"
    other, extra = {"check": ("compare", "paired"), "compare": ("check", "one_run")}[kind]
    if extra in claim:
        return f"`{extra}` goes with a `{other}`, not a `{kind}`"
    reason = claim.get("one_run", "one run decides it")
    if not isinstance(reason, str) or len(reason.split()) < 2:
        return (
            "`one_run` must be a sentence saying why one run decides the comparison, "
            f"got {reason!r}"
        )
    if not isinstance(claim.get("paired", True), bool):
        return f"`paired` must be true or false, got {claim['paired']!r}"
    return ""


def runs(name: str, values: Mapping[str, object]) -> tuple[list[float] | None, str]:
    """Return the glued list ``name`` as numbers, one per seed, or what is wrong with it."""
    if name not in values:
        glued = ", ".join(sorted(values)) or "nothing"
        return None, f"names {name!r}, which is not a glued value of the chapter ({glued})"
    value = values[name]
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, numbers.Real) and not isinstance(item, bool) and math.isfinite(item)
        for item in value
    ):
        return (
            None,
            f"needs {name} to be a glued list of finite numbers, one per seed, got {value!r}",
        )
    return [float(item) for item in value], ""


def check_comparison(claim: Mapping[str, object], values: Mapping[str, object]) -> str:
    """Return what is wrong with a ``compare`` claim, after ``claim 'says'``; ``''`` if it holds.

    Examples
    --------
    >>> claim = {"says": "in all four seeds", "compare": "a > b"}
    >>> check_comparison(claim, {"a": [3, 4, 5, 6], "b": [1, 2, 3, 7]})
    ' does not hold: a > b needs every paired difference a - b > 0, and they are [2.0, 2.0, 2.0, -1.0] over 4 seeds'
    """
    compare = str(claim["compare"])
    match = _COMPARE.fullmatch(compare)
    if not match:
        return (
            f": compare {compare!r} must be `A > B`, `A < B` or `A ~ B`, "
            f"where A and B are glued lists of numbers, one per seed"
        )
    a_name, op, b_name = match.groups()
    a, problem = runs(a_name, values)
    b, other = runs(b_name, values)
    if problem or other:
        return f": compare {compare!r} {problem or other}"
    if len(a) != len(b):
        return (
            f": compare {compare!r} needs one number per seed on both sides, "
            f"got {len(a)} for {a_name} and {len(b)} for {b_name}"
        )
    n = len(a)
    if n < MIN_RUNS:
        return (
            f": compare {compare!r} needs at least {MIN_RUNS} seeds; with {n}, every seed "
            f"agreeing is likely by chance ({a_name}={a}, {b_name}={b})"
        )
    if not says_how_many(str(claim["says"]), n, values):
        return (
            f": compare {compare!r} rests on {n} runs, and the phrase must say so: "
            f"write {n} (or {NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else n}), or glue it"
        )
    holds, rule = decide(a, op, b, paired=claim.get("paired", True), names=(a_name, b_name))
    return "" if holds else f" does not hold: {compare} needs {rule}"


def compared(claim: Mapping[str, object]) -> tuple[str, str, str] | None:
    """Return the names and the operator of a ``compare`` claim (A, op, B), or None.

    Examples
    --------
    >>> compared({"says": "in all 5 seeds", "compare": "pretrained > random"})
    ('pretrained', '>', 'random')
    """
    match = _COMPARE.fullmatch(str(claim.get("compare", "")))
    return (match[1], match[2], match[3]) if match else None


def decide(
    a: list[float], op: str, b: list[float], *, paired: bool, names: tuple[str, str]
) -> tuple[bool, str]:
    """Return whether ``a op b`` holds over the seeds, and the rule with the numbers."""
    a_name, b_name = names
    if paired:
        differences = [x - y for x, y in zip(a, b, strict=True)]
        above = all(d > 0 for d in differences)
        below = all(d < 0 for d in differences)
        holds = {">": above, "<": below, "~": not (above or below)}[op]
        rule = {
            ">": f"every paired difference {a_name} - {b_name} > 0",
            "<": f"every paired difference {a_name} - {b_name} < 0",
            "~": f"paired differences {a_name} - {b_name} of both signs",
        }[op]
        return holds, f"{rule}, and they are {differences} over {len(a)} seeds"
    apart_above, apart_below = min(a) > max(b), max(a) < min(b)
    holds = {">": apart_above, "<": apart_below, "~": not (apart_above or apart_below)}[op]
    rule = {
        ">": f"min({a_name}) > max({b_name})",
        "<": f"max({a_name}) < min({b_name})",
        "~": f"the ranges of {a_name} and {b_name} to overlap",
    }[op]
    return holds, (
        f"{rule}, and {a_name} spans [{min(a)}, {max(a)}], "
        f"{b_name} [{min(b)}, {max(b)}] over {len(a)} seeds"
    )


def says_how_many(says: str, n: int, values: Mapping[str, object]) -> bool:
    """Whether ``says`` states the number of runs ``n``: in digits, in words, or glued.

    Examples
    --------
    >>> says_how_many("in all five seeds", 5, {})
    True
    >>> says_how_many("in every one of the {glue:text}`seeds` seeds", 5, {"seeds": 5})
    True
    >>> says_how_many("in every seed", 5, {})
    False
    """
    words = re.findall(r"[a-z]+|\d+", re.sub(r"\{glue:text\}`[^`]*`", " ", says.lower()))
    if str(n) in words or (n < len(NUMBER_WORDS) and NUMBER_WORDS[n] in words):
        return True
    glued = re.findall(r"\{glue:text\}`([^`:]+)(?::[^`]*)?`", says)
    return any(values.get(name) == n and not isinstance(values.get(name), bool) for name in glued)


def comparisons_in(expression: str, values: Mapping[str, object]) -> list[str]:
    """Return the orderings in ``expression`` whose two sides each depend on a glued value.

    A name depends on a glued value if it is one, or is a comprehension's
    variable drawn from one (``t`` in ``for t in train_loss``). A difference
    or ratio of two glued values ordered against a constant (``a - b > 0``,
    ``a / b > 1``) orders them too; one that is only bounded in size
    (``abs(a - b) < 0.01``) says they agree, and is not a comparison.

    Examples
    --------
    >>> comparisons_in("a < 0.1 * b and a > 0", {"a": 1, "b": 2})
    ['a < 0.1 * b']
    >>> comparisons_in("all(v > t for t, v in zip(a, b))", {"a": [1], "b": [2]})
    ['v > t']
    >>> comparisons_in("a - b > 0 and abs(a - b) < 1", {"a": 1, "b": 2})
    ['a - b > 0']
    >>> comparisons_in("max(a) <= 1 and len(a) == len(b)", {"a": [1], "b": [2]})
    []
    """
    tree = ast.parse(expression, mode="eval")
    glued = set(values)
    changed = True
    while changed:  # comprehension variables drawn from glued values, to a fixed point
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, ast.comprehension) and _names(node.iter) & glued:
                new = _names(node.target) - glued
                if new:
                    glued |= new
                    changed = True
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for left, op, right in zip(sides, node.ops, sides[1:], strict=False):
                if isinstance(op, _ORDERS) and (
                    (_names(left) & glued and _names(right) & glued)
                    or _is_gap(left, glued)
                    or _is_gap(right, glued)
                ):
                    symbol = {ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">="}[type(op)]
                    found.append(f"{ast.unparse(left)} {symbol} {ast.unparse(right)}")
    return found


def _is_gap(node: ast.AST, glued: set[str]) -> bool:
    """Whether ``node`` is a difference or a ratio of two glued values (``a - b``, ``a / b``)."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Sub | ast.Div)
        and bool(_names(node.left) & glued)
        and bool(_names(node.right) & glued)
    )


def _names(node: ast.AST) -> set[str]:
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def describe(claim: Mapping[str, object], values: Mapping[str, object]) -> str:
    """Return what a claim that holds rests on, for the execution report; ``''`` for a fact.

    Examples
    --------
    >>> claim = {"says": "all 5 seeds", "compare": "a > b"}
    >>> describe(claim, {"a": [2, 3, 4, 5, 6], "b": [1, 2, 3, 4, 5]})
    'a > b over 5 seeds, paired: every difference has that sign (sign test: p = 1/32)'
    >>> describe({"says": "x", "check": "a > b", "one_run": "the same network, twice."}, {})
    'one run: the same network, twice.'
    """
    if claim.get("one_run") == NOT_YET_REPEATED:
        return f"open: {NOT_YET_REPEATED}"
    if "one_run" in claim:
        return f"one run: {claim['one_run']}"
    if "compare" not in claim:
        return ""
    a_name, op, b_name = compared(claim) or ("?", "?", "?")
    n = len(values.get(a_name, []))
    if not claim.get("paired", True):
        ranges = "do not overlap" if op != "~" else "overlap"
        return f"{a_name} {op} {b_name} over {n} seeds, unpaired: the ranges {ranges}"
    if op == "~":
        return f"{a_name} ~ {b_name} over {n} seeds, paired: differences of both signs"
    return (
        f"{a_name} {op} {b_name} over {n} seeds, paired: every difference has that sign "
        f"(sign test: p = 1/{2**n})"
    )


def names_in(expression: str) -> list[str]:
    """Return the names an expression uses, sorted.

    Examples
    --------
    >>> names_in("a < 0.1 * b and max(a, c) > 0")
    ['a', 'b', 'c', 'max']
    """
    tree = ast.parse(expression, mode="eval")
    return sorted({node.id for node in ast.walk(tree) if isinstance(node, ast.Name)})


def evaluate(expression: str, values: Mapping[str, object]) -> tuple[object, str]:
    """Return the value of ``expression`` over ``values``, and what went wrong if anything did.

    Only the builtins in ``ALLOWED`` are available.

    Examples
    --------
    >>> evaluate("max(a, b) < 3", {"a": 1, "b": 2})
    (True, '')
    >>> evaluate("a < c", {"a": 1, "b": 2})
    (None, "names 'c', which is neither a glued value of the chapter (a, b) nor one of abs, all, any, len, max, min, round, sorted, sum, zip")
    """
    try:
        code = compile(expression, "<claim>", "eval")
    except SyntaxError as error:
        return None, f"is not a Python expression: {error.msg}"
    try:
        # The project's own bands.toml, given a few builtins only.
        return eval(code, {"__builtins__": _BUILTINS}, dict(values)), ""
    except NameError as error:
        glued = ", ".join(sorted(values)) or "nothing"
        allowed = ", ".join(ALLOWED)
        return None, (
            f"names {error.name!r}, which is neither a glued value of the chapter ({glued}) "
            f"nor one of {allowed}"
        )
    except Exception as error:  # noqa: BLE001  # any failure of the check is reported
        return None, f"failed: {type(error).__name__}: {error}"
