"""Paragraph labels as UN documents print them, in every numbering scheme and official language.

A label is kept as its canonical string; `Label` gives its parts. Schemes:
  "66", "83 bis", "66 (a)", "66 (a) (i)"          operative and other numbered paragraphs
  "29.1", "29A.3", "IS1.1"                          dotted report and budget numbers
  "PP3", "PP3 bis"                                  unnumbered preambular paragraphs of resolutions
  "I", "II.A", "A"                                  section headings
  "annex I, 3", "annex, 3 (a)"                      paragraphs of an annex whose numbering restarts
  "table 2, row 3, column 1"                        table cells (", paragraph 2" for a cell's later paragraphs)
  "table 25.6 (1)", "II.A (2)"                      sub-headings printed "(1)", "(2)" under a table caption or heading
Sub-paragraph letters keep the document's script ("66 (а)" in Cyrillic, "66 (أ)" in Arabic), bis/ter keep the
document's language ("83 бис", "83 之二"); digits are always ASCII. `label_key` compares labels across scripts, so
"66 (a)" typed in Latin and "OP66" address the same paragraph (`Draft.by_label`). This module is the only place that
parses, normalises, orders and invents labels ("next bis").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import LabelError

# Latin multiplicative adverbs used for inserted paragraphs, in order (English, French, Spanish).
SUFFIXES: tuple[str, ...] = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
    "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies",
)
_ZH_DIGITS = "二三四五六七八九十"
# How each other official language writes bis, ter, … (rank 1, 2, …).
SUFFIX_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ru": ("бис", "тер", "кватер", "квинквиес", "сексиес", "септиес", "октиес", "новиес", "дециес"),
    "ar": ("مكررا", "مكررا ثانيا", "مكررا ثالثا", "مكررا رابعا", "مكررا خامسا", "مكررا سادسا"),
    "zh": tuple(f"之{d}" for d in _ZH_DIGITS),
}
_SUFFIX_RANK: dict[str, int] = {s: i + 1 for i, s in enumerate(SUFFIXES)}
for _spellings in SUFFIX_SPELLINGS.values():
    _SUFFIX_RANK.update({s: i + 1 for i, s in enumerate(_spellings)})
_SUFFIX_ALT = "|".join(re.escape(s) for s in sorted(_SUFFIX_RANK, key=len, reverse=True))

# Sub-paragraph letters in the order each script uses them.
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"  # UN Russian texts skip ё й ъ ы ь
_ARABIC = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"  # abjad order, as UN Arabic texts letter sub-paragraphs
_LETTER_VALUE = {ch: i + 1 for alphabet in (_LATIN, _CYRILLIC, _ARABIC) for i, ch in enumerate(alphabet)}
_LETTER_VALUE.update({"ا": 1, "إ": 1, "آ": 1, "ة": 5, "ى": 10})  # spellings of alif, ha and ya seen in print
_MARKER = rf"[a-z]{{1,6}}|[{_CYRILLIC}]{{1,2}}|[{_ARABIC}اإآةى]{{1,2}}"

_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# Full-width forms (Chinese), ideographic space, Arabic-Indic digits: one character each, so offsets are kept.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x3002: 0x2E, 0x2010: 0x2D, 0x2013: 0x2D, 0x2212: 0x2D})
_FOLD.update({0x0660 + d: 0x30 + d for d in range(10)})
_FOLD.update({0x06F0 + d: 0x30 + d for d in range(10)})
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640\u200e\u200f\u061c]")  # tashkil, tatweel, direction marks

# "para 83 bis", "paragraph 5", "OP 5": words that may precede a label in what people type.
_LEAD_WORDS = re.compile(
    r"^(?:paras?\.?|paragraphs?|par\.|§|paragraphe|p[áa]rrafo|пункт|п\.|الفقرة|第)\s*", re.IGNORECASE
)
_ANNEX_WORDS = r"annex|annexe|anexo|приложение|المرفق|附件"
_CELL_RE = re.compile(
    r"^(?:table|tab\.?|t)\s*(\d{1,4})\s*,?\s*(?:row|r)\s*(\d{1,5})\s*,?\s*(?:column|col\.?|c)\s*(\d{1,3})"
    r"(?:\s*,?\s*(?:paragraph|para|p)\s*(\d{1,3}))?$",
    re.IGNORECASE,
)
# "Table 25.6" as a caption names it (the document cites "table 25.6 (1)"); the word in each official language.
_CAPTION_WORDS = r"table|tableau|cuadro|таблица|表|الجدول"
_CAPTION_RE = re.compile(rf"^(?:{_CAPTION_WORDS})\s*(\d{{1,3}}[A-Z]?(?:\.\d{{1,3}})*)$", re.IGNORECASE)
_ITEM_RE = re.compile(r"^(?P<within>.+?)\s*,?\s*\(\s*(?P<item>\d{1,2})\s*\)$")
_SCOPE_RE = re.compile(rf"^(?:{_ANNEX_WORDS})(?:\s+([IVXLC]+|[A-Z]|\d{{1,2}})\b)?\s*,?\s*(.+)$", re.IGNORECASE)
# One heading component each: a roman number or a letter ("II", "A"); after the first, also 1-2 digits.
# Matched component by component (`_is_heading`): as one regex, "I" being both a roman number and a letter made
# "I.I.I.…I!" try every way of reading each "I", twice as long for each component.
_HEADING_FIRST = re.compile(r"[IVXLC]+|[A-Z]")
_HEADING_PART = re.compile(r"[IVXLC]+|[A-Z]|\d{1,2}")
_NUMBER = r"\d{1,4}[A-Z]?(?:\.\d{1,3})+|[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})+|\d{1,4}"
_BODY_RE = re.compile(
    rf"^(?:(?P<prefix>PP|OP)\s*)?(?P<number>{_NUMBER})\s*(?P<suffix>{_SUFFIX_ALT})?"
    rf"(?P<subs>(?:\s*(?:\(\s*(?:{_MARKER})\s*\)|(?:{_MARKER})\)))*)$",
    re.IGNORECASE,
)
_SUB_RE = re.compile(rf"\(?\s*({_MARKER})\s*\)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class LabelKey:
    """Sort key of a label: scope, scheme, number parts, bis/ter rank, sub-paragraphs (script-independent)."""

    scope: tuple[int, ...]
    scheme: int  # 0 preambular, 1 numbered, 2 heading, 3 table cell, 4 sub-heading
    prefix: str  # "IS" of "IS1.1"
    parts: tuple[tuple[int, int], ...]  # (number, letter) per dotted component: "29A.3" -> ((29, 1), (3, 0))
    suffix_rank: int
    subs: tuple[int, ...]

    @property
    def number(self) -> int:
        """The leading number ("29.1" -> 29, "83 bis" -> 83)."""
        return self.parts[0][0] if self.parts else 0


@dataclass(frozen=True)
class Label:
    """The parts of a canonical label."""

    number: str = ""  # "66", "29.1", "29A.3", "IS1.1", "PP3", or a heading "II.A"
    suffix: str = ""  # "bis", "бис", "之二"
    subs: tuple[str, ...] = ()  # ("a", "i"), in the document's script
    scope: str = ""  # "annex", "annex I"
    heading: bool = False
    cell: tuple[int, int, int, int] | None = None  # table, row, column, paragraph in the cell
    item: str = ""  # the "1" of a sub-heading printed "(1)"; `within` names what it sits under
    within: str = ""  # "table 25.6" (a table caption) or a heading label ("II.A", "annex I, B")

    @property
    def text(self) -> str:
        """The canonical string."""
        if self.item:
            return f"{self.within} ({self.item})"
        if self.cell is not None:
            t, r, c, p = self.cell
            return f"table {t}, row {r}, column {c}" + (f", paragraph {p}" if p > 1 else "")
        body = self.number + (f" {self.suffix}" if self.suffix else "")
        body += "".join(f" ({s})" for s in self.subs)
        return f"{self.scope}, {body}" if self.scope else body

    @property
    def kind(self) -> str:
        """What the label names: paragraph, preambular paragraph, sub-paragraph, heading, sub-heading, table cell."""
        if self.item:
            return "sub-heading"
        if self.cell is not None:
            return "table cell"
        if self.heading:
            return "heading"
        if self.subs:
            return "sub-paragraph"
        return "preambular paragraph" if self.number.startswith("PP") else "paragraph"

    @property
    def base(self) -> str:
        """The label without bis/ter and sub-paragraphs ("annex, 3 bis (a)" -> "annex, 3")."""
        if self.item:
            return self.text
        return Label(self.number, scope=self.scope).text


def fold(text: str) -> str:
    """Full-width and Arabic-Indic characters to ASCII, one character for one (offsets stay valid)."""
    return text if text.isascii() else text.translate(_FOLD)


def _clean(text: str) -> str:
    cleaned = fold(text)
    if not cleaned.isascii():
        cleaned = _ARABIC_MARKS.sub("", cleaned)
    cleaned = " ".join(cleaned.split())  # runs of white space as one space (str.split: re's \s, faster)
    return cleaned.rstrip(" .:-")


def parse(text: str) -> Label:
    """Parse any spelling of a label into its parts ("para 83bis." -> 83 bis; "OP5" -> 5; "T2R3C1").

    Raises LabelError when the text is not a label.
    """
    cleaned = _LEAD_WORDS.sub("", _clean(text))
    cell = _CELL_RE.match(cleaned)
    if cell:
        t, r, c, p = (int(g) if g else 1 for g in cell.groups())
        if min(t, r, c, p) < 1:
            raise LabelError(f"'{text}' is not a table cell address; tables, rows and columns count from 1")
        return Label(cell=(t, r, c, p))
    item = _ITEM_RE.match(cleaned)
    if item and not _BODY_RE.match(cleaned):
        return Label(item=str(int(item.group("item"))), within=_within(item.group("within"), text))
    scope = ""
    sm = _SCOPE_RE.match(cleaned)
    if sm:
        scope = "annex" + (f" {sm.group(1).upper()}" if sm.group(1) else "")
        cleaned = _LEAD_WORDS.sub("", sm.group(2).strip())
    one_case = cleaned.upper() == cleaned or cleaned.lower() == cleaned  # "II.A" or "ii.a", not "Op"
    if _is_heading(cleaned.upper()) and one_case and cleaned.upper() not in ("PP", "OP"):
        return Label(cleaned.upper(), scope=scope, heading=True)
    m = _BODY_RE.match(cleaned)
    if not m:
        raise _not_a_label(text)
    number = m.group("number").upper()
    number = _strip_zeros(number)
    if (m.group("prefix") or "").upper() == "PP":
        number = "PP" + number
    suffix = (m.group("suffix") or "").lower()
    subs = tuple(s.lower() for s in _SUB_RE.findall(m.group("subs") or ""))
    return Label(number, suffix, subs, scope)


def _is_heading(text: str) -> bool:
    """Whether text is a heading number ("II.A", "I.3"), in time linear in its length."""
    first, *rest = text.split(".")
    return _HEADING_FIRST.fullmatch(first) is not None and all(_HEADING_PART.fullmatch(p) for p in rest)


def _not_a_label(text: str) -> LabelError:
    return LabelError(
        f"'{text}' is not a paragraph label; use the number printed on the paragraph, e.g. 66, 83 bis, "
        "66 (a), 29.1, PP3, annex, 3, table 25.6 (1) or table 2, row 3, column 1"
    )


def _within(text: str, typed: str) -> str:
    """What a sub-heading sits under: a table caption ("Table 25.6" -> "table 25.6") or a heading label."""
    caption = _CAPTION_RE.match(text.strip())
    if caption:
        return f"table {caption.group(1).upper()}"
    try:
        lab = parse(text)
    except LabelError:
        lab = Label()
    if not lab.heading:
        raise _not_a_label(typed)
    return lab.text


def caption_number(text: str) -> str | None:
    """The number of a table caption line ("Table 25.6" -> "25.6", "Cuadro 3" -> "3"), None for other text."""
    if len(text) > _CAPTION_MAX:  # a caption is a word and a number; spare long paragraphs the folding
        return None
    if text.isascii() and text.lstrip()[:1] not in _CAPTION_INITIALS:  # most paragraphs: no folding, no regex
        return None
    m = _CAPTION_RE.match(_clean(text))
    return m.group(1).upper() if m else None


def _strip_zeros(number: str) -> str:
    """"07" -> "7"; dotted parts keep their digits ("29.10")."""
    head, dot, rest = number.partition(".")
    if head.isdigit():
        head = str(int(head))
    return head + dot + rest


def parse_label(text: str) -> str:
    """Return the canonical form of a label ("83bis." -> "83 bis", "66(a)" -> "66 (a)", "OP5" -> "5").

    Raises LabelError when the text is not a label.
    """
    return parse(text).text


def is_label(text: str) -> bool:
    """Tell whether text parses as a paragraph label."""
    try:
        parse(text)
    except LabelError:
        return False
    return True


def label_key(label: str) -> LabelKey:
    """Sort key that orders 83 < 83 bis < 83 ter < 84, 66 < 66 (a) < 66 (b), 29.2 < 29.10.

    Labels that differ only in script ("66 (a)" and "66 (а)") or in the language of bis have the same key.
    """
    lab = parse(label)
    if lab.item:
        return _item_key(lab)
    scope = _scope_key(lab.scope)
    if lab.cell is not None:
        return LabelKey(scope, 3, "", tuple((n, 0) for n in lab.cell), 0, ())
    if lab.heading:
        return LabelKey(scope, 2, "", tuple(_heading_part(p) for p in lab.number.split(".")), 0, ())
    number = lab.number
    scheme = 1
    if number.startswith("PP"):
        scheme, number = 0, number[2:]
    prefix = number[: len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    parts = tuple(_number_part(p) for p in number[len(prefix):].split("."))
    subs = tuple(
        roman_value(s) if depth and is_roman(s) else _marker_value(s) for depth, s in enumerate(lab.subs)
    )
    return LabelKey(scope, scheme, prefix, parts, _SUFFIX_RANK.get(lab.suffix, 0), subs)


def _item_key(lab: Label) -> LabelKey:
    """Sub-headings order by what they sit under (caption number or heading), then by their own number."""
    item = ((int(lab.item), 0),)
    if lab.within.startswith("table "):
        parts = tuple(_number_part(p) for p in lab.within[len("table "):].split("."))
        return LabelKey((), 4, "table", parts + item, 0, ())
    heading = label_key(lab.within)
    return LabelKey(heading.scope, 4, "", heading.parts + item, 0, ())


def _scope_key(scope: str) -> tuple[int, ...]:
    if not scope:
        return ()
    name = scope.partition(" ")[2]
    if not name:
        return (1, 0)
    if name.isdigit():
        return (1, int(name))
    return (1, roman_value(name.lower()) if is_roman(name.lower()) else _marker_value(name.lower()))


_NUMBER_PART = re.compile(r"^(\d+)([A-Z]?)$")


def _number_part(part: str) -> tuple[int, int]:
    m = _NUMBER_PART.match(part)
    if not m:
        return (0, 0)
    return (int(m.group(1)), _marker_value(m.group(2).lower()) if m.group(2) else 0)


def _heading_part(part: str) -> tuple[int, int]:
    if part.isdigit():
        return (int(part), 0)
    low = part.lower()
    return (roman_value(low), 0) if (is_roman(low) and len(part) > 1) or low in "ivx" else (0, _marker_value(low))


def _marker_value(marker: str) -> int:
    """a=1 … z=26, aa=27 (Word's lowerLetter sequence); а=1 … in Cyrillic; أ=1, ب=2 … in Arabic; "1" = 1."""
    if marker.isdigit():
        return int(marker)
    first = _LETTER_VALUE.get(marker[0], 0)
    return (len(marker) - 1) * 26 + first


def roman_value(marker: str) -> int:
    """The value of a lower-case roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(marker):
        v = values[ch]
        total += -v if i + 1 < len(marker) and values[marker[i + 1]] > v else v
    return total


def is_roman(text: str) -> bool:
    """Tell whether a lower-case sub-paragraph marker is a roman numeral (i, iv, xii)."""
    return bool(text) and bool(_ROMAN_RE.match(text))


def base_number(label: str) -> int:
    """The leading paragraph number of a label ("83 bis" -> 83)."""
    return label_key(label).number


def paragraph_number(label: str) -> int | None:
    """The number of a plain numbered paragraph ("66", "83 bis", "66 (a)" -> 66); None for other schemes."""
    try:
        lab = parse(label)
    except LabelError:
        return None
    plain = lab.cell is None and not lab.heading and not lab.item and not lab.scope and lab.number.isdigit()
    return int(lab.number) if plain else None


def base_label(label: str) -> str:
    """The label a bis/ter paragraph follows ("83 bis" -> "83", "PP3 ter" -> "PP3", "annex, 2 bis" -> "annex, 2")."""
    return parse(label).base


def parent_label(label: str) -> str | None:
    """The label one level up ("66 (a) (i)" -> "66 (a)", "66 (a)" -> "66"), None at the top."""
    lab = parse(label)
    if not lab.subs or lab.item:
        return None
    return Label(lab.number, lab.suffix, lab.subs[:-1], lab.scope).text


def label_kind(label: str) -> str:
    """What a label names: paragraph, preambular paragraph, sub-paragraph, heading or table cell."""
    return parse(label).kind


def next_inserted_label(after: str, existing: set[str] | frozenset[str]) -> str:
    """The first free "N bis", "N ter", … label for a paragraph inserted after `after`.

    A paragraph inserted after "83" is "83 bis"; after "83 bis" it is "83 ter"; after "PP3", "PP3 bis";
    after "29.1", "29.1 bis". A label already taken in another language's spelling ("83 бис") counts as taken.
    """
    lab = parse(after)
    if lab.subs:
        raise LabelError(f"cannot number a new paragraph after sub-paragraph '{after}'; insert after its parent")
    if lab.cell is not None or lab.heading or lab.item:
        raise LabelError(f"cannot number a new paragraph after '{after}'; insert after a numbered paragraph")
    taken = set()
    for label in existing:
        try:
            taken.add(label_key(label))
        except LabelError:
            continue
    spellings = _spellings_of(lab.suffix)
    for rank in range(_SUFFIX_RANK.get(lab.suffix, 0) + 1, len(SUFFIXES) + 1):
        suffix = spellings[rank - 1] if rank <= len(spellings) else SUFFIXES[rank - 1]
        candidate = Label(lab.number, suffix, (), lab.scope).text
        if label_key(candidate) not in taken:
            return candidate
    raise LabelError(f"no free bis/ter label left after '{after}'")


def _spellings_of(suffix: str) -> tuple[str, ...]:
    """The series a suffix belongs to, so "83 бис" is followed by "83 тер"."""
    for spellings in SUFFIX_SPELLINGS.values():
        if suffix in spellings:
            return spellings
    return SUFFIXES


# A number typed at the start of a paragraph, as UN documents print them (text folded by `fold`):
#   "66.<tab>", "83 bis.<tab>", "<tab>36.1<tab>", "IS1.1<tab>", "1 - " (Arabic), "1.大会" (Chinese).
_LEADING = " \t\u200e\u200f\u061c"  # what the typed patterns skip before a number
_HEAD = 64  # longer than any number, marker and the space after it
_CAPTION_MAX = 200
_CAPTION_INITIALS = ("t", "T", "c", "C")  # of the ASCII caption words: table, tableau, cuadro
_TYPED = re.compile(
    r"^[ \t\u200e\u200f\u061c]*"
    r"(?P<number>\d{1,4}[A-Z]?\.\d{1,3}(?:\.\d{1,3})*|[A-Z]{1,3}\d{1,3}\.\d{1,3}|\d{1,4})"
    rf"(?:[ ]?(?P<suffix>{_SUFFIX_ALT}))?"
    r"(?P<end>\.?[ \t]*\t[ \t]*|\.[ \t]+|\.(?=[\u3400-\u9fff])|[ \t]+-[ \t]+|-[ \t]+)",
)
_TYPED_SUB = re.compile(rf"^[ \t]*(?:\((?P<p>{_MARKER})\)|(?P<b>{_MARKER})\))(?:[ \t]+|(?=[\u3400-\u9fff]))")
_TYPED_ITEM = re.compile(r"^[ \t]*\((?P<item>\d{1,2})\)[ \t]*\t[ \t]*")
_TYPED_HEADING = re.compile(r"^[ \t]*(?P<number>[IVXLC]{1,6}|[A-Z])\.(?:[ \t]+)")


def _match_head(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern` matched at the start of the folded text, folding only the paragraph's first characters.

    Folding is one character for one, so offsets are those of `text`; when the match reaches the end of
    the folded head (a long run of tabs), the whole text is folded and matched again.
    """
    lead = len(text) - len(text.lstrip(_LEADING))
    head = text[:lead + _HEAD]
    m = pattern.match(fold(head))
    if m is not None and m.end() == len(head) < len(text):
        return pattern.match(fold(text))
    return m


def typed_label(text: str) -> tuple[Label | None, int]:
    """The number typed at the start of a paragraph and where its body starts ("<tab>36.1<tab>…" -> 36.1, 6).

    A bare "29.1" needs a tab after it, "66" a full stop (or " - " in Arabic texts), so amounts ("302 705.6")
    and years in running text are not taken for numbers.
    """
    m = _match_head(_TYPED, text)
    if m is None or (m.group("end").strip(" \t") == "" and "." not in m.group("number")):
        return None, 0
    number = _strip_zeros(m.group("number"))
    return Label(number, (m.group("suffix") or "").lower()), m.end()


def typed_sub_label(text: str) -> tuple[str | None, int]:
    """The sub-paragraph marker typed at the start ("(a)<tab>", "a) ", "(أ) ", "（a）") and where the body starts."""
    m = _match_head(_TYPED_SUB, text)
    if not m:
        return None, 0
    if m.group("b") and m.group("b").isdigit():
        return None, 0  # "1) " is a list number, not a sub-paragraph
    return (m.group("p") or m.group("b")).lower(), m.end()


def typed_heading(text: str) -> tuple[str | None, int]:
    """The heading number typed at the start ("I.<tab>Background" -> "I") and where the title starts."""
    m = _match_head(_TYPED_HEADING, text)
    return (m.group("number"), m.end()) if m else (None, 0)


def typed_item(text: str) -> tuple[str | None, int]:
    """The "(1)" typed at the start of a sub-heading ("<tab>(1)<tab>Regular budget" -> "1") and where the title
    starts."""
    m = _match_head(_TYPED_ITEM, text)
    return (str(int(m.group("item"))), m.end()) if m else (None, 0)


def split_typed_label(text: str) -> tuple[str | None, int]:
    """The label typed at the start of a paragraph ("66.<tab>…" -> ("66", 4)), or (None, 0)."""
    label, end = typed_label(text)
    return (label.text, end) if label is not None else (None, 0)
