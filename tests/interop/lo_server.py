"""One headless LibreOffice serving JSON-line requests on stdin/stdout (run by tests/interop/libreoffice.py).

Runs with Debian's Python, which has the UNO bridge (the project's venv has not):

    /usr/bin/python3 -I tests/interop/lo_server.py TOOLS_DIR

TOOLS_DIR holds lo_redlines.py and lo_author.py (../shared/tools). One Office() is started, then one JSON
object per line is read from stdin and answered by one JSON line on stdout:

    {"op": "inspect", "path": P, "outdir": D, "method": "auto"}   -> lo_redlines.inspect()'s dict
    {"op": "author", "base": B, "edits": [...], "out": O}          -> {"out": O, "redlines": [...]}
    {"op": "comments", "path": P}                                   -> {"comments": [{author, text, anchor, resolved}]}
    {"op": "notes", "path": P}                                      -> {"pending"|"accepted"|"rejected":
                                                                        {"footnotes": [...], "endnotes": [...]}}
    {"op": "ping"}                                                  -> {"startup_s": ..., "restarts": ...}
    {"op": "shutdown"}                                              -> {} then the server exits

Answers: {"ok": true, "result": ..., "soffice_pid": N, "profile": DIR} or {"ok": false, "error_type": ...,
"error": ..., "traceback": ...}. The first line, sent once soffice answers, is {"ready": true, ...} (or
{"ready": false, "error": ...}). "author" edits have lo_author.py's JSON form and are made the way its main()
makes them; a "find" that is missing answers error_type "TextNotFound". A soffice that died is restarted
before the next request. End of stdin ends the server. Anything else printed (by LibreOffice or the tools)
goes to stderr, so stdout carries answers only.
"""

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from typing import Any

# File descriptor 1 is for answers only: keep a private copy, point fd 1 (and sys.stdout) at stderr.
_answers = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

sys.path.insert(0, os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "."))
import lo_author  # noqa: E402  (needs the tools directory on sys.path)
import lo_redlines  # noqa: E402


def send(obj: dict[str, Any]) -> None:
    """Write one answer line."""
    _answers.write(json.dumps(obj) + "\n")
    _answers.flush()


