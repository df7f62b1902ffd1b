"""What the main part of a package is: only a WordprocessingML document (`w:document`) is read as a draft or a
redline. A spreadsheet or a presentation renamed .docx is a zip of XML parts too, with its own main part (found
by the package's officeDocument relationship); read as a document it would be an empty draft, or worse."""

from __future__ import annotations

from lxml import etree

from app.errors import DocumentError
from docx_io.ns import W
from docx_io.package import Package

# The main part's root element of the other Office formats, and what to call them.
_OTHER_KINDS = {
    "workbook": "an Excel workbook (.xlsx)",
    "presentation": "a PowerPoint presentation (.pptx)",
    "glossaryDocument": "a Word glossary",
}


def wordprocessing_document(pkg: Package) -> etree._Element:
    """The main part's w:document; DocumentError (one line) when the package's main part is anything else."""
    root = pkg.xml(pkg.main_part)
    if root.tag == f"{{{W}}}document":
        return root
    local = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    what = _OTHER_KINDS.get(local, f"a '{local}' part, not a Word document")
    raise DocumentError(f"{pkg.path}: its main part ({pkg.main_part}) is {what}, not a Word document; "
                        "open the .docx the draft or redline was saved as")
