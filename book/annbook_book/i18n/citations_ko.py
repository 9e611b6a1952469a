"""Citations in the Korean edition's words: "McCulloch와 Pitts [1943]", "Hinton 외 [2006]".

The book cites by author and year (``bibtex_reference_style = "author_year"``
in ``docs/conf.py``), and sphinxcontrib-bibtex writes the authors in English
words: "McCulloch and Pitts [1943]", "Hinton et al. [2006]". In a Korean
sentence that reads as English left on the page. The Korean edition cites
with the same style in Korean words (:class:`KoreanAuthorYearStyle`): two
authors joined by 와 or 과, as the first name's Korean reading ends
(:func:`final_sound`), three or more as the first and 외; brackets, years and
the bibliography stay as they are.

A particle after a citation agrees with the name before the year, as after
any bracket: "Hinton 외 [2006]는" is read "Hinton 외는", and "Hinton
[2002]은" "Hinton은". :func:`particle_problems` finds the particles on a
built page that do not (the site check runs it on every Korean page); the
catalogs choose them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, first_of, node, optional, tag
from pybtex.style.template import field as entry_field
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from annbook_book.layout import HANGUL, KOREAN

#: The name of the Korean reference style (a sphinxcontrib-bibtex plugin).
STYLE = "author_year_ko"
#: What stands for the authors after the first, when there are three or more.
OTHERS = "외"
#: Particles whose form follows the sound before them: (after a consonant, after a vowel).
#: After ㄹ, 으로 is 로; every other particle takes its consonant form.
PARTICLES = (
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이나", "나"),
    ("이며", "며"), ("이라는", "라는"), ("이란", "란"),
)  # fmt: skip
#: The particles as :func:`particle_problems` looks for them: the longest first.
_LONGEST_FIRST = sorted(PARTICLES, key=lambda pair: -len(pair[0]))
VOWEL, RIEUL, CONSONANT = "vowel", "ㄹ", "consonant"
_RIEUL_FINAL = 8  # ㄹ's index among the final consonants of a Hangul syllable
_LATIN = re.compile(r"[A-Za-z]+")


def final_sound(word: str) -> str | None:
    """Return how the Korean reading of ``word`` ends: :data:`VOWEL`, :data:`RIEUL` or :data:`CONSONANT`.

    A Hangul word ends as its last syllable does. A name in Latin letters is
    read as Korean writes foreign names: a final m, n, ng ends in a consonant
    (Hinton, 힌턴), l in ㄹ (Yule, 율: a silent e after l, m, n is not read),
    a k after one short vowel too (Patarasuk, 파타라숙); other endings are
    read with a vowel (Pitts, 피츠; Bengio, 벤지오; Schmidhuber, 슈미트후버).
    Other words (digits, signs): ``None``.

    Examples
    --------
    >>> [final_sound(name) for name in ["McCulloch", "Hinton", "Yule", "Patarasuk", "외"]]
    ['vowel', 'consonant', 'ㄹ', 'consonant', 'vowel']
    >>> final_sound("신경망"), final_sound("모델"), final_sound("1998")
    ('consonant', 'ㄹ', None)
    """
    word = word.strip()
    if HANGUL.fullmatch(word[-1:]):
        final = (ord(word[-1]) - 0xAC00) % 28
        return VOWEL if final == 0 else RIEUL if final == _RIEUL_FINAL else CONSONANT
    letters = _LATIN.findall(word)
    if not letters or not word.endswith(letters[-1]):
        return None
    return _final_sound_of_name(letters[-1].lower())


def _final_sound_of_name(name: str) -> str:
    if re.search(r"[aeiouy][lmn]e$", name):
        name = name[:-1]  # a silent e
    if name.endswith("l"):
        return RIEUL
    if name.endswith(("m", "n", "ng")) or re.search(r"(?:^|[^aeiouy])[aeiou]c?k$", name):
        return CONSONANT
    return VOWEL


def particle(after: str, consonant: str, vowel: str) -> str:
    """Return the form of a particle that follows ``after``: ``consonant``'s or ``vowel``'s.

    Examples
    --------
    >>> particle("McCulloch", "과", "와"), particle("Hinton", "과", "와")
    ('와', '과')
    >>> particle("Yule", "으로", "로"), particle("Yule", "은", "는")
    ('로', '은')
    """
    sound = final_sound(after)
    if sound == VOWEL or (sound == RIEUL and consonant == "으로"):
        return vowel
    return consonant


@node
def korean_names(children, data, role, full=False):
    """The persons of ``role``: one name; two joined by 와 or 과; three or more, the first and 외."""
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError as error:
        raise FieldIsMissing(role, data["entry"]) from error
    person = data["style"].person
    names = [
        person.style_plugin.format(each, person.abbreviate).format_data(data) for each in persons
    ]
    if len(names) >= 3 and not full:
        return Text(names[0], " ", OTHERS)
    if len(names) == 1:
        return names[0]
    first = Text(", ").join(names[:-1])
    return Text(first, particle(str(names[-2]), "과", "와"), " ", names[-1])


@dataclass
class KoreanPersonStyle(PersonStyle):
    """The authors of a citation in Korean words (:func:`korean_names`)."""

    def author_or_editor_or_title(self, full: bool):
        return first_of[
            optional[korean_names("author", full=full)],
            optional[korean_names("editor", full=full)],
            tag("em")[entry_field("title")],
        ]


@dataclass
class KoreanAuthorYearStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, with the authors in Korean words."""

    person: PersonStyle = field(default_factory=KoreanPersonStyle)


