"""Fixes: fix requests turned into edits on the concrete syntax tree, and applied.

Rules never write files and never import libcst: they attach a ``FixRequest``
to a finding. ``plan`` parses a file with libcst only when one of its findings
carries a request, ``session`` applies the edits in rounds, and ``write``
writes the results back atomically.
"""
