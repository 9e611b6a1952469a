"""The Korean edition's words: one term list, checked against every catalog.

The glossary (``docs/glossary.md``) is the single source of the edition's
words. Each of its entries gives a term's Korean name, the word the chapters
use, and may give other Korean names after it: aliases, under which a reader
who knows them finds the entry. The glossary's front matter (``terms``) adds,
per idea, what the chapters must not write for it; an idea that is no
glossary entry (a heading the chapters share, "width") gives its word there
itself (``ko``). Its ``typography`` rules say how numbers and units are
written.

In a translated build, every translated string of every page (each
catalog's ``msgstr``) is checked, outside code, math, roles other than
``{term}`` and addresses:

- a string whose English mentions an idea (its ``en`` patterns; by default
  its name) must not use one of its forbidden variants (``not``). A variant
  that is another idea's word ("기울기", the word for slope, forbidden for
  gradient) is allowed only as often as the English mentions that other
  idea, so two ideas are never one word;
- an idea marked ``required`` must be said with its word;
- a typography rule holds in every string;
- a string the English repeats (a heading, the exercises' instructions) is
  translated the same way on every page.

The Korean that the English chapters give in brackets ("(기울기 소실)") is
held to the same variants. Each problem is a warning at the catalog's line,
and fails the build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sphinx.util import logging

from annbook_book import layout as project
from annbook_book.layout import HANGUL, KOREAN

logger = logging.getLogger(__name__)

#: The glossary page, in the book's source folder: its entries and front matter.
GLOSSARY = "glossary.md"
#: What a Korean variant may not directly follow: a Hangul syllable (so that
#: "전처리" is not found inside "사전처리").
_WORD_START = rf"(?<!{HANGUL.pattern})"
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)^---$", re.DOTALL | re.MULTILINE)
_GLOSSARY = re.compile(r"^```\{glossary\}\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)
#: What is not prose in a string: a role other than {term} (citations, glue,
#: references), inline code, math, a link's address, a bare address.
_NOT_PROSE = re.compile(
    r"\{(?!term\})[\w:-]+\}`[^`]*`"
    r"|`[^`]*`"
    r"|\$\$.*?\$\$|\$[^$]*\$"
    r"|\]\([^)]*\)"
    r"|https?://\S+",
    re.DOTALL,
)
_TERM = re.compile(r"\{term\}`(?P<shown>[^`<]*?)\s*(?:<[^`>]*>)?`")
_TABLE_KEYS = {"en", KOREAN, "not", "keep", "required"}


class TermListError(ValueError):
    """The term list itself is wrong (an unknown key, a word given twice, no word)."""


@dataclass(frozen=True)
class Idea:
    """One idea of the term list: its word, its aliases, and what must not stand for it."""

    name: str
    word: str
    aliases: tuple[str, ...] = ()
    english: tuple[re.Pattern, ...] = ()  # empty: every string (a typography rule)
    forbidden: tuple[re.Pattern, ...] = ()
    keep: tuple[str, ...] = ()
    required: bool = False
    typography: bool = False

    def mentions(self, english: str) -> int:
        """Return how often a string's English (its prose) mentions the idea."""
        return sum(len(pattern.findall(english)) for pattern in self.english)

    @property
    def words(self) -> tuple[str, ...]:
        return (self.word, *self.aliases)


