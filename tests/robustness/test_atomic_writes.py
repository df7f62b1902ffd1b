"""Every file the app writes goes through the atomic writers (issue 5, item 2).

Two checks, each catching what the other cannot:

* static: the source of app/, docx_io/, widgets/ and main.py is parsed, and every call that can write a
  file directly — open()/Path.open()/os.fdopen() with a writing mode, os.open() with writing flags,
  write_text/write_bytes, zipfile.ZipFile(..., "w"), shutil copies and moves, tempfile, os.replace and
  os.rename, json/pickle.dump, Qt's QFile/QSaveFile/QTemporaryFile — must be in the short allowlist
  below (the atomic writers themselves). A zip written into an io.BytesIO is in memory and allowed.
* at run time: every writing CLI command and the session's save, export and autosave run in a child
  process with an audit hook (sys.addaudithook) recording each file opened for writing and each rename.
  This also sees writes made inside libraries (python-docx's Document.save(path), for one), which the
  static check cannot. Every file opened for writing must be a temporary file `.<name>.<pid>.<random>.tmp`
  beside an output, renamed onto it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = [*(REPO / "app").rglob("*.py"), *(REPO / "docx_io").rglob("*.py"), *(REPO / "widgets").rglob("*.py"),
           REPO / "main.py"]

# (file, enclosing function, what) -> why it is allowed. Keep this short: these ARE the atomic writers.
ALLOWED = {
    ("app/atomic.py", "atomic_write", "tempfile.mkstemp"): "the temporary file beside the target",
    ("app/atomic.py", "atomic_write", "os.fdopen(wb)"): "writing that temporary file",
    ("app/atomic.py", "atomic_write", "os.replace"): "moving it into place",
    ("docx_io/package.py", "atomic_zip.writer", "zipfile.ZipFile(w)"): "a zip into atomic_write's temporary file",
}

WRITE_MODE = re.compile(r"[wax+]")
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC"}
FORBIDDEN_CALLS = {
    "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copyfileobj", "shutil.copytree", "shutil.move",
    "os.replace", "os.rename", "os.renames", "os.write", "os.truncate", "os.ftruncate",
    "json.dump", "pickle.dump", "marshal.dump", "mkstemp", "NamedTemporaryFile", "TemporaryFile",
    "QFile", "QSaveFile", "QTemporaryFile", "QtCore.QFile", "QtCore.QSaveFile", "QtCore.QTemporaryFile",
}


@dataclass(frozen=True)
class Write:
    file: str
    function: str
    what: str
    line: int


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else node.attr
    return ""


def _mode(call: ast.Call, position: int) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == "mode":
            return kw.value
    return call.args[position] if len(call.args) > position else None


def _writes_mode(mode: ast.expr | None) -> str | None:
    """The mode if it may write ("?" when it is not a constant); None for reading."""
    if mode is None:
        return None
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return mode.value if WRITE_MODE.search(mode.value) else None
    return "?"


class _Finder(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.scope: list[str] = []
        self.in_memory: list[set[str]] = [set()]  # names bound to io.BytesIO() in each function
        self.found: list[Write] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.in_memory.append({
            t.id for n in ast.walk(node) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            and _dotted(n.value.func) in ("io.BytesIO", "BytesIO") for t in n.targets if isinstance(t, ast.Name)
        })
        self.generic_visit(node)
        self.in_memory.pop()
        self.scope.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def _add(self, node: ast.Call, what: str) -> None:
        self.found.append(Write(self.file, ".".join(self.scope) or "<module>", what, node.lineno))

    def visit_Call(self, node: ast.Call) -> None:
        name = _dotted(node.func)
        last = name.rsplit(".", 1)[-1]
        if name in ("open", "io.open", "os.fdopen", "builtins.open") or (last == "open" and name != "os.open"
                                                                          and isinstance(node.func, ast.Attribute)):
            position = 1 if name in ("open", "io.open", "os.fdopen", "builtins.open") else 0
            mode = _writes_mode(_mode(node, position))
            if mode is not None:
                self._add(node, f"{name if name in ('open', 'io.open', 'os.fdopen') else '.open'}({mode})")
        elif name == "os.open":
            flags = {n.attr for arg in node.args[1:2] for n in ast.walk(arg) if isinstance(n, ast.Attribute)}
            devnull = bool(node.args) and _dotted(node.args[0]) == "os.devnull"
            if flags & WRITE_FLAGS and not devnull:
                self._add(node, "os.open(write)")
        elif last in ("write_text", "write_bytes") and isinstance(node.func, ast.Attribute):
            self._add(node, f".{last}")
        elif last == "ZipFile":
            mode = _writes_mode(_mode(node, 1))
            target = node.args[0] if node.args else None
            in_memory = (isinstance(target, ast.Call) and _dotted(target.func) in ("io.BytesIO", "BytesIO")) or (
                isinstance(target, ast.Name) and target.id in self.in_memory[-1])
            if mode is not None and not in_memory:
                self._add(node, f"zipfile.ZipFile({mode})")
        elif name.startswith("tempfile.") or name in FORBIDDEN_CALLS:
            self._add(node, name)
        self.generic_visit(node)


def _direct_writes() -> Iterator[Write]:
    for path in sorted(SOURCES):
        rel = path.relative_to(REPO).as_posix()
        finder = _Finder(rel)
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), rel))
        yield from finder.found


def test_no_file_is_written_outside_the_atomic_writers() -> None:
    found = list(_direct_writes())
    stray = [w for w in found if (w.file, w.function, w.what) not in ALLOWED]
    assert not stray, "files written without app.atomic (use atomic_write / atomic_write_bytes / " \
        "atomic_write_text, or docx_io.package.atomic_zip):\n" + "\n".join(
            f"  {w.file}:{w.line} in {w.function}: {w.what}" for w in stray)
    used = {(w.file, w.function, w.what) for w in found}
    assert set(ALLOWED) <= used, f"allowlist entries no longer used (remove them): {set(ALLOWED) - used}"


def test_the_finder_sees_what_it_must() -> None:
    """The static check itself: each kind of direct write is found, reading and in-memory zips are not."""
    source = '''
import io, os, json, shutil, tempfile, zipfile
from pathlib import Path
from PySide6.QtCore import QSaveFile
def bad(p, data, mode):
    open(p, "w"); open(p, mode=mode); p.open("ab"); os.fdopen(3, "r+b"); Path(p).write_text("x")
    p.write_bytes(b""); os.open(p, os.O_WRONLY | os.O_CREAT); zipfile.ZipFile(p, "w"); shutil.copyfile(p, p)
    tempfile.NamedTemporaryFile(); os.replace(p, p); json.dump({}, p); QSaveFile(p)
def fine(p):
    open(p); open(p, "rb"); p.open(); zipfile.ZipFile(p); zipfile.ZipFile(io.BytesIO(), "w")
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w"); os.open(os.devnull, os.O_WRONLY); os.open(p, os.O_RDONLY); "a".replace("a", "b")
'''
    finder = _Finder("example.py")
    finder.visit(ast.parse(source))
    assert {w.function for w in finder.found} == {"bad"}
    assert [w.what for w in finder.found] == [
        "open(w)", "open(?)", ".open(ab)", "os.fdopen(r+b)", ".write_text", ".write_bytes", "os.open(write)",
        "zipfile.ZipFile(w)", "shutil.copyfile", "tempfile.NamedTemporaryFile", "os.replace", "json.dump", "QSaveFile",
    ]


# ----- at run time -----

CHILD = r"""
import json, os, sys
sys.path.insert(0, {repo!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
events = []

def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        mode, flags = args[1], args[2]
        writing = (mode is not None and any(c in mode for c in "wax+")) or (
            mode is None and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC))
        if writing:
            events.append(["open", os.path.abspath(args[0])])
    elif event == "os.rename":
        events.append(["rename", os.path.abspath(args[0]), os.path.abspath(args[1])])

from pathlib import Path
from PySide6.QtCore import QCoreApplication
from app.wiring.cli import main
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.wiring.session import Session
from widgets.recovery import Autosaver
qt = QCoreApplication([])
out = Path({out!r})
md, date = str(SAMPLES / "imsb_rev2_amendments.md"), "2025-12-09T10:00:00Z"
draft = str(REV2_EXCERPT)
sys.addaudithook(hook)
for form, suffix in (("full", ".docx"), ("amendments", ".docx"), ("clean", ".docx"), ("markdown", ".md")):
    assert main(["apply", draft, md, "-o", str(out / ("apply-" + form + suffix)), "--form", form,
                 "--organisation", "IMSB", "--date", date]) == 0
for form in ("full", "compilation", "table"):
    assert main(["merge", draft, md, "-o", str(out / ("merge-" + form + ".docx")), "--form", form,
                 "--report", str(out / ("merge-" + form + ".json")), "--date", date]) == 0
assert main(["compare", draft, str(SAMPLE_DRAFT), "-o", str(out / "compare.docx"), "--author", "CF"]) == 0
session = Session.open_draft(REV2_EXCERPT)
session.import_text_form(Path(md).read_text(encoding="utf-8"), organisation="IMSB")
session.save(out / "project.json")
session.export(out / "export.docx", "full")
session.export(out / "export-amendments.docx", "amendments")
session.dirty = True
saver = Autosaver(lambda: session, out / "recovery")
assert saver.save_now()
session.save(out / "project.json")  # over the first save
print(json.dumps(events))
"""


def test_every_write_at_run_time_is_a_temporary_file_renamed_into_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", CHILD.format(repo=str(REPO), out=str(out))], env=env,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr
    events = json.loads(child.stdout.strip().splitlines()[-1])
    opened = [e[1] for e in events if e[0] == "open" and e[1] != os.devnull]
    renamed = {e[1]: e[2] for e in events if e[0] == "rename"}
    outputs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert len(outputs) == 4 + 6 + 1 + 3 + 2  # apply, merge + reports, compare, session files, autosave + note
    temp = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
    for path in opened:
        where = Path(path)
        m = temp.match(where.name)
        assert m and where.parent.is_relative_to(out), f"written directly, not through a temporary file: {path}"
        assert renamed.get(path) == str(where.with_name(m["name"])), f"{path} was not renamed onto its target"
    targets = sorted(Path(t).relative_to(out).as_posix() for t in set(renamed.values()))
    assert targets == outputs, "every output arrives by a rename from its temporary file"
    assert len(opened) == len(renamed)
