"""Try a built bundle as a delegate would: every command and form, each .docx read back by LibreOffice, the window.

    python3 packaging/smoke_test.py [--bundle dist/redline-desk] [--keep DIR]     (or: make package-test)
    python3 packaging/smoke_test.py --installed /usr/bin/redline-desk            (the .deb, as installed)

The bundle is copied to a temporary folder and run from there with a bare environment (no venv, no PYTHONPATH,
a fresh HOME), so it can only use what it carries; one run under strace proves it opens nothing in the
repository or the build's venv. Outputs are read back with ../shared/tools/lo_redlines.py (LibreOffice, an
independent client): revisions present under the right author, accept-all and reject-all texts as expected.
Exits 1 when a check fails; prints one line per check.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
LO_REDLINES = ROOT.parent / "shared" / "tools" / "lo_redlines.py"
sys.path.insert(0, str(ROOT / "packaging"))
import bundle_data  # noqa: E402

failures: list[str] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {what}{'' if ok or not detail else ': ' + detail}", flush=True)
    if not ok:
        failures.append(what)
    return ok


class Bundle:
    """The copied bundle's executable, run in a bare environment in the work folder."""

    def __init__(self, exe: Path, work: Path) -> None:
        self.exe, self.work = exe, work
        home = work / "home"
        home.mkdir()
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                    "REDLINE_DESK_NO_FIRST_RUN": "1", "REDLINE_DESK_RECOVERY_DIR": str(work / "recovery"),
                    "XDG_RUNTIME_DIR": str(home)}

    def run(self, *args: str | Path, prefix: tuple[str, ...] = (), env: dict[str, str] | None = None,
            timeout: int = 180) -> subprocess.CompletedProcess[str]:
        cmd = [*prefix, str(self.exe), *map(str, args)]
        return subprocess.run(cmd, cwd=self.work, env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def ok(self, what: str, *args: str | Path) -> bool:
        done = self.run(*args)
        return check(done.returncode == 0, what, (done.stderr or done.stdout).strip()[-400:])


def run_commands(b: Bundle, i: Path, o: Path) -> None:
    """Every command, every form; outputs in `o`."""
    draft, text, l41 = i / "wsis_rev2_excerpt.docx", i / "imsb_rev2_amendments.md", i / "A_80_L.41.docx"
    done = b.run("--version")
    check(done.returncode == 0 and done.stdout.strip() == f"redline-desk {bundle_data.version()}",
          "--version", done.stdout + done.stderr)
    done = b.run("show", draft, "--json")
    check(done.returncode == 0 and len(json.loads(done.stdout or "{}").get("paragraphs", [])) > 10, "show --json",
          done.stderr)
    b.ok("show --labels", "show", l41, "--labels")
    for form in ("full", "amendments", "clean", "markdown"):
        out = o / (f"apply_{form}.md" if form == "markdown" else f"apply_{form}.docx")
        b.ok(f"apply --form {form}", "apply", draft, text, "-o", out, "--form", form, "--organisation", "IMSB",
             "--date", "2025-12-09")
    b.ok("apply --form amendments --markup static", "apply", draft, text, "-o", o / "apply_static.docx",
         "--form", "amendments", "--markup", "static", "--organisation", "IMSB")
    b.ok("apply --base (L.41, amendments made on Rev 2)", "apply", l41, text, "--base", draft, "-o",
         o / "apply_base.docx", "--organisation", "IMSB", "--report", o / "apply_base.json")
    b.ok("compare", "compare", draft, l41, "-o", o / "compare.docx", "--author", "Co-facilitators")
    for form in ("full", "compilation", "table"):
        b.ok(f"merge --form {form} --report", "merge", draft, f"IMSB={o / 'apply_full.docx'}",
             f"Cofacs={o / 'compare.docx'}", "-o", o / f"merge_{form}.docx", "--form", form,
             "--report", o / f"merge_{form}.json", *(["--agreed-ad-ref"] if form == "compilation" else []))
    done = b.run("review", draft, f"IMSB={o / 'apply_full.docx'}", "--list")
    check(done.returncode == 0 and "IMSB" in done.stdout, "review --list", done.stderr)
    b.ok("review --accept IMSB", "review", draft, f"IMSB={o / 'apply_full.docx'}", "--accept", "IMSB",
         "-o", o / "review_clean.docx", "--form", "clean", "--report", o / "review.json")
    for name in ("merge_full", "merge_compilation", "merge_table", "review", "apply_base"):
        path = o / f"{name}.json"
        check(path.is_file() and bool(json.loads(path.read_text(encoding="utf-8"))), f"report {path.name} written")


def read_back(i: Path, o: Path) -> None:
    """Every .docx through LibreOffice; the checks each form must pass."""
    files = [i / "wsis_rev2_excerpt.docx", *sorted(o.glob("*.docx"))]
    done = subprocess.run(["/usr/bin/python3", str(LO_REDLINES), "--json", "--outdir", str(o / "lo"),
                           *map(str, files)], capture_output=True, text=True, timeout=600, check=False)
    if not check(done.returncode == 0, "LibreOffice reads every output", done.stderr[-600:]):
        return
    res = {Path(r["file"]).stem: r for r in json.loads(done.stdout)["results"]}
    draft_text = res["wsis_rev2_excerpt"]["accepted_text"]

    def tracked(name: str, authors: set[str], rejects_to_draft: bool = True) -> None:
        if not check(name in res, f"{name}: read by LibreOffice"):
            return
        r = res[name]
        seen = {x["author"] for x in r["redlines"]}
        check(bool(r["redlines"]) and seen <= authors, f"{name}: {len(r['redlines'])} revisions by {sorted(seen)}")
        check(r["accepted_text"] != r["rejected_text"] and not r["left_after_accept"] and not r["left_after_reject"],
              f"{name}: accept-all and reject-all differ, leave nothing")
        if rejects_to_draft:
            check(r["rejected_text"] == draft_text, f"{name}: reject-all gives the draft back")

    def static(name: str, *words: str) -> None:
        if not check(name in res, f"{name}: read by LibreOffice"):
            return
        r = res[name]
        missing = [w for w in words if w not in r["accepted_text"]]
        check(not r["redlines"] and not missing, f"{name}: no revisions, has {words}", f"missing {missing}")

    tracked("apply_full", {"IMSB"})
    full = res.get("apply_full", {}).get("accepted_text", "")
    check("working definition" in full, "apply_full: accept-all has the amendment")
    check(full == res.get("apply_clean", {}).get("accepted_text"),
          "apply_clean: the draft with every amendment accepted, as accept-all of apply_full")
    static("apply_clean", "working definition")
    tracked("apply_amendments", {"IMSB"}, rejects_to_draft=False)
    amendments = res.get("apply_amendments", {})
    check("working definition" in amendments.get("accepted_text", "")
          and "description" in amendments.get("rejected_text", ""), "apply_amendments: its paragraphs redlined")
    static("apply_static", "description", "working definition", "IMSB")
    tracked("apply_base", {"IMSB"}, rejects_to_draft=False)
    tracked("compare", {"Co-facilitators"})
    tracked("merge_full", {"IMSB", "Cofacs"})
    static("merge_compilation", "[", "IMSB", "Agreed ad ref")
    static("merge_table", "Current text", "Proposals", "IMSB")
    static("review_clean", "working definition")
    md = (o / "apply_markdown.md").read_text(encoding="utf-8") if (o / "apply_markdown.md").is_file() else ""
    check("**working definition**" in md and "~~description~~" in md, "apply_markdown: the text form")


def no_paths_outside(b: Bundle, i: Path, o: Path) -> None:
    """One command under strace: the bundle opens nothing in the repository or the build's venv."""
    if not shutil.which("strace"):
        print("skip strace not installed: the bundle's file accesses are not traced")
        return
    log = b.work / "strace.log"
    done = b.run("apply", i / "wsis_rev2_excerpt.docx", i / "imsb_rev2_amendments.md", "-o", o / "traced.docx",
                 "--form", "amendments", "--organisation", "IMSB",
                 prefix=("strace", "-f", "-qq", "-e", "trace=open,openat,stat,newfstatat,execve", "-o", str(log)))
    paths = [line.split('"')[1] for line in log.read_text().splitlines() if '"' in line and "ENOENT" not in line]
    outside = sorted({p for p in paths if p.startswith(str(ROOT))})
    inside = sum("/_internal/" in p for p in paths)  # the trace did see the bundle's own files
    check(done.returncode == 0 and not outside and inside > 0, "traced: nothing opened in the repository or build venv",
          ", ".join(outside[:5]) or done.stderr or "the trace saw nothing")


def gui(b: Bundle, i: Path) -> None:
    """The window, offscreen, then under Xvfb with the xcb plugin: it opens the sample and quits itself."""
    done = b.run(i / "wsis_rev2_excerpt.docx", env={"REDLINE_DESK_QUIT_AFTER_MS": "1500"}, timeout=120)
    check(done.returncode == 0 and "window shown (offscreen)" in done.stdout and "icon set" in done.stdout
          and " 0 paragraphs" not in done.stdout, "GUI offscreen opens the draft", (done.stdout + done.stderr)[-400:])
    done = b.run(env={"REDLINE_DESK_QUIT_AFTER_MS": "1500"}, timeout=120)
    check(done.returncode == 0 and "A_80_L.41" in done.stdout, "GUI without a file opens the bundled sample",
          (done.stdout + done.stderr)[-400:])
    if shutil.which("xvfb-run"):
        done = b.run(i / "wsis_rev2_excerpt.docx", prefix=("xvfb-run", "-a"), timeout=120,
                     env={"QT_QPA_PLATFORM": "xcb", "REDLINE_DESK_QUIT_AFTER_MS": "1500"})
        check(done.returncode == 0 and "window shown (xcb)" in done.stdout, "GUI on X11 (xcb, Xvfb)",
              (done.stdout + done.stderr)[-400:])


def contents(bundle: Path) -> None:
    """What the spec promises is in the folder."""
    internal = bundle / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    missing = [p for p in bundle_data.QT_PLUGINS if not (plugins / p).exists()]
    check(not missing, "Qt plugins: " + ", ".join(bundle_data.QT_PLUGINS), f"missing {missing}")
    templates = sorted(p.name for p in (internal / "docx" / "templates").glob("*"))
    check("default-header.xml" in templates and "default.docx" in templates,
          f"python-docx templates: {len(templates)} files")
    icons = internal / "resources" / "icons" / "hicolor"
    check(len(list(icons.glob("*/apps/redline-desk.png"))) == 8, "icons: 8 PNG sizes")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / "redline-desk")
    ap.add_argument("--installed", type=Path, default=None, metavar="EXE",
                    help="run an installed command in place instead (e.g. /usr/bin/redline-desk from the .deb)")
    ap.add_argument("--keep", type=Path, default=None, help="copy the outputs here")
    a = ap.parse_args()
    if a.installed is not None and not a.installed.is_file():
        print(f"smoke_test: {a.installed} is not installed (install the .deb or the tarball first)", file=sys.stderr)
        return 2
    if a.installed is None and not (a.bundle / "redline-desk").is_file():
        print(f"smoke_test: no bundle at {a.bundle} (build it: bash packaging/build.sh)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="redline-desk-smoke-") as tmp:
        work = Path(tmp)
        if a.installed is not None:  # as installed: through its launcher or symlink, from where it was put
            exe, folder = a.installed, a.installed.resolve().parent
            print(f"smoke_test: the installed {exe} (bundle in {folder})")
        else:
            shutil.copytree(a.bundle, work / "app" / "redline-desk", symlinks=True)
            exe, folder = work / "app" / "redline-desk" / "redline-desk", work / "app" / "redline-desk"
        i, o = work / "in", work / "out"
        shutil.copytree(SAMPLES, i)
        o.mkdir()
        b = Bundle(exe, work)
        contents(folder)
        run_commands(b, i, o)
        read_back(i, o)
        no_paths_outside(b, i, o)
        gui(b, i)
        if a.keep:
            shutil.copytree(o, a.keep, dirs_exist_ok=True)
    print(f"smoke_test: {'FAILED: ' + '; '.join(failures) if failures else 'every check passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
