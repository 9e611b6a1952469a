"""Chapters numbered through the book (annbook_book.numbering), across the landing page's parts.

Sphinx starts each numbered toctree at 1; the book's parts are several
toctrees, and its PDF numbers the chapters through them, so the site must too.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .books import write

INDEX = """\
# A small book

```{toctree}
:caption: Start here

map
```

```{toctree}
:caption: Part one
:numbered: 2

one
two
```

```{toctree}
:caption: Part two
:numbered: 2

three
```
"""


@pytest.mark.build
def test_the_second_part_goes_on_from_the_first(small_book, sphinx_build):
    for name in ("chapter", "section"):
        (small_book.docs / f"{name}.md").unlink()
    (small_book.docs / "bands.toml").write_text("")
    pages = {
        name: f"# Page {name}\n\nText.\n\n## A section of {name}\n\nMore text.\n"
        for name in ("map", "one", "two", "three")
    }
    write(
        small_book.docs, {"index.md": INDEX, **{f"{name}.md": text for name, text in pages.items()}}
    )
    app = sphinx_build(small_book.docs)
    numbers = app.env.toc_secnumbers
    assert numbers["one"]["#a-section-of-one"] == (1, 1)
    assert numbers["two"][""] == (2,)
    # Sphinx alone would number it 1 again.
    assert numbers["three"][""] == (3,)
    assert numbers["three"]["#a-section-of-three"] == (3, 1)
    assert "map" not in numbers
    three = BeautifulSoup((small_book.html / "three.html").read_text(), "html.parser")
    assert three.find("article").find("h1").get_text(" ", strip=True).startswith("3.")
