"""Word automatic numbering (w:numPr) resolved to the number text Word prints: "66.", "(a)", "1.2.3".

Counters follow Word: every w:num that points to the same w:abstractNum continues one shared list,
a w:startOverride restarts that list once, the first time its w:num is used at that level, and a
level restarts when a higher level is used (or as w:lvlRestart says).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from app.values import int_or_none
from docx_io.ns import NSMAP, qn, w_attr
from docx_io.package import Package

LEVELS = 9
# Chains of w:basedOn or w:numStyleLink longer than this are loops or damage, not real documents.
MAX_CHAIN = 16
MAX_VALUE = 32767  # Word's largest list value; past it letters and numerals fall back to decimal
_PLACEHOLDER = re.compile(r"%([1-9])")
_TRUE = {"1", "true", "on"}
# Symbol and Wingdings bullets live in the private use area; readers want the glyph they print as.
_BULLET_GLYPHS = {
    "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf06c": "●", "\uf06e": "■",
    "\uf075": "◆", "\uf0e8": "➔",
}


@dataclass(frozen=True)
class NumberText:
    """A paragraph's automatic number as printed, with the list level that produced it."""

    text: str
    level: int
    num_id: str
    is_bullet: bool
    format: str


@dataclass(frozen=True)
class _Level:
    """What of one w:lvl decides the printed number."""

    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart (one-based level), None when absent
    is_lgl: bool
    pstyle: str | None
    ppr: etree._Element | None  # the level's w:pPr: the indents a paragraph at this level gets


@dataclass(frozen=True)
class _Ref:
    """Where a paragraph's numbering comes from: numId, its own w:ilvl, the style's w:ilvl and styles."""

    num_id: str
    ilvl: int | None
    style_ilvl: int | None
    style_ids: tuple[str, ...]  # paragraph style up to the style carrying w:numPr; empty for direct numbering


@dataclass(frozen=True)
class _Instance:
    """A w:num resolved: the list whose counters it shares, its levels and its start overrides."""

    key: str
    levels: dict[int, _Level]
    start_overrides: dict[int, int]
    single_level: bool


_PPR = qn("w:pPr")


