"""Allow ``python -m fastlint``."""

from fastlint.cli import main

if __name__ == "__main__":
    main()
