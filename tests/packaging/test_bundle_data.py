"""The PyInstaller spec collects every data file the code opens (no build: the spec is run with stand-ins).

Every command and form is run in-process while an audit hook notes each file opened inside python-docx or our
resources/; each must be a data entry of the spec. python-docx's own source is also read for the templates it names.
The real bundle is tried by `make package-test` (packaging/smoke_test.py).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

import app
from app import resources
from app.wiring.cli import main

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "redline-desk.spec"
# packaging/ is no package (PyPI's `packaging` has the name): the module is loaded from its file, as the spec does.
_loader = importlib.util.spec_from_file_location("bundle_data", REPO / "packaging" / "bundle_data.py")
assert _loader and _loader.loader
bundle_data = sys.modules.setdefault("bundle_data", importlib.util.module_from_spec(_loader))
_loader.loader.exec_module(bundle_data)
DOCX_DIR = Path(docx.__file__).resolve().parent
SITE = DOCX_DIR.parent
S = resources.SAMPLES

_opened: list[str] | None = None  # collecting while a list


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])  # as given (not normalised): "docx/parts/../templates/…" stays so
        _opened.append(path if os.path.isabs(path) else os.path.join(os.getcwd(), path))


sys.addaudithook(_audit)


@pytest.fixture()
def opened() -> Iterator[list[str]]:
    """The files opened (under the repository and python-docx) while the test runs."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


def _collect_data_files(package: str) -> list[tuple[str, str]]:
    """As PyInstaller's: each file of the package but Python sources and byte-code, with its folder in the bundle."""
    root = Path(__import__(package).__file__).resolve().parent
    return [(str(p), str(p.parent.relative_to(root.parent))) for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix not in (".py", ".pyc", ".pyo") and "__pycache__" not in p.parts]


def spec_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """Run the spec with stand-ins for PyInstaller's names; the keyword arguments of each call, by name."""
    calls: dict[str, dict[str, Any]] = {}

    def recorder(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> types.SimpleNamespace:
            calls[name] = {"args": args, **kwargs}
            return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=kwargs.get("datas", []))
        return call

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = _collect_data_files  # type: ignore[attr-defined]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "path", list(sys.path))
    names = {n: recorder(n) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"),
         {"__name__": "__main__", "SPECPATH": str(SPEC.parent), "workpath": str(tmp_path), **names})
    return calls


def bundle_dirs(datas: list[tuple[str, str]], collection_mode: dict[str, str]) -> set[str]:
    """The folders the bundle will have (relative to its root): data destinations, packages collected as files."""
    dirs: set[str] = set()
    for src, dest in datas:
        dirs.add(dest)
        if Path(src).is_dir():
            dirs |= {f"{dest}/{d.relative_to(src).as_posix()}" for d in Path(src).rglob("*") if d.is_dir()}
    dirs |= {package.replace(".", "/") for package, mode in collection_mode.items() if "py" in mode.split("+")}
    return {p for d in dirs for p in [d, *(str(x) for x in Path(d).parents)] if p != "."}


def covered(path: Path, datas: list[tuple[str, str]]) -> bool:
    """True when a data entry (a file, or a folder holding it) puts `path` in the bundle."""
    return any(path == Path(src).resolve() or Path(src).resolve() in path.parents for src, _ in datas)


def run(*argv: str | Path) -> None:
    assert main([str(a) for a in argv]) == 0, argv


def every_output(out: Path) -> None:
    """Each command and each --form, as the smoke test of the bundle runs them."""
    draft, text = S / "wsis_rev2_excerpt.docx", S / "imsb_rev2_amendments.md"
    run("show", draft)
    for form in ("full", "amendments", "clean", "markdown"):
        suffix = ".md" if form == "markdown" else ".docx"
        run("apply", draft, text, "-o", out / f"apply_{form}{suffix}", "--form", form, "--organisation", "IMSB")
    run("apply", draft, text, "-o", out / "apply_static.docx", "--form", "amendments", "--markup", "static",
        "--organisation", "IMSB")
    run("compare", draft, S / "A_80_L.41.docx", "-o", out / "compare.docx", "--author", "Co-facilitators")
    for form in ("full", "compilation", "table"):
        run("merge", draft, f"IMSB={out / 'apply_full.docx'}", f"G77={text}", "-o", out / f"merge_{form}.docx",
            "--form", form, "--report", out / f"merge_{form}.json")


