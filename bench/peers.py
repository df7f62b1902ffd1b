"""Redline Desk's `compare` side by side with the engines users would otherwise pick, on the same pairs.

Engines (each a whole process, as a user runs it):
  ours        `redline-desk compare OLD NEW -o OUT` (the project's .venv)
  powertools  python-redlines' XmlPowerToolsEngine (Open-XML-PowerTools WmlComparer, .NET, in its wheel)
  docxodus    python-redlines' DocxodusEngine (.NET, in its wheel)
  trackdiff   `docx-trackdiff OLD NEW OUT` (pure Python)
  jubarte     `jubarte-redlines compare OLD NEW -o OUT` (Rust; AGPL: run only, from its own environment)

The peers live in bench/.peers-venv and bench/.peers-agpl-venv (`make bench-peers` makes them); they are never
dependencies of the project. Runs are interleaved (each round runs every engine once, in a rotating order), so a
load change on the shared machine hits all engines alike; ratios are peer / ours of the medians of one run.

Per run: wall time (perf_counter around the child) and peak RSS (os.wait4's ru_maxrss: the largest of the child
and the processes it waited for, e.g. the .NET binary). Quality, on the first run's output: revisions, accept-all =
new and reject-all = old (LibreOffice for small and medium, `bench.ooxml_review`'s lxml reading for all sizes),
characters inserted / deleted against the ideal, and renumbering churn (paragraphs whose only change is the
number but whose redline does more than change the number).

    python -m bench.peers [--sizes small,medium] [--runs 5] [--engines ours,docxodus] [--timeout 900]
                          [--json REPORT.json] [--chart PEERS.png]
    python -m bench.peers --from-json small_medium.json large.json --chart docs/benchmarks/peers.png
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python bench/peers.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import ooxml_review, pairs
from bench.generate import ROOT

BENCH = ROOT / "bench"
PEERS_VENV = BENCH / ".peers-venv"
AGPL_VENV = BENCH / ".peers-agpl-venv"
LO_TOOL = Path("/work/shared/tools/lo_redlines.py")
LO_SIZES = ("small", "medium")  # LibreOffice's accept/reject of a 500-page file takes minutes: lxml there
AUTHOR = "Bench"

_PY_REDLINES = (
    "import sys; from pathlib import Path\n"
    "from python_redlines.engines import DocxodusEngine, XmlPowerToolsEngine\n"
    "import warnings; warnings.simplefilter('ignore')\n"
    "engine = {'powertools': XmlPowerToolsEngine, 'docxodus': DocxodusEngine}[sys.argv[1]]()\n"
    "data, _, _ = engine.run_redline(sys.argv[5], Path(sys.argv[2]), Path(sys.argv[3]))\n"
    "Path(sys.argv[4]).write_bytes(data)\n"
)

Command = Callable[[Path, Path, Path], list[str]]
ENGINES: dict[str, tuple[str, Command]] = {
    "ours": ("Redline Desk", lambda o, n, out: [
        str(ROOT / ".venv" / "bin" / "redline-desk"), "compare", str(o), str(n), "-o", str(out),
        "--author", AUTHOR]),
    "jubarte": ("jubarte-redlines", lambda o, n, out: [
        str(AGPL_VENV / "bin" / "jubarte-redlines"), "compare", str(o), str(n), "-o", str(out), "-a", AUTHOR]),
    "docxodus": ("Docxodus (python-redlines)", lambda o, n, out: [
        str(PEERS_VENV / "bin" / "python"), "-c", _PY_REDLINES, "docxodus", str(o), str(n), str(out), AUTHOR]),
    "powertools": ("Open-XML-PowerTools WmlComparer (python-redlines)", lambda o, n, out: [
        str(PEERS_VENV / "bin" / "python"), "-c", _PY_REDLINES, "powertools", str(o), str(n), str(out), AUTHOR]),
    "trackdiff": ("docx-trackdiff", lambda o, n, out: [
        str(PEERS_VENV / "bin" / "docx-trackdiff"), str(o), str(n), str(out), "--author", AUTHOR]),
}

Info = dict[str, Any]


def run_once(cmd: list[str], timeout: float) -> Info:
    """One whole-process run: seconds, peak RSS in MB (ru_maxrss of the child), exit status, timed out."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    err = proc.stderr.read() if proc.stderr else b""  # until the child closes it (exits)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    return {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024, "exit": proc.returncode,
            "timed_out": timed_out.is_set(), "stderr": err.decode(errors="replace")[-400:]}


