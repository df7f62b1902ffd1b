"""resources.build.rev2_excerpt: reading Rev 2 out of the seed's redlines."""

from __future__ import annotations

from resources.build.rev2_excerpt import EXCERPT, SEED_REDLINES, rev2_text, sentences, struck_texts


def test_struck_text_stays_and_insertions_go() -> None:
    redline = "We ~~reaffirm~~**recognize** that it **covers both and** must, **with x** as the micro -, end."
    assert rev2_text(redline) == "We reaffirm that it must, as the micro-, end."
    assert struck_texts(redline) == ["reaffirm"]
    assert rev2_text("existing mechanisms, **including the Forum**, to support") == "existing mechanisms to support"


def test_seed_paragraphs_read_literally() -> None:
    assert "~~" not in "".join(rev2_text(r) for r in SEED_REDLINES.values())
    assert rev2_text(SEED_REDLINES["66"]).endswith(
        "to report on its outcomes to the 81st session of the General Assembly 29th session of the "
        "Commission on Science and Technology for Development in 2026.")
    assert rev2_text(SEED_REDLINES["88"]).startswith(
        "We reaffirm the description of Internet governance in the Tunis Agenda for the Information Society, "
        "as the")
    assert rev2_text(SEED_REDLINES["100"]).endswith("a permanent forum of the United Nations,")
    assert struck_texts(SEED_REDLINES["103"])[0].startswith("call for the strengthening of the Secretariat")


def test_excerpt_numbers_rise_and_every_seed_paragraph_is_in() -> None:
    labels = [int(item.text_or_label) for item in EXCERPT if item.kind == "paragraph"]
    assert labels == sorted(labels) and len(set(labels)) == len(labels)
    assert 83 in labels and 15 <= len(labels) <= 25
    seeded = {item.text_or_label for item in EXCERPT if item.kind == "paragraph" and item.l41 is None}
    assert seeded == set(SEED_REDLINES)


def test_sentences() -> None:
    assert sentences("We note A. We also welcome B. C.") == ["We note A.", "We also welcome B.", "C."]
