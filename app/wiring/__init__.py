"""Where files meet the domain: the command line, the editor's session, and the commands that read
.docx files and projects (docx_io), run the domain (app) on them and write the results.

Only these modules import docx_io; the rest of `app/` is the domain and works on `app.model` objects,
testable without a file (tests/test_layering.py keeps it so).
"""
