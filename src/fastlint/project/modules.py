"""Where modules are: map import names to the project's files.

Projects lay themselves out in many ways (``src/`` layouts, a ``backend/``
folder with ``app/`` inside, monorepos with several roots, namespace packages),
so fastlint finds import roots itself: a file's canonical module name comes
from walking up through ``__init__.py`` folders, and dotted names of two or
more parts also match any path suffix (namespace packages, unusual roots).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from posixpath import dirname

# Libraries fastlint understands are always external, even when a checked tree
# vendors them (the fastapi sdist ships its own ``fastapi/`` package).
KNOWN_LIBRARIES = frozenset(
    {
        "fastapi",
        "starlette",
        "pydantic",
        "pydantic_settings",
        "pydantic_core",
        "sqlalchemy",
        "sqlmodel",
        "typing",
        "typing_extensions",
        "enum",
        "tortoise",
        "ormar",
        "beanie",
        "annotated_types",
        "http",
        "collections",
        "abc",
        "builtins",
    }
)

# A module key is a file path (``app/api/users.py``) or, for a namespace
# package (a folder without ``__init__.py``), the folder path with a trailing '/'.
ModuleKey = str


def _strip_suffix(path: str) -> str:
    for suffix in (".pyi", ".py"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path


@dataclass
class ModuleIndex:
    """Lookup tables over the set of project files."""

    files: frozenset[str]
    dirs: frozenset[str]
    canonical: dict[str, list[ModuleKey]]
    suffixes: dict[str, list[ModuleKey]]
    names: dict[ModuleKey, str]

    @classmethod
    def build(cls, paths: Iterable[str]) -> ModuleIndex:
        files = frozenset(paths)
        dirs: set[str] = set()
        for path in files:
            parent = dirname(path)
            while parent and parent not in dirs:
                dirs.add(parent)
                parent = dirname(parent)
        canonical: dict[str, list[ModuleKey]] = defaultdict(list)
        suffixes: dict[str, list[ModuleKey]] = defaultdict(list)
        names: dict[ModuleKey, str] = {}
        index = cls(frozenset(files), frozenset(dirs), canonical, suffixes, names)
        for path in sorted(files):
            parts = _strip_suffix(path).split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if not parts:
                continue
            root_index = index._package_root_index(path, len(parts))
            name = ".".join(parts[root_index:])
            canonical[name].append(path)
            names[path] = name
            for start in range(len(parts)):
                suffixes[".".join(parts[start:])].append(path)
        for folder in sorted(dirs):
            if f"{folder}/__init__.py" in files or f"{folder}/__init__.pyi" in files:
                continue
            parts = folder.split("/")
            for start in range(len(parts)):
                suffixes[".".join(parts[start:])].append(folder + "/")
            names.setdefault(folder + "/", ".".join(parts))
        return index

    def _package_root_index(self, path: str, n_parts: int) -> int:
        """Index of the first path part that belongs to the module's dotted name."""
        parts = path.split("/")
        start = len(parts) - 1  # the file itself
        if parts[-1].startswith("__init__."):
            start -= 1
        # walk up while the containing folder is a package
        while start > 0:
            folder = "/".join(parts[:start])
            if f"{folder}/__init__.py" in self.files or f"{folder}/__init__.pyi" in self.files:
                start -= 1
            else:
                break
        return min(start, n_parts - 1)

    # ------------------------------------------------------------------ lookups

    def module_name(self, key: ModuleKey) -> str:
        return self.names.get(key, key)

    def is_package(self, key: ModuleKey) -> bool:
        return key.endswith("/") or key.rsplit("/", 1)[-1].startswith("__init__.")

    def package_dir(self, key: ModuleKey) -> str:
        """The folder whose submodules ``key.x`` refers to."""
        if key.endswith("/"):
            return key[:-1]
        return dirname(key)

    def module_in_dir(self, folder: str, name: str) -> ModuleKey | None:
        """``folder/name.py``, ``folder/name/__init__.py`` or a namespace folder."""
        base = f"{folder}/{name}" if folder else name
        for candidate in (
            f"{base}.py",
            f"{base}/__init__.py",
            f"{base}.pyi",
            f"{base}/__init__.pyi",
        ):
            if candidate in self.files:
                return candidate
        if base in self.dirs:
            return base + "/"
        return None

    def submodule(self, key: ModuleKey, name: str) -> ModuleKey | None:
        if not self.is_package(key):
            return None
        return self.module_in_dir(self.package_dir(key), name)

    def resolve_absolute(self, dotted: str, importer: str) -> ModuleKey | None:
        """The project module an absolute import names, or None if it is external."""
        if dotted.split(".", 1)[0] in KNOWN_LIBRARIES:
            return None
        candidates = self.canonical.get(dotted)
        if not candidates and dotted.count(".") >= 1:
            candidates = self.suffixes.get(dotted)
        if not candidates:
            # a namespace package (folder without __init__.py) imported by its own name
            candidates = [c for c in self.suffixes.get(dotted, []) if c.endswith("/")]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return max(candidates, key=lambda key: (_common_prefix(key, importer), -len(key)))

    def resolve_relative(self, importer: str, level: int, module: str) -> ModuleKey | None:
        """``from ..x.y import z`` inside ``importer``: the module ``..x.y``."""
        folder = dirname(importer)
        for _ in range(level - 1):
            folder = dirname(folder)
        if not module:
            if folder in self.dirs or folder == "":
                init = f"{folder}/__init__.py" if folder else "__init__.py"
                return init if init in self.files else (folder + "/" if folder else None)
            return None
        key: ModuleKey | None = None
        for part in module.split("."):
            key = self.module_in_dir(folder, part)
            if key is None:
                return None
            folder = self.package_dir(key) if self.is_package(key) else folder + "/" + part
        return key


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a.split("/"), b.split("/"), strict=False):
        if left != right:
            break
        count += 1
    return count
