"""Run the Redline Desk benchmark on a 500-page draft: load, apply, export `full`, compare, import one
redline and merge 50.

Each run of each stage is a fresh subprocess (one stage's memory cannot inflate the next); only the
stage itself is timed, after imports and its inputs are prepared, and the process's peak RSS is read
right after it.

    python -m bench.run [--runs 5] [--json] [--regenerate] [--stages load,compare] [--profile compare]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate

ROOT = generate.ROOT
STAGES = ("load", "apply", "export", "compare", "import", "merge")
TARGET_S: dict[str, float | None] = {
    "load": 1.5, "apply": None, "export": 2.0, "compare": 3.0, "import": 2.0, "merge": 10.0,
}
TARGET_RSS_MB = {stage: 600.0 if stage == "merge" else 400.0 for stage in STAGES}
AUTHOR = "Benchmark delegation"
DATE = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
INPUTS = ("draft.docx", "revision.docx", "amendments.md", "previous.docx", "redline.docx", "redlines.json",
          "redlines/redline_50.docx", "manifest.json")

Info = dict[str, Any]


# ----- inputs -----

def ensure_inputs(out: Path, seed: int, regenerate: bool) -> Info:
    """The generated inputs in `out` (made when missing, of another seed, or asked for); the manifest."""
    if not regenerate and all((out / name).exists() for name in INPUTS):
        manifest: Info = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("seed") == seed:
            return manifest
    print(f"generating inputs in {out} (seed {seed}) …", file=sys.stderr)
    return generate.write_inputs(out, seed)


# ----- one stage, in the child process -----

def prepare(stage: str, out: Path) -> Callable[[], Info]:
    """Do a stage's untimed set-up; return its timed part."""
    from app.planning import plan_amendments
    from app.textform import Severity, import_text_form
    from app.wiring.apply import compare_files
    from docx_io.package import read_package
    from docx_io.reader import draft_from_package, read_draft
    from docx_io.redline_writer import write_redline

    if stage == "load":
        def load() -> Info:
            draft = read_draft(out / "draft.docx")
            return {"paragraphs": len(draft.paragraphs), "labels": len(draft.labels)}
        return load
    if stage == "compare":
        def compare() -> Info:
            old, new = out / "draft.docx", out / "revision.docx"
            return {"summary": compare_files(old, new, out / "compare.docx", AUTHOR, DATE)}
        return compare
    if stage in ("import", "merge"):
        return prepare_merge(stage, out)
    pkg = read_package(out / "draft.docx")
    draft = draft_from_package(pkg)
    text = (out / "amendments.md").read_text(encoding="utf-8")

    def apply() -> Info:
        imported = import_text_form(draft, text, author=AUTHOR)
        plan = plan_amendments(draft, imported.amendments, AUTHOR, DATE)
        severities = [d.severity for d in imported.diagnostics]
        return {"amendments": len(imported.amendments), "steps": len(plan), "plan": plan,
                "errors": severities.count(Severity.ERROR), "warnings": severities.count(Severity.WARNING)}
    if stage == "apply":
        return apply
    if stage == "export":
        plan = apply()["plan"]

        def export() -> Info:
            write_redline(pkg, plan, out / "export_full.docx", tracked=True)
            return {}
        return export
    raise ValueError(f"unknown stage {stage!r}")


