"""The New York (DGACM) style table and the ordered property helpers that write it.

Values are those of docs UN_FORMAT.md section 1a (measured in A/80/6 Word files) and section 3;
style names and ids are the UN template's own ("__Single Txt" / SingleTxt, "_ H_1" / H1, …), so
DGACM macros and our reader recognise them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from app.model import Formatting
from docx_io.ns import qn, sub_element

# Twips of the New York layout.
BODY_INDENT = 1267  # SingleTxt left and right indent; where a typed paragraph number sits
TEXT_TAB = 1742  # where the text after "66.<TAB>" starts
SUB_TEXT_TAB = 2218  # where the text after "(a)<TAB>" starts
HEADING_NUMBER_TAB = 1022  # right tab of a heading's number ("A.", "1.")
SINGLE_TXT_TABS = (1267, 1742, 2218, 2693, 3182, 3658, 4133, 4622, 5098, 5573, 6048)
FONT = "Times New Roman"

# Child order of w:pPr and w:rPr (ISO/IEC 29500-1 §17.3.1.26 / §17.3.2.28); Word rejects other orders.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)

Props = tuple[tuple[str, dict[str, str]], ...]


def set_prop(
    props: etree._Element, local: str, attrs: dict[str, str] | None = None, order: tuple[str, ...] = PPR_ORDER
) -> etree._Element:
    """Put w:<local> (replacing one already there) into a w:pPr / w:rPr at its schema position."""
    tag = qn(f"w:{local}")
    old = props.find(tag)
    if old is not None:
        props.remove(old)
    rank = order.index(local)
    el = sub_element(props, f"w:{local}", {f"w:{k}": v for k, v in (attrs or {}).items()})
    props.remove(el)
    for i, child in enumerate(props):
        name = etree.QName(child).localname
        if name in order and order.index(name) > rank:
            props.insert(i, el)
            return el
    props.append(el)
    return el


def set_tabs(ppr: etree._Element, stops: Iterable[tuple[str, int]]) -> None:
    """Give a w:pPr the tab stops (alignment, position) in a w:tabs."""
    tabs = set_prop(ppr, "tabs")
    for align, pos in stops:
        sub_element(tabs, "w:tab", {"w:val": align, "w:pos": str(pos)})


def run_properties(fmt: Formatting, style: str | None = None) -> etree._Element | None:
    """A w:rPr for a Formatting (and character style), or None when it is plain."""
    props: list[tuple[str, dict[str, str]]] = []
    if style:
        props.append(("rStyle", {"val": style}))
    if fmt.font:
        props.append(("rFonts", {"ascii": fmt.font, "hAnsi": fmt.font, "cs": fmt.font}))
    for on, name in ((fmt.bold, "b"), (fmt.italic, "i"), (fmt.strike, "strike")):
        if on:
            props.append((name, {}))
    if fmt.size_half_points:
        props.append(("sz", {"val": str(fmt.size_half_points)}))
        props.append(("szCs", {"val": str(fmt.size_half_points)}))
    if fmt.underline:
        props.append(("u", {"val": "single"}))
    if fmt.superscript or fmt.subscript:
        props.append(("vertAlign", {"val": "superscript" if fmt.superscript else "subscript"}))
    if not props:
        return None
    rpr = etree.Element(qn("w:rPr"))
    for local, attrs in props:
        set_prop(rpr, local, attrs, RPR_ORDER)
    return rpr


@dataclass(frozen=True)
class StyleSpec:
    """One w:style of the UN template."""

    style_id: str
    name: str
    based_on: str | None = "Normal"
    next_style: str | None = None
    ppr: Props = ()
    rpr: Props = ()
    tabs: tuple[tuple[str, int], ...] = ()
    kind: str = "paragraph"
    custom: bool = True


def _ind(left: int, hanging: int | None = None, right: int | None = None) -> tuple[str, dict[str, str]]:
    attrs = {"left": str(left)}
    if right is not None:
        attrs["right"] = str(right)
    if hanging is not None:  # an explicit 0 cancels an inherited hanging indent
        attrs["hanging"] = str(hanging)
    return ("ind", attrs)


def _exact(line_twips: int, **extra: str) -> tuple[str, dict[str, str]]:
    return ("spacing", {**extra, "line": str(line_twips), "lineRule": "exact"})


_HANGING = _ind(BODY_INDENT, BODY_INDENT, BODY_INDENT)
_KEEP: Props = (("keepNext", {}), ("keepLines", {}))
_BODY_LEVEL = ("outlineLvl", {"val": "9"})  # not a heading, though based on one (Session, Sponsors)

# Normal is rewritten in place (it is the template's default style); the rest are added in this order.
NORMAL_PPR: Props = (("suppressAutoHyphens", {}), _exact(240, after="0"))
NORMAL_RPR: Props = (
    ("rFonts", {"ascii": FONT, "eastAsia": FONT, "hAnsi": FONT, "cs": FONT}),
    ("spacing", {"val": "4"}),  # +0.2 pt
    ("w", {"val": "103"}),
    ("kern", {"val": "14"}),
    ("sz", {"val": "20"}),
    ("szCs", {"val": "20"}),
    ("lang", {"val": "en-GB", "eastAsia": "en-US"}),
)

STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(
        "SingleTxt", "__Single Txt",
        ppr=(("spacing", {"after": "120", "line": "240", "lineRule": "atLeast"}),
             _ind(BODY_INDENT, right=BODY_INDENT), ("jc", {"val": "both"})),
        rpr=(("kern", {"val": "14"}),),
        tabs=tuple(("left", t) for t in SINGLE_TXT_TABS),
    ),
    StyleSpec(
        "H1", "_ H_1", next_style="SingleTxt",
        ppr=(*_KEEP, _exact(270), _HANGING, ("outlineLvl", {"val": "0"})),
        rpr=(("b", {}), ("kern", {"val": "14"}), ("sz", {"val": "24"}), ("szCs", {"val": "24"})),
        tabs=(("right", HEADING_NUMBER_TAB), ("left", BODY_INDENT)),
    ),
    StyleSpec(
        "HCh", "_ H _Ch", based_on="H1", next_style="SingleTxt",
        ppr=(_exact(300), _ind(0, 0, 0)),
        rpr=(("spacing", {"val": "-2"}), ("sz", {"val": "28"}), ("szCs", {"val": "28"})),
    ),
    StyleSpec(
        "H23", "_ H_2/3", based_on="H1", next_style="SingleTxt",
        ppr=(_exact(240), ("outlineLvl", {"val": "1"})),
        rpr=(("spacing", {"val": "2"}), ("sz", {"val": "20"}), ("szCs", {"val": "20"})),
    ),
    StyleSpec(
        "H4", "_ H_4", next_style="SingleTxt",
        ppr=(*_KEEP, _exact(240), _HANGING, ("outlineLvl", {"val": "3"})),
        rpr=(("i", {}), ("spacing", {"val": "3"}), ("kern", {"val": "14"})),
        tabs=(("right", HEADING_NUMBER_TAB), ("left", BODY_INDENT)),
    ),
    StyleSpec(
        "H56", "_ H_5/6", next_style="SingleTxt",
        ppr=(*_KEEP, _exact(240), _HANGING, ("outlineLvl", {"val": "4"})),
        rpr=(("kern", {"val": "14"}),),
        tabs=(("right", HEADING_NUMBER_TAB), ("left", BODY_INDENT)),
    ),
    StyleSpec("Title_H1", "Title_H1", based_on="H1", next_style="SingleTxt"),
    StyleSpec(
        "Sponsors", "Sponsors", based_on="H1", next_style="SingleTxt",
        ppr=(_exact(240), _BODY_LEVEL), rpr=(("sz", {"val": "20"}), ("szCs", {"val": "20"})),
    ),
    StyleSpec(
        "Session", "Session", based_on="H23",
        ppr=(_ind(0, 0, 0), _BODY_LEVEL),
    ),
    StyleSpec("Agenda_Item_Normal", "Agenda_Item_Normal"),
    StyleSpec(
        "Agenda_Title_H2", "Agenda_Title_H2",
        ppr=(_ind(0, right=5040),), rpr=(("b", {}),),
    ),
    StyleSpec(
        "XLarge", "XLarge",
        ppr=(_exact(390),),
        rpr=(("b", {}), ("spacing", {"val": "-4"}), ("w", {"val": "98"}), ("sz", {"val": "40"}),
             ("szCs", {"val": "40"})),
    ),
    StyleSpec(
        "FootnoteText", "footnote text", custom=False,
        ppr=(("widowControl", {"val": "0"}), _exact(210), _ind(475, 475)),
        rpr=(("spacing", {"val": "5"}), ("w", {"val": "104"}), ("sz", {"val": "17"}),
             ("szCs", {"val": "17"})),
        tabs=(("right", 418),),
    ),
    StyleSpec(
        "FootnoteReference", "footnote reference", based_on=None, kind="character", custom=False,
        rpr=(("spacing", {"val": "5"}), ("w", {"val": "103"}), ("kern", {"val": "14"}),
             ("position", {"val": "0"}), ("vertAlign", {"val": "superscript"})),
    ),
    StyleSpec(
        "Header", "header", custom=False,
        ppr=(("spacing", {"after": "0", "line": "240", "lineRule": "auto"}),),
        rpr=(("noProof", {}), ("sz", {"val": "17"}), ("szCs", {"val": "17"})),
    ),
    StyleSpec(
        "Footer", "footer", custom=False,
        ppr=(("spacing", {"after": "0", "line": "240", "lineRule": "auto"}),),
        rpr=(("b", {}), ("noProof", {}), ("sz", {"val": "17"}), ("szCs", {"val": "17"})),
    ),
)
STYLE_IDS = frozenset(s.style_id for s in STYLES) | {"Normal"}
# Defaults of the python-docx template that stay (they carry w:default="1").
_KEPT_TEMPLATE_STYLES = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList"})


def install_styles(styles: etree._Element) -> None:
    """Make a w:styles hold the UN template's defaults and styles (and the template's four defaults)."""
    _set_doc_defaults(styles)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_TEMPLATE_STYLES:
            styles.remove(style)
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    if normal is None:
        normal = sub_element(
            styles, "w:style", {"w:type": "paragraph", "w:default": "1", "w:styleId": "Normal"}
        )
    for child in list(normal):
        normal.remove(child)
    sub_element(normal, "w:name", {"w:val": "Normal"})
    sub_element(normal, "w:qFormat")
    _fill_props(sub_element(normal, "w:pPr"), NORMAL_PPR, PPR_ORDER)
    _fill_props(sub_element(normal, "w:rPr"), NORMAL_RPR, RPR_ORDER)
    for spec in STYLES:
        _add_style(styles, spec)


def _set_doc_defaults(styles: etree._Element) -> None:
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        styles.remove(old)
    defaults = sub_element(styles, "w:docDefaults")
    styles.remove(defaults)
    styles.insert(0, defaults)
    rpr = sub_element(sub_element(defaults, "w:rPrDefault"), "w:rPr")
    base: Props = (NORMAL_RPR[0], ("sz", {"val": "20"}), ("szCs", {"val": "20"}), NORMAL_RPR[-1])
    _fill_props(rpr, base, RPR_ORDER)
    sub_element(sub_element(defaults, "w:pPrDefault"), "w:pPr")


def _add_style(styles: etree._Element, spec: StyleSpec) -> None:
    attrs = {"w:type": spec.kind, "w:styleId": spec.style_id}
    if spec.custom:
        attrs["w:customStyle"] = "1"
    style = sub_element(styles, "w:style", attrs)
    sub_element(style, "w:name", {"w:val": spec.name})
    if spec.based_on:
        sub_element(style, "w:basedOn", {"w:val": spec.based_on})
    if spec.next_style:
        sub_element(style, "w:next", {"w:val": spec.next_style})
    if spec.custom:
        sub_element(style, "w:qFormat")
    if spec.kind == "paragraph" and (spec.ppr or spec.tabs):
        ppr = sub_element(style, "w:pPr")
        _fill_props(ppr, spec.ppr, PPR_ORDER)
        if spec.tabs:
            set_tabs(ppr, spec.tabs)
    if spec.rpr:
        _fill_props(sub_element(style, "w:rPr"), spec.rpr, RPR_ORDER)


def _fill_props(props: etree._Element, items: Props, order: tuple[str, ...]) -> None:
    for local, attrs in items:
        set_prop(props, local, attrs, order)