def versions() -> dict[str, str]:
    """Installed versions of the peers (from their environments' metadata) and of ours."""
    from app import __version__

    out = {"redline-desk": __version__}
    for venv, names in ((PEERS_VENV, ("python-redlines", "python-redlines-docxodus",
                                      "python-redlines-ooxmlpowertools", "docx-trackdiff")),
                        (AGPL_VENV, ("jubarte-redlines",))):
        py = venv / "bin" / "python"
        if not py.exists():
            continue
        code = ("import importlib.metadata as m, json, sys\n"
                "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))")
        proc = subprocess.run([str(py), "-c", code, *names], capture_output=True, text=True, check=False)
        if proc.returncode == 0:
            out.update(json.loads(proc.stdout))
    return out


def machine() -> Info:
    """CPU, cores, RAM, OS, Python, load average: where the figures were taken."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def libreoffice(files: list[Path]) -> dict[str, Info]:
    """lo_redlines.py's results (revisions, accepted_text, rejected_text) by absolute path."""
    if not LO_TOOL.exists() or not files:
        return {}
    outdir = BENCH / "out" / "peers" / "lo"
    proc = subprocess.run(["/usr/bin/python3", str(LO_TOOL), *map(str, files), "--json", "--outdir", str(outdir)],
                          capture_output=True, text=True, check=False, timeout=1800)
    try:
        results = json.loads(proc.stdout)["results"]
    except (ValueError, KeyError):
        print(f"LibreOffice check failed: {proc.stderr[-500:]}", file=sys.stderr)
        return {}
    return {str(Path(r["file"]).resolve()): r for r in results}


def _lo_lines(text: str) -> list[str]:
    return text.removeprefix("\ufeff").split("\n")


def quality(size: str, folder: Path, outputs: dict[str, Path]) -> dict[str, Info]:
    """Per engine: the lxml reading of its output, and LibreOffice's accept-all / reject-all for small, medium."""
    old, new = folder / "old.docx", folder / "new.docx"
    old_t, new_t = ooxml_review.plain_texts(old), ooxml_review.plain_texts(new)
    ideal = ooxml_review.ideal_chars(old_t, new_t)
    lo = libreoffice([old, new, *outputs.values()]) if size in LO_SIZES else {}
    found: dict[str, Info] = {}
    for engine, path in outputs.items():
        q = ooxml_review.review(path, old, new)
        entry: Info = {"revisions": q.revisions, "inserted": q.inserted, "deleted": q.deleted,
                       "ideal_inserted": ideal[0], "ideal_deleted": ideal[1],
                       "inserted_x": round(q.inserted / ideal[0], 2) if ideal[0] else None,
                       "deleted_x": round(q.deleted / ideal[1], 2) if ideal[1] else None,
                       "churn": q.churn, "renumbered_only": len(ooxml_review.renumbered(old_t, new_t)),
                       "lxml_accept_ok": q.accept_ok, "lxml_reject_ok": q.reject_ok,
                       "lxml_accept_differ": q.accept_differ, "lxml_reject_differ": q.reject_differ}
        r, r_old, r_new = (lo.get(str(p.resolve()), {}) for p in (path, old, new))
        if r and r_old and r_new and "error" not in r:
            acc, rej = _lo_lines(r["accepted_text"]), _lo_lines(r["rejected_text"])
            want_new, want_old = _lo_lines(r_new["accepted_text"]), _lo_lines(r_old["accepted_text"])
            entry.update({"lo_revisions": len(r["redlines"]), "lo_accept_ok": acc == want_new,
                          "lo_reject_ok": rej == want_old,
                          "lo_accept_differ": ooxml_review.differing(acc, want_new),
                          "lo_reject_differ": ooxml_review.differing(rej, want_old)})
        elif r:
            entry["lo_error"] = r.get("error", "no result for the inputs")
        entry["correct"] = entry.get("lo_accept_ok", q.accept_ok) and entry.get("lo_reject_ok", q.reject_ok)
        entry["checked_by"] = "LibreOffice" if "lo_accept_ok" in entry else "lxml"
        found[engine] = entry
    return found


