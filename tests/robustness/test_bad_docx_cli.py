"""Hostile and damaged .docx files through the command line: show, apply and merge each refuse them
with exit 1 and one line on stderr, no traceback, no output file, under the ceilings of cli_run.py
(speed budget: bench/hostile.py)."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.robustness import hostile
from tests.robustness.cli_run import Run, run_cli

Builder = Callable[[Path], Path]

# name: (builder, words the one-line message must hold)
CASES: dict[str, tuple[Builder, tuple[str, ...]]] = {
    "not_a_zip": (hostile.not_a_zip, ("not a .docx", "save it from Word as .docx")),
    "truncated_zip": (hostile.truncated_zip, ("truncated or damaged zip",)),
    "damaged_central_directory": (hostile.damaged_central_directory, ("damaged zip package",)),
    "crc_error": (hostile.crc_error, ("damaged zip package", "CRC")),
    "no_document_part": (hostile.without_document, ("no main document part", "word/document.xml")),
    "malformed_xml": (hostile.malformed_xml, ("word/document.xml", "malformed XML")),
    "legacy_doc": (hostile.legacy_doc, ("Word 97-2003 .doc", "save it as .docx")),
    "password_protected": (hostile.encrypted_docx, ("password-protected",)),
    **{f"entities_{attack}": ((lambda p, a=attack: hostile.with_entities(p, a)), ("DOCTYPE", "word/document.xml"))
       for attack in hostile.ENTITY_ATTACKS},
    "entities_in_content_types": ((lambda p: hostile.with_entities(p, "billion_laughs", "[Content_Types].xml")),
                                  ("DOCTYPE", "[Content_Types].xml")),
    "entities_in_rels": ((lambda p: hostile.with_entities(p, "external_file", "_rels/.rels")),
                         ("DOCTYPE", "_rels/.rels")),
    "declared_huge_part": (hostile.declared_huge, ("zip bomb", "word/document.xml", "past the")),
    "declared_total": ((lambda p: hostile.declared_total(p, 3, 100 * 2**20)), ("zip bomb", "in all")),
    "actual_bomb_300mb_zeros": ((lambda p: hostile.real_bomb(p, 300 * 2**20)), ("zip bomb", "zeros.bin")),
    "actual_bomb_past_ratio": ((lambda p: hostile.real_bomb(p, 20 * 2**20)), ("zip bomb", "times")),
    "many_small_bombs": ((lambda p: hostile.many_small_bombs(p, 20, 9 * 2**20)), ("zip bomb", "times in all")),
    **{f"entry_name_{kind}": ((lambda p, n=name: hostile.unsafe_entry(p, n)), ("unsafe path",))
       for kind, name in hostile.UNSAFE_NAMES.items()},
}


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile file, built once for the module (the 300 MB bomb takes a moment to deflate)."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (build, _needles) in CASES.items():
        build(folder / f"{name}.docx")
    return folder


@pytest.fixture(scope="module")
def good_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound draft and an amendment to it."""
    folder = tmp_path_factory.mktemp("good")
    hostile.base_docx(folder / "draft.docx")
    (folder / "amendments.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _check_nothing_written(out_dir: Path, before: set[str]) -> None:
    assert _snapshot(out_dir) == before, _snapshot(out_dir) ^ before


@pytest.mark.parametrize("case", list(CASES))
def test_show_refuses(case: str, hostile_dir: Path) -> None:
    run_cli("show", hostile_dir / f"{case}.docx").refused(*CASES[case][1])


@pytest.mark.parametrize("case", list(CASES))
def test_apply_refuses_and_writes_nothing(case: str, hostile_dir: Path, good_dir: Path, tmp_path: Path) -> None:
    before = _snapshot(tmp_path)
    run = run_cli("apply", hostile_dir / f"{case}.docx", good_dir / "amendments.md", "-o", tmp_path / "out.docx",
                  "--author", "Tester")
    run.refused(*CASES[case][1])
    _check_nothing_written(tmp_path, before)


MERGE_CASES = ["not_a_zip", "crc_error", "legacy_doc", "password_protected", "entities_billion_laughs",
               "entities_external_file", "actual_bomb_300mb_zeros", "entry_name_dotdot"]


@pytest.mark.parametrize("case", MERGE_CASES)
def test_merge_refuses_a_hostile_draft_or_redline(case: str, hostile_dir: Path, good_dir: Path,
                                                  tmp_path: Path) -> None:
    before = _snapshot(tmp_path)
    bad = hostile_dir / f"{case}.docx"
    as_draft = run_cli("merge", bad, good_dir / "amendments.md", "-o", tmp_path / "out.docx")
    as_draft.refused(*CASES[case][1])
    as_input = run_cli("merge", good_dir / "draft.docx", bad, "-o", tmp_path / "out.docx")
    as_input.refused(*CASES[case][1])
    _check_nothing_written(tmp_path, before)


def test_compare_refuses_a_hostile_new_version(hostile_dir: Path, good_dir: Path, tmp_path: Path) -> None:
    run = run_cli("compare", good_dir / "draft.docx", hostile_dir / "entities_billion_laughs.docx",
                  "-o", tmp_path / "out.docx", "--author", "Tester")
    run.refused("DOCTYPE")
    assert not (tmp_path / "out.docx").exists()


PASSWD_MARKERS = ("root:", "/bin/", "nologin")


@pytest.mark.own_structure_check  # the hostile inputs are damaged on purpose
@pytest.mark.parametrize("command", ["show", "apply"])
def test_external_entities_are_never_read(command: str, good_dir: Path, tmp_path: Path) -> None:
    """Nothing of /etc/passwd shows anywhere, and a local server gets no connection."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(0.2)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/evil.xml"
        runs: list[Run] = []
        for attack in ("external_file", "external_http", "parameter_entity"):
            path = hostile.with_entities(tmp_path / f"{attack}.docx", attack, url=url)
            args: list[str | Path] = [command, path]
            if command == "apply":
                args += [good_dir / "amendments.md", "-o", tmp_path / f"{attack}-out.docx", "--author", "T"]
            runs.append(run_cli(*args))
        with pytest.raises(TimeoutError):
            server.accept()
    for run in runs:
        run.refused("DOCTYPE")
        assert not any(marker in run.stdout + run.stderr for marker in PASSWD_MARKERS)
    assert not list(tmp_path.glob("*-out.docx"))


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[None]:
    """The folders around tmp_path (and /tmp) gain no file while the test runs."""
    watched = [tmp_path.parent, tmp_path.parent.parent, Path("/tmp")]
    before = {folder: _snapshot(folder) for folder in watched}
    yield
    for folder in watched:
        assert "escaped.xml" not in _snapshot(folder) - before[folder]


@pytest.mark.own_structure_check  # the hostile inputs are damaged on purpose
@pytest.mark.parametrize("kind", list(hostile.UNSAFE_NAMES))
def test_unsafe_entry_names_are_never_written(kind: str, good_dir: Path, tmp_path: Path, outside: None) -> None:
    work = tmp_path / "work"
    work.mkdir()
    bad = hostile.unsafe_entry(tmp_path / "bad.docx", hostile.UNSAFE_NAMES[kind])
    run_cli("apply", bad, good_dir / "amendments.md", "-o", work / "out.docx", "--author", "T",
            cwd=work).refused("unsafe path")
    assert _snapshot(work) == set()
