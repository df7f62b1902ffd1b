"""Shared test set-up: headless Qt, paths to ../shared, and one LibreOffice for the whole session."""

import os

# Before anything imports Qt: no display is needed (set QT_QPA_PLATFORM=xcb under xvfb-run for real windows).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `tests.…` imports whatever pytest's import mode
    sys.path.insert(0, str(REPO_ROOT))

import tests.fuzz.profiles  # noqa: E402, F401  (Hypothesis' default profile, before any test module)
from tests.interop.libreoffice import LibreOffice, LibreOfficeError, missing_requirements  # noqa: E402
from tests.structure import problems  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers the suite uses."""
    config.addinivalue_line("markers", "own_structure_check: the test leaves damaged .docx files on purpose, or "
                                       "checks the structure of what it writes itself (against its input)")


@pytest.fixture(autouse=True)
def written_docx_are_sound(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test that used tmp_path, every .docx left there passes the structural check."""
    checked = "tmp_path" in request.fixturenames and not request.node.get_closest_marker("own_structure_check")
    folder: Path | None = request.getfixturevalue("tmp_path") if checked else None
    yield
    if folder is None:
        return
    found = [f"{path.name}: {p}" for path in sorted(folder.rglob("*.docx")) for p in problems(path)]
    if found:
        pytest.fail("written .docx fails the structural check:\n" + "\n".join(found[:20]), pytrace=False)


def ci_strict() -> bool:
    """True when CI is set (not "", "false" or "0"): missing tools then fail tests instead of skipping."""
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared material beside the repository (../shared: fixtures, tools, notes)."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.fail(f"shared material not found at {path} (expected beside the repository)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def fixtures_dir(shared_dir: Path) -> Path:
    """../shared/fixtures: redlines/ (real .docx files from other programs, MANIFEST.tsv) and un/."""
    path = shared_dir / "fixtures"
    if not path.is_dir():
        pytest.fail(f"test fixtures not found at {path}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def libreoffice(shared_dir: Path) -> Iterator[LibreOffice]:
    """One headless LibreOffice for the session: `.inspect(path)` and `.author(base, edits, out)`.

    Skips when soffice or python3-uno is missing, but fails then when CI is set (see ci_strict)."""
    problems = missing_requirements(shared_dir / "tools")
    if problems:
        reason = "LibreOffice unavailable: " + "; ".join(problems) + " (scripts/bootstrap.sh installs it)"
        if ci_strict():
            pytest.fail(reason + " [CI is set, so this fails instead of skipping]", pytrace=False)
        pytest.skip(reason)
    office = LibreOffice(shared_dir / "tools")
    try:
        office.start()
    except LibreOfficeError as e:
        office.close()
        pytest.fail(str(e), pytrace=False)
    try:
        yield office
    finally:
        office.close()
