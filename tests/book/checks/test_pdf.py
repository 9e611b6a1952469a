"""The PDF check (``python -m annbook_book check-pdf``): each check finds what it is for.

Each test plants one fault in what the check reads (a page's text, a log, a
font list) and sees it reported; the PDF itself, which needs TeX Live, is
checked by ``nox -s pdf``, and in the last test when XeLaTeX is installed.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from annbook_book.checks import pdf

KOREAN_PROSE = "순환 신경망은 은닉 상태를 한 시간 단계에서 다음 단계로 넘긴다. " * 20
ENGLISH_PROSE = "The recurrent network carries its hidden state from step to step. " * 12
CODE = "model.fit(x_train, y_train, epochs=5, validation_split=0.1)\n" * 12


def test_a_missing_chapter_is_named():
    pages = ["Contents . . . . 1", "1 Neurons\nThe first chapter", "2 Deep\nnetworks\nmore"]
    assert pdf.missing_texts(pages, ["Neurons", "Deep networks"]) == []
    assert pdf.missing_texts(pages, ["Neurons", "Recurrent networks"]) == ["Recurrent networks"]


def test_a_missing_glyph_and_a_wide_overfull_box_are_reported_a_rounding_is_not():
    log = (
        "Overfull \\hbox (1.2pt too wide) in paragraph at lines 10--12\n"
        "Missing character: There is no 가 (U+AC00) in font FreeSerif/OT:script=latn;!\n"
        "Overfull \\vbox (15.0pt too high) has occurred while \\output is active\n"
    )
    assert pdf.log_problems(log) == [
        "Missing character: There is no 가 (U+AC00) in font FreeSerif/OT:script=latn;!",
        "Overfull \\vbox (15.0pt too high) has occurred while \\output is active",
    ]
    assert pdf.log_problems("Overfull \\hbox (4.9pt too wide) in paragraph\n") == []


def test_a_font_not_embedded_is_found():
    listing = (
        "name                                 type              encoding         emb sub uni "
        "object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- "
        "---------\n"
        "ABCDEF+NanumMyeongjo                 CID TrueType      Identity-H       yes yes yes "
        "     8  0\n"
        "Helvetica                            Type 1            Standard         no  no  no  "
        "    12  0\n"
    )
    assert [font for font, embedded in pdf.parse_fonts(listing) if not embedded] == ["Helvetica"]


def test_korean_prose_pages_pass_and_vanished_korean_fails():
    pages = [KOREAN_PROSE, CODE, KOREAN_PROSE + CODE[:200]]
    prose, korean, _ = pdf.mostly_korean(pages)
    assert (prose, korean) == (2, 2)
    # Hangul gone from the text layer: only the English terms and code are left,
    # and no page counts as prose, out of three.
    vanished = [ENGLISH_PROSE, CODE, ENGLISH_PROSE]
    assert pdf.mostly_korean(vanished) == (0, 0, [])


def test_an_english_page_in_the_korean_edition_is_named():
    half = "순환 신경망은 은닉 상태를 넘긴다. " * 6 + ENGLISH_PROSE
    prose, korean, others = pdf.mostly_korean([KOREAN_PROSE, half])
    assert (prose, korean, others) == (2, 1, [2])


def test_a_glued_number_missing_from_the_pdf_is_named():
    pages = ["정확도는 97.3%이고 손실은\n0.081이다.", "매개변수 225,034개"]
    assert pdf.missing_texts(pages, ["97.3%", "0.081", "225,034"]) == []
    assert pdf.missing_texts(pages, ["97.3%", "0.18"]) == ["0.18"]


def test_korean_in_the_english_edition_only_in_brackets_and_the_glossary():
    pages = [
        "An artificial neural network (인공신경망, ANN) learns.",
        "Glossary (용어집)\nbackpropagation\n역전파\nThe algorithm ...",
        "The network learns 가중치 from data.",
    ]
    assert pdf.hangul_outside(pages, allowed=range(1, 2)) == [
        "page 3: The network learns 가중치 from data."
    ]
    assert pdf.hangul_outside(pages[:2], allowed=range(1, 2)) == []


def test_chapters_open_after_the_contents():
    pages = [
        "annbook",
        "Contents\n1 Neurons . . . . . 3\n2 Deep networks . . . 9",
        "1\nNeurons\ntext",
        "more text about Neurons",
        "2\nDeep networks\ntext",
        "Glossary (용어집)",
    ]
    assert pdf.chapter_pages(pages, ["Neurons", "Deep networks"]) == (2, 5)


@pytest.mark.build
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xelatex", "pdftotext", "pdffonts")),
    reason="needs XeLaTeX and poppler-utils (Debian: texlive-xetex, poppler-utils)",
)
def test_the_check_reads_a_real_pdf(tmp_path):
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\usepackage{fontspec}\\setmainfont{FreeSerif}\n"
        "\\begin{document}Neurons and 0.973\\end{document}\n",
        "utf-8",
    )
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "doc.tex"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    pages = pdf.pdf_pages(tmp_path / "doc.pdf")
    assert pdf.missing_texts(pages, ["Neurons", "0.973", "Recurrent"]) == ["Recurrent"]
    assert all(embedded for _, embedded in pdf.pdf_fonts(tmp_path / "doc.pdf"))
