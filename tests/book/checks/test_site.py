"""The site check finds each fault planted in a tiny built site, and passes a clean one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annbook_book.checks import site as check_site

#: A page laid out the way the theme lays out a chapter, with one figure from a code cell.
PAGE = """<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="_static/book.css">
<script defer src="_static/mathjax/tex-chtml-full.js"></script>
</head><body>
<nav><a class="navbar-brand logo" href="index.html"><img src="_static/logo.png" alt="">
<p class="title">annbook</p></a></nav><nav class="bd-links bd-docs-nav"><a href="index.html">Chapter</a></nav>
<main id="main-content">
<div class="onlyprint"><h1>Chapter</h1><div><h2> Contents </h2></div></div>
<article class="bd-article">
<section><h1>Chapter</h1>
<p>See <a href="https://doi.org/10.1109/5.726791">LeCun et al.</a>.</p>
<section><h2>Setup</h2>
<div class="cell_output docutils container">
<figure class="align-default" id="fig-digits">
<img alt="Twenty handwritten digits." src="_images/digits.png" />
<figcaption><p><span class="caption-text">The first twenty digits.</span></p></figcaption>
</figure>
</div>
<section><h3>Details</h3></section>
</section></section>
</article>
</main></body></html>
"""


def build(root: Path, page: str = PAGE, css: str = "body { color: black; }", js: str = "") -> Path:
    (root / "_static").mkdir(parents=True)
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / "_static" / "book.css").write_text(css, encoding="utf-8")
    (root / "_static" / "book.js").write_text(js, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    return check_site.check_site(root).problems


def test_clean_site_passes(tmp_path, capsys):
    build(tmp_path)
    assert check_site.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 pages, 2 images, 1 figures with captions, 1 links to other sites" in out


@pytest.mark.parametrize(
    ("planted", "expected"),
    [
        (
            '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>',
            "<script> loads https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js",
        ),
        (
            '<link rel="preload" as="font" href="//fonts.gstatic.com/s/roboto.woff2">',
            "<link> loads //fonts.gstatic.com/s/roboto.woff2",
        ),
        (
            '<img alt="A plot." srcset="a.png 1x, https://example.org/b.png 2x" src="a.png">',
            "<img> loads https://example.org/b.png",
        ),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "<iframe> loads"),
        ('<div style="background: url(https://example.org/bg.png)"></div>', "CSS url() loads"),
    ],
)
def test_external_load_in_a_page_is_reported(tmp_path, planted, expected):
    build(tmp_path, PAGE.replace("<section><h1>", planted + "<section><h1>"))
    found = problems(tmp_path)
    assert len(found) == 1
    assert found[0].startswith("index.html:")
    assert expected in found[0]


def test_external_font_in_css_is_reported(tmp_path):
    css = "body {}\n@font-face {\n  src: url('https://fonts.gstatic.com/s/x.woff2');\n}\n"
    build(tmp_path, css=css)
    assert problems(tmp_path) == [
        "_static/book.css:3: CSS url() loads https://fonts.gstatic.com/s/x.woff2 from another host"
    ]


def test_css_import_from_another_host_is_reported(tmp_path):
    build(tmp_path, css='@import "https://fonts.googleapis.com/css?family=Roboto";\n')
    assert "@import loads https://fonts.googleapis.com" in problems(tmp_path)[0]


def test_script_fetching_from_a_cdn_is_reported_and_namespaces_are_not(tmp_path):
    js = (
        'const svg = "http://www.w3.org/2000/svg"; // see https://example.org/docs\n'
        'load("https://unpkg.com/lib@1/dist/lib.min.js");\n'
    )
    build(tmp_path, js=js)
    url = "https://unpkg.com/lib@1/dist/lib.min.js"
    assert problems(tmp_path) == [f"_static/book.js:2: script may fetch {url} from another host"]


def test_image_without_alt_is_reported(tmp_path):
    build(tmp_path, PAGE.replace('alt="Twenty handwritten digits." ', ""))
    assert "<img src='_images/digits.png'> has no alt attribute" in problems(tmp_path)[0]


def test_image_whose_alt_is_its_file_name_is_reported(tmp_path):
    build(tmp_path, PAGE.replace('alt="Twenty handwritten digits."', 'alt="_images/digits.png"'))
    assert "has its file name as alt text" in problems(tmp_path)[0]


def test_empty_alt_is_reported_in_the_content_not_on_the_theme_logo(tmp_path):
    build(tmp_path, PAGE.replace('alt="Twenty handwritten digits."', 'alt=""'))
    found = problems(tmp_path)
    assert len(found) == 1
    assert "<img src='_images/digits.png'> has empty alt text" in found[0]


def test_figure_without_caption_is_reported(tmp_path):
    page = PAGE.replace(
        '<figcaption><p><span class="caption-text">The first twenty digits.</span></p>'
        "</figcaption>",
        "",
    )
    build(tmp_path, page)
    assert problems(tmp_path) == ["index.html:15: <figure> without a caption"]


def test_page_without_the_sidebar_navigation_is_reported(tmp_path):
    build(tmp_path, PAGE.replace('<a href="index.html">Chapter</a>', ""))
    assert problems(tmp_path) == ["index.html:1: no navigation to the book's pages (the sidebar's)"]


def test_cell_image_outside_a_figure_is_reported(tmp_path):
    page = PAGE.replace('<figure class="align-default" id="fig-digits">', "").replace(
        "</figure>", ""
    )
    page = page.replace("<figcaption>", "<p>").replace("</figcaption>", "</p>")
    build(tmp_path, page)
    assert "code cell's figure without a caption" in problems(tmp_path)[0]


def test_skipped_heading_is_reported(tmp_path):
    build(tmp_path, PAGE.replace("<h2>Setup</h2>", "<h3>Setup</h3>"))
    assert problems(tmp_path) == [
        "index.html:13: heading <h3> skips a level: it follows h1",
    ]


def test_second_h1_is_reported_but_the_print_only_title_is_not(tmp_path):
    page = PAGE.replace("<h2>Setup</h2>", "<h1>Setup</h1>")
    build(tmp_path, page.replace("<h3>Details</h3>", "<h2>Details</h2>"))
    assert problems(tmp_path) == ["index.html:13: 2 h1s (lines 11, 13)"]


def test_problems_make_the_exit_status_one(tmp_path, capsys):
    build(tmp_path, PAGE.replace('alt="Twenty handwritten digits." ', ""))
    assert check_site.main([str(tmp_path)]) == 1
    assert "check_site: 1 problems" in capsys.readouterr().out


def test_with_a_stamp_only_the_files_modified_since_are_checked(tmp_path, capsys):
    site = build(tmp_path / "site", PAGE.replace('alt="Twenty handwritten digits." ', ""))
    stamp = tmp_path / "checked"
    stamp.touch()
    later = stamp.stat().st_mtime_ns + 10**9
    broken = site / "index.html"
    os.utime(broken, ns=(later - 2 * 10**9, later - 2 * 10**9))  # before the stamp
    assert check_site.main([str(site), "--newer-than", str(stamp)]) == 0
    assert "0 pages modified since the last check that passed" in capsys.readouterr().out
    os.utime(broken, ns=(later, later))
    assert check_site.main([str(site), "--newer-than", str(stamp)]) == 1
    assert "check_site: 1 problems" in capsys.readouterr().out
    # A stamp that does not exist: every file.
    assert check_site.main([str(site), "--newer-than", str(tmp_path / "none")]) == 1


def test_missing_site_is_an_error(tmp_path, capsys):
    assert check_site.main([str(tmp_path / "nowhere")]) == 1
    assert "no built book" in capsys.readouterr().err


def test_speech_rule_defaults_that_mathjax_overrides_are_not_reported(tmp_path):
    js = 'r.url="https://cdn.jsdelivr.net/npm/speech-rule-engine@"+r.VERSION+"/lib/mathmaps";\n'
    build(tmp_path, js=js)
    assert problems(tmp_path) == []


#: A page of the Korean edition, with what may stay English there.
KOREAN_PAGE = """<!DOCTYPE html>
<html lang="ko"><head><title>합성곱 신경망 — annbook</title></head><body>
<nav class="bd-links bd-docs-nav"><a href="cnn.html">합성곱 신경망</a></nav>
<main id="main-content"><article class="bd-article">
<section><h1>합성곱 신경망</h1>
<p>합성곱 신경망(convolutional neural network, CNN)은 <code>Conv2D</code> 층을 쌓는다.</p>
<div class="cell_output docutils container"><pre>loss of the model</pre></div>
<p><span class="math notranslate nohighlight">\\(y = f(x)\\) for all x</span></p>
<p><a class="annbook-edition-switch" lang="en" href="../cnn.html">Read this page in English</a></p>
<dl class="glossary"><dt>역전파</dt><dt>backpropagation of errors</dt><dd><p>오차를 거꾸로 전한다.</p></dd></dl>
<div class="citation" role="listitem"><p>LeCun, Y. Gradient-based learning applied to document recognition.</p></div>
<p>PLANTED</p>
</section>
</article></main></body></html>
"""


@pytest.mark.parametrize(
    "fragment", ["Show code cell source", "4 read as 9 (12 times)", "By The annbook authors"]
)
def test_english_left_on_a_korean_page_is_reported(tmp_path, fragment):
    build(tmp_path)
    (tmp_path / "ko").mkdir()
    page = KOREAN_PAGE.replace("PLANTED", f"가장 잦은 실수는 {fragment}")
    (tmp_path / "ko" / "cnn.html").write_text(page, encoding="utf-8")
    # The same words on an English page, and in the API reference, are no fault.
    (tmp_path / "cnn.html").write_text(page, encoding="utf-8")
    (tmp_path / "ko" / "api").mkdir()
    (tmp_path / "ko" / "api" / "index.html").write_text(page, encoding="utf-8")
    found = problems(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{Path('ko', 'cnn.html')}:")
    assert f"English on a translated page: '가장 잦은 실수는 {fragment}'" in found[0]


def test_a_korean_page_with_only_what_stays_english_passes(tmp_path):
    build(tmp_path)
    (tmp_path / "ko").mkdir()
    page = KOREAN_PAGE.replace("PLANTED", "가장 잦은 실수는 숫자 4를 9로 읽은 것이다.")
    (tmp_path / "ko" / "cnn.html").write_text(page, encoding="utf-8")
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    ("planted", "reported"),
    [
        ('<nav aria-label="Main"><a href="cnn.html">합성곱 신경망</a></nav>', 'aria-label="Main"'),
        (
            '<div class="math"><a class="headerlink" title="Link to this equation">#</a></div>',
            'title="Link to this equation"',
        ),
        ('<img src="a.png" alt="A grid of digits">', 'alt="A grid of digits"'),
        ('<button aria-label="show the page">보기</button>', 'aria-label="show the page"'),
    ],
)
def test_an_english_name_or_tooltip_on_a_korean_page_is_reported(tmp_path, planted, reported):
    build(tmp_path)
    (tmp_path / "ko").mkdir()
    page = KOREAN_PAGE.replace("<p>PLANTED</p>", planted)
    (tmp_path / "ko" / "cnn.html").write_text(page, encoding="utf-8")
    found = problems(tmp_path)
    assert len(found) == 1, found
    assert found[0].endswith(f"English name on a translated page: {reported}")


def test_names_that_may_stay_english_on_a_korean_page_pass(tmp_path):
    build(tmp_path)
    (tmp_path / "ko").mkdir()
    planted = (
        # an acronym, a name of code, the book's name, an English term after its Korean
        '<img src="a.png" alt="MNIST"><a title="annbook.models.build_cnn" href="#">x</a>'
        '<button aria-label="드롭아웃(dropout) 보기">보기</button>'
        '<a title="annbook" href="index.html">annbook</a>'
        # the title of a page that stays English, and a citation's tooltip
        '<link rel="next" title="API reference" href="api/index.html">'
        '<span class="bibtex-citation">LeCun 외 [<a title="Yann LeCun and others. Gradient-based'
        ' learning." href="bibliography.html#id1">1998</a>]</span>의 그림'
    )
    page = KOREAN_PAGE.replace("<p>PLANTED</p>", f"<p>{planted}</p>")
    (tmp_path / "ko" / "cnn.html").write_text(page, encoding="utf-8")
    assert problems(tmp_path) == []


def test_a_particle_that_does_not_fit_a_citation_is_reported(tmp_path):
    build(tmp_path)
    (tmp_path / "ko").mkdir()
    citation = '<span class="bibtex-citation">Hinton 외 [<a href="b.html">2006</a>]</span>'
    page = KOREAN_PAGE.replace("PLANTED", f"{citation}은 심층 신뢰 신경망을 만들었다.")
    (tmp_path / "ko" / "cnn.html").write_text(page, encoding="utf-8")
    # The same in English, where no particle is checked, is no fault.
    (tmp_path / "cnn.html").write_text(page, encoding="utf-8")
    found = problems(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{Path('ko', 'cnn.html')}:")
    assert found[0].endswith(
        "particle after a citation: 'Hinton 외 [2006]은': after 외 the particle is 는"
    )
