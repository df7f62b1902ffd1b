"""`redline-desk review`: the three-author merge (G77, EU, US) decided from the command line, by options and by
a decisions file, listed with stable ids, and refused whole (one line per bad decision) when a decision is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT
from app.wiring.cli import main
from docx_io.comments import read_comments
from docx_io.package import read_package
from tests.widgets.merge_helpers import GA, US_NEW_PARAGRAPH, clean_text, tracked_changes, write_three_redlines

DATE = "2025-12-10T09:00:00Z"


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    paths = write_three_redlines(tmp_path)
    return [str(paths[a]) for a in ("G77", "EU", "US")]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def review(capsys: pytest.CaptureFixture[str], inputs: list[str], *args: str | Path) -> tuple[int, str, str]:
    return run(capsys, "review", REV2_EXCERPT, *inputs, "--date", DATE, *args)


def test_list_prints_one_line_per_proposal_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                               inputs: list[str], tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    code, out, _ = review(capsys, inputs, "--list")
    assert code == 0 and sorted(tmp_path.iterdir()) == before
    rows = [line.split("\t") for line in out.splitlines()]
    assert [r[0] for r in rows] == ["66-1", "66-2", "66-3", "83-1", "88-1", "89-1"]
    by_id = {r[0]: r for r in rows}
    assert by_id["66-1"] == ["66-1", "66", "G77", "modify", "pending; collides with 66-2 66-3",
                             f"~~{GA}~~ **Commission**"]
    assert by_id["83-1"][1:5] == ["83 bis", "US", "insert paragraph", "pending"]
    assert by_id["83-1"][5] == US_NEW_PARAGRAPH
    assert by_id["88-1"][2] in ("G77; EU", "EU; G77")
    # With decisions, the list shows them (a dry run).
    code, out, _ = review(capsys, inputs, "--list", "--pick", "66-1=US", "--reject", "EU")
    statuses = {line.split("\t")[0]: line.split("\t")[4] for line in out.splitlines()}
    assert statuses == {"66-1": "rejected", "66-2": "rejected", "66-3": "accepted", "83-1": "pending",
                        "88-1": "rejected", "89-1": "rejected"}


def test_accept_reject_and_pick_decide_what_the_full_form_writes(capsys: pytest.CaptureFixture[str],
                                                                  inputs: list[str], tmp_path: Path) -> None:
    out, report = tmp_path / "full.docx", tmp_path / "report.json"
    code, said, _ = review(capsys, inputs, "--accept", "G77", "--reject", "89", "--pick", "66-1=US",
                           "-o", out, "--report", report)
    assert code == 0 and said.strip() == f"{out}: 2 accepted, 1 pending, 3 rejected"
    changes = tracked_changes(out)
    inserted = {(who, text) for op, who, text in changes if op == "insert"}
    assert ("US", "high-level political forum on sustainable development") in inserted
    assert any(who == "US" and text.startswith("83 bis.") for who, text in inserted)  # pending: still proposed
    # G77's and the EU's para 66, EU's 89: gone; their shared 88 is tracked under G77, the EU's credit a comment
    assert {who for _, who, _ in changes} == {"US", "G77"}
    assert [(who, said) for who, said, _ in read_comments(read_package(out))] == [
        ("EU", "EU proposes the same change (tracked under G77).")]
    entries = json.loads(report.read_text(encoding="utf-8"))
    assert {(e["id"], e["author"], e["decision"]) for e in entries} == {
        ("66-3", "US", "accepted"), ("83-1", "US", "pending"), ("88-1", "G77", "accepted"),
        ("88-1", "EU", "accepted"),
        # rejected proposals stay in the report, saying so
        ("66-1", "G77", "rejected"), ("66-2", "EU", "rejected"), ("89-1", "EU", "rejected")}
    assert {e["status"] for e in entries if e["decision"] == "rejected"} == {"rejected"}
    # The pick settled the collision: the report says so.
    assert {e["status"] for e in entries if e["id"] == "66-3"} == {"applied"}


def test_a_decisions_file_does_what_the_options_do(capsys: pytest.CaptureFixture[str], inputs: list[str],
                                                   tmp_path: Path) -> None:
    options, lines, as_json = tmp_path / "options.docx", tmp_path / "lines.docx", tmp_path / "json.docx"
    review(capsys, inputs, "--accept", "EU", "--reject", "83 bis", "--reword", "66-2=the Board", "--form", "clean",
           "-o", options)
    (tmp_path / "d.txt").write_text("# the chair's text\naccept EU\nreject 83 bis\nreword 66-2=the Board\n",
                                    encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps(["accept EU", {"reject": "83 bis"},
                                                 {"reword": "66-2", "text": "the Board"}]), encoding="utf-8")
    assert review(capsys, inputs, "--decisions", tmp_path / "d.txt", "--form", "clean", "-o", lines)[0] == 0
    assert review(capsys, inputs, "--decisions", tmp_path / "d.json", "--form", "clean", "-o", as_json)[0] == 0
    texts = {label: clean_text(options, label) for label in ("66", "88", "89")}
    assert "to the the Board 29th session" in texts["66"] and GA not in texts["66"]
    assert "working definition" in texts["88"] and "shall remain global" in texts["89"]
    for other in (lines, as_json):
        assert {label: clean_text(other, label) for label in texts} == texts
        assert tracked_changes(other) == [] == tracked_changes(options)


def test_options_and_file_apply_in_the_order_given(capsys: pytest.CaptureFixture[str], inputs: list[str],
                                                   tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("reject 66-1\n", encoding="utf-8")
    code, out, _ = review(capsys, inputs, "--accept", "G77", "--decisions", tmp_path / "d.txt", "--list")
    assert code == 0 and "66-1\t66\tG77\tmodify\trejected" in out
    code, out, _ = review(capsys, inputs, "--decisions", tmp_path / "d.txt", "--accept", "G77", "--list")
    assert code == 0 and "66-1\t66\tG77\tmodify\taccepted" in out


def test_bad_decisions_are_one_line_each_and_nothing_is_written(capsys: pytest.CaptureFixture[str],
                                                                inputs: list[str], tmp_path: Path) -> None:
    out, report = tmp_path / "out.docx", tmp_path / "r.json"
    code, said, err = review(capsys, inputs, "--accept", "FR", "--pick", "66-1=UK", "--accept", "G77",
                             "--reject", "G77", "--reject", "12", "-o", out, "--report", report)
    assert code == 1 and said == ""
    lines = err.splitlines()
    assert lines == [
        "redline-desk: --accept: 'accept FR': 'FR' is no author, paragraph with proposals, or proposal id of this "
        "merge (authors: G77, EU, US; list the ids with --list)",
        "redline-desk: --pick: 'pick 66-1=UK': UK has no proposal in this collision (its authors: G77, EU, US)",
        "redline-desk: --reject: 'reject G77' conflicts with 'accept G77' (--accept): it rejects what that "
        "accepts; keep one",
        "redline-desk: --reject: 'reject 12': '12' is no author, paragraph with proposals, or proposal id of "
        "this merge (authors: G77, EU, US; list the ids with --list)",
        "redline-desk: error: 4 decision(s) cannot be made; nothing was written"]
    assert not out.exists() and not report.exists()
    (tmp_path / "d.txt").write_text("accept G77\nchoose 66-1\n", encoding="utf-8")
    code, _, err = review(capsys, inputs, "--decisions", tmp_path / "d.txt", "-o", out)
    assert code == 1 and err.splitlines()[0] == ("redline-desk: d.txt:2: unknown decision 'choose'; use one of "
                                                 "accept, reject, pick, combine, reword")
    assert not out.exists()


@pytest.mark.parametrize(("args", "message"), [
    ((), "name the output with -o OUT (or use --list"),
    (("--form", "compilation", "-o", "out.md"), "the compilation form is written as .docx"),
    (("--agreed-ad-ref", "-o", "out.docx"), "--agreed-ad-ref applies to --form compilation only"),
    (("--decisions", "missing.txt", "-o", "out.docx"), "missing.txt: cannot read the decisions file"),
])
def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], inputs: list[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = review(capsys, inputs, *args)
    assert code == 1 and len(err.splitlines()) == 1 and message in err
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.md").exists()


def test_the_output_may_not_be_the_decisions_file(capsys: pytest.CaptureFixture[str], inputs: list[str],
                                                  tmp_path: Path) -> None:
    same = tmp_path / "d.docx"  # a decisions file of lines, whatever its name
    same.write_text("accept G77\n", encoding="utf-8")
    code, _, err = review(capsys, inputs, "--decisions", same, "-o", same)
    assert code == 1 and "is an input file" in err and same.read_text(encoding="utf-8") == "accept G77\n"
    same.unlink()  # not a .docx: keep it from the written-files check