@dataclass(frozen=True)
class Problem:
    """A string that breaks the term list, where its catalog holds it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def glossary_names(text: str) -> dict[str, tuple[str, ...]]:
    """Return each glossary entry's Korean names by its English name, the word first.

    Examples
    --------
    >>> page = "```{glossary}\\n:sorted:\\n\\nReLU\\n정류 선형 유닛\\n  max(0, x).\\n```\\n"
    >>> glossary_names(page)
    {'ReLU': ('정류 선형 유닛',)}
    """
    found = _GLOSSARY.search(text)
    if found is None:
        msg = "the glossary page has no ```{glossary} block"
        raise TermListError(msg)
    entries: dict[str, tuple[str, ...]] = {}
    names: list[str] = []
    for line in found["body"].splitlines():
        if line.startswith(":") and not names:
            continue  # an option of the directive
        if line.strip() and not line[0].isspace():
            names.append(line.strip())
        elif names:
            entries[names[0]] = tuple(name for name in names if HANGUL.search(name))
            names = []
    return entries


def read_terms(path: Path) -> list[Idea]:
    """Return the term list of the glossary page at ``path``: its front matter and entries."""
    import yaml  # noqa: PLC0415 (myst-parser's dependency; only the Korean build needs it)

    text = path.read_text("utf-8")
    front = _FRONT_MATTER.match(text)
    table = yaml.safe_load(front["yaml"]) if front else {}
    glossary = glossary_names(text)
    ideas = [_idea(name, rules or {}, glossary) for name, rules in table.get("terms", {}).items()]
    ideas += [
        _idea(name, rules, {}, typography=True)
        for name, rules in table.get("typography", {}).items()
    ]
    return ideas


def _idea(name: str, rules: dict, glossary: dict, *, typography: bool = False) -> Idea:
    unknown = set(rules) - _TABLE_KEYS
    if unknown:
        msg = f"term list: {name!r} has unknown keys {sorted(unknown)}; use {sorted(_TABLE_KEYS)}"
        raise TermListError(msg)
    names = glossary.get(name)
    if names and KOREAN in rules:
        msg = (
            f"term list: {name!r} is a glossary entry, which names it {names[0]!r}; "
            f"drop its {KOREAN!r}"
        )
        raise TermListError(msg)
    if not names and KOREAN not in rules:
        msg = (
            f"term list: {name!r} is no glossary entry with a Korean name; "
            f"give its word as {KOREAN!r}"
        )
        raise TermListError(msg)
    word, *aliases = names or (rules[KOREAN],)
    english = () if typography else rules.get("en", [rf"\b{re.escape(name)}s?\b"])
    variants = rules.get("not", [])
    forbidden = tuple(re.compile(_WORD_START + variant) for variant in variants)
    for variant, pattern in zip(variants, forbidden, strict=True):
        if pattern.search(word):
            msg = f"term list: {name!r} forbids {variant!r}, which its word {word!r} holds"
            raise TermListError(msg)
    return Idea(
        name=name,
        word=word,
        aliases=tuple(aliases),
        english=tuple(re.compile(pattern, re.IGNORECASE | re.MULTILINE) for pattern in english),
        forbidden=forbidden,
        keep=tuple(rules.get("keep", [])),
        required=bool(rules.get("required", False)),
        typography=typography,
    )


def prose(text: str) -> str:
    """Return a string's prose: code, math, roles other than {term}, and addresses blanked.

    A ``{term}`` role keeps the words it shows.

    Examples
    --------
    >>> prose("{term}`기울기 소실 <vanishing gradient>`과 `grad` $g$, {glue:text}`g`")
    '기울기 소실과      ,  '
    """
    text = _TERM.sub(lambda match: match["shown"], text)
    return _NOT_PROSE.sub(" ", text)


def check_string(ideas: list[Idea], msgid: str, msgstr: str) -> list[str]:
    """Return what a translated string does against the term list, one message per problem."""
    english, korean = prose(msgid), prose(msgstr)
    mentions = {idea.name: idea.mentions(english) for idea in ideas}
    problems = []
    for idea in ideas:
        if idea.typography or mentions[idea.name]:
            problems += _variants(idea, ideas, korean, mentions)
        if idea.required and mentions[idea.name] and not any(w in msgstr for w in idea.words):
            problems.append(f'says "{idea.name}" without the book\'s word "{idea.word}"')
    for idea in ideas:  # the Korean the English source gives in brackets
        if not idea.typography and mentions[idea.name] and HANGUL.search(english):
            problems += [
                f"the English source's Korean {problem}"
                for problem in _variants(idea, ideas, english, mentions)
            ]
    return problems


def _variants(idea: Idea, ideas: list[Idea], korean: str, mentions: dict[str, int]) -> list[str]:
    for phrase in idea.keep:
        korean = korean.replace(phrase, " " * len(phrase))
    problems = []
    for pattern in idea.forbidden:
        found = [match.group() for match in pattern.finditer(korean)]
        if not found:
            continue
        # The variant may be another idea's word, as often as the English names that idea.
        owners = [
            other for other in ideas
            if other is not idea and any(pattern.fullmatch(word) for word in other.words)
        ]  # fmt: skip
        if len(found) <= sum(mentions[other.name] for other in owners):
            continue
        owner = f' ("{found[0]}" is the word for "{owners[0].name}")' if owners else ""
        verb = " writes" if idea.typography else "'s word is"
        problems.append(f'uses "{found[0]}" for "{idea.name}"; the book{verb} "{idea.word}"{owner}')
    return problems


def check_catalogs(ideas: list[Idea], paths: list[Path]) -> list[Problem]:
    """Return every problem of the catalogs at ``paths``, by catalog and line."""
    from babel.messages.pofile import read_po  # noqa: PLC0415

    problems = []
    translated = defaultdict(list)  # msgid -> [(msgstr, path, line)]
    for path in paths:
        with path.open("rb") as file:
            catalog = read_po(file)
        for message in catalog:
            if not (message.id and isinstance(message.id, str) and message.string):
                continue
            if message.fuzzy:
                continue  # the translation check reports it
            translated[message.id].append((message.string, path, message.lineno))
            problems += [
                Problem(str(path), message.lineno, problem)
                for problem in check_string(ideas, message.id, message.string)
            ]
    for msgid, places in translated.items():
        first, path, line = places[0]
        short = _short(msgid)
        problems += [
            Problem(
                str(other_path), other_line,
                f'translates "{short}" as "{_short(other)}", but {path.name}:{line} as "{_short(first)}": '
                "a string the English repeats is translated once",
            )
            for other, other_path, other_line in places[1:]
            if other != first
        ]  # fmt: skip
    return problems


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def check_edition(app, exception) -> None:
    """After a translated edition's build: fail it on every string that breaks the term list."""
    if (
        exception is not None
        or app.builder.format != "html"
        or app.config.language not in project.TRANSLATIONS
    ):
        return
    source = Path(app.srcdir)
    glossary = source / GLOSSARY
    if not glossary.is_file():
        return  # a book without a glossary has no term list
    catalogs = sorted((source / project.LOCALES / app.config.language / "LC_MESSAGES").glob("*.po"))
    try:
        ideas = read_terms(glossary)
    except TermListError as error:
        logger.warning("%s", error, location=str(glossary), type="annbook", subtype="terms")
        app.statuscode = 1
        return
    problems = check_catalogs(ideas, catalogs)
    for problem in problems:
        logger.warning(
            "%s", problem.message, location=f"{problem.path}:{problem.line}",
            type="annbook", subtype="terms",
        )  # fmt: skip
    if problems:
        app.statuscode = 1
        logger.error(
            "terms: %d string%s against the term list in %s's front matter and entries",
            len(problems),
            "" if len(problems) == 1 else "s",
            glossary,
        )
    else:
        logger.info("terms: %d ideas, every catalog keeps them", len(ideas))


def setup(app):
    app.connect("build-finished", check_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