def prepare_merge(stage: str, out: Path) -> Callable[[], Info]:
    """`import`: read redline.docx as attributed paragraphs and align them with the (already read) draft,
    as app.merge does; `merge`: app.wiring.merging.merge_files of the 50 redlines, `full` form and report."""
    from app.align import align
    from app.merge import _as_paragraph
    from app.wiring.merging import merge_files
    from docx_io.incoming import read_incoming
    from docx_io.package import read_package
    from docx_io.reader import read_draft

    if stage == "merge":
        inputs = [str(path) for path in sorted((out / "redlines").glob("*.docx"))]

        def merge() -> Info:
            result, messages = merge_files(out / "draft.docx", inputs, out / "merge.docx", form="full", date=DATE,
                                           report=out / "merge_report.json")
            return {"files": len(inputs), "report_lines": len(result.report), "messages": messages}
        return merge
    draft = read_draft(out / "draft.docx")

    def import_() -> Info:
        paragraphs = read_incoming(read_package(out / "redline.docx"))
        kept = [p for p in paragraphs if not p.inserted]
        pairs = align(draft.paragraphs, [_as_paragraph(i, p) for i, p in enumerate(kept)])
        return {"paragraphs": len(paragraphs), "changed": sum(p.changed for p in paragraphs),
                "inserted": sum(p.inserted for p in paragraphs), "deleted": sum(p.deleted for p in paragraphs),
                "aligned": sum(p.old is not None and p.new is not None for p in pairs), "kept": len(kept),
                "incoming": paragraphs}
    return import_


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    try:
        status = Path("/proc/self/status").read_text()
        fields = {k: v for k, _, v in (line.partition(":") for line in status.splitlines())}
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
        return peak_mb, peak_mb


def child(stage: str, out: Path, check: bool) -> Info:
    """Run one stage once (what the parent reads back as JSON)."""
    timed = prepare(stage, out)
    before, _ = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    info = timed()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    _, peak = rss_mb()
    incoming = info.pop("incoming", None)
    info.pop("plan", None)
    result: Info = {"stage": stage, "seconds": seconds, "cpu_seconds": cpu, "rss_before_mb": before,
                    "peak_rss_mb": peak, "info": info}
    if check:
        result["checks"] = run_checks(stage, out, {**info, "incoming": incoming})
    return result


def run_checks(stage: str, out: Path, info: Info) -> dict[str, str]:
    """Check name -> '' when it holds, else what is wrong."""
    from bench import checks

    manifest: Info = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    front: list[str] = manifest["front"]
    found: dict[str, str] = {}

    def expect(name: str, got: object, want: object) -> None:
        found[name] = "" if got == want else f"{got}, want {want}"

    if stage == "load":
        expect("paragraphs read", info["paragraphs"], len(front) + manifest["paragraphs"])
    elif stage == "apply":
        total = manifest["amendments"]["total"]
        expect("amendments imported", info["amendments"], total)
        expect("import errors", info["errors"], 0)
        expect("plan steps", info["steps"], total)
    elif stage == "export":
        path = out / "export_full.docx"
        count = checks.revision_count(path)
        low = manifest["amendments"]["marked_changes"]
        high = low + 3 * (manifest["amendments"]["bis"] + manifest["amendments"]["whole_deletion"])
        found[f"revisions {count['total']} in [{low}, {high}]"] = (
            "" if low <= count["total"] <= high else f"{count['ins']} w:ins + {count['del']} w:del"
        )
        want = front + manifest["expected_accepted_export"]
        found["accept-all = amended text"] = checks.first_difference(checks.accepted_texts(path), want)
    elif stage == "compare":
        path = out / "compare.docx"
        rev = manifest["revision"]
        # 2 inserted + the move's new place; 1 deleted + the move's old place. Allow 1% of the edits
        # to be rewritten past the similarity cutoff (short headings).
        slack = rev["word_edits"] // 100
        marks = checks.paragraph_marks(path)
        for kind, base in (("inserted", rev["inserted"]), ("deleted", rev["deleted"])):
            limit = base + rev["moved"] + slack
            found[f"whole paragraphs {kind} <= {limit}"] = (
                "" if marks[kind] <= limit else f"{marks[kind]} paragraphs {kind} whole"
            )
        found["accept-all = new revision"] = checks.first_difference(
            checks.accepted_texts(path), checks.reader_texts(out / "revision.docx"))
        found["reject-all = old draft"] = checks.first_difference(
            checks.rejected_texts(path), checks.reader_texts(out / "draft.docx"))
    elif stage in ("import", "merge"):
        found.update(merge_checks(stage, out, info, manifest))
    return found


