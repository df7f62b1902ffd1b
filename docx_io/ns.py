"""WordprocessingML names: one helper for qualified names, one factory for elements."""

from __future__ import annotations

from lxml import etree

NSMAP: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
W = NSMAP["w"]
# ISO/IEC 29500 Strict uses another namespace for the same vocabulary.
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def qn(tag: str) -> str:
    """Clark name of a prefixed tag: qn("w:p") -> "{http://…/main}p"."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def new_element(tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Make an element with prefixed attribute names ("w:val") turned into Clark names."""
    el = etree.Element(qn(tag), nsmap={tag.split(":")[0]: NSMAP[tag.split(":")[0]]})
    for key, value in (attrs or {}).items():
        el.set(qn(key) if ":" in key else key, value)
    return el


def sub_element(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """Append a new child element (see new_element)."""
    el = etree.SubElement(parent, qn(tag))
    for key, value in (attrs or {}).items():
        el.set(qn(key) if ":" in key else key, value)
    return el


def local_name(el: etree._Element) -> str:
    """Local part of an element's tag ("p" for w:p); "" for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def is_w(el: etree._Element, local: str) -> bool:
    """Tell whether el is the WordprocessingML element w:<local>."""
    return el.tag == f"{{{W}}}{local}"


def w_attr(el: etree._Element, name: str) -> str | None:
    """The value of attribute w:<name>, or None."""
    return el.get(f"{{{W}}}{name}")