class NumberingResolver:
    """Computes printed list numbers; call number_for() for every block-level paragraph in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._nums = _index(numbering, "w:num", "numId")
        self._abstracts = _index(numbering, "w:abstractNum", "abstractNumId")
        self._styles = _index(styles, "w:style", "styleId")
        self._default_style = _default_paragraph_style(styles)
        self._instances: dict[str, _Instance | None] = {}
        self._style_refs: dict[str | None, tuple[str | None, str | None, tuple[str, ...]]] = {}
        # Current value of each level of each list (by abstractNum); None until used or after a restart.
        self._counters: dict[str, list[int | None]] = {}
        self._overrides_used: set[tuple[str, int]] = set()

    def number_for(self, p: etree._Element) -> NumberText | None:
        """The number Word prints before paragraph p, or None; advances the list counters."""
        if not self._nums:
            return None  # a document without list definitions numbers nothing (most paragraphs of most drafts)
        ref = self._numbering_of(p)
        num_id = _norm(ref.num_id) if ref is not None else ""
        inst = self._instance(num_id) if ref is not None else None
        if ref is None or inst is None:
            return None
        level = _pick_level(inst, ref)
        if level is None or level not in inst.levels:
            return None
        values = self._advance(inst, num_id, level)
        lvl = inst.levels[level]
        is_bullet = lvl.fmt == "bullet"
        text = _bullet_text(lvl.text) if is_bullet else _render(inst, level, values)
        return NumberText(text=text, level=level, num_id=num_id, is_bullet=is_bullet, format=lvl.fmt)

    def level_ppr(self, p: etree._Element) -> etree._Element | None:
        """The w:pPr of the list level that numbers p (an empty one when the level has none); None when p
        prints no list number. Counters are not advanced."""
        ref = self._numbering_of(p) if self._nums else None
        inst = self._instance(_norm(ref.num_id)) if ref is not None else None
        if ref is None or inst is None:
            return None
        level = _pick_level(inst, ref)
        if level is None or level not in inst.levels:
            return None
        found = inst.levels[level].ppr
        return found if found is not None else etree.Element(_PPR)

    def _numbering_of(self, p: etree._Element) -> _Ref | None:
        """The numbering in force for p, from its own w:numPr or its style's; None when there is none."""
        ppr = p.find(_PPR)
        num_id, ilvl = _numpr(ppr)
        if num_id is None:
            num_id, style_ilvl, ids = self._style_numbering(_child_val(ppr, "w:pStyle") or self._default_style)
            if num_id is None:
                return None
            ref = _Ref(num_id, _int(ilvl), _int(style_ilvl), ids)
        else:
            ref = _Ref(num_id, _int(ilvl), None, ())
        if _norm(num_id) == "0" or (ilvl is not None and ref.ilvl is None):
            return None  # no numbering, numId 0 (numbering removed) or an unreadable level
        return ref

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
        """(numId, ilvl, style ids up to the one that numbers) a paragraph style gives; cached per style,
        since most paragraphs of a long draft share a handful of styles."""
        if style_id not in self._style_refs:
            found: tuple[str | None, str | None, tuple[str, ...]] = (None, None, ())
            chain = self._style_chain(style_id)
            for depth, style in enumerate(chain):
                num_id, style_ilvl = _numpr(style.find(qn("w:pPr")))
                if num_id is not None:
                    found = (num_id, style_ilvl, tuple(w_attr(s, "styleId") or "" for s in chain[: depth + 1]))
                    break
            self._style_refs[style_id] = found
        return self._style_refs[style_id]

    def _style_chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first; loops cut."""
        chain: list[etree._Element] = []
        while style_id and len(chain) < MAX_CHAIN:
            style = self._styles.get(_norm(style_id))
            if style is None or any(s is style for s in chain):
                break
            chain.append(style)
            style_id = _child_val(style, "w:basedOn")
        return chain

    def _instance(self, num_id: str) -> _Instance | None:
        """The resolved w:num (cached)."""
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: str) -> _Instance | None:
        """Follow w:num -> w:abstractNum (-> w:numStyleLink -> style -> w:num ...) and merge overrides."""
        overrides: list[etree._Element] = []
        num = self._nums.get(num_id)
        for _ in range(MAX_CHAIN):
            if num is None:
                return None
            overrides.extend(num.findall(qn("w:lvlOverride")))
            abstract = self._abstracts.get(_norm(_child_val(num, "w:abstractNumId")))
            if abstract is None:
                return None
            link = _child_val(abstract, "w:numStyleLink")
            if link is None:
                return _build_instance(abstract, overrides)
            style = self._styles.get(_norm(link))
            linked, _ilvl = _numpr(style.find(qn("w:pPr")) if style is not None else None)
            num = self._nums.get(_norm(linked))
        return None

    def _advance(self, inst: _Instance, num_id: str, level: int) -> list[int | None]:
        """Count paragraph at `level` in its list and restart the levels below it; the list's values."""
        values = self._counters.setdefault(inst.key, [None] * LEVELS)
        for higher in range(level):
            if values[higher] is None and higher in inst.levels:
                # A list that begins deeper prints, and then continues from, the start of skipped levels.
                values[higher] = inst.levels[higher].start
        start = inst.start_overrides.get(level)
        if start is not None and (num_id, level) not in self._overrides_used:
            # A start override restarts the shared list once, where its w:num is first used at that level.
            self._overrides_used.add((num_id, level))
            values[level] = start
        else:
            current = values[level]
            values[level] = inst.levels[level].start if current is None else current + 1
        for deeper in range(level + 1, LEVELS):
            lvl = inst.levels.get(deeper)
            restart = lvl.restart if lvl is not None else None
            # lvlRestart 0 never restarts; a value that is not a higher level is ignored (the default rule).
            if restart is None or restart > deeper or level < restart:
                values[deeper] = None
        return values


