"""The house drawn from its imports (every import, lazy ones included): nothing runs back up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "symproof"


def imports(path: Path) -> set[str]:
    """The symproof modules `path` imports, as dotted names (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("symproof")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("symproof"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
    return found


def files(under: str) -> list[Path]:
    root = PACKAGE / under
    return sorted(root.rglob("*.py")) if root.is_dir() else [root]


# what each layer must never import: the layers above it
FORBIDDEN = {
    "claim.py": ("symproof.claims", "symproof.latex", "symproof.answers", "symproof.runner", "symproof.pipeline",
                 "symproof.homework", "symproof.cli"),
    "prover": ("symproof.claim", "symproof.claims", "symproof.latex", "symproof.answers", "symproof.runner",
               "symproof.pipeline", "symproof.homework", "symproof.cli"),
    "nn": ("symproof.claim", "symproof.claims", "symproof.latex", "symproof.answers", "symproof.runner",
           "symproof.pipeline", "symproof.homework", "symproof.cli"),
    "figure.py": ("symproof.claim", "symproof.claims", "symproof.latex", "symproof.answers", "symproof.runner",
                  "symproof.pipeline", "symproof.homework", "symproof.cli", "symproof.prover", "symproof.nn"),
    "latex": ("symproof.claims", "symproof.runner", "symproof.pipeline", "symproof.homework", "symproof.cli",
              "symproof.prover.engine", "symproof.prover.budget"),
    "answers": ("symproof.latex", "symproof.runner", "symproof.pipeline", "symproof.cli"),
    # the checker, one way: outcome <- reading <- aligning <- deciding <- check (the command)
    "answers/outcome.py": ("symproof.answers.reading", "symproof.answers.aligning", "symproof.answers.deciding",
                           "symproof.answers.check"),
    "answers/reading.py": ("symproof.answers.aligning", "symproof.answers.deciding", "symproof.answers.check"),
    "answers/aligning.py": ("symproof.answers.deciding", "symproof.answers.check"),
    "answers/deciding.py": ("symproof.answers.check",),
    # the lexer, one way: tokens <- notation <- lexer (normalise)
    "answers/tokens.py": ("symproof.answers.notation", "symproof.answers.lexer"),
    "answers/notation.py": ("symproof.answers.lexer",),
    "equiv": ("symproof.claims", "symproof.latex", "symproof.runner", "symproof.pipeline", "symproof.homework",
              "symproof.cli"),
    # equiv, one way: verdict <- reading <- deciding <- the package (the API and the command)
    "equiv/verdict.py": ("symproof.equiv.reading", "symproof.equiv.deciding"),
    "equiv/reading.py": ("symproof.equiv.deciding",),
    # the prover, one way: the remembered tables <- sums <- series <- the ladder; points <- evaluation <- the search;
    # matrix rules <- matrix refuter <- the matrix decision; rules <- derivations; case covers <- the engine
    "prover/remembered.py": tuple(f"symproof.prover.{m}" for m in (
        "sums", "series", "ladder", "points", "evaluation", "sampling", "matrix_rules", "matrix_refuter", "matrix",
        "rules", "derivation", "cases", "engine")),
    "prover/sums.py": tuple(f"symproof.prover.{m}" for m in (
        "series", "ladder", "points", "evaluation", "sampling", "matrix_rules", "matrix_refuter", "matrix",
        "derivation", "engine")),
    "prover/series.py": tuple(f"symproof.prover.{m}" for m in ("ladder", "evaluation", "sampling", "engine")),
    "prover/points.py": tuple(f"symproof.prover.{m}" for m in ("evaluation", "sampling", "matrix_refuter", "engine")),
    "prover/evaluation.py": ("symproof.prover.sampling", "symproof.prover.engine"),
    "prover/matrix_rules.py": ("symproof.prover.matrix_refuter", "symproof.prover.matrix", "symproof.prover.engine"),
    "prover/matrix_refuter.py": ("symproof.prover.matrix", "symproof.prover.engine"),
    "prover/rules.py": ("symproof.prover.derivation", "symproof.prover.sampling", "symproof.prover.engine"),
    "prover/derivation.py": ("symproof.prover.engine",),
    "prover/cases.py": ("symproof.prover.engine",),
    # widths know nothing of claims, verdicts or the documents that use them
    "latex/layout.py": ("symproof.claim", "symproof.prover", "symproof.latex.fragments", "symproof.latex.handin",
                        "symproof.latex.document"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_arrow_runs_back_up(layer: str) -> None:
    bad = [f"{p.relative_to(PACKAGE)} imports {name}" for p in files(layer) for name in sorted(imports(p))
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])]
    assert not bad, bad


def test_the_drawing_sees_a_lazy_import() -> None:
    """The check is not vacuous: an import inside a function is found."""
    sample = PACKAGE / "cli.py"
    assert "symproof.answers.check" in imports(sample) and "symproof.pipeline" in imports(sample)


def test_latex_starts_no_process() -> None:
    """Forking workers and running latexmk are the pipeline's (symproof/pipeline.py), not the printer's."""
    bad = []
    for path in files("latex"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            bad += [f"{path.name} imports {n}" for n in names if n.split(".")[0] in ("subprocess", "multiprocessing")]
    assert not bad, bad


# A module says one thing: past this many physical lines it is split by concern (none is exempt today).
MAX_LINES = 400


def long_modules(root: Path) -> dict[str, int]:
    """The modules under `root` longer than MAX_LINES physical lines (blank lines and docstrings count)."""
    return {str(p.relative_to(root)): n for p in sorted(root.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}


def test_no_module_is_longer_than_the_limit() -> None:
    long = long_modules(PACKAGE)
    assert not long, long


def test_the_line_count_sees_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text('"""Doc."""\n' + "\n" * (MAX_LINES - 1), encoding="utf-8")
    (tmp_path / "long.py").write_text('"""Doc."""\n' + "\n" * MAX_LINES, encoding="utf-8")
    assert long_modules(tmp_path) == {"long.py": MAX_LINES + 1}