class Server:
    """The Office and the request handlers."""

    def __init__(self) -> None:
        self.office = lo_redlines.Office()
        self.restarts = 0

    def state(self) -> dict[str, Any]:
        """What the client needs to clean up after a hung server: soffice's process group and profile."""
        proc = self.office.proc
        return {"soffice_pid": proc.pid if proc else None, "profile": getattr(self.office, "profile", None)}

    def ensure_alive(self) -> None:
        if not self.office.alive():
            self.office.restart()
            self.restarts += 1

    def op_ping(self, req: dict[str, Any]) -> dict[str, Any]:
        return {"startup_s": round(self.office.startup_s, 2), "restarts": self.restarts}

    def op_inspect(self, req: dict[str, Any]) -> dict[str, Any]:
        path = req["path"]
        outdir = req.get("outdir") or tempfile.mkdtemp(prefix="lo_inspect_")
        os.makedirs(outdir, exist_ok=True)
        result: dict[str, Any] = lo_redlines.inspect(self.office, path, outdir, req.get("method", "auto"))
        return result

    def op_comments(self, req: dict[str, Any]) -> dict[str, Any]:
        """The comments as LibreOffice reads them: author, text, the text they are anchored on, in document order."""
        doc = self.office.load_model(req["path"])
        try:
            return {"comments": _comments(doc)}
        finally:
            with contextlib.suppress(Exception):
                doc.close(True)

    def op_notes(self, req: dict[str, Any]) -> dict[str, Any]:
        """The text of each footnote and endnote as LibreOffice reads them (lo_redlines.inspect reads the body
        only): with the changes pending, after accept-all and after reject-all."""
        out: dict[str, Any] = {}
        with tempfile.TemporaryDirectory(prefix="lo_notes_") as tmp:
            copy = os.path.join(tmp, "in.docx")  # a private copy: a lock file never touches the file's folder
            shutil.copyfile(req["path"], copy)
            for verb in ("pending", "accept", "reject"):
                doc = self.office.load_model(copy)
                try:
                    if verb != "pending":
                        lo_redlines.remove_comments(doc)
                        self.office.attach_view(doc)
                        self.office.dispatch(doc, f".uno:{verb.capitalize()}AllTrackedChanges")
                    key = {"pending": "pending", "accept": "accepted", "reject": "rejected"}[verb]
                    out[key] = {"footnotes": _note_texts(doc.getFootnotes()),
                                "endnotes": _note_texts(doc.getEndnotes())}
                finally:
                    with contextlib.suppress(Exception):
                        doc.close(True)
        return out

    def op_author(self, req: dict[str, Any]) -> dict[str, Any]:
        """lo_author.main() with the shared Office: record the edits, store as .docx, list what was made."""
        base, out, edits = req["base"], req["out"], req["edits"]
        if not os.path.isfile(base):
            raise FileNotFoundError(base)
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="lo_author_") as tmp:
            copy = os.path.join(tmp, "base" + os.path.splitext(base)[1])  # BASE itself is never opened
            shutil.copyfile(base, copy)
            doc = self.office.load(copy)
            try:
                doc.setPropertyValue("RecordChanges", True)
                for edit in edits:
                    lo_author.apply_edit(self.office, doc, edit)
                doc.storeToURL(lo_redlines.file_url(out), lo_redlines.props(FilterName="MS Word 2007 XML"))
            finally:
                with contextlib.suppress(Exception):
                    doc.close(True)
        doc = self.office.load_model(out)
        try:
            made = lo_redlines.list_redlines(doc)
        finally:
            with contextlib.suppress(Exception):
                doc.close(True)
        return {"out": os.path.abspath(out), "redlines": made}

    def op_accept_authors(self, req: dict[str, Any]) -> dict[str, Any]:
        """Accept the redlines of req["authors"], reject all others, one at a time (as Word's "accept all by
        reviewer"); the comments as LibreOffice read them, the text per paragraph and the redlines left."""
        authors = set(req["authors"])
        with tempfile.TemporaryDirectory(prefix="lo_accept_") as tmp:
            copy = os.path.join(tmp, "in.docx")
            shutil.copyfile(req["path"], copy)
            doc = self.office.load_model(copy)
            try:
                comments = [[c["author"], c["text"], c["anchor"]] for c in _comments(doc)]
                lo_redlines.remove_comments(doc)  # a view of a document with comments aborts -nogui soffice
                self.office.attach_view(doc)
                redlines = doc.getRedlines()
                for _ in range(redlines.getCount() * 2):
                    if redlines.getCount() == 0:
                        break
                    first = redlines.getByIndex(0)
                    accept = first.getPropertyValue("RedlineAuthor") in authors
                    lo_redlines.resolve_one(self.office, doc, 0, accept=accept)
                left = redlines.getCount()
                text = lo_redlines.export_text(doc, os.path.join(tmp, "out.txt"))
            finally:
                with contextlib.suppress(Exception):
                    doc.close(True)
        return {"comments": comments, "text": text, "left": left}

    def handle(self, req: dict[str, Any]) -> dict[str, Any]:
        op = req.get("op")
        handler = getattr(self, f"op_{op}", None)
        if handler is None:
            return {"ok": False, "error_type": "ValueError", "error": f"unknown op {op!r}"}
        t0 = time.time()
        try:
            self.ensure_alive()
            result = handler(req)
        except Exception as e:  # pyuno exceptions are Exceptions too
            answer = {"ok": False, "error_type": type(e).__name__, "error": str(e),
                      "traceback": traceback.format_exc()}
            if isinstance(e, LookupError) and op == "author":
                answer.update(error_type="TextNotFound", error=f"text not found: {e.args[0]!r}")
            with contextlib.suppress(Exception):
                if not self.office.alive():
                    answer["error"] += " (soffice died during this request; restarted)"
                    if op == "author":  # see ../shared/tools/README.md
                        answer["error"] += "; a base with comments does this: remove them first"
                    self.ensure_alive()
            return {**answer, **self.state()}
        return {"ok": True, "result": result, "seconds": round(time.time() - t0, 2), **self.state()}

    def serve(self) -> int:
        try:
            self.office.start()
        except Exception as e:
            send({"ready": False, "error": f"{type(e).__name__}: {e}"})
            return 1
        try:
            send({"ready": True, "startup_s": round(self.office.startup_s, 2), **self.state()})
            for line in sys.stdin:
                if not line.strip():
                    continue
                try:
                    req = json.loads(line)
                except ValueError as e:
                    send({"ok": False, "error_type": "ValueError", "error": f"bad request line: {e}"})
                    continue
                if req.get("op") == "shutdown":
                    send({"ok": True, "result": {}})
                    break
                send(self.handle(req))
        finally:
            self.office.stop()
        return 0


def _note_texts(notes: Any) -> list[str]:
    """The text of each note of a footnotes or endnotes collection, in order (paragraphs joined by "\n")."""
    return [notes.getByIndex(i).getString() for i in range(notes.getCount())]


def _comments(doc: Any) -> list[dict[str, Any]]:
    """Each annotation field of a loaded model: author, text (Content), anchor text, resolved state."""
    out = []
    fields = doc.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            resolved = False
            with contextlib.suppress(Exception):  # "Resolved" arrived in LibreOffice 7.2
                resolved = bool(field.getPropertyValue("Resolved"))
            out.append({"author": field.getPropertyValue("Author"), "text": field.getPropertyValue("Content"),
                        "anchor": field.getAnchor().getString(), "resolved": resolved})
    return out


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.exit(Server().serve())
