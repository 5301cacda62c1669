"""Regenerate the rule table in README.md from the registry: ``python scripts/update_readme.py``."""

from __future__ import annotations

import re
from pathlib import Path

from fastlint.docs import rule_table_markdown

README = Path(__file__).parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n).*?(\n<!-- rules:end -->)", re.DOTALL)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(
        BLOCK.sub(lambda m: m.group(1) + rule_table_markdown() + m.group(2), text), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