def cite_in_korean(app, config) -> None:  # noqa: ARG001
    """In the Korean edition, cite in the book's reference style with Korean words."""
    if config.language == KOREAN and config.bibtex_reference_style == "author_year":
        config.bibtex_reference_style = STYLE


def _words_before_year(citation) -> str:
    """Return what a textual citation shows before its year's bracket ("Hinton 외")."""
    return citation.get_text().split("[")[0].strip()


def particle_problems(soup) -> list[tuple[int, str]]:
    """Return (line, message) for each particle after a textual citation that does not fit it.

    ``soup`` is a built Korean page (Beautiful Soup). A textual citation
    shows its authors before the bracket ("Hinton 외 [2006]"); the particle
    written right after it must fit the last word of the authors.

    Examples
    --------
    >>> from bs4 import BeautifulSoup
    >>> page = (
    ...     '<p><span class="bibtex-citation">Hinton 외 [<a>2006</a>]</span>은 '
    ...     '<span class="bibtex-citation">Hinton [<a>2002</a>]</span>의 '
    ...     '<span class="bibtex-citation">Yule [<a>1927</a>]</span>로 '
    ...     '<span class="bibtex-citation">[<a>Hinton 외, 2006</a>]</span>은</p>'
    ... )
    >>> particle_problems(BeautifulSoup(page, "html.parser"))
    [(1, "'Hinton 외 [2006]은': after 외 the particle is 는")]
    """
    found = []
    for citation in soup.select(".bibtex-citation"):
        authors = _words_before_year(citation)
        following = citation.next_sibling
        if not authors or not isinstance(following, str):
            continue  # a parenthetical citation, or one followed by markup
        written = re.match(rf"{HANGUL.pattern}+", following)
        if written is None:
            continue
        last = authors.split()[-1]
        if final_sound(last) is None:
            continue
        for consonant, vowel in _LONGEST_FIRST:
            form = next((each for each in (consonant, vowel) if written[0].startswith(each)), None)
            if form is None:
                continue
            right = particle(last, consonant, vowel)
            if form != right:
                shown = " ".join(citation.get_text().split()) + written[0]
                message = f"{shown!r}: after {last} the particle is {right}"
                found.append((citation.sourceline or 0, message))
            break
    return found


def setup(app):
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, KoreanAuthorYearStyle)
    app.connect("config-inited", cite_in_korean)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
