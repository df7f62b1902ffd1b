"""What the desktop bundle carries besides code, and the metadata its platforms want.

One list for the PyInstaller spec (packaging/redline-desk.spec) and the fast test that checks it covers every data
file the code opens (tests/packaging/test_bundle_data.py). No PyInstaller import here: the test runs without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.redlinedesk.RedlineDesk"
NAME = "redline-desk"
PROJECT_MIME = "application/x-redline-desk-project"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Our own data, as (folder under the repository, folder in the bundle): app/resources.py finds it under resources/.
RESOURCE_DIRS = (
    ("resources/samples", "resources/samples"),  # the drafts the app opens without a file, the text form
    ("resources/icons", "resources/icons"),  # the window icon (PNGs), the SVG, .ico and .icns
)
# Packages whose data files (everything but Python) the code opens: python-docx reads docx/templates/*
# (default.docx, default-header.xml, default-footer.xml, default-comments.xml, default-settings.xml, …).
PACKAGES_WITH_DATA = ("docx",)
# python-docx opens its templates as docx/parts/../templates/…: the folder docx/parts must exist in the bundle,
# which it does only when its modules are also collected as files (by default they live in the PYZ archive only).
MODULE_COLLECTION_MODE = {"docx.parts": "pyz+py"}
# Imported only inside functions or by name: PyInstaller's import scan does not see them.
HIDDEN_IMPORTS = ("app.wiring.launch", "app.wiring.apply", "app.wiring.report", "docx_io.submission_writer",
                  "widgets.app")
EXCLUDES = ("tkinter", "PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick")
# Qt plugins the bundle must hold (checked by packaging/smoke_test.py): real windows and headless runs.
QT_PLUGINS = ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "xcbglintegrations")


def version() -> str:
    """The app's version, read from app/__init__.py (its single source) without importing the app."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise RuntimeError("app/__init__.py has no __version__")
    return found.group(1)


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Our resource folders as PyInstaller `datas` entries (source folder, destination folder)."""
    return [(str(root / source), dest) for source, dest in RESOURCE_DIRS]


def datas(collect_data_files: Callable[[str], list[tuple[str, str]]], root: Path = ROOT) -> list[tuple[str, str]]:
    """Every data entry of the bundle: our resources, then each package's data files."""
    out = resource_datas(root)
    for package in PACKAGES_WITH_DATA:
        out += collect_data_files(package)
    return out


def windows_version_info(ver: str | None = None) -> str:
    """The Windows version resource (PyInstaller's VSVersionInfo text) for EXE(version=…)."""
    ver = ver or version()
    parts = [int(p) for p in re.findall(r"\d+", ver)[:4]]
    nums = tuple(parts + [0] * (4 - len(parts)))
    strings = {
        "CompanyName": "Redline Desk", "FileDescription": "Redline Desk",
        "FileVersion": ver, "InternalName": NAME, "LegalCopyright": "Redline Desk contributors",
        "OriginalFilename": f"{NAME}.exe", "ProductName": "Redline Desk", "ProductVersion": ver,
    }
    entries = ",\n          ".join(f"StringStruct('{k}', '{v}')" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
          {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def macos_info_plist(ver: str | None = None) -> dict[str, object]:
    """Info.plist entries for the macOS .app (BUNDLE(info_plist=…)): version, opens .docx and project files."""
    ver = ver or version()
    return {
        "CFBundleName": "Redline Desk",
        "CFBundleDisplayName": "Redline Desk",
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": ver,
        "CFBundleVersion": ver,
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": "Redline Desk contributors",
        "CFBundleDocumentTypes": [
            {"CFBundleTypeName": "Word document", "CFBundleTypeRole": "Editor", "LSHandlerRank": "Alternate",
             "LSItemContentTypes": ["org.openxmlformats.wordprocessingml.document"]},
            {"CFBundleTypeName": "Redline Desk project", "CFBundleTypeRole": "Editor", "LSHandlerRank": "Alternate",
             "LSItemContentTypes": ["public.json"]},
        ],
    }


if __name__ == "__main__":  # packaging/build.sh asks for the version this way
    print(version())
