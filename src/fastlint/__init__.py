"""fastlint: a static checker for FastAPI projects."""

__version__ = "0.1.0"
