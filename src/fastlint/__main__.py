"""The ``fastlint`` entry point (and ``python -m fastlint``).

``fastlint --version`` is answered before click and the rest are imported:
editors and pre-commit call it to probe the tool, and it should cost nothing.

Crashes inside a command are handled by the command group (``fastlint.cli``):
one line, exit 2. Here, stdout and stderr are made unable to fail on text they
cannot encode (a lone surrogate in a file name, a terminal that is not UTF-8):
such characters are written as backslash escapes instead of raising.
"""

from __future__ import annotations

import contextlib
import sys

EXIT_INTERRUPTED = 130


def _tolerant_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="backslashreplace")


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from fastlint import __version__

        sys.stdout.write(f"fastlint, version {__version__}\n")
        return
    _tolerant_streams()
    try:
        from fastlint.cli import main

        main()
    except KeyboardInterrupt:  # before a command runs (the group handles it inside one)
        sys.stderr.write("fastlint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
