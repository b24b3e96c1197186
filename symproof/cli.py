"""The command line: argument parsing and printing only; the work is done by the runner and the prover."""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .claim import ClaimSpec, Homework, UnknownSelectorError
from .homework import HomeworkError
from .latex.wording import LANGUAGES
from .prover.budget import GC_THRESHOLD
from .prover.engine import DEFAULT_TIMEOUT
from .prover.verdict import Scope, Status, Verdict
from .runner import default_jobs, prove_claims


class UsageError(Exception):
    """Bad input from the user: one line on stderr, exit 2."""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not (value > 0 and math.isfinite(value)):  # inf would reach select() as an overflowing deadline
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}")
    return value


def _one_line_error(command: str) -> Callable[[str], NoReturn]:
    """argparse's error without its usage block: bad input is one line on stderr, exit 2."""
    def error(message: str) -> NoReturn:
        print(f"symproof {command}: {message} (see symproof {command} --help)", file=sys.stderr)
        raise SystemExit(2)

    return error


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


# the scope column fits the longest scope ("general, citing rules"), so the columns after it stay aligned
SCOPE_WIDTH = max(len(scope.value) for scope in Scope)


def homework_of(args: argparse.Namespace) -> Homework:
    """The homework a command works on: --homework DIR, else the folder symproof.toml names, else the built-in one."""
    from .homework import builtin, load
    from .latex import identity

    folder: Path | str | None = args.homework
    if folder is None:
        try:
            folder = identity.homework_folder(Path(identity.CONFIG))
        except identity.IdentityError as exc:
            raise UsageError(str(exc)) from None
    return builtin() if folder is None else load(folder)


def cmd_list(args: argparse.Namespace) -> int:
    selected = homework_of(args).select(args.selectors)
    width = max(len(s.id) for s in selected)
    for spec in selected:
        print(f"{spec.id:<{width}}  {spec.scope.value:<{SCOPE_WIDTH}}  {spec.title}")
    return 0


def verdict_json(claim_id: str, v: Verdict) -> dict[str, Any]:
    return {"id": claim_id, "verdict": v.word, "scope": v.scope.value, "method": str(v.method),
            "method_detail": v.method.as_dict(),
            "seconds": round(v.seconds, 4), "counterexample": v.counterexample, "reason": v.reason}


def cmd_prove(args: argparse.Namespace) -> int:
    selected = homework_of(args).select(args.selectors)
    width = max(len(s.id) for s in selected)
    start = time.perf_counter()
    results: dict[str, Verdict] = {}
    for spec, verdict in prove_claims(selected, args.timeout, args.jobs):
        results[spec.id] = verdict
        if not args.json:
            line = f"{spec.id:<{width}}  {verdict.word:<7}  {verdict.scope.value:<{SCOPE_WIDTH}}  " \
                   f"{verdict.seconds:6.2f}s  {verdict.method}"
            if not verdict.proven:
                line += f"  [{verdict.reason or ''}]"
                if verdict.counterexample:
                    line += " counterexample: " + ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.items())
            print(line, flush=True)
    order = [s.id for s in selected]
    if args.json:
        print(json.dumps([verdict_json(i, results[i]) for i in order], indent=2))
    else:
        counts = {word: sum(v.word == word for v in results.values()) for word in ("proven", "passed")}
        counts |= {s.value: sum(v.status is s for v in results.values()) for s in (Status.REFUTED, Status.UNKNOWN)}
        passed = f", {counts['passed']} passed on numeric evidence only" if counts["passed"] else ""
        print(f"{len(results)} claims: {counts['proven']} proven{passed}, {counts['refuted']} refuted, "
              f"{counts['unknown']} unknown in {time.perf_counter() - start:.2f} s")
    return 0 if all(v.proven for v in results.values()) else 1


