"""Search for the Korean edition: words found with or without their particles.

Sphinx has no Korean search language: ``html_search_language = "ko"`` falls
back to English without a word, and Korean words carry particles and endings
(신경망은, 신경망을, 신경망의) that defeat whole-word matching. This language
strips the common ones from the end of a Hangul word, the same way in Python
(the index) and in JavaScript (the reader's query), so that every form of a
word finds the pages that use any other form. Words in Latin letters (LSTM,
ReLU, Keras), which Korean pages keep, get Sphinx's English stemming.

A particle is stripped only where at least two syllables remain, so that
결과 or 차이 are not cut to one syllable; stripping repeats, so 신경망에서는
becomes 신경망.
"""

from __future__ import annotations

import json
from pathlib import Path

import snowballstemmer
import sphinx.search
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from annbook_book.layout import HANGUL, KOREAN

#: Particles (조사) and the endings of 하다/되다/이다 in the book's register,
#: longest first, so that 에서는 goes before 는.
# fmt: off
_ENDINGS = {
    # particles
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "으로", "로",
    "와", "과", "도", "만", "까지", "부터", "보다", "처럼", "마다", "이나", "나",
    "이란", "란", "이라는", "라는", "으로써", "로써", "으로서", "로서",
    "에는", "에서는", "에서도", "으로는", "로는", "와는", "과는", "에도", "만을",
    "들", "들은", "들이", "들을", "들의", "들에", "들로",
    # endings of 하다, 되다 and 이다
    "한다", "하는", "하고", "하면", "하여", "해서", "했다", "하지", "할", "한",
    "된다", "되는", "되고", "되면", "되어", "됐다", "된",
    "이다", "이며", "이고", "이면", "였다", "이었다",
}
# fmt: on
ENDINGS = tuple(sorted(_ENDINGS, key=lambda ending: (-len(ending), ending)))
MIN_STEM = 2
#: Sphinx's JavaScript stemmers (the Snowball ones), which its languages use.
SPHINX_STEMMERS = Path(sphinx.search.__file__).parent / "minified-js"


def strip_endings(word: str) -> str:
    """Return a Hangul word without the particles and endings at its end.

    Examples
    --------
    >>> [strip_endings(word) for word in ["신경망은", "신경망을", "신경망의", "신경망에서는"]]
    ['신경망', '신경망', '신경망', '신경망']
    >>> strip_endings("결과"), strip_endings("학습한다"), strip_endings("LSTM은")
    ('결과', '학습', 'LSTM')
    """
    stripped = True
    while stripped:
        stripped = False
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                stripped = True
                break
    return word


class SearchKorean(SearchLanguage):
    """Korean: particles and endings stripped, English words stemmed as in English."""

    lang = KOREAN
    language_name = "Korean"
    stopwords = SearchEnglish.stopwords

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.english = snowballstemmer.stemmer("english")

    def stem(self, word: str) -> str:
        word = word.lower()
        if HANGUL.search(word):
            word = strip_endings(word)
            if HANGUL.search(word):
                return word
        return self.english.stemWord(word)

    @property
    def js_stemmer_code(self) -> str:
        """The same stemmer in JavaScript: Sphinx's English one, and the endings above."""
        english = "\n".join(
            (SPHINX_STEMMERS / name).read_text("utf-8")
            for name in ("base-stemmer.js", "english-stemmer.js")
        )
        return f"""{english}
const KOREAN_ENDINGS = {json.dumps(ENDINGS, ensure_ascii=False)};
const HANGUL = /{HANGUL.pattern}/;
const stripEndings = (word) => {{
  let stripped = true;
  while (stripped) {{
    stripped = false;
    for (const ending of KOREAN_ENDINGS) {{
      if (word.endsWith(ending) && word.length - ending.length >= {MIN_STEM}) {{
        word = word.slice(0, -ending.length);
        stripped = true;
        break;
      }}
    }}
  }}
  return word;
}};
window.Stemmer = function () {{
  const english = new EnglishStemmer();
  this.stemWord = (word) => {{
    word = word.toLowerCase();
    if (HANGUL.test(word)) {{
      word = stripEndings(word);
      if (HANGUL.test(word)) return word;
    }}
    return english.stemWord(word);
  }};
}};
"""


def setup(app):
    app.add_search_language(SearchKorean)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
