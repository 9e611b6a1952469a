"""Previews of terms and references (annbook_book.previews): what each link's popup holds.

The previews are made from written pages; these are small pages as Sphinx
writes them. The browser's side (the popup on hover and focus) is checked by
the offline check (``nox -s offline``), which hovers a term and a reference.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from annbook_book import previews

GLOSSARY = """<html><body><article>
<section id="glossary"><h1>Glossary</h1><p>The terms.</p>
<dl class="glossary">
<dt id="term-weight">weight<a class="headerlink" href="#term-weight">#</a></dt>
<dt id="term-64">가중치<a class="headerlink" href="#term-64">#</a></dt>
<dd><p>The number that scales one input of a neuron.</p></dd>
</dl></section></article></body></html>"""

CHAPTER = """<html><body><article>
<section id="neurons"><h1><span class="section-number">1. </span>Neurons</h1>
<p>A <a class="reference internal" href="glossary.html#term-weight">weight</a> and
<a class="reference internal" href="glossary.html#term-64">가중치</a>, as in
<a class="reference internal" href="#equation-eq-z">(1.1)</a>, <a class="reference internal"
href="#fig-neuron">Fig. 1.1</a>, <a class="reference internal" href="#ex-one">Exercise 1.1</a>,
<a class="reference internal" href="bibliography.html#id3">Rosenblatt, 1958</a>,
<a class="reference internal" href="other.html">Other</a>,
<a class="reference internal" href="glossary.html#term-missing">nothing</a>.</p>
<div class="math notranslate nohighlight" id="equation-eq-z"><span class="eqno">(1.1)<a
class="headerlink" href="#equation-eq-z">#</a></span>\\[z = w^\\top x + b\\]</div>
<figure id="fig-neuron"><img alt="A neuron" src="_images/neuron.png"/>
<figcaption><p>Fig. 1.1 One neuron.</p></figcaption></figure>
<div class="exercise admonition" id="ex-one"><p class="admonition-title">Exercise 1.1 (Count)</p>
<section id="exercise-content"><p>Count the weights.</p></section></div>
</section></article></body></html>"""

BIBLIOGRAPHY = """<html><body><article><section id="bibliography"><h1>Bibliography</h1>
<div class="citation" id="id3" role="listitem"><span class="label">[1]</span>
<p>Frank Rosenblatt. The perceptron. 1958.</p></div></section></article></body></html>"""

OTHER = """<html><body><article><section id="other"><h1>Other</h1>
<p>The first paragraph of the other page.</p><p>The second.</p></section>
</article></body></html>"""


def site(tmp_path):
    for name, text in {
        "glossary": GLOSSARY, "ann": CHAPTER, "bibliography": BIBLIOGRAPHY, "other": OTHER,
    }.items():  # fmt: skip
        (tmp_path / f"{name}.html").write_text(text, "utf-8")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "index.html").write_text(OTHER, "utf-8")
    return tmp_path


def written(html, page: str) -> dict[str, str]:
    text = (html / "_static" / "previews" / f"{page}.js").read_text("utf-8")
    prefix = "window.annbookPreviews = "
    assert text.startswith(prefix)
    return json.loads(text[len(prefix) :].rstrip().rstrip(";"))


def test_every_kind_of_reference_gets_its_preview(tmp_path):
    html = site(tmp_path)
    count = previews.write_previews(html, tmp_path / "doctrees" / previews.CACHE)
    found = written(html, "ann")
    assert count == 7
    term = found["glossary.html#term-weight"]
    assert "weight · 가중치" in term
    assert "scales one input" in term
    assert found["glossary.html#term-64"] == term
    assert "z = w^\\top x + b" in found["#equation-eq-z"]
    assert "eqno" not in found["#equation-eq-z"]
    assert "One neuron." in found["#fig-neuron"]
    assert 'src="_images/neuron.png"' in found["#fig-neuron"]
    assert "Count the weights." in found["#ex-one"]
    assert "Rosenblatt. The perceptron." in found["bibliography.html#id3"]
    page = found["other.html"]
    assert "Other" in page
    assert "first paragraph" in page
    # A link whose target has no preview gets none; nor do the API reference's pages.
    assert "glossary.html#term-missing" not in found
    assert not (html / "_static" / "previews" / "api").exists()


def test_a_page_unchanged_is_not_read_again_and_a_changed_target_is(tmp_path, monkeypatch):
    html = site(tmp_path)
    cache = tmp_path / "doctrees" / previews.CACHE
    previews.write_previews(html, cache)
    read = []
    original = previews.read_page
    monkeypatch.setattr(
        previews, "read_page", lambda path: read.append(path.name) or original(path)
    )
    previews.write_previews(html, cache)
    assert read == []
    (html / "glossary.html").write_text(GLOSSARY.replace("scales one input", "multiplies"))
    previews.write_previews(html, cache)
    assert read == ["glossary.html"]
    assert "multiplies" in written(html, "ann")["glossary.html#term-weight"]


def test_a_long_paragraph_is_shortened():
    long = "word " * 200
    html = OTHER.replace("The first paragraph of the other page.", long)
    soup = BeautifulSoup(html, "html.parser")
    text = previews.targets(soup.find("article"), soup)["other"]
    assert text.endswith("…</p>")
    assert len(text) < previews.LONGEST + 100
