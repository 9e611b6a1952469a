"""The Korean edition's citations: authors in Korean words, and the particles after them."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Entry, Person

from annbook_book.i18n import citations_ko
from annbook_book.i18n.citations_ko import (
    KoreanAuthorYearStyle,
    final_sound,
    particle,
    particle_problems,
)


def authors(*names: str, full: bool = False) -> str:
    """Return the authors of an entry by ``names`` as the Korean style shows them."""
    entry = Entry("article", persons={"author": [Person(name) for name in names]})
    style = KoreanAuthorYearStyle()
    template = style.person.author_or_editor_or_title(full=full)
    return str(template.format_data({"entry": entry, "style": style}))


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        (["McCulloch, Warren S.", "Pitts, Walter"], "McCulloch와 Pitts"),
        (["Hinton, Geoffrey E.", "Salakhutdinov, Ruslan R."], "Hinton과 Salakhutdinov"),
        (["Patarasuk, Pitch", "Yuan, Xin"], "Patarasuk과 Yuan"),
        (["Hinton, Geoffrey E.", "Osindero, Simon", "Teh, Yee-Whye"], "Hinton 외"),
        (["Hinton, Geoffrey E."], "Hinton"),
    ],
)
def test_authors_are_joined_in_korean_words(names, shown):
    assert authors(*names) == shown


def test_every_author_is_named_when_the_role_asks_for_all():
    names = ["Hinton, Geoffrey E.", "Osindero, Simon", "Teh, Yee-Whye"]
    assert authors(*names, full=True) == "Hinton, Osindero와 Teh"


@pytest.mark.parametrize(
    ("word", "sound"),
    [
        ("Hinton", "consonant"),  # 힌턴
        ("Kingma", "vowel"),
        ("Schmidhuber", "vowel"),  # 슈미트후버
        ("Martens", "vowel"),  # 마텐스
        ("Yule", "ㄹ"),  # 율: the e is not read
        ("Le", "vowel"),  # 르
        ("Patarasuk", "consonant"),  # 파타라숙
        ("외", "vowel"),
        ("신경망", "consonant"),
        ("모델", "ㄹ"),
        ("2006", None),
    ],
)
def test_the_sound_a_word_ends_with_in_korean(word, sound):
    assert final_sound(word) == sound


def test_particles_follow_the_sound_before_them():
    assert [particle("외", *pair) for pair in (("은", "는"), ("이", "가"), ("과", "와"))] == [
        "는",
        "가",
        "와",
    ]
    assert particle("Hinton", "은", "는") == "은"
    # After ㄹ, 으로 is 로; the other particles take their consonant form.
    assert (particle("Yule", "으로", "로"), particle("Yule", "이", "가")) == ("로", "이")


def test_only_the_korean_edition_cites_in_korean():
    for language, style in (("ko", citations_ko.STYLE), ("en", "author_year")):
        config = SimpleNamespace(language=language, bibtex_reference_style="author_year")
        citations_ko.cite_in_korean(None, config)
        assert config.bibtex_reference_style == style


def test_a_particle_that_does_not_fit_the_authors_is_found():
    page = BeautifulSoup(
        '<p><span class="bibtex-citation">Hochreiter와 Schmidhuber [<a>1997</a>]</span>이 '
        '<span class="bibtex-citation">Hochreiter와 Schmidhuber [<a>1997</a>]</span>가 '
        '<span class="bibtex-citation">Hinton 외 [<a>2006</a>]</span>이라는 '
        '<span class="bibtex-citation">Yule [<a>1927</a>]</span>으로 '
        '<span class="bibtex-citation">Yule [<a>1927</a>]</span>의 '
        '<span class="bibtex-citation">[<a>LeCun 외, 1998</a>]</span>은</p>',
        "html.parser",
    )
    assert [message for _, message in particle_problems(page)] == [
        "'Hochreiter와 Schmidhuber [1997]이': after Schmidhuber the particle is 가",
        "'Hinton 외 [2006]이라는': after 외 the particle is 라는",
        "'Yule [1927]으로': after Yule the particle is 로",
    ]
