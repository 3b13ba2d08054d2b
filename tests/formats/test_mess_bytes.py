"""Tests the invisible mess (CRLF, control bytes, U+2028) on fixtures written as bytes."""

from __future__ import annotations

from paperbrowse.index.formats import parse_file


def test_generated_fixtures_hold_their_invisible_bytes(generated):
    """The generated files really contain what they are about (guards the generator)."""
    crlf = generated["crlf-inside-lf.md"].read_bytes()
    assert b"\r\n" in crlf and crlf.count(b"\n") > crlf.count(b"\r\n")
    controls = generated["control-bytes.md"].read_bytes()
    for byte in (b"\x00", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x7f"):
        assert byte in controls
    separators = generated["line-separators.md"].read_text(encoding="utf-8")
    assert "\u2028" in separators and "\u2029" in separators


def test_crlf_lines_inside_an_lf_file_parse_like_lf(generated):
    """CRLF inside an LF file leaves no CR in any field and splits no record."""
    result = parse_file(generated["crlf-inside-lf.md"])
    assert [e.title for e in result.entries] == [
        "Windowed Attention for Weather Nowcasting",
        "Anchored Graph Kernels",
    ]
    for entry in result.entries:
        assert "\r" not in entry.title + entry.abstract + "".join(entry.authors)


def test_crlf_abstract_lines_are_joined(generated):
    """Abstract lines ending in CRLF join with single spaces like LF lines."""
    first = parse_file(generated["crlf-inside-lf.md"]).entries[0]
    assert first.abstract == (
        "Radar frames are encoded with windowed attention so that storms are tracked an hour "
        "ahead. We release the radar archive."
    )


def test_crlf_does_not_shift_line_numbers(generated):
    """Line numbers count LF only, so a CRLF line is one line, as `grep -n` counts it."""
    data = generated["crlf-inside-lf.md"].read_bytes()
    expected = [data[: data.index(b"## [2]")].count(b"\n") + 1]
    second = parse_file(generated["crlf-inside-lf.md"]).entries[1]
    assert [second.source.line] == expected


def test_control_bytes_are_removed_from_abstracts(generated):
    """NUL, backspace, VT, FF, DEL and ESC never reach an abstract; the words around stay."""
    [entry] = parse_file(generated["control-bytes.md"]).entries
    for char in "\x00\x08\x0b\x0c\x1b\x7f":
        assert char not in entry.abstract
    assert entry.abstract.startswith("We bound the stable rank of attention maps with $eta$-smooth")
    assert "[31mred[0m text" in entry.abstract


def test_control_bytes_are_removed_from_titles(generated):
    """A NUL inside a heading is dropped from the title."""
    [entry] = parse_file(generated["control-bytes.md"]).entries
    assert entry.title == "Stable Rank Regularisation for Transformers"


def test_control_bytes_do_not_make_a_file_binary(generated):
    """A few control bytes in a text list are cleaned, not a reason to reject the file."""
    result = parse_file(generated["control-bytes.md"])
    assert result.format == "conference" and len(result.entries) == 1


def test_line_separator_in_a_title_becomes_a_space(generated):
    """U+2028 inside a heading is a space in the title, not a line break."""
    first = parse_file(generated["line-separators.md"]).entries[0]
    assert first.title == "Multi-Resolution Encoders for Retinal Imaging"


def test_line_separators_in_an_abstract_are_spaces_and_paragraph_breaks(generated):
    """U+2028 joins like a newline; U+2029 separates like one too; neither is kept."""
    first = parse_file(generated["line-separators.md"]).entries[0]
    assert "\u2028" not in first.abstract and "\u2029" not in first.abstract
    assert first.abstract.startswith("Retinal encoders that mix resolutions.")
    assert first.abstract.endswith("A second paragraph.")


def test_line_separators_do_not_shift_line_numbers(generated):
    """Entries after a U+2028 keep the line number `grep -n` gives (LF only)."""
    text = generated["line-separators.md"].read_text(encoding="utf-8")
    heading_line = text.split("\n").index("# 2. Line Numbers After Separators") + 1
    second = parse_file(generated["line-separators.md"]).entries[1]
    assert second.source.line == heading_line
    assert second.abstract == "Grep counts lines by newline bytes only."