def merge_checks(stage: str, out: Path, info: Info, manifest: Info) -> dict[str, str]:
    """Checks of `import` (the 1,000-amendment redline) and `merge` (the 50 redlines)."""
    from app.attributed import original_lines, proposed_lines
    from bench import checks

    found: dict[str, str] = {}

    def expect(name: str, got: object, want: object) -> None:
        found[name] = "" if got == want else f"{got}, want {want}"

    front, drafted = manifest["front"], checks.reader_texts(out / "draft.docx")
    if stage == "import":
        amended = manifest["amendments"]
        expect("paragraphs read", info["paragraphs"], len(front) + manifest["paragraphs"] + amended["bis"])
        expect("paragraphs changed", info["changed"], amended["total"])
        expect("new / struck paragraphs", (info["inserted"], info["deleted"]),
               (amended["bis"], amended["whole_deletion"]))
        expect("every paragraph aligned with the draft's", info["aligned"], info["kept"])
        found["reject-all = draft"] = checks.first_difference(original_lines(info["incoming"]), drafted)
        found["accept-all = amended text"] = checks.first_difference(
            proposed_lines(info["incoming"]), front + manifest["expected_accepted_export"])
        return found
    expected = json.loads((out / "redlines.json").read_text(encoding="utf-8"))
    report = json.loads((out / "merge_report.json").read_text(encoding="utf-8"))
    summary = manifest["redlines"]
    expect("report lines (one per change and author)", info["report_lines"], summary["changes"])
    found["report: each file's changes, applied / collision / not applicable"] = "; ".join(
        checks.report_differences(expected, report)[:3])
    want = {p["label"] for r in expected for p in r["proposals"] if p["status"] == "collision"}
    got = {line["paragraph"] for line in report if line["status"] == "collision"}
    expect("paragraphs with collisions", sorted(got, key=int), sorted(want, key=int))
    missing = checks.missing_pieces(expected, checks.revisions_by_author(out / "merge.docx"))
    found["every author's changes in the output, credited to them"] = (
        "" if not missing else f"{len(missing)} missing, first {missing[0]}")
    found["reject-all = draft"] = checks.first_difference(checks.rejected_texts(out / "merge.docx"), drafted)
    return found


def profile(stage: str, out: Path, top: int = 30) -> None:
    """cProfile the timed part of a stage; print the top functions by own and by cumulative time."""
    timed = prepare(stage, out)
    prof = cProfile.Profile()
    prof.runcall(timed)
    dump = out / f"{stage}.prof"
    prof.dump_stats(dump)
    for key in ("tottime", "cumulative"):
        print(f"\n===== {stage}: top {top} by {key} (stats in {dump}) =====")
        pstats.Stats(prof).strip_dirs().sort_stats(key).print_stats(top)


# ----- the parent -----

def run_stage(stage: str, out: Path, check: bool) -> Info:
    """One run of a stage in a fresh interpreter."""
    cmd = [sys.executable, "-m", "bench.run", "--child", stage, "--out", str(out)]
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    proc = subprocess.run(cmd + (["--check"] if check else []), cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"stage {stage} failed (exit {proc.returncode}):\n{proc.stderr}")
    result: Info = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def measure(out: Path, stages: list[str], runs: int) -> Info:
    """Median of `runs` runs of each stage, targets, peak RSS and the checks (from each stage's first run)."""
    report: dict[str, Info] = {}
    problems: dict[str, str] = {}
    for stage in stages:
        results = [run_stage(stage, out, check=(r == 0)) for r in range(runs)]
        secs = [float(r["seconds"]) for r in results]
        cpus = [float(r["cpu_seconds"]) for r in results]
        peaks = [float(r["peak_rss_mb"]) for r in results]
        target = TARGET_S[stage]
        median = statistics.median(secs)
        report[stage] = {
            "median_s": round(median, 3), "min_s": round(min(secs), 3), "max_s": round(max(secs), 3),
            "runs_s": [round(s, 3) for s in secs], "cpu_median_s": round(statistics.median(cpus), 3),
            "target_s": target, "target_rss_mb": TARGET_RSS_MB[stage],
            "pass": None if target is None else median < target,
            "rss_pass": max(peaks) < TARGET_RSS_MB[stage],
            "peak_rss_mb": round(statistics.median(peaks), 1), "max_peak_rss_mb": round(max(peaks), 1),
            "rss_before_mb": round(float(results[0]["rss_before_mb"]), 1), "info": results[0]["info"],
        }
        problems.update({f"{stage}: {k}": v for k, v in results[0]["checks"].items()})
    peak = max((s["max_peak_rss_mb"] for s in report.values()), default=0.0)
    timed_ok = all(s["pass"] is not False for s in report.values())
    rss_ok = all(s["rss_pass"] for s in report.values())
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "stages": report,
        "peak_rss_mb": peak, "rss_pass": rss_ok,
        "checks": {name: (problem or "ok") for name, problem in problems.items()},
        "pass": timed_ok and rss_ok and not any(problems.values()),
    }