def _usable_out(out: Path, check: bool) -> None:
    """--out must be a folder we can write (made here if missing), checked before any proving."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    if check:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot be created ({exc.strerror or exc})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: not writable")
    # the folders the build writes into: a file or a read-only folder in their place would fail after proving
    for sub in ("claims", "claims-en", "figures", "build"):
        inner = out / sub
        if inner.exists() and not inner.is_dir():
            raise UsageError(f"--out {out}: {inner} is a file, where the build writes a folder")
        if inner.is_dir() and not os.access(inner, os.W_OK | os.X_OK):
            raise UsageError(f"--out {out}: {inner} is not writable")


def cmd_build(args: argparse.Namespace) -> int:
    from . import pipeline
    from .homework import builtin
    from .latex import build, identity

    homework = homework_of(args)
    own = homework is not builtin()
    if args.lang not in (*homework.meta.languages, "all"):
        raise UsageError(f"--lang {args.lang}: this homework is written in {', '.join(homework.meta.languages)}")
    out = Path(args.out)
    _usable_out(out, args.check)
    try:
        student, create_config = identity.resolve(Path(identity.CONFIG), args.author, args.student_id)
    except identity.IdentityError as exc:
        raise UsageError(str(exc)) from None
    start = time.perf_counter()
    say = (lambda *_a, **_k: None) if args.quiet else print

    def show(spec: ClaimSpec, verdict: Verdict) -> None:
        print(f"{spec.id:<16}  {verdict.word:<7}  {verdict.scope.value:<{SCOPE_WIDTH}}  "
              f"{verdict.seconds:6.2f}s", flush=True)

    # --check regenerates into an empty folder, so it draws every figure; a build, only the stale ones.
    draw = build.figures_to_draw(homework.specs(), None if args.check else out, args.force)
    langs = list(homework.meta.languages) if args.lang == "all" else [args.lang]
    entries = pipeline.prove_all(selected=homework.specs(), timeout=args.timeout, jobs=args.jobs,
                              on_verdict=None if args.quiet else show, langs=langs, draw=draw)
    bad = build.unproven(entries)
    if bad and not args.allow_unproven:
        for e in bad:
            print(f"symproof: not proven: {e.spec.id} ({e.verdict.summary()})", file=sys.stderr)
        print(f"symproof: {len(bad)} claim(s) not proven, nothing written; fix them or pass --allow-unproven "
              "to typeset them marked as unproven", file=sys.stderr)
        return 1
    for e in bad:
        print(f"symproof: {e.spec.id} is not proven: typeset marked as unproven, not as an answer", file=sys.stderr)
    gaps = [f"({lang}): {gap}" for lang in langs for gap in build.missing_text(entries, lang)]
    gaps += [f"(answers): {gap}" for gap in build.answers_per_subquestion(entries)]
    gaps += [f"(answers): {sub}: no answer claim" for sub in homework.subquestions
             if sub not in {e.spec.subquestion for e in entries}] if own else []
    for gap in gaps:
        print(f"symproof: write-up incomplete {gap}", file=sys.stderr)
    if gaps:
        return 1
    for name in build.missing_definitions(entries):
        print(f"symproof: Python definition {name} not found: left out", file=sys.stderr)
    targets = build.plan_all(entries, langs, meta=homework.meta)
    if args.check:
        problems = build.check(targets, out)
        for problem in problems:
            print(f"symproof: {out / problem}", file=sys.stderr)
        print(f"{out}: {'up to date' if not problems else f'{len(problems)} difference(s)'} "
              f"({len(targets)} files checked)")
        return 1 if problems else 0
    try:
        report = build.write(targets, out, args.force)
    except OSError as exc:  # a folder made read-only or replaced while proving: one line, and nothing else lost
        raise UsageError(f"--out {out}: cannot write {exc.filename or ''} ({exc.strerror or exc})") from None
    build.write_if_changed(out / identity.FILE,
                           (student.tex() if student is not None else identity.placeholder_tex()).encode())
    if student is None:
        say(f"symproof: page 1 shows a placeholder name; set yours with --author NAME --student-id NUMBER "
              f"(written to {identity.CONFIG}) or in {identity.CONFIG}")
    if create_config and student is not None:
        build.write_if_changed(Path(identity.CONFIG), identity.config_text(student).encode())
        say(f"{identity.CONFIG}: written (your name and student number; edit it, symproof never rewrites it)")
    for action in build.Action:
        for path in report.paths(action):
            if action is not build.Action.UNCHANGED:
                say(f"{out / path}: {action.value}")
    pdf = args.pdf if args.pdf is not None else pipeline.latexmk() is not None
    compiled = ""
    if pdf:
        result = pipeline.compile_pdf(out, build.documents(langs), homework.meta.date)
        if not result.ok:
            print(f"symproof: {result.log_tail}", file=sys.stderr)
            return 1
        compiled = f"; {', '.join(str(out / f'{d}.pdf') for d in build.documents(langs))} compiled"
    print(f"{out}: {len(report.paths(build.Action.WRITTEN))} written, "
          f"{len(report.paths(build.Action.UNCHANGED))} unchanged{compiled} in {time.perf_counter() - start:.2f} s")
    if not pdf and pipeline.latexmk() is None:
        print(f"symproof: {pipeline.INSTALL_TEX}")
    kept = report.paths(build.Action.KEPT) + report.paths(build.Action.FOREIGN)
    return 1 if kept else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .answers.check import run  # the LaTeX parser costs 0.3 s to import: only for this command

    return run(args, homework_of(args))


def cmd_equiv(args: argparse.Namespace) -> int:
    from .equiv import run  # the LaTeX parser costs 0.3 s to import: only for this command

    return run(args)


def cmd_hvp(args: argparse.Namespace) -> int:
    from .nn.finite_diff import fd_error_curve, format_fd_table, make_problem

    given = {k: v for k, v in (("batch", args.batch), ("seed", args.seed)) if v is not None}
    print(format_fd_table(fd_error_curve(make_problem(**given))))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": cmd_list, "prove": cmd_prove, "build": cmd_build, "check": cmd_check, "equiv": cmd_equiv, "hvp": cmd_hvp,
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="symproof", description="Prove the claims of a homework (IFT6135-A2022 "
                                "homework 2 by default) with SymPy and write the LaTeX to hand in.")
    p.add_argument("--version", action="version", version=f"symproof {__version__}")
    p.add_argument("--homework", metavar="DIR", help="a homework of your own: a folder holding homework.toml and "
                   "its claim modules (default: the one symproof.toml names, else IFT6135-A2022 homework 2)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = sub.add_parser("list", help="list the claims: id, scope, statement")
    ls.add_argument("selectors", nargs="*", metavar="SELECTOR", help="q1 selects question 1, q1.2 its claims 1.2")
    pr = sub.add_parser("prove", help="prove the selected claims (all by default)")
    pr.add_argument("selectors", nargs="*", metavar="SELECTOR", help="q1 selects question 1, q1.2 its claims 1.2")
    pr.add_argument("--json", action="store_true", help="print a JSON list of verdicts")
    pr.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"time budget per claim in seconds (default {DEFAULT_TIMEOUT:g})")
    pr.add_argument("--jobs", type=_positive_int, default=default_jobs(), metavar="N",
                    help="claims proven at once (default: the number of cores, at most 2)")
    bd = sub.add_parser("build", help="prove every claim and write the LaTeX to hand in (latex_out/)")
    bd.add_argument("--lang", choices=(*LANGUAGES, "all"), default="all", help="language of the documents: fr "
                    "(the assignment's), en, or all (default: main.tex and audit.tex in French, main-en.tex and "
                    "audit-en.tex in English)")
    bd.add_argument("--out", default="latex_out", metavar="DIR", help="output folder (default latex_out)")
    bd.add_argument("--pdf", action=argparse.BooleanOptionalAction, default=None,
                    help="compile main.tex and audit.tex with latexmk (default: when latexmk is on PATH)")
    bd.add_argument("--check", action="store_true", help="regenerate into a temporary folder and fail on any "
                    "difference with DIR; writes nothing")
    bd.add_argument("--force", action="store_true", help="overwrite generated files that were edited by hand")
    bd.add_argument("--allow-unproven", action="store_true", help="typeset unproven claims, marked as unproven, "
                    "instead of failing")
    bd.add_argument("--quiet", action="store_true", help="print the summary line only")
    bd.add_argument("--author", metavar="NAME", help="the student's name on page 1 (kept in symproof.toml, "
                    "written when it does not exist)")
    bd.add_argument("--student-id", metavar="ID", help="the student number on page 1 (as --author)")
    bd.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"time budget per claim in seconds (default {DEFAULT_TIMEOUT:g})")
    bd.add_argument("--jobs", type=_positive_int, default=default_jobs(), metavar="N",
                    help="claims proven at once (default: the number of cores, at most 2)")
    ck = sub.add_parser("check", help="check a LaTeX answer against a claim's proven answer (exit 0 equivalent, "
                        "1 not, 2 bad input, 3 undecided)")
    ck.add_argument("claim_id", nargs="?", metavar="CLAIM_ID", help="the claim whose answer is checked")
    ck.add_argument("answer", nargs="?", metavar="ANSWER",
                    help="LaTeX text, @path to read it from a file, - to read standard input")
    ck.add_argument("--all", metavar="FILE", dest="batch",
                    help="check every answer of a TOML table mapping claim ids to LaTeX answers")
    ck.add_argument("--json", action="store_true", help="print the verdict(s) as JSON")
    ck.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"time budget per answer in seconds (default {DEFAULT_TIMEOUT:g})")
    ck.error = _one_line_error("check")  # type: ignore[method-assign, assignment]
    eq = sub.add_parser("equiv", help="are two LaTeX expressions equal? (exit 0 equivalent, 1 not, 2 bad input, "
                        "3 undecided)")
    eq.add_argument("first", metavar="A", help="LaTeX text, @path to read it from a file, - to read standard input")
    eq.add_argument("second", metavar="B", help="LaTeX text, @path or -")
    eq.add_argument("--assume", action="append", metavar="FACT", help="'x > 0', 'x >= 0', 'x != 0', 'n integer', "
                    "... (repeatable); symbols are real otherwise")
    eq.add_argument("--json", action="store_true", help="print the verdict as JSON")
    eq.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"time budget in seconds (default {DEFAULT_TIMEOUT:g})")
    hv = sub.add_parser("hvp", help="finite-difference Hv against the exact R-operator on the 32-512-512-10 network")
    hv.add_argument("--seed", type=int, default=None, help="seed of the weights, the batch and v (default 0)")
    hv.add_argument("--batch", type=_positive_int, default=None, metavar="N", help="batch size (default 64)")
    return p


# The options of the commands whose positionals are LaTeX (check, equiv): anything else after the subcommand is a
# positional, even `-x + 1`. Each: (options taking a value, flags).
ANSWER_OPTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "check": (("--timeout", "--all"), ("--json", "-h", "--help")),
    "equiv": (("--timeout", "--assume"), ("--json", "-h", "--help")),
}


def answer_arguments(command: str, argv: Sequence[str]) -> list[str]:
    """`command`'s arguments with its options first and its positionals after `--`, so that an answer starting
    with '-' is an answer, not an unknown option (a lone '-' stays standard input)."""
    value_options, flags = ANSWER_OPTIONS[command]
    options: list[str] = []
    positionals: list[str] = []
    items = iter(argv)
    for item in items:
        if item == "--":
            positionals.extend(items)
        elif item in value_options:
            options.append(item)
            value = next(items, None)
            if value is not None:  # a missing value is argparse's to report
                options.append(value)
        elif item.startswith(tuple(f"{o}=" for o in value_options)) or item in flags:
            options.append(item)
        else:
            positionals.append(item)
    return [*options, "--", *positionals] if positionals else options


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    head: list[str] = []
    while (argv[:1] == ["--homework"] and len(argv) > 1) or (argv[:1] and argv[0].startswith("--homework=")):
        head += argv[:1] if "=" in argv[0] else argv[:2]
        argv = argv[1:] if "=" in argv[0] else argv[2:]
    if argv[:1] and argv[0] in ANSWER_OPTIONS:
        argv = [argv[0], *answer_arguments(argv[0], argv[1:])]
    argv = head + argv
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (UnknownSelectorError, UsageError, HomeworkError) as exc:
        print(f"symproof: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2


def run() -> NoReturn:
    """The console script: main, then leave without the interpreter's teardown.

    Tearing down a process that has loaded SymPy (its modules, caches and their cycles) took 0.25 s of a 3.6 s
    build. Every file is written and closed by then, and the proof workers are reaped; only the standard
    streams need flushing. Tests call main, which returns.
    """
    gc.set_threshold(*GC_THRESHOLD)  # the workers' setting (prover/budget.py), for the claims' import here too
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `symproof list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
