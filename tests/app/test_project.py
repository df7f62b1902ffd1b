"""Project files: JSON save/load, refusal of damaged or newer files, and re-anchoring."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.amendments import Kind, Status, delete, insert_after, merge_paragraphs, modify
from app.errors import ProjectError
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.project import SCHEMA_VERSION, Project, load_project, reanchor, save_project
from app.segments import Op, original_text, proposed_text

B66 = ("We invite the Secretary-General, within existing mandates and resources, to consider the establishment "
       "of a task force and to report on its outcomes to the 81st session of the General Assembly.")
B83 = "We note the work on artificial intelligence carried out within the United Nations system."
B88 = ("We reaffirm the description of Internet governance in the Tunis Agenda for the Information Society, "
       "as the development and application by governments, the private sector and civil society.")
B100 = "We decide that the Internet Governance Forum shall be made a permanent forum of the United Nations."
B103 = "We call for the strengthening of the Secretariat of the Internet Governance Forum."


def para(label: str, body: str, i: int) -> Paragraph:
    prefix = f"{label}.\t"
    return Paragraph(index=i, anchor=i, text=prefix + body, kind=ParaKind.PARAGRAPH, label=label,
                     body_start=len(prefix))


def draft(items: list[tuple[str, str]]) -> Draft:
    return Draft([para(label, body, i) for i, (label, body) in enumerate(items)])


def rev2() -> Draft:
    return draft([("65", "We recognize financing needs."), ("66", B66), ("83", B83), ("88", B88),
                  ("100", B100), ("103", B103)])


def full_project() -> Project:
    d = rev2()
    m = modify(d, "66", B66.replace("81st session of the General Assembly", "29th session of the CSTD"),
               author="Ana", organisation="IMSB", rationale="Reporting line — CSTD « ok » 中文")
    m.add_option(B66.replace("to consider the establishment of", "to establish"))
    m.chosen = 1
    m.status = Status.FINAL
    ins = insert_after(d, "83", "We recognise the WSIS work on AI.", author="Ana")
    dele = delete(d, "88", organisation="IMSB")
    dele.status = Status.WITHDRAWN
    merged = merge_paragraphs(d, "100", "103")
    return Project("drafts/rev2.docx", "ab" * 32, [m, ins, dele, *merged], author="Ana",
                   organisation="IMSB", title="IMSB on Rev 2")


def snapshot(project: Project) -> list[tuple[object, ...]]:
    return [
        (a.id, a.kind, a.target, a.new_label, a.anchor_text, [(o.name, o.segments) for o in a.options], a.chosen,
         a.rationale, a.author, a.organisation, a.status, a.group, a.created)
        for a in project.amendments
    ]


def test_save_load_round_trip(tmp_path: Path) -> None:
    project = full_project()
    path = tmp_path / "imsb.rdproj"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded.draft_path == project.draft_path
    assert loaded.draft_sha256 == project.draft_sha256
    assert loaded.author == "Ana" and loaded.organisation == "IMSB" and loaded.title == "IMSB on Rev 2"
    assert snapshot(loaded) == snapshot(project)
    assert loaded.amendments[0].option.name == "B"
    assert loaded.amendments[0].created.tzinfo is not None


def test_saved_file_is_versioned_utf8_json(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    save_project(full_project(), path)
    data = json.loads(path.read_bytes().decode("utf-8"))
    assert data["format"] == "redline-desk-project"
    assert data["schema_version"] == 1  # no review: still schema 1, readable by older versions
    assert SCHEMA_VERSION == 3
    assert "review" not in data
    assert "中文" in path.read_text(encoding="utf-8")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    save_project(full_project(), path)
    save_project(Project("x.docx", "", []), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]
    assert load_project(path).amendments == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    save_project(full_project(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer"):
        load_project(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        '{"format": "redline-desk-project", "schema_version": 1, "draft": ',
        "not json at all",
        "",
        '["a list"]',
        '{"format": "something-else", "schema_version": 1}',
        '{"format": "redline-desk-project", "schema_version": "1", "draft": {"path": "x"}}',
        '{"format": "redline-desk-project", "schema_version": 1}',
        '{"format": "redline-desk-project", "schema_version": 1, "draft": {"path": "x"}, '
        '"amendments": [{"id": "1", "kind": "bogus"}]}',
        '{"format": "redline-desk-project", "schema_version": 1, "draft": {"path": "x"}, '
        '"amendments": [{"id": "1", "kind": "modify", "target": "66", "anchor_text": "a", "options": [], '
        '"created": "2025-12-09T00:00:00+00:00"}]}',
        '{"format": "redline-desk-project", "schema_version": 1, "draft": {"path": "x"}, '
        '"amendments": [{"id": "1", "kind": "modify", "target": "66", "anchor_text": "a", '
        '"options": [{"name": "A", "segments": [["equal"]]}], "created": "2025-12-09T00:00:00+00:00"}]}',
    ],
)
def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path, content: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_invalid_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b'{"format": "\xff\xfe"}')
    with pytest.raises(ProjectError):
        load_project(path)
    assert path.read_bytes() == b'{"format": "\xff\xfe"}'


def test_missing_file_is_a_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such"):
        load_project(tmp_path / "absent.json")


# ---------------------------------------------------------------------------------------------
# Re-anchoring


def renumbered(extra_change: dict[str, str] | None = None) -> Draft:
    """Rev 3: a paragraph inserted before 66, so every later number is one higher."""
    extra_change = extra_change or {}
    items = [("65", "We recognize financing needs."), ("66", "We welcome new financing pledges by donors."),
             ("67", extra_change.get("66", B66)), ("84", B83), ("89", B88), ("101", B100), ("104", B103)]
    return draft(items)


def test_amendment_follows_its_paragraph_to_the_new_number() -> None:
    a = modify(rev2(), "66", B66.replace("81st", "82nd"))
    segments = list(a.option.segments)
    placements = reanchor(Project("rev2.docx", "", [a]), renumbered())
    (p,) = placements
    assert p.old_label == "66" and p.new_label == "67"
    assert "moved" in p.how
    assert a.target == "67"
    assert a.anchor_text == B66
    assert a.option.segments == segments


def test_same_label_same_text_is_kept() -> None:
    a = modify(rev2(), "83", B83 + " Indeed.")
    d = rev2()
    (p,) = reanchor(Project("rev2.docx", "", [a]), d)
    assert (p.old_label, p.new_label, p.how) == ("83", "83", "same text")


def test_edit_is_rebased_on_slightly_changed_text() -> None:
    a = modify(rev2(), "66", B66.replace("81st session of the General Assembly", "29th session of the CSTD"))
    changed = B66.replace("within existing mandates and resources", "within existing mandates and resources "
                          "and in coordination with WSIS action line facilitators")
    d = renumbered({"66": changed})
    (p,) = reanchor(Project("rev2.docx", "", [a]), d)
    assert p.new_label == "67"
    assert "text changed" in p.how
    assert a.target == "67"
    assert a.anchor_text == changed
    assert original_text(a.option.segments) == changed
    assert proposed_text(a.option.segments) == changed.replace("81st session of the General Assembly",
                                                               "29th session of the CSTD")


def test_deletion_is_carried_onto_changed_text() -> None:
    a = delete(rev2(), "66")
    changed = B66.replace("task force", "dedicated task force")
    (p,) = reanchor(Project("rev2.docx", "", [a]), renumbered({"66": changed}))
    assert p.new_label == "67"
    assert a.kind is Kind.DELETE
    assert [(s.op, s.text) for s in a.option.segments] == [(Op.DELETE, changed)]


def test_paragraph_that_no_longer_exists_is_unplaced() -> None:
    a = modify(rev2(), "88", B88.replace("description", "working definition"))
    d = draft([("65", "We recognize financing needs."), ("66", B66), ("83", B83), ("100", B100)])
    (p,) = reanchor(Project("rev2.docx", "", [a]), d)
    assert p.new_label is None
    assert p.old_label == "88"
    # The amendment is left as it was.
    assert a.target == "88" and a.anchor_text == B88


def test_struck_text_gone_from_changed_paragraph_is_unplaced() -> None:
    a = modify(rev2(), "66", B66.replace("81st session of the General Assembly", "29th session of the CSTD"))
    changed = B66.replace("81st session", "eighty-first session")
    (p,) = reanchor(Project("rev2.docx", "", [a]), renumbered({"66": changed}))
    assert p.new_label is None
    assert "81st" in p.how
    assert a.target == "66" and a.anchor_text == B66


def test_insert_moves_with_its_anchor_paragraph() -> None:
    a = insert_after(rev2(), "83", "We recognise the WSIS work on AI.")
    (p,) = reanchor(Project("rev2.docx", "", [a]), renumbered())
    assert (p.old_label, p.new_label) == ("83 bis", "84 bis")  # the new paragraph takes the new numbering
    assert a.target == "84" and a.label == "84 bis"
    assert a.option.proposed == "We recognise the WSIS work on AI."


def test_reanchor_after_save_and_load(tmp_path: Path) -> None:
    a = modify(rev2(), "100", B100.replace("permanent", "standing"))
    path = tmp_path / "p.json"
    save_project(Project("rev2.docx", "", [a]), path)
    loaded = load_project(path)
    (p,) = reanchor(loaded, renumbered())
    assert p.new_label == "101"
    assert loaded.amendments[0].option.proposed == B100.replace("permanent", "standing")


def test_created_is_a_utc_datetime() -> None:
    a = modify(rev2(), "66", B66 + " x")
    assert isinstance(a.created, datetime) and a.created.utcoffset() == UTC.utcoffset(None)


def test_exact_text_elsewhere_beats_a_similar_paragraph_under_the_old_label() -> None:
    """UN drafts repeat formulas: after renumbering, the old label may hold a different but similar
    paragraph while the amended paragraph, unchanged, moved on by one. The amendment must follow its text."""
    old_body = ("We request the Secretary-General to report on the implementation of the present resolution to "
                "the General Assembly at its eighty-first session.")
    newcomer = ("We request the Secretary-General to report on the financing of the present resolution to "
                "the General Assembly at its eighty-second session.")
    old = draft([("65", "We recognize financing needs."), ("66", old_body), ("67", "We decide to remain seized.")])
    a = modify(old, "66", old_body.replace("Secretary-General", "President of the General Assembly"))
    new = draft([("65", "We recognize financing needs."), ("66", newcomer), ("67", old_body),
                 ("68", "We decide to remain seized.")])
    (p,) = reanchor(Project("rev2.docx", "", [a]), new)
    assert p.new_label == "67", p.how
    assert a.target == "67"
    assert original_text(a.option.segments) == old_body


def test_an_either_or_set_across_paragraphs_and_statuses_survive_the_project_file(tmp_path: Path) -> None:
    from app.amendments import link_alternatives

    d = rev2()
    new = insert_after(d, "83", "We recognise the work done within the WSIS framework.", organisation="IMSB")
    edit = modify(d, "88", B88.replace("description", "working definition"), organisation="IMSB",
                  rationale="The Tunis Agenda's words.")
    edit.options[0].name = "B"
    link_alternatives([new, edit])
    edit.status = Status.FINAL
    path = tmp_path / "p.json"
    save_project(Project("d.docx", "x", [new, edit]), path)
    loaded = load_project(path)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1  # older apps ignore the new key
    a, b = loaded.amendments
    assert a.alternatives == b.alternatives == new.alternatives is not None
    assert ([o.name for o in a.options], [o.name for o in b.options]) == (["A"], ["B"])
    assert (a.status, b.status, b.rationale) == (Status.DRAFT, Status.FINAL, "The Tunis Agenda's words.")
    assert [p.new_label for p in reanchor(loaded, d)] == ["83 bis", "88"]


def test_a_project_with_a_damaged_either_or_id_is_refused(tmp_path: Path) -> None:
    d = rev2()
    path = tmp_path / "p.json"
    save_project(Project("d.docx", "x", [modify(d, "66", B66 + " Now.")]), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["amendments"][0]["alternatives"] = 7
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError, match="'alternatives' is not text"):
        load_project(path)
