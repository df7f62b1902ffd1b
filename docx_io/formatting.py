"""Direct run formatting (w:rPr) read into the model's Formatting, and written back."""

from __future__ import annotations

from lxml import etree

from app.model import Formatting
from app.values import int_or_none
from docx_io.ns import W, sub_element, w_attr

_W = f"{{{W}}}"
MAX_HALF_POINTS = 3276  # Word's largest font size, 1,638 pt
_PLAIN = Formatting()  # immutable: one instance for every run without direct formatting


def _on(rpr: etree._Element, local: str) -> bool:
    el = rpr.find(_W + local)
    if el is None:
        return False
    return (w_attr(el, "val") or "true").lower() not in ("0", "false", "off", "none")


def run_formatting(run: etree._Element) -> Formatting:
    """The direct formatting of a w:r (character styles are not resolved)."""
    rpr = run.find(_W + "rPr")
    if rpr is None:
        return _PLAIN
    valign = rpr.find(_W + "vertAlign")
    va = w_attr(valign, "val") if valign is not None else None
    fonts = rpr.find(_W + "rFonts")
    size = rpr.find(_W + "sz")
    size_val = w_attr(size, "val") if size is not None else None
    style = rpr.find(_W + "rStyle")
    return Formatting(
        bold=_on(rpr, "b"),
        italic=_on(rpr, "i"),
        underline=_on(rpr, "u"),
        strike=_on(rpr, "strike") or _on(rpr, "dstrike"),
        superscript=va == "superscript",
        subscript=va == "subscript",
        font=w_attr(fonts, "ascii") if fonts is not None else None,
        size_half_points=int_or_none(size_val, 1, MAX_HALF_POINTS),
        char_style=w_attr(style, "val") if style is not None else None,
    )


def rpr_for(fmt: Formatting) -> etree._Element | None:
    """A w:rPr that gives this formatting, or None for plain text (schema order kept)."""
    rpr = etree.Element(_W + "rPr")
    if fmt.font:
        sub_element(rpr, "w:rFonts", {"w:ascii": fmt.font, "w:hAnsi": fmt.font, "w:cs": fmt.font})
    if fmt.bold:
        sub_element(rpr, "w:b")
    if fmt.italic:
        sub_element(rpr, "w:i")
    if fmt.strike:
        sub_element(rpr, "w:strike")
    if fmt.size_half_points:
        sub_element(rpr, "w:sz", {"w:val": str(fmt.size_half_points)})
    if fmt.underline:
        sub_element(rpr, "w:u", {"w:val": "single"})
    if fmt.superscript or fmt.subscript:
        sub_element(rpr, "w:vertAlign", {"w:val": "superscript" if fmt.superscript else "subscript"})
    return rpr if len(rpr) else None