def test_the_spec_collects_every_data_file_the_outputs_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            opened: list[str], qapp: Any) -> None:
    every_output(tmp_path)
    from widgets.app import app_icon

    assert not app_icon().isNull()
    raw = [p for p in opened if DOCX_DIR in Path(p).resolve().parents or resources.RESOURCES in Path(p).parents]
    data = [Path(p).resolve() for p in raw]
    assert any(p.name == "default-header.xml" for p in data), "the audit hook saw no python-docx template"
    analysis = spec_calls(tmp_path / "work", monkeypatch)["Analysis"]
    missing = sorted({str(p) for p in data if not covered(p, analysis["datas"])})
    assert not missing, f"opened but not in the bundle: {missing}"
    # A path through "..": the folder before it must exist in the bundle too (docx/parts/../templates/…).
    dirs = bundle_dirs(analysis["datas"], analysis.get("module_collection_mode") or {})
    through = {Path(p.split("/../")[0]).relative_to(SITE).as_posix() for p in raw
               if "/../" in p and SITE in Path(p).parents}
    assert through, "no path through '..' seen (python-docx opens docx/parts/../templates/…)"
    assert through <= dirs, f"folders missing from the bundle: {sorted(through - dirs)}"


def test_the_templates_python_docx_names_are_collected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    named = {m for f in DOCX_DIR.rglob("*.py")
             for m in re.findall(r'"templates",\s*"([^"]+)"', f.read_text(encoding="utf-8"))}
    assert {"default.docx", "default-header.xml", "default-footer.xml"} <= named
    datas = spec_calls(tmp_path, monkeypatch)["Analysis"]["datas"]
    for name in named:
        path = DOCX_DIR / "templates" / name
        assert path.is_file() and covered(path, datas), name
        assert (str(path), "docx/templates") in datas


def test_the_resources_the_app_names_are_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datas = spec_calls(tmp_path, monkeypatch)["Analysis"]["datas"]
    named = [resources.SAMPLE_DRAFT, resources.REV2_EXCERPT, resources.ICON_SVG,
             *(resources.icon_png(s) for s in resources.ICON_SIZES)]
    for path in named:
        assert path.is_file() and covered(path, datas), path
    for src, dest in bundle_data.resource_datas():  # and where app/resources.py looks for them in the bundle
        assert Path(src).relative_to(REPO).as_posix() == dest
    assert not [s for s, _ in datas if "site-packages" not in s and REPO not in Path(s).parents]


def test_one_version_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert bundle_data.version() == app.__version__ == importlib.metadata.version("redline-desk")
    calls = spec_calls(tmp_path, monkeypatch)
    assert calls["EXE"]["name"] == "redline-desk"
    assert Path(calls["EXE"]["icon"]).is_file()
    assert f"'ProductVersion', '{app.__version__}'" in bundle_data.windows_version_info()
    assert bundle_data.macos_info_plist()["CFBundleShortVersionString"] == app.__version__


def test_the_desktop_files_name_this_version_and_both_file_types(tmp_path: Path) -> None:
    from lxml import etree

    from app.project import Project, save_project

    linux = REPO / "packaging" / "linux"
    meta = etree.parse(str(linux / f"{bundle_data.APP_ID}.metainfo.xml"))
    assert meta.findtext("id") == bundle_data.APP_ID
    assert meta.xpath("string(releases/release[1]/@version)") == app.__version__
    assert set(meta.xpath("provides/mediatype/text()")) == {bundle_data.DOCX_MIME, bundle_data.PROJECT_MIME}
    desktop = (linux / f"{bundle_data.APP_ID}.desktop").read_text(encoding="utf-8")
    mimes = re.search(r"^MimeType=(.*)$", desktop, re.MULTILINE)
    assert mimes and set(filter(None, mimes.group(1).split(";"))) == {bundle_data.DOCX_MIME, bundle_data.PROJECT_MIME}
    mime = etree.parse(str(linux / f"{bundle_data.APP_ID}.xml"))
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    value = mime.xpath("string(//m:mime-type[@type=$t]//m:match/@value)", namespaces=ns, t=bundle_data.PROJECT_MIME)
    save_project(Project("x.docx", "", []), tmp_path / "p.json")
    # the magic matches what app/project.py writes first
    assert value and value in (tmp_path / "p.json").read_text(encoding="utf-8")[:64]
