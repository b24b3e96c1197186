"""The student's name and number: read from symproof.toml (the user's file), written into identity.tex.

The build never rewrites symproof.toml (`build --author ... --student-id ...` creates it when it does not exist)
and identity.tex carries no stamp: it is not a generated file of latex_out/, so `build --check` never reads it and
editing the identity never makes a build fail.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .fragments import tex_escape

CONFIG = "symproof.toml"
SECTION = "submission"
FILE = "identity.tex"


class IdentityError(ValueError):
    """symproof.toml cannot be read: one line for the user."""


@dataclass(frozen=True)
class Identity:
    author: str = ""
    student_id: str = ""

    def tex(self) -> str:
        return (f"% from {CONFIG} or build --author/--student-id: yours, never read by build --check\n"
                f"\\newcommand{{\\studentname}}{{{tex_escape(self.author)}}}\n"
                f"\\newcommand{{\\studentid}}{{{tex_escape(self.student_id)}}}\n")


def placeholder_tex() -> str:
    """identity.tex without a student: the document's own placeholders stand. The file exists from the first build
    on, so that latexmk records it as a dependency and recompiles when a name is set later."""
    return (f"% no name yet: set it in {CONFIG} ([{SECTION}] author, student_id) or with build --author/--student-id\n")


def _section(path: Path) -> dict[str, object] | None:
    """The [submission] table of `path` (empty when the file has none), None when the file does not exist."""
    if not path.exists():
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # tomli is 3.11's tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise IdentityError(f"{path}: cannot be read: {exc}") from None
    section = data.get(SECTION, {})
    if not isinstance(section, dict):
        raise IdentityError(f"{path}: [{SECTION}] must be a table")
    return section


def read(path: Path) -> Identity | None:
    """The [submission] section of `path`, None when the file does not exist."""
    section = _section(path)
    if section is None:
        return None
    author, student_id = section.get("author", ""), section.get("student_id", "")
    if not isinstance(author, str) or not isinstance(student_id, str):
        raise IdentityError(f"{path}: [{SECTION}] must hold author = \"...\" and student_id = \"...\" as strings")
    return Identity(author, student_id)


def homework_folder(path: Path) -> Path | None:
    """The homework folder `path` names (`homework = "DIR"` in [submission], relative to the file), if any."""
    section = _section(path)
    folder = section.get("homework") if section is not None else None
    if folder is None:
        return None
    if not isinstance(folder, str) or not folder:
        raise IdentityError(f"{path}: [{SECTION}] homework must be a folder, as a string")
    return path.parent / folder


def config_text(identity: Identity) -> str:
    """A new symproof.toml (JSON strings are TOML basic strings)."""
    return (f"# the identity page 1 of the hand-in shows; yours to edit, symproof never rewrites this file\n"
            f"[{SECTION}]\nauthor = {json.dumps(identity.author, ensure_ascii=False)}\n"
            f"student_id = {json.dumps(identity.student_id, ensure_ascii=False)}\n")


def resolve(config: Path, author: str | None, student_id: str | None) -> tuple[Identity | None, bool]:
    """The identity a build uses (flags over the file) and whether `config` must be created from the flags."""
    found = read(config)
    if author is None and student_id is None:
        return found, False
    base = found or Identity()
    chosen = Identity(author if author is not None else base.author,
                      student_id if student_id is not None else base.student_id)
    return chosen, found is None