def table(report: Info, manifest: Info) -> str:
    """The report as a text table."""
    machine, pages = report["machine"], manifest["estimated_pages"]
    lines = [
        f"Redline Desk benchmark: {manifest['paragraphs']:,} paragraphs (~{pages} pages), "
        f"{manifest['amendments']['total']:,} amendments, revision with {generate.N_REVISION_EDITS:,} edits",
        f"median of {report['runs']} runs per stage; {machine['cpus']} CPUs, "
        f"load average {machine['load_average'][0]}",
        "",
        f"{'stage':<9}{'median s':>10}{'min s':>8}{'max s':>8}{'cpu s':>8}{'target':>10}"
        f"{'peak RSS MB':>13}{'target':>10}  time  RSS",
        "-" * 90,
    ]
    for stage, s in report["stages"].items():
        target = "—" if s["target_s"] is None else f"< {s['target_s']:g} s"
        result = "—   " if s["pass"] is None else ("PASS" if s["pass"] else "FAIL")
        rss_target = f"< {s['target_rss_mb']:g}"
        lines.append(f"{stage:<9}{s['median_s']:>10.3f}{s['min_s']:>8.3f}{s['max_s']:>8.3f}"
                     f"{s['cpu_median_s']:>8.3f}{target:>10}{s['max_peak_rss_mb']:>13.0f}"
                     f"{rss_target:>10}  {result}  {'PASS' if s['rss_pass'] else 'FAIL'}")
    lines += ["(peak RSS: the highest of the stage's runs)", "", "checks:"]
    lines += [f"  {'ok  ' if v == 'ok' else 'FAIL'} {k}" + ("" if v == "ok" else f": {v}")
              for k, v in report["checks"].items()]
    lines.append(f"\noverall: {'PASS' if report['pass'] else 'FAIL'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure (or profile) and print the report; exit status 1 when a target or a check fails."""
    p = argparse.ArgumentParser(prog="python -m bench.run", description="Redline Desk benchmark.")
    p.add_argument("--runs", type=int, default=5, help="runs per stage; the median is reported (default 5)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--regenerate", action="store_true", help="regenerate the inputs even if present")
    p.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset of " + ",".join(STAGES))
    p.add_argument("--profile", choices=STAGES, help="cProfile one stage in-process instead of measuring")
    p.add_argument("--seed", type=int, default=generate.SEED, help="generator seed")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="inputs and outputs (bench/out)")
    p.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    p.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    out: Path = args.out.resolve()
    if args.child:
        print(json.dumps(child(args.child, out, args.check)))
        return 0
    stages = [s for s in args.stages.split(",") if s]
    if set(stages) - set(STAGES) or args.runs < 1:
        p.error("--stages takes " + ",".join(STAGES) + "; --runs must be at least 1")
    manifest = ensure_inputs(out, args.seed, args.regenerate)
    if args.profile:
        profile(args.profile, out)
        return 0
    report = measure(out, stages, args.runs)
    report["inputs"] = {k: v for k, v in manifest.items() if k != "expected_accepted_export"}
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else table(report, manifest))
    return 0 if report["pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