def _build_instance(abstract: etree._Element, overrides: list[etree._Element]) -> _Instance:
    """Levels of an abstractNum with w:lvlOverride applied (the paragraph's own w:num first)."""
    levels: dict[int, _Level] = {}
    for lvl in abstract.findall(qn("w:lvl")):
        _add_level(levels, lvl)
    starts: dict[int, int] = {}
    for override in reversed(overrides):
        ilvl = _int(w_attr(override, "ilvl"))
        if ilvl is None or not 0 <= ilvl < LEVELS:
            continue
        replacement = override.find(qn("w:lvl"))
        if replacement is not None:
            _add_level(levels, replacement, ilvl)
        start = _int(_child_val(override, "w:startOverride"))
        if start is not None:
            starts[ilvl] = start
    single = _child_val(abstract, "w:multiLevelType") == "singleLevel"
    key = _norm(w_attr(abstract, "abstractNumId"))
    return _Instance(key=key, levels=levels, start_overrides=starts, single_level=single)


def _add_level(levels: dict[int, _Level], lvl: etree._Element, ilvl: int | None = None) -> None:
    """Parse one w:lvl into levels (first definition of a level wins, overrides replace)."""
    if ilvl is None:
        ilvl = _int(w_attr(lvl, "ilvl"))
        if ilvl is None or not 0 <= ilvl < LEVELS or ilvl in levels:
            return
    restart = _child_val(lvl, "w:lvlRestart")
    levels[ilvl] = _Level(
        start=_int(_child_val(lvl, "w:start")) or 0,  # the schema default is 0
        fmt=_num_fmt(lvl),
        text=_child_val(lvl, "w:lvlText") or "",
        restart=_int(restart) if restart is not None else None,
        is_lgl=_on(lvl.find(qn("w:isLgl"))),
        pstyle=_child_val(lvl, "w:pStyle"),
        ppr=lvl.find(_PPR),
    )


def _num_fmt(lvl: etree._Element) -> str:
    """w:numFmt of a level; inside mc:AlternateContent (Word 2010 custom formats) the Fallback."""
    fmt = _child_val(lvl, "w:numFmt")
    if fmt is None:
        fallback = lvl.find(f"{{{NSMAP['mc']}}}AlternateContent/{{{NSMAP['mc']}}}Fallback")
        fmt = _child_val(fallback, "w:numFmt")
    return fmt or "decimal"


def _pick_level(inst: _Instance, ref: _Ref) -> int | None:
    """The level a paragraph uses: its own w:ilvl, else the level naming its style, the style's w:ilvl, 0."""
    if inst.single_level:
        return 0  # singleLevel lists only ever use level 0
    if ref.ilvl is not None:
        return ref.ilvl if 0 <= ref.ilvl < LEVELS else None
    # ECMA-376 17.9.23: a level's w:pStyle outranks the w:ilvl in that style's own w:numPr.
    for style_id in ref.style_ids:
        for index, lvl in sorted(inst.levels.items()):
            if lvl.pstyle == style_id:
                return index
    level = ref.style_ilvl or 0
    return level if 0 <= level < LEVELS else None


def _render(inst: _Instance, level: int, values: list[int | None]) -> str:
    """Substitute %1..%9 in the level's w:lvlText with each level's value in its own format."""
    current = inst.levels[level]

    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        lvl = inst.levels.get(index)
        if lvl is None:
            return ""
        value = values[index]
        number = lvl.start if value is None else value  # a level below the paragraph's, just restarted
        fmt = lvl.fmt
        if current.is_lgl and fmt not in ("decimalZero", "none", "bullet"):
            fmt = "decimal"
        return format_number(number, fmt)

    return _PLACEHOLDER.sub(one, current.text)


def _bullet_text(text: str) -> str:
    """A bullet's lvlText with private-use Symbol/Wingdings characters shown as their glyph."""
    # A symbol-font character not in the table still prints as some bullet; "•" says so legibly.
    return "".join(_BULLET_GLYPHS.get(ch, "•" if 0xF000 <= ord(ch) <= 0xF0FF else ch) for ch in text)


