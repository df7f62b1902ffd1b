"""Reconstruct an excerpt of Rev 2 (3 December 2025) of the WSIS+20 outcome document.

Rev 2 itself is not available. The IMSB's reflections on it (seeds/001_c9015fc52ae93abe.txt,
9 December 2025) quote paragraphs 66, 84, 88, 89, 100 and 103 as redlines: `~~struck~~` text is
Rev 2's, `**bold**` text is the IMSB's insertion. Rev 2's text of those paragraphs is the redline
with the struck text kept and the insertions removed (with their commas when, as in 84, they sit
between two), whitespace normalised and "micro -," read as "micro-,"; otherwise literal, oddities
included (66: "to establish consider the establishment of"; its "29th session of the Commission …"
is not bold in the seed, so it stays; 100 ends at the comma where the insertion began).

Neighbouring paragraphs come from A/80/L.41 under Rev 2 numbers, inferred as follows.
The seed places Rev 2's 66 (task force) at L.41's 67, 84 (AI capacity-building) at L.41's 85,
"para 91" (fragmentation) at L.41's 90, 98 (IGF intersessional work) at L.41's 97 and
100 (permanent IGF) at L.41's 99, while 88 and 103 keep their numbers. So:

  Rev 2  <- L.41                          Rev 2  <- L.41
  64     <- 65                            89     <- seed (successor: L.41 91)
  65     <- 66                            90     <- 89
  66     <- seed (successor: L.41 67)     91     <- 90
  82     <- 83                            98     <- 97
  83     <- 84                            99     <- 98
  84     <- seed (successor: L.41 85)     100    <- seed (successor: L.41 99)
  85     <- 86                            101    <- 100
  86     <- 87, first sentence            102    <- 101  (L.41 102 taken as new in L.41)
  87     <- 87, second sentence           103    <- seed (successor: L.41 103)
  88     <- seed (successor: L.41 88)     104    <- 104

(L.41's 87 reads as the merger of two Rev 2 paragraphs, Scientific Panel and Global Dialogue.)
Headings are L.41's section names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resources.build.l41_text import L41Text, fix_spaced_hyphens, normalise_space

# The seed's redlines, verbatim (page-break blank line of 84 dropped).
SEED_REDLINES: dict[str, str] = {
    "66": (
        "We invite the Secretary-General, within existing mandates and resources and in coordination with "
        "WSIS action lines facilitators and other relevant United Nations entities, ~~to establish consider "
        "the establishment of~~ a task force to examine future financial mechanisms for digital development, "
        "building on and complementing ongoing financing initiatives and mechanisms and involving all "
        "stakeholders, including multilateral financial institutions and other development partners, and to "
        "report on its outcomes to the ~~81st session of the General Assembly~~ 29th session of the "
        "Commission on Science and Technology for Development in 2026."
    ),
    "84": (
        "We encourage the development of international partnerships on artificial intelligence "
        "capacity-building to develop education and training programmes, increase access to resources "
        "including open artificial intelligence models and systems, open training data and compute, "
        "facilitate artificial intelligence model training and development, and promote the\n"
        "participation of micro -, small and medium-sized enterprises in the digital economy. We will "
        "leverage existing United Nations and multi-stakeholder mechanisms, **including the Internet "
        "Governance Forum and the WSIS Forum**, to support artificial intelligence capacity building to "
        "bridge artificial intelligence divides, facilitate access to artificial intelligence applications "
        "and build capacity in high-performance computing and related skills in developing countries."
    ),
    "88": (
        "We reaffirm the ~~description~~**working definition** of Internet governance in the Tunis Agenda "
        "for the Information Society, **with a working definition** as the development and application by "
        "governments, the private sector and civil society, in their respective roles, of shared principles, "
        "norms, rules, decision-making procedures, and programmes that shape the evolution and use of the "
        "Internet."
    ),
    "89": (
        "We ~~reaffirm~~**recognize** that Internet governance **encompasses both technical and public "
        "policy issues and** must continue to be global and multistakeholder in nature with the full "
        "involvement of governments, the private sector, civil society, technical and academic communities, "
        "international organisations, and all other relevant stakeholders in accordance with their "
        "respective roles and responsibilities."
    ),
    "100": (
        "We decide that the Internet Governance Forum shall be made a permanent forum of the United Nations, "
        "**maintaining the current arrangement under which the United Nations Department of Economic and "
        "Social Affairs provides its Secretariat. We call for the strengthening of this Secretariat, on a "
        "stable and sustainable basis and in accordance with United Nations budgetary procedures, to enable "
        "it to continue its development, implement further improvements and support the work of National "
        "and Regional Internet Governance Forums and Internet Governance Forum intersessional activities.**"
    ),
    "103": (
        "We ~~call for the strengthening of the Secretariat of the Internet Governance Forum, to enable it "
        "to continue its development, implement further improvements and support the work of National and "
        "Regional Internet Governance Forums and intersessional activities, and~~ invite the "
        "Secretary-General to submit a proposal to the General Assembly during its eightieth session to "
        "ensure stable and sustainable funding for the Forum, combining a mix of core UN funding and "
        "voluntary contributions."
    ),
}

_INSERTED = re.compile(r"\*\*(.*?)\*\*", re.S)
_STRUCK = re.compile(r"~~(.*?)~~", re.S)
_PARENTHETICAL = re.compile(r",\s*\*\*[^*]*?\*\*\s*,")


@dataclass(frozen=True)
class ExcerptItem:
    """A heading, or a Rev 2 paragraph with where its text comes from."""

    kind: str  # "subheading" or "paragraph"
    text_or_label: str  # heading text, or Rev 2 label
    l41: str | None = None  # L.41 label the text is taken from (None: from the seed)
    sentences: slice | None = None  # part of the L.41 paragraph, by sentence


EXCERPT: tuple[ExcerptItem, ...] = (
    ExcerptItem("subheading", "Financial mechanisms"),
    ExcerptItem("paragraph", "64", "65"),
    ExcerptItem("paragraph", "65", "66"),
    ExcerptItem("paragraph", "66"),
    ExcerptItem("subheading", "Data governance"),
    ExcerptItem("paragraph", "82", "83"),
    ExcerptItem("subheading", "Artificial intelligence"),
    ExcerptItem("paragraph", "83", "84"),
    ExcerptItem("paragraph", "84"),
    ExcerptItem("paragraph", "85", "86"),
    ExcerptItem("paragraph", "86", "87", slice(0, 1)),
    ExcerptItem("paragraph", "87", "87", slice(1, None)),
    ExcerptItem("subheading", "Internet governance"),
    ExcerptItem("paragraph", "88"),
    ExcerptItem("paragraph", "89"),
    ExcerptItem("paragraph", "90", "89"),
    ExcerptItem("paragraph", "91", "90"),
    ExcerptItem("paragraph", "98", "97"),
    ExcerptItem("paragraph", "99", "98"),
    ExcerptItem("paragraph", "100"),
    ExcerptItem("paragraph", "101", "100"),
    ExcerptItem("paragraph", "102", "101"),
    ExcerptItem("paragraph", "103"),
    ExcerptItem("subheading", "Development of the World Summit on the Information Society framework"),
    ExcerptItem("paragraph", "104", "104"),
)


def rev2_text(redline: str) -> str:
    """Rev 2's text of a seed redline: insertions dropped, struck text kept, whitespace normalised.

    An insertion between two commas (", **including …**,") is a parenthetical: its commas go with it.
    """
    text = _PARENTHETICAL.sub(" ", redline)
    text = _STRUCK.sub(r"\1", _INSERTED.sub(" ", text))
    return fix_spaced_hyphens(normalise_space(re.sub(r"\s+([,.;:])", r"\1", text)))


def struck_texts(redline: str) -> list[str]:
    """The struck (Rev 2) passages of a seed redline, whitespace normalised."""
    return [normalise_space(m.group(1)) for m in _STRUCK.finditer(redline)]


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (". " followed by a capital)."""
    return re.split(r"(?<=\.) (?=[A-Z])", text)


def excerpt(l41: L41Text) -> list[tuple[str, str | None, str]]:
    """The excerpt's blocks in order as (kind, label, text)."""
    by_label = {b.label: b for b in l41.blocks if b.kind == "paragraph"}
    headings = {b.text for b in l41.blocks if b.kind == "subheading"}
    out: list[tuple[str, str | None, str]] = []
    for item in EXCERPT:
        if item.kind == "subheading":
            if item.text_or_label not in headings:
                raise ValueError(f"heading {item.text_or_label!r} is not in A/80/L.41")
            out.append(("subheading", None, item.text_or_label))
        elif item.l41 is None:
            out.append(("paragraph", item.text_or_label, rev2_text(SEED_REDLINES[item.text_or_label])))
        else:
            source = by_label[item.l41]
            if "\ue000" in source.marked:
                raise ValueError(f"L.41 paragraph {item.l41} has a footnote; the excerpt takes none")
            text = source.text
            if item.sentences is not None:
                text = " ".join(sentences(text)[item.sentences])
            out.append(("paragraph", item.text_or_label, text))
    return out
