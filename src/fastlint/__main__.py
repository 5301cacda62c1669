"""The ``fastlint`` entry point (and ``python -m fastlint``).

``fastlint --version`` is answered before click and the rest are imported:
editors and pre-commit call it to probe the tool, and it should cost nothing.
"""

from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from fastlint import __version__

        sys.stdout.write(f"fastlint, version {__version__}\n")
        return
    from fastlint.cli import main

    main()


if __name__ == "__main__":
    run()
