"""Loading a homework: the built-in one (embedded in symproof/claims/) or a folder of one's own, as a value."""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from .claim import LANGUAGES, Claim, ClaimSpec, DuplicateClaimError, Homework, Meta, specs_of
from .prover.statements import checks_in

MANIFEST = "homework.toml"


class HomeworkError(ValueError):
    """A homework that cannot be loaded: one line naming the file (and the claim)."""


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # tomli is 3.11's tomllib
    return tomllib


def _strings(table: Any, where: str, languages: Iterable[str]) -> dict[str, str]:
    """A table of one string per language, every language present."""
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise HomeworkError(f"{where} must be a table of strings, one per language")
    missing = [lang for lang in languages if lang not in table]
    if missing:
        raise HomeworkError(f"{where} has no text in {', '.join(missing)}")
    return dict(table)


def read_meta(path: Path) -> Meta:
    """The metadata of a homework.toml; any fault is a HomeworkError naming the file and the field."""
    toml = _toml()
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HomeworkError(f"{path}: no such file (a homework folder holds a {MANIFEST})") from None
    except (OSError, UnicodeDecodeError, toml.TOMLDecodeError) as exc:
        raise HomeworkError(f"{path}: cannot be read: {exc}") from None
    hw = data.get("homework")
    if not isinstance(hw, dict):
        raise HomeworkError(f"{path}: no [homework] table")
    for key in ("course", "number", "professor"):
        if not isinstance(hw.get(key), str | int) or isinstance(hw.get(key), bool):
            raise HomeworkError(f"{path}: [homework] {key} must be a string")
    languages = hw.get("languages", list(LANGUAGES))
    if not isinstance(languages, list) or not languages or any(lang not in LANGUAGES for lang in languages):
        raise HomeworkError(f"{path}: [homework] languages must be a non-empty list of {', '.join(LANGUAGES)}")
    subs = hw.get("subquestions")
    if not isinstance(subs, list) or not subs or not all(isinstance(s, str) for s in subs):
        raise HomeworkError(f"{path}: [homework] subquestions must list the sub-questions in order, as strings")
    questions = data.get("questions", {})
    if not isinstance(questions, dict):
        raise HomeworkError(f"{path}: [questions] must hold one table per language")
    needed = sorted({s.split(".")[0] for s in subs}, key=lambda q: (len(q), q))
    titles = {}
    for lang in languages:
        table = _strings(questions.get(lang, {}), f"{path}: [questions.{lang}]", needed)
        titles[lang] = table
    return Meta(str(hw["course"]), str(hw["number"]), str(hw["professor"]), tuple(languages),
                _strings(hw.get("title"), f"{path}: [homework.title]", languages),
                _strings(hw.get("due"), f"{path}: [homework.due]", languages),
                _strings(hw.get("audit_title"), f"{path}: [homework.audit_title]", languages),
                titles, tuple(subs), _date(hw.get("date", Meta.date), path))


def _date(value: object, path: Path) -> str:
    """[homework] date, as written: an ISO 8601 calendar date (a TOML date or a string)."""
    import datetime

    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(value).isoformat() if isinstance(value, str) else _bad_date(path)
    except ValueError:
        return _bad_date(path)


def _bad_date(path: Path) -> str:
    raise HomeworkError(f"{path}: [homework] date must be a calendar date, YYYY-MM-DD (the date the PDFs carry)")


@functools.cache
def builtin() -> Homework:
    """The homework embedded in the package (IFT6135-A2022 homework 2): every ``q<N>_*.py`` of symproof/claims/."""
    from . import claims

    found: list[ClaimSpec] = []
    for info in sorted(pkgutil.iter_modules(claims.__path__), key=lambda m: m.name):
        if info.name.startswith("q"):
            found += specs_of(vars(importlib.import_module(f"{claims.__name__}.{info.name}")))
    return Homework.of(read_meta(Path(claims.__file__).parent / MANIFEST), found, "symproof/claims")


def _import_file(path: Path, package: str) -> ModuleType:
    name = f"{package}.{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
        raise HomeworkError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look a module up by name
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise HomeworkError(f"{path}:{_line(exc, path)} cannot be loaded: {type(exc).__name__}: {exc}") from None
    return module


def _line(exc: BaseException, path: Path) -> str:
    """The line of `path` where `exc` was raised, as ' line N', or ''."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path]
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f"{exc.lineno}:"
    return f"{frames[-1].lineno}:" if frames else ""


def load(folder: str | Path) -> Homework:
    """A homework of one's own: `folder` holds a homework.toml and claim modules (*.py) written as the built-in
    ones. Every claim is built here and its text checked in each language, so that a fault is one line naming the
    file and the claim, before any proof starts."""
    root = Path(folder)
    if not root.is_dir():
        raise HomeworkError(f"{root}: no such homework folder" if not root.exists() else f"{root}: not a folder")
    meta = read_meta(root / MANIFEST)
    # a package name of its own per folder, so two homeworks (or two tests) never share modules
    package = "symproof_homework_" + hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    if package not in sys.modules:
        holder = ModuleType(package)
        holder.__path__ = [str(root.resolve())]
        sys.modules[package] = holder
    found: list[ClaimSpec] = []
    files = sorted(p for p in root.glob("*.py") if not p.name.startswith("_"))
    if not files:
        raise HomeworkError(f"{root}: no claim module (*.py) next to {MANIFEST}")
    for path in files:
        found += specs_of(vars(_import_file(path.resolve(), package)))
    try:
        homework = Homework.of(meta, found, str(root))
    except DuplicateClaimError as exc:
        raise HomeworkError(f"{root}: {exc}") from None
    for spec in homework.claims:
        _validate(homework, spec)
    return homework


def _validate(homework: Homework, spec: ClaimSpec) -> None:
    where = f"{Path(spec.file).name if spec.file else spec.module}: claim {spec.id}"
    if spec.subquestion not in homework.subquestions:
        raise HomeworkError(f"{where}: sub-question {spec.subquestion} is not in [homework] subquestions")
    for lang in homework.meta.languages:
        gaps = spec.write_up.missing(lang, spec.role)
        if gaps:
            raise HomeworkError(f"{where}: no {', '.join(gaps)} in {lang}")
    try:
        built = spec.built()
    except Exception as exc:
        raise HomeworkError(f"{where}: raised {type(exc).__name__}: {exc}"[:300]) from None
    for check in checks_in(built.statement):
        for lang in homework.meta.languages:
            if not spec.write_up.steps.get(check.how, {}).get(lang):
                raise HomeworkError(f"{where}: no words in {lang} for its check {check.how!r} (the write-up's "
                                    f"steps, under that key)"[:300])


# The built-in homework's claims, for code and tests that work on it (the CLI passes its homework down).

def specs() -> list[ClaimSpec]:
    return builtin().specs()


def get(claim_id: str) -> Claim:
    return builtin().get(claim_id)


def select(selectors: Iterable[str]) -> list[ClaimSpec]:
    return builtin().select(selectors)


def lookup(claim_id: str) -> ClaimSpec:
    return builtin().lookup(claim_id)


def answer_of(sub: str) -> ClaimSpec | None:
    return builtin().answer_of(sub)


def answer_target(text: str) -> str:
    return builtin().answer_target(text)
