"""Tests raw HTML and MathML in list text: rendered as plain text in every list format, with
super- and subscripts as Unicode or `^`/`_`, other tags dropped, literal `<` kept (issue 9,
item 3)."""

from __future__ import annotations

import re

import pytest
from paperbrowse.index.clean import clean_line, clean_paragraphs, strip_markup
from paperbrowse.index.formats import parse_file

TAG = re.compile(
    r"<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=|\s*/>)|</[A-Za-z]"
    r"|<(?:sup|sub|inf|tex|i|b|em|span|br|p|div)\b",
    re.IGNORECASE,
)
"""What still reads as markup: a tag with attributes, a closing or self-closing tag, or a
common element (a lone `<s>` or `<mask>` token is text)."""
MATHML = ' xmlns:mml="http://www.w3.org/1998/Math/MathML"'


def only_entry(fixture, name: str):
    [entry] = parse_file(fixture(f"markup/{name}")).entries
    return entry


def test_mathml_superscripts_become_unicode_or_carets(fixture):
    """CVPR's `MCR <sup xmlns:mml=…>2</sup> )` reads `MCR²)`; `3 <sup>rd</sup>` reads `3rd`;
    letters go after a caret (`AP^{box}`); two footnote markers keep their space."""
    entry = only_entry(fixture, "CVPR-2023-sup.md")
    assert entry.abstract == (
        "We maximise the coding rate reduction (MCR²) of glacier features, rank 3rd on the "
        "ice benchmark, and improve AP^{box} by two points with a loss scaled by 10⁻². Code "
        "is public.¹ ¹ Funded by a polar grant."
    )


def test_ieee_inf_subscripts_become_unicode_or_underscores(fixture):
    """`<inf>` (IEEE's subscript): `AP₅₀`, `w_i`, `L_{all}`."""
    entry = only_entry(fixture, "CVPR-2022-inf.md")
    assert entry.abstract == (
        "Sparse anchors lift AP₅₀ by four points, and each weight w_i is shared, while the "
        "loss L_{all} stays bounded."
    )


def test_sub_and_unknown_tags_in_titles_and_abstracts(fixture):
    """`<sub>` renders; `<i>`, `<b>`, `<span class=…>`, `<em>`, `<br/>` and comments are
    dropped with their text kept; literal `<subject, …>`, `<s>` and `p < 0.05` stay."""
    entry = only_entry(fixture, "ICML-2022-sub-and-other-tags.md")
    assert entry.title == "Fjord Kernels for Sparse Regression"
    assert entry.abstract == (
        "Fjord kernels fit x_t and H₂O traces with sparse weights, an unknown tag and "
        "emphasis. Literal text stays: triplets <subject, predicate, object>, the <s> token, "
        "and p < 0.05."
    )


def test_hot_papers_posts_render_markup_too(fixture):
    """A post's title and abstract render scripts and drop tags like a conference list's."""
    entry = only_entry(fixture, "2021-09-09---Hot-Papers.md")
    assert entry.title == "Moraine Transformers for H₂O Flow"
    assert entry.abstract == "Moraine transformers reach R² of 0.9 with no tuning and a loss L₁."


def test_daily_dumps_render_markup_too(fixture):
    """A Hugging Face dump's abstract renders scripts and drops tags."""
    entry = only_entry(fixture, "daily-papers-markup.txt")
    assert entry.abstract.startswith(
        "Scree diffusion forecasts rockfall with a variance of O(n²), a subscript x_k, and "
        "bold claims"
    )


@pytest.mark.parametrize(
    "name",
    [
        "CVPR-2023-sup.md",
        "CVPR-2022-inf.md",
        "ICML-2022-sub-and-other-tags.md",
        "2021-09-09---Hot-Papers.md",
        "daily-papers-markup.txt",
    ],
)
def test_no_tag_survives_in_any_field(fixture, name):
    """No title, author or abstract of the markup fixtures still holds a tag."""
    for entry in parse_file(fixture(f"markup/{name}")).entries:
        for text in (entry.title, entry.abstract, *entry.authors):
            assert not TAG.search(text), text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"E = mc <sup{MATHML}>2</sup>", "E = mc²"),
        ("x <sup>(n+1)</sup>", "x^{(n+1)}"),
        ("10 <sup>−3</sup> s", "10⁻³ s"),
        ("a <sup></sup> b", "a b"),
        ("x <sup><i>n</i></sup>", "x^n"),
        ("the &lt;b&gt;escaped&lt;/b&gt; tag", "the escaped tag"),
        ("a<br>b", "a b"),
        ("<mml:math><mml:mi>x</mml:mi></mml:math> here", "x here"),
        ("vectors <x, y> and a <mask> token", "vectors <x, y> and a <mask> token"),
        ("$a<b$ and $c>d$", "$a<b$ and $c>d$"),
    ],
)
def test_strip_markup_cases(raw, expected):
    """Single cases of the rendering, as a one-line field sees them."""
    assert clean_line(raw) == expected


def test_markup_spanning_lines_renders_like_markup_on_one_line():
    """A tag broken over lines (as the proceedings lists wrap them) renders the same."""
    assert clean_paragraphs("MCR\n<sup\nclass='m'>2</sup>\n )") == "MCR²)"
    assert strip_markup("no tags at all") == "no tags at all"
