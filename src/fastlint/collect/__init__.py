"""The file pass: source bytes in, ``ModuleSummary`` out."""