def format_number(n: int, fmt: str) -> str:
    """One level value in a w:numFmt; formats not known here print as decimal."""
    if fmt in ("none", "bullet"):
        return ""  # Word prints nothing for a level that has no number of its own
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    formatter = _FORMATTERS.get(fmt)
    if formatter is None or not 0 < n <= MAX_VALUE:
        return str(n)  # letters, numerals and words have no zero or negatives
    return formatter(n)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (one letter repeated)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    """Upper-case roman numeral (thousands as repeated M)."""
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def _words(n: int) -> str:
    """English cardinal words, lower case: 'twenty-one', 'one hundred one'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")
    size, name = (1000, "thousand") if n >= 1000 else (100, "hundred")
    high, rest = divmod(n, size)
    return f"{_words(high)} {name}" + (f" {_words(rest)}" if rest else "")


def _ordinal_words(n: int) -> str:
    """English ordinal words, lower case: 'first', 'twenty-second', 'one hundredth'."""
    words = _words(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")


_CJK_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """Chinese counting numerals below 100 (一, 十一, 二十); larger values stay decimal."""
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CJK_DIGITS[tens] + "十")
    return head + (_CJK_DIGITS[ones] if ones or not head else "")


def _capitalised(words: str) -> str:
    """First letter upper case, as Word prints cardinalText and ordinalText list numbers."""
    return words[:1].upper() + words[1:]


_FORMATTERS: dict[str, Callable[[int], str]] = {
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "ordinal": _ordinal,
    "cardinalText": lambda n: _capitalised(_words(n)),
    "ordinalText": lambda n: _capitalised(_ordinal_words(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if n <= 20 else str(n),
    "decimalFullWidth": lambda n: str(n).translate({ord("0") + d: 0xFF10 + d for d in range(10)}),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
}


def _index(root: etree._Element | None, tag: str, id_attr: str) -> dict[str, etree._Element]:
    """Children of root with this tag by their id attribute; the first of duplicates wins."""
    found: dict[str, etree._Element] = {}
    for el in root.findall(qn(tag)) if root is not None else []:
        found.setdefault(_norm(w_attr(el, id_attr)), el)
    return found


def _default_paragraph_style(styles: etree._Element | None) -> str | None:
    """styleId of the default paragraph style (w:type="paragraph" w:default="1")."""
    if styles is None:
        return None
    for style in styles.findall(qn("w:style")):
        if w_attr(style, "type") == "paragraph" and (w_attr(style, "default") or "").lower() in _TRUE:
            return w_attr(style, "styleId")
    return None


def _numpr(ppr: etree._Element | None) -> tuple[str | None, str | None]:
    """(w:numId, w:ilvl) values of a w:pPr's w:numPr, each None when absent."""
    numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
    return _child_val(numpr, "w:numId"), _child_val(numpr, "w:ilvl")


def _child_val(el: etree._Element | None, tag: str) -> str | None:
    """w:val of el's first child of this tag."""
    child = el.find(qn(tag)) if el is not None else None
    return w_attr(child, "val") if child is not None else None


def _on(el: etree._Element | None) -> bool:
    """An on/off property: present without w:val, or w:val true/1/on."""
    if el is None:
        return False
    val = w_attr(el, "val")
    return val is None or val.lower() in _TRUE


def _int(value: str | None) -> int | None:
    """An integer attribute value, None when absent or not a number."""
    # Word's own limits are far below this; bigger values are damage and would make huge texts.
    return int_or_none(value, -MAX_VALUE, MAX_VALUE)


def _norm(value: str | None) -> str:
    """A numeric id as a canonical string ("007" and "7" name the same numbering)."""
    text = (value or "").strip()
    number = int_or_none(text, 0, 10**11)
    return str(number) if number is not None and text.isascii() and text.isdigit() else text


def resolver_for(pkg: Package) -> NumberingResolver:
    """A resolver for the main document of pkg, reading numbering.xml and styles.xml if present."""
    return NumberingResolver(_related_xml(pkg, "/numbering"), _related_xml(pkg, "/styles"))


def _related_xml(pkg: Package, rel_suffix: str) -> etree._Element | None:
    """The parsed part the main part points to by this relationship type, if any."""
    name = pkg.related(pkg.main_part, rel_suffix)
    return pkg.xml(name) if name is not None and pkg.has(name) else None


