"""A real window on a real (virtual) 1,024×768 X screen, maximised: it fits the screen and every visible
widget (docks, panels, buttons, status bar) lies inside it; also at QT_SCALE_FACTOR=2 on a 2,048×1,536
screen, which is 1,024×768 in device-independent pixels. Needs Xvfb; with CI set, its absence fails."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT, ci_strict
from tests.widgets.window_probe import LAPTOP_MINIMUM


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str, int]:
    """Xvfb on a display it picks itself (-displayfd: no race for a free number); returns it, ":N" and the
    pipe it wrote N to, which must stay open while it runs (a closed pipe is fatal to Xvfb)."""
    exe = shutil.which("Xvfb")
    if exe is None:
        reason = "Xvfb not installed (Debian package xvfb; scripts/bootstrap.sh installs it)"
        if ci_strict():
            pytest.fail(reason + " [CI is set, so this fails instead of skipping]", pytrace=False)
        pytest.skip(reason)
    read, write = os.pipe()
    proc = subprocess.Popen([exe, "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
                             "-noreset"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write)
    ready, _, _ = select.select([read], [], [], 20)
    number = os.read(read, 16).decode().strip() if ready else ""
    if not number.isdigit():
        proc.kill()
        os.close(read)
        pytest.fail(f"Xvfb did not start: {proc.communicate(timeout=5)[1].decode(errors='replace')[-300:]}")
    return proc, f":{number}", read


@pytest.fixture(params=[(1024, 768, "1"), (2048, 1536, "2")], ids=["1024x768", "1024x768-at-scale-2"])
def screen(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """(DISPLAY, QT_SCALE_FACTOR) of a fresh virtual screen, 1,024×768 device-independent pixels."""
    width, height, scale = request.param
    proc, display, pipe = start_xvfb(width, height)
    try:
        yield display, scale
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
        os.close(pipe)


def probe(display: str, scale: str, folder: Path, *extra: str) -> dict[str, Any]:
    """Run tests.widgets.window_probe on the X display; its JSON report."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale, REDLINE_DESK_NO_FIRST_RUN="1")
    done = subprocess.run([sys.executable, "-m", "tests.widgets.window_probe", str(folder), *extra], cwd=REPO_ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.parametrize("review", [False, True], ids=["sample", "three-author-review"])
def test_maximised_window_lies_inside_the_screen(screen: tuple[str, str], tmp_path: Path, review: bool) -> None:
    display, scale = screen
    report = probe(display, scale, tmp_path, *(["--review"] if review else []))
    assert report["platform"] == "xcb"
    assert report["screen"] == [0, 0, 1024, 768]  # device-independent pixels, whatever the scale
    assert report["window"] == report["available"]  # maximised, not pushed wider by a minimum size
    assert inside(report["frame"], report["screen"])
    assert report["minimum_hint"][0] <= LAPTOP_MINIMUM[0] and report["minimum_hint"][1] <= LAPTOP_MINIMUM[1]
    names = {w["name"] for w in report["widgets"]}
    assert {"navigatorDock", "amendmentsDock", "reviewDock", "statusBar", "editorPane", "editorToolBar",
            "documentView", "redlineEditor"} <= names
    assert sum(1 for w in report["widgets"] if w["name"] == "qt_dockwidget_closebutton") == 3
    if review:
        assert {"reviewList", "review_acceptButton", "review_collisionButton"} <= names
    out = [w for w in report["widgets"] if not inside(w["rect"], report["screen"])]
    assert out == [], out
