"""The compare pairs the peer benchmark runs every engine on (`bench/peers.py`), built with `bench/generate.py`.

- small: 10 paragraphs; 5 word edits.
- medium: 131 paragraphs; 60 edits: 2 paragraphs inserted early (every later number shifts), one moved, one
  deleted, word edits in 56 others.
- large: 9,975 paragraphs (about 520 pages); 1,000 edits the same way (most paragraphs change only their number).

Deterministic (generate.SEED): the same files on every machine. `pair.json` next to each pair records what was done.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from bench import generate

SIZES: dict[str, tuple[int, int]] = {"small": (10, 5), "medium": (131, 60), "large": (9_975, 1_000)}


def small_revision(items: list[generate.Item], seed: int, n_edits: int) -> generate.Revision:
    """Word edits on n_edits paragraphs, nothing inserted or moved (too few paragraphs for make_revision)."""
    rng = random.Random(seed + 2)
    prose = generate.Prose(generate.corpus_words(), rng)
    candidates = [i for i, it in enumerate(items) if len(it.text.split()) >= 4]
    new = list(items)
    for i in sorted(rng.sample(candidates, min(n_edits, len(candidates)))):
        _, _, proposed, _ = generate.edit_words(items[i].text, rng, prose, 1)
        new[i] = replace(items[i], text=proposed)
    return generate.Revision(new, {"inserted": 0, "moved": 0, "deleted": 0, "word_edits": n_edits,
                                   "renumbered_only": 0})


def write_pair(size: str, out: Path, seed: int = generate.SEED) -> Path:
    """old.docx and new.docx of `size` in out/SIZE (made once; kept while pair.json matches); the folder."""
    folder = out / size
    meta_path = folder / "pair.json"
    n, edits = SIZES[size]
    want = {"size": size, "seed": seed, "paragraphs": n, "edits": edits}
    if meta_path.exists() and (folder / "old.docx").exists() and (folder / "new.docx").exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in want.items()):
            return folder
    folder.mkdir(parents=True, exist_ok=True)
    draft = generate.make_draft(seed, n)
    revision = small_revision(draft, seed, edits) if n < 40 else generate.make_revision(draft, seed, edits)
    generate.render(draft, folder / "old.docx")
    generate.render(revision.items, folder / "new.docx")
    chars = sum(len(t) for t in generate.texts(draft))
    meta_path.write_text(json.dumps({**want, "revision": revision.counts, "characters": chars,
                                     "estimated_pages": max(1, round(chars / generate.CHARS_PER_PAGE))},
                                    indent=1), encoding="utf-8")
    return folder