def measure(sizes: list[str], engines: list[str], runs: int, timeout: float) -> Info:
    """Interleaved runs of every engine on every size; medians, ranges, ratios and quality."""
    work = BENCH / "out" / "peers"
    report: Info = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "runs": runs, "timeout_s": timeout,
                    "machine": machine(), "versions": versions(), "sizes": {}}
    for size in sizes:
        folder = pairs.write_pair(size, BENCH / "out" / "pairs")
        meta = json.loads((folder / "pair.json").read_text(encoding="utf-8"))
        (work / size).mkdir(parents=True, exist_ok=True)
        results: dict[str, list[Info]] = {e: [] for e in engines}
        outputs: dict[str, Path] = {}
        given_up: set[str] = set()
        for r in range(runs):
            order = engines[r % len(engines):] + engines[:r % len(engines)]
            for engine in order:
                if engine in given_up:
                    continue
                out = work / size / f"{engine}.docx"
                out.unlink(missing_ok=True)
                res = run_once(ENGINES[engine][1](folder / "old.docx", folder / "new.docx", out), timeout)
                ok = res["exit"] == 0 and not res["timed_out"] and out.exists()
                res["ok"] = ok
                results[engine].append(res)
                print(f"{size:<7} run {r + 1}/{runs} {engine:<11} {res['seconds']:8.2f} s {res['rss_mb']:8.0f} MB"
                      + ("" if ok else " TIMED OUT" if res["timed_out"] else f" FAILED (exit {res['exit']})"),
                      file=sys.stderr, flush=True)
                if not ok:
                    given_up.add(engine)  # a timeout or failure would only repeat
                elif engine not in outputs:
                    kept = work / size / f"{engine}.first.docx"
                    out.replace(kept)
                    outputs[engine] = kept
        qual = quality(size, folder, outputs)
        table: dict[str, Info] = {}
        for engine in engines:
            good = [x for x in results[engine] if x["ok"]]
            entry: Info = {"label": ENGINES[engine][0], "runs": len(results[engine])}
            if good:
                secs = [x["seconds"] for x in good]
                rss = [x["rss_mb"] for x in good]
                entry.update({"median_s": round(statistics.median(secs), 3), "min_s": round(min(secs), 3),
                              "max_s": round(max(secs), 3), "runs_s": [round(s, 3) for s in secs],
                              "rss_mb": round(statistics.median(rss), 1), "max_rss_mb": round(max(rss), 1)})
            bad = [x for x in results[engine] if not x["ok"]]
            if bad:
                entry["failure"] = "timed out" if bad[0]["timed_out"] else f"exit {bad[0]['exit']}: {bad[0]['stderr']}"
            entry.update(qual.get(engine, {}))
            table[engine] = entry
        base = table.get("ours", {})
        for entry in table.values():
            if "median_s" in entry and "median_s" in base:
                entry["time_x"] = round(entry["median_s"] / base["median_s"], 2)
                entry["rss_x"] = round(entry["rss_mb"] / base["rss_mb"], 2)
        report["sizes"][size] = {"pair": meta, "engines": table}
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return report


def _yes(entry: Info) -> str:
    if "correct" not in entry:
        return "—"
    how = "LO" if entry["checked_by"] == "LibreOffice" else "lxml"
    if entry["correct"]:
        return f"yes ({how})"
    a = entry.get("lo_accept_differ", entry["lxml_accept_differ"])
    r = entry.get("lo_reject_differ", entry["lxml_reject_differ"])
    return f"**no** ({how}: {a} / {r} paragraphs off)"


