"""Property tests of the project loader: generated projects survive save -> load; arbitrary bytes,
arbitrary JSON and mutated valid project files give a well-formed Project or a ProjectError, never
another exception, and the file is left exactly as it was."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.amendments import Amendment, Kind, Option, Status
from app.errors import ProjectError
from app.merge import ReportLine
from app.project import FORMAT, Project, load_project, save_project
from app.proposals import Credit, Decision, Proposal, ProposalKind
from app.review_file import StoredInput, StoredProposal, StoredReview
from app.segments import Op, Segment
from app.values import xml_text
from tests.fuzz.profiles import scaled
from tests.fuzz.strategies import TEXT

# Text a project can hold: what XML 1.0 can (app.values.xml_text; a project's text is cleaned of the rest when it is
# read, as everything the app takes in is, so no amendment ever carries it).
JSON_TEXT = TEXT.map(lambda t: xml_text(t)[0])
SAFE = st.characters(blacklist_categories=("Cs", "Cc"))  # ids and groups: no controls either
LABEL = st.sampled_from(["1", "66", "83 bis", "66 (a)", "100 ter", "9999"])
DATES = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0))
SEGMENTS = st.lists(st.builds(Segment, st.sampled_from(list(Op)), JSON_TEXT), min_size=0, max_size=5)


@st.composite
def amendments(draw: st.DrawFn) -> Amendment:
    kind = draw(st.sampled_from(list(Kind)))
    options = draw(st.lists(st.builds(Option, st.sampled_from(["A", "B", "C"]), SEGMENTS), min_size=1, max_size=3))
    return Amendment(
        kind=kind, target=draw(LABEL), options=options, anchor_text=draw(JSON_TEXT),
        new_label=draw(st.none() | LABEL), rationale=draw(JSON_TEXT), author=draw(JSON_TEXT),
        organisation=draw(JSON_TEXT), status=draw(st.sampled_from(list(Status))),
        chosen=draw(st.integers(min_value=0, max_value=len(options) - 1)),
        group=draw(st.none() | st.text(SAFE, max_size=8)),
        id=draw(st.text(SAFE, min_size=1, max_size=12)), created=draw(DATES),
    )


@st.composite
def reviews(draw: st.DrawFn) -> StoredReview:
    proposals = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        text = draw(JSON_TEXT)
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=len(text)))
        credits = [Credit(draw(JSON_TEXT), draw(JSON_TEXT), draw(JSON_TEXT), draw(JSON_TEXT))]
        proposal = Proposal(f"p{i}", draw(st.sampled_from(list(ProposalKind))), draw(st.integers(0, 50)), credits,
                            start, end, draw(JSON_TEXT), label=draw(st.none() | LABEL),
                            decision=draw(st.sampled_from(list(Decision))), order=draw(st.integers(0, 9)))
        proposals.append(StoredProposal(proposal, draw(st.none() | LABEL), text))
    lines = [ReportLine(draw(JSON_TEXT), draw(JSON_TEXT), draw(st.none() | LABEL), "insert", "not applied",
                        draw(JSON_TEXT), draw(JSON_TEXT)) for _ in range(draw(st.integers(0, 2)))]
    inputs = [StoredInput(draw(JSON_TEXT), draw(JSON_TEXT), draw(JSON_TEXT)) for _ in range(draw(st.integers(0, 3)))]
    return StoredReview(draw(DATES), inputs, draw(st.booleans()), proposals, lines)


PROJECTS = st.builds(
    Project, draft_path=JSON_TEXT, draft_sha256=st.text("0123456789abcdef", max_size=64),
    amendments=st.lists(amendments(), max_size=4), author=JSON_TEXT, organisation=JSON_TEXT, title=JSON_TEXT,
    review=st.none() | reviews(),
)


@contextmanager
def project_file(content: bytes) -> Iterator[Path]:
    """A project file holding `content`, in a temporary folder outside tmp_path (one per example)."""
    with tempfile.TemporaryDirectory(prefix="redline-project-") as folder:
        path = Path(folder) / "p.redline.json"
        path.write_bytes(content)
        yield path


def snapshot(project: Project) -> tuple[Any, ...]:
    rows = [(a.id, a.kind, a.target, a.new_label, a.anchor_text, [(o.name, o.segments) for o in a.options],
             a.chosen, a.rationale, a.author, a.organisation, a.status, a.group, a.created)
            for a in project.amendments]
    return (project.draft_path, project.draft_sha256, project.author, project.organisation, project.title, rows,
            project.review)


@scaled(100)
@given(PROJECTS)
def test_generated_projects_survive_save_and_load(project: Project) -> None:
    with project_file(b"") as path:
        save_project(project, path)
        again = load_project(path)
    assert snapshot(again) == snapshot(project)


def assert_well_formed(project: Project) -> None:
    """What a loaded project promises the rest of the app: the declared types, a chosen option that exists."""
    assert isinstance(project.draft_path, str) and isinstance(project.draft_sha256, str)
    assert all(isinstance(x, str) for x in (project.author, project.organisation, project.title))
    for a in project.amendments:
        assert isinstance(a.kind, Kind) and isinstance(a.status, Status) and isinstance(a.created, datetime)
        assert all(isinstance(x, str) for x in (a.id, a.target, a.anchor_text, a.rationale, a.author, a.organisation))
        assert a.new_label is None or isinstance(a.new_label, str)
        assert a.group is None or isinstance(a.group, str)
        assert a.options and all(isinstance(o.name, str) for o in a.options)
        assert all(isinstance(s.op, Op) and isinstance(s.text, str) for o in a.options for s in o.segments)
        assert isinstance(a.chosen, int)
        a.option  # noqa: B018  (must not raise)
    if project.review is not None:
        assert isinstance(project.review.date, datetime)


def load_or_refuse(content: bytes) -> None:
    """Load `content` as a project: a well-formed Project or a ProjectError, the file unchanged either way."""
    with project_file(content) as path:
        before = path.stat()
        try:
            project = load_project(path)
        except ProjectError as exc:
            assert "\n" not in str(exc)
            project = None
        after = path.stat()
        assert path.read_bytes() == content
        assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
        if project is not None:
            assert_well_formed(project)
            save_project(project, path)  # what loads can be saved again, and loads the same
            assert snapshot(load_project(path)) == snapshot(project)


@scaled(150)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_are_refused(content: bytes) -> None:
    load_or_refuse(content)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=20,
)


@scaled(150)
@given(JSON_VALUES)
def test_arbitrary_json_loads_or_is_refused(value: Any) -> None:
    load_or_refuse(json.dumps(value).encode())
    load_or_refuse(json.dumps({"format": FORMAT, "schema_version": 1, "draft": value}).encode())


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*here, i))


ODD = st.one_of(
    JSON_VALUES, st.sampled_from([None, -1, 0, 2**64, 1e308, float("inf"), float("nan"), "", [], {}, "x" * 10000,
                                  "2025-13-45", "zz", True, [[]], {"": None}, "9" * 5000]),
)


@st.composite
def mutated_projects(draw: st.DrawFn) -> bytes:
    """A valid saved project (with or without a review) with values deleted, replaced or retyped, or its text cut."""
    project = draw(PROJECTS.filter(lambda p: bool(p.amendments or p.review)))
    with project_file(b"") as path:
        save_project(project, path)
        data = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        where = draw(st.sampled_from(paths))
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["delete", "replace", "replace", "wrap"]))
        if action == "delete":
            del parent[where[-1]]
        elif action == "replace":
            parent[where[-1]] = draw(ODD)
        else:
            parent[where[-1]] = [copy.deepcopy(parent[where[-1]])]
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    choice = draw(st.sampled_from(["whole", "whole", "cut", "nested", "big number"]))
    if choice == "cut":
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif choice == "nested":
        text = text[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    elif choice == "big number":
        text = text[:-1] + ', "n": ' + "9" * 10_000 + "}"
    return text.encode("utf-8", "surrogatepass")


@scaled(100)
@given(mutated_projects())
def test_mutated_project_files_load_or_are_refused(content: bytes) -> None:
    load_or_refuse(content)


def test_a_number_past_the_digit_limit_is_refused() -> None:
    """Found by test_mutated_project_files_load_or_are_refused: json.loads raised a bare ValueError."""
    content = b'{"format": "%s", "schema_version": 1, "draft": {"path": "d.docx"}, "n": %s}' % (
        FORMAT.encode(), b"9" * 10_000)
    with project_file(content) as path:
        try:
            load_project(path)
        except ProjectError as exc:
            assert "number too long" in str(exc)
        else:
            raise AssertionError("a 10,000-digit number was accepted")
        assert path.read_bytes() == content
