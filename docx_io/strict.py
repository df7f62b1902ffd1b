"""Writing ISO/IEC 29500 Strict parts back as Strict.

parse_xml reads a Strict part with its namespace declarations renamed to their transitional twins, so every
reader and writer works with one set of names. A part a writer changes must go back out under the names it
came with: a transitional main part inside a Strict package (Strict relationships, Strict other parts) is not
what the author's application wrote.
"""

from __future__ import annotations

import re

from docx_io.package import STRICT_NAMESPACES, Package, serialize

_TO_STRICT = {transitional.encode(): strict.encode() for strict, transitional in STRICT_NAMESPACES.items()}
_TRANSITIONAL_DECLARATION = re.compile(
    rb'(xmlns(?::[^=\s]+)?=")(' + b"|".join(re.escape(t) for t in _TO_STRICT) + rb')(")'
)


def serialized(pkg: Package, name: str) -> bytes:
    """A part's parsed (and edited) XML written back, in ISO Strict namespaces again where it declared them."""
    return as_declared(serialize(pkg.xml(name)), pkg.parts[name])


def as_declared(data: bytes, original: bytes) -> bytes:
    """Serialised XML (UTF-8) whose transitional namespace declarations go back to the ISO Strict names
    that ORIGINAL declared; anything else is returned unchanged."""
    declared = {
        transitional.encode() for strict, transitional in STRICT_NAMESPACES.items()
        if any(strict.encode(enc) in original for enc in ("utf-8", "utf-16-le", "utf-16-be"))
    }
    if not declared:
        return data
    return _TRANSITIONAL_DECLARATION.sub(
        lambda m: m[1] + (_TO_STRICT[m[2]] if m[2] in declared else m[2]) + m[3], data)