def markdown(report: Info) -> str:
    """The report as Markdown tables, one per size."""
    lines: list[str] = []
    for size, data in report["sizes"].items():
        pair = data["pair"]
        lines += [f"### {size}: {pair['paragraphs']:,} paragraphs (~{pair['estimated_pages']} pages), "
                  f"{pair['edits']:,} edits, {pair['revision']['renumbered_only']:,} paragraphs renumbered only",
                  "",
                  "| engine | median s | min – max s | × ours | peak RSS MB | × ours | revisions | accept = new, "
                  "reject = old | ins / del chars × ideal | renumber churn |",
                  "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
        for entry in data["engines"].values():
            if "median_s" not in entry:
                lines.append(f"| {entry['label']} | {entry.get('failure', 'not run')} | | | | | | | | |")
                continue
            ratio = "—" if entry is data["engines"].get("ours") else f"{entry.get('time_x', 0):.1f}"
            rss_ratio = "—" if entry is data["engines"].get("ours") else f"{entry.get('rss_x', 0):.1f}"
            chars = (f"{entry['inserted_x']:.2f} / {entry['deleted_x']:.2f}"
                     if entry.get("inserted_x") is not None and entry.get("deleted_x") is not None else "—")
            lines.append(
                f"| {entry['label']} | {entry['median_s']:.2f} | {entry['min_s']:.2f} – {entry['max_s']:.2f} | "
                f"{ratio} | {entry['rss_mb']:.0f} | {rss_ratio} | {entry.get('revisions', '—')} | {_yes(entry)} | "
                f"{chars} | {entry.get('churn', '—')} |")
        lines.append("")
    return "\n".join(lines)


def chart(report: Info, path: Path) -> None:
    """Bars of the median time (log scale) per engine and size, drawn with matplotlib in the peers' env."""
    data = {size: {e["label"]: (e.get("median_s"), e.get("correct")) for e in d["engines"].values()}
            for size, d in report["sizes"].items()}
    script = r"""
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
data, out = json.loads(sys.argv[1]), sys.argv[2]
sizes = list(data)
labels = list(dict.fromkeys(l for s in sizes for l in data[s]))
fig, axes = plt.subplots(1, len(sizes), figsize=(4.2 * len(sizes) + 1.5, 3.6), squeeze=False)
colors = ["#c0392b", "#7f8c8d", "#95a5a6", "#bdc3c7", "#566573"]
for ax, size in zip(axes[0], sizes):
    names = [l for l in labels if data[size].get(l, [None])[0]]
    vals = [data[size][l][0] for l in names]
    rows = [labels.index(l) for l in names]  # the same row for an engine in every panel
    bars = ax.barh(rows, vals, color=[colors[r % 5] for r in rows])
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels if ax is axes[0][0] else [""] * len(labels), fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_title(size, fontsize=10)
    ax.set_xlabel("seconds, whole process (log)", fontsize=8)
    for b, l, v in zip(bars, names, vals):
        mark = "" if data[size][l][1] in (True, None) else "  wrong"
        ax.text(v, b.get_y() + b.get_height() / 2, f" {v:.2f} s{mark}", va="center", fontsize=7)
    ax.set_xlim(min(vals) / 2, max(vals) * 8)
fig.suptitle("compare: median wall time, interleaved runs on the same pairs", fontsize=10)
fig.tight_layout()
fig.savefig(out, dpi=110)
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(PEERS_VENV / "bin" / "python"), "-c", script, json.dumps(data), str(path)], check=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="small,medium", help="comma-separated: small, medium, large")
    p.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ",".join(ENGINES))
    p.add_argument("--runs", type=int, default=5, help="runs per engine and size (default 5)")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds before one run is killed (default 900)")
    p.add_argument("--json", type=Path, help="also write the full report here")
    p.add_argument("--chart", type=Path, help="draw the times into this PNG (matplotlib, peers' env)")
    p.add_argument("--from-json", type=Path, nargs="+", metavar="REPORT",
                   help="measure nothing: print (and chart) earlier --json reports, their sizes side by side")
    args = p.parse_args(argv)
    if args.from_json:
        reports = [json.loads(path.read_text(encoding="utf-8")) for path in args.from_json]
        report = {**reports[0], "sizes": {k: v for r in reports for k, v in r["sizes"].items()}}
        if args.chart:
            chart(report, args.chart)
        print(markdown(report))
        return 0
    sizes = [s for s in args.sizes.split(",") if s]
    engines = [e for e in args.engines.split(",") if e]
    if set(sizes) - set(pairs.SIZES) or set(engines) - set(ENGINES) or args.runs < 1:
        p.error(f"--sizes takes {','.join(pairs.SIZES)}; --engines {','.join(ENGINES)}; --runs at least 1")
    missing = [e for e in engines if not Path(ENGINES[e][1](Path(), Path(), Path())[0]).exists()]
    if missing:
        p.error(f"not installed: {', '.join(missing)} (make bench-peers installs the peers)")
    report = measure(sizes, engines, args.runs, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.chart:
        chart(report, args.chart)
    m = report["machine"]
    print(f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, {m['os']}; load {m['load_average']} -> "
          f"{m['load_average_end']}; {report['runs']} interleaved runs\n")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
