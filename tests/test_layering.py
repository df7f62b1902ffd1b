"""The layers import one way: the domain (`app/` outside `app/wiring/`) imports neither files nor Qt;
`docx_io/` no Qt and no wiring; `widgets/` no XML. Imports inside functions count as well."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# package (as a path under the repository) -> the top-level modules and packages it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "app": ("docx_io", "docx", "lxml", "PySide6", "widgets", "app.wiring"),
    "docx_io": ("PySide6", "widgets", "app.wiring"),
    "widgets": ("docx_io", "docx", "lxml"),
}
EXEMPT = {"app": "app/wiring"}  # where the domain meets files: the only part of app/ that may import docx_io


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in `source`, relative ones resolved against `module`."""
    found: list[tuple[int, str]] = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def violations(layer: str, files: list[Path]) -> list[str]:
    """Each import in `files` (modules of `layer`) that the layer must not make, as "path:line: name"."""
    out: list[str] = []
    for path in files:
        relative = path.relative_to(REPO)
        module = ".".join(relative.with_suffix("").parts)
        for line, name in imported_modules(path.read_text(encoding="utf-8"), module):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                out.append(f"{relative}:{line}: {name}")
    return sorted(set(out))


def layer_files(layer: str) -> list[Path]:
    exempt = EXEMPT.get(layer)
    return [p for p in sorted((REPO / layer).rglob("*.py"))
            if not (exempt and p.relative_to(REPO).as_posix().startswith(exempt + "/"))]


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_each_layer_imports_only_downwards(layer: str) -> None:
    files = layer_files(layer)
    assert len(files) > 5, f"{layer}/ should hold modules"
    assert violations(layer, files) == []


def test_the_wiring_is_where_files_meet_the_domain() -> None:
    wiring = sorted(p.stem for p in (REPO / "app" / "wiring").glob("*.py") if p.stem != "__init__")
    assert {"cli", "session", "apply", "merging", "report"} <= set(wiring)
    # It does read files: without it, the domain would have no way in.
    assert any(name.startswith("docx_io") for p in (REPO / "app" / "wiring").glob("*.py")
               for _, name in imported_modules(p.read_text(encoding="utf-8"), f"app.wiring.{p.stem}"))


def test_the_check_finds_a_forbidden_import_anywhere(tmp_path: Path) -> None:
    source = "import json\n\ndef f():\n    from docx_io.reader import read_draft\n    from ..wiring import cli\n"
    found = imported_modules(source, "app.sub.mod")
    assert (4, "docx_io.reader") in found and (5, "app.wiring.cli") in found
    assert (1, "json") in found
