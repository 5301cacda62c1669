"""Every test run gets a cache directory of its own: the CLI under test never
reads or writes the user's real cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    directory: Path = tmp_path_factory.mktemp("fastlint-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("FASTLINT_CACHE_DIR", str(directory))
    yield
    patch.undo()
