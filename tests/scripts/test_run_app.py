"""scripts/run_app.sh and scripts/env_check.sh: the full bootstrap runs only when the environment changed.

Each test works on a temporary checkout: the real run_app.sh and env_check.sh copied into it, a fake
bootstrap.sh that logs its call and records the stamp as the real one does, a fake .venv whose python and
redline-desk are small shell scripts. The real .venv is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

FAKE_BOOTSTRAP = """#!/usr/bin/env bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo bootstrap >>"$ROOT/calls.log"
bash "$ROOT/scripts/env_check.sh" --record
"""
FAKE_APP = """#!/bin/sh
echo "app $*" >>"$(dirname "$0")/../../calls.log"
"""
# Fails (as a venv whose packages are gone would) when bin/broken exists.
FAKE_PYTHON = """#!/bin/sh
[ -e "$(dirname "$0")/broken" ] && { echo 'PySide6, docx' >&2; exit 1; }
exit 0
"""


@pytest.fixture()
def checkout(tmp_path: Path) -> Path:
    """A temporary checkout with the real run_app.sh and env_check.sh, a fake bootstrap and a fake venv."""
    root = tmp_path / "checkout"
    (root / "scripts").mkdir(parents=True)
    for name in ("run_app.sh", "env_check.sh"):
        shutil.copy(SCRIPTS / name, root / "scripts" / name)
    (root / "scripts" / "bootstrap.sh").write_text(FAKE_BOOTSTRAP, encoding="utf-8")
    (root / "requirements.lock").write_text("lxml==6.1.3\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "redline-desk"\n', encoding="utf-8")
    venv = root / ".venv"
    (venv / "lib" / "python3.11" / "site-packages").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.7\n", encoding="utf-8")
    for name, text in (("python", FAKE_PYTHON), ("redline-desk", FAKE_APP)):
        exe = venv / "bin" / name
        exe.parent.mkdir(exist_ok=True)
        exe.write_text(text, encoding="utf-8")
        exe.chmod(0o755)
    return root


def run_app(root: Path, *args: str) -> tuple[list[str], str]:
    """Run the checkout's run_app.sh; returns the calls it made (bootstrap, app) and its stderr."""
    log = root / "calls.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # never xvfb-run here
    done = subprocess.run(["bash", str(root / "scripts" / "run_app.sh"), *args], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    return [line.rstrip() for line in log.read_text(encoding="utf-8").splitlines()], done.stderr


def env_check(root: Path) -> tuple[int, str]:
    done = subprocess.run(["bash", str(root / "scripts" / "env_check.sh")], capture_output=True, text=True,
                          timeout=60, check=False)
    return done.returncode, done.stdout.strip()


def test_bootstrap_runs_without_a_stamp_then_is_skipped(checkout: Path) -> None:
    assert env_check(checkout) == (1, "no stamp from a successful bootstrap")
    calls, err = run_app(checkout, "draft.docx")
    assert calls == ["bootstrap", "app draft.docx"]
    assert "no stamp from a successful bootstrap: running scripts/bootstrap.sh" in err
    assert env_check(checkout) == (0, "")
    calls, err = run_app(checkout, "draft.docx")
    assert calls == ["app draft.docx"]
    assert err == ""


@pytest.mark.parametrize("changed", ["requirements.lock", "pyproject.toml", "scripts/bootstrap.sh",
                                     "scripts/env_check.sh", ".venv/pyvenv.cfg"])
def test_a_changed_input_runs_bootstrap_again(checkout: Path, changed: str) -> None:
    run_app(checkout)
    with (checkout / changed).open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    code, why = env_check(checkout)
    assert code == 1
    assert why == f"{Path(changed).name if changed.startswith('.venv') else changed} changed since the last bootstrap"
    calls, err = run_app(checkout)
    assert calls == ["bootstrap", "app"]
    assert "changed since the last bootstrap: running scripts/bootstrap.sh" in err
    assert run_app(checkout)[0] == ["app"]


def test_a_new_interpreter_or_a_package_installed_by_hand_runs_bootstrap(checkout: Path) -> None:
    run_app(checkout)
    python = checkout / ".venv" / "bin" / "python"
    stat = python.stat()
    os.utime(python, (stat.st_atime, stat.st_mtime + 10))
    assert env_check(checkout) == (1, "interpreter changed since the last bootstrap")
    assert run_app(checkout)[0] == ["bootstrap", "app"]
    site = checkout / ".venv" / "lib" / "python3.11" / "site-packages"
    (site / "hand_installed").mkdir()
    os.utime(site, (stat.st_atime, site.stat().st_mtime + 10))  # mtimes may be coarse: make the change visible
    assert env_check(checkout) == (1, "site-packages changed since the last bootstrap")
    assert run_app(checkout)[0] == ["bootstrap", "app"]


def test_a_broken_venv_runs_bootstrap(checkout: Path) -> None:
    run_app(checkout)
    (checkout / ".venv" / "bin" / "broken").touch()
    assert env_check(checkout) == (1, ".venv is broken (cannot find: PySide6, docx)")
    assert run_app(checkout)[0] == ["bootstrap", "app"]
    (checkout / ".venv" / "bin" / "python").unlink()
    assert env_check(checkout) == (1, "no working .venv (or an input file is missing)")


def test_run_tests_and_ci_always_run_the_full_bootstrap() -> None:
    """CI proves the install on every run: neither entry point goes through the quick check."""
    for script in (SCRIPTS / "run_tests.sh", SCRIPTS.parent / ".ci" / "run"):
        text = script.read_text(encoding="utf-8")
        assert "env_check" not in text, script
    assert "bash scripts/bootstrap.sh\n" in (SCRIPTS / "run_tests.sh").read_text(encoding="utf-8")
    assert "scripts/run_tests.sh" in (SCRIPTS.parent / ".ci" / "run").read_text(encoding="utf-8")
