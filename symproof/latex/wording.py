"""The phrases every claim shares, one table per language (fr, the assignment's language, and en)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..prover.method import Kind
from ..prover.verdict import Scope

if TYPE_CHECKING:
    from ..claim import Meta


@dataclass(frozen=True)
class Wording:
    """The text of one language. Values are LaTeX (text mode; math between $...$)."""

    lang: str
    babel: str
    phrases: Mapping[str, str]
    scopes: Mapping[Scope, str]
    methods: Mapping[Kind, str]  # every method the prover names (prover/method.py) -> words
    questions: Mapping[str, str]  # "1" -> title of question 1 (the homework's)
    why: Mapping[str, str]  # Chain.why keys several claims share -> the reason printed beside a link
    homework: Meta | None = None  # the homework's metadata: page 1's course header, the titles


FR = Wording(
    lang="fr",
    babel="french",
    phrases={
        "audit_author": "Vérifications de \\texttt{symproof}",
        "if": "si",
        "refuted_variants": "Variantes fausses réfutées (contre-exemple)",
        "not_refuted": "non réfutée",
        "oracles": "Recoupé par les tests",
        "support_unproven": "Un résultat cité dans cette réponse n'est pas démontré.",
        "let": "Soit",
        "professor": "Prof.",
        "student_id": "Matricule",
        "due": "Remise",
        "your_name": "Prénom Nom",
        "your_id": "00000000",
        "audit_pointer": "Chaque égalité affichée a été vérifiée symboliquement ; le détail des vérifications est "
                         "dans le rapport joint (\\texttt{audit.pdf}).",
        "author": "Réponses vérifiées par \\texttt{symproof}",
        "intro": "Chaque affirmation ci-dessous a été démontrée par le programme \\texttt{symproof} (SymPy) : "
                 "l'énoncé et chaque égalité des dérivations (marquée $\\checkmark$). La portée de chaque "
                 "vérification est indiquée : pour toutes les valeurs, pour l'instance donnée seulement, "
                 "ou indice numérique.",
        "question": "Question",
        "claim": "Affirmation",
        "answer": "Réponse",
        "derivation": "Dérivation",
        "checked": "vérifiée",
        "unchecked": "non vérifiée",
        "verification": "Vérification",
        "method": "méthode",
        "where": "où",
        "for": "pour",
        "unproven": "NON DÉMONTRÉ",
        "unproven_note": "cette affirmation n'a pas été démontrée ; elle n'est pas donnée comme réponse.",
        "reason": "motif",
        "counterexample": "contre-exemple",
        "missing_text": "texte français manquant",
        "no_claim": "Aucune affirmation vérifiée pour cette sous-question.",
        "python": "Définition Python utilisée (\\texttt{{{name}}}, rendue par latexify) :",
        "see_figure": "voir la figure~\\ref{{{label}}}",
        "then": "puis",
        "and": "et",
        "yes": "oui",
        "checked_by": "Vérifié par calcul :",
        "cover_proven": "recouvrement du domaine démontré",
        "covers_proven": "chaque recouvrement démontré",
        "no": "non",
    },
    scopes={
        Scope.GENERAL: "démontré en toute généralité (pour toutes les valeurs admises des symboles)",
        Scope.INSTANCE: "vérifié exactement sur l'instance donnée seulement, pas en toute généralité",
        Scope.CITED: "démontré pour tout $n$, en citant des théorèmes nommés (chaque étape confrontée à la forme "
                     "de son théorème, jamais admise)",
        Scope.NUMERIC: "indice numérique seulement, ce n'est pas une démonstration",
    },
    methods={
        Kind.RESIDUAL_LADDER: "réduction symbolique de la différence des deux membres à $0$",
        Kind.MATRIX_RULES: "calcul matriciel pour tout $n$ (règles valides sous les hypothèses déclarées)",
        Kind.POSITIVE_DEFINITE: "définition d'une matrice définie positive",
        Kind.CITED_RULES: "théorèmes cités",
        Kind.COMPUTED: "calculé",
        Kind.DERIVATION: "dérivation sans étape",
        Kind.CASE_SPLIT: "disjonction de cas",
        Kind.CERTIFICATE: "certificat de signe",
        Kind.EVALUATION: "évaluation exacte",
        Kind.SIMPLIFY: "simplification",
        Kind.SCALED_RELATIONS: "relations équivalentes à un facteur positif près",
        Kind.RELATION: "relation",
        Kind.SHAPE_CHECK: "comparaison des dimensions",
        Kind.SIGN_FROM_ASSUMPTIONS: "signe lu sur les hypothèses",
        Kind.CHECK: "calcul",
        Kind.PROPORTIONAL: "résidus proportionnels",
        Kind.SAME_ROOTS: "mêmes racines réelles, isolées exactement",
        Kind.SAME_BRACKETS: "mêmes crochets, bornes démontrées égales",
        Kind.RANDOM_POINTS: "points aléatoires évalués à 40 et 80 chiffres",
        Kind.RANDOM_POINTS_EXACT: "points aléatoires, évaluation exacte",
        Kind.CERTIFIED_DIGITS: "évaluation à chiffres certifiés",
        Kind.RANDOM_MATRICES: "tailles et matrices aléatoires respectant les hypothèses, en calcul exact",
        Kind.RANDOM_MATRICES_FIXED: "matrices aléatoires respectant les hypothèses, en calcul exact",
        Kind.STEP_SAMPLED: "étape évaluée à $n$ fixé, fonctions génériques tirées au hasard",
        Kind.STEP_RESAMPLED: "étape évaluée à $n$ fixé",
        Kind.ROOT_OF_ONE: "racine d'une seule des deux équations",
        Kind.SOLUTION_OF_ONE: "solution d'une seule des deux équations",
        Kind.EXACT_INTERVALS: "intervalles comparés exactement en un point",
        Kind.OPEN_CASE: "un cas de la disjonction",
        Kind.STEP: "étape",
        Kind.EQUATIONS: "équations",
        Kind.INTERVALS: "intervalles",
        Kind.NO_HANDLER: "aucune méthode pour ce type d'énoncé",
        Kind.EXCEPTION: "exception levée par SymPy",
        Kind.CRASH: "arrêt du processus de preuve",
        Kind.TIMEOUT: "délai dépassé",
    },
    questions={},
    why={
        "derivative_definition": "définition de la dérivée",
        "chain_rule": "dérivée d'une composée",
        "symmetric_H": "$\\boldsymbol{H} = \\boldsymbol{H}^{T}$",
        "weights_and_biases": "poids et biais",
        "chain rule": "dérivée d'une composée",
        "linearity of d/dr": "linéarité de $\\frac{d}{dr}$",
        "product rule": "règle du produit",
        "derivative as a limit": "dérivée comme limite",
        "Taylor": "Taylor, reste $O(\\lVert r\\boldsymbol{v} \\rVert^2)$",
        "limit of a sum": "limite d'une somme",
        "limit of O(r^k)": "$O(r^k) \\to 0$, $k \\geq 1$",
        "constant out of an evaluation": "facteur constant",
        "evaluate at r = 0": "en $r = 0$",
        "order arithmetic": "calcul sur les $O$",
    },
)

EN = Wording(
    lang="en",
    babel="english",
    phrases={
        "audit_author": "Checks by \\texttt{symproof}",
        "if": "if",
        "refuted_variants": "Wrong variants refuted (counterexample)",
        "not_refuted": "not refuted",
        "oracles": "Cross-checked by the tests",
        "support_unproven": "A result quoted in this answer is not proven.",
        "let": "Let",
        "professor": "Prof.",
        "student_id": "Student ID",
        "due": "Due",
        "your_name": "First Last",
        "your_id": "00000000",
        "audit_pointer": "Every displayed equation was checked symbolically; the checks are detailed in the attached "
                         "report (\\texttt{audit.pdf}).",
        "author": "Answers checked by \\texttt{symproof}",
        "intro": "Every claim below was proven by the program \\texttt{symproof} (SymPy): the statement and "
                 "every equality of the derivations (marked $\\checkmark$). Each check states its scope: for all "
                 "values, for the given instance only, or numeric evidence.",
        "question": "Question",
        "claim": "Claim",
        "answer": "Answer",
        "derivation": "Derivation",
        "checked": "checked",
        "unchecked": "not checked",
        "verification": "Check",
        "method": "method",
        "where": "where",
        "for": "for",
        "unproven": "NOT PROVEN",
        "unproven_note": "this claim was not proven; it is not given as an answer.",
        "reason": "reason",
        "counterexample": "counterexample",
        "missing_text": "no English text",
        "no_claim": "No checked claim for this sub-question.",
        "python": "The Python definition used (\\texttt{{{name}}}, rendered by latexify):",
        "see_figure": "see Figure~\\ref{{{label}}}",
        "then": "then",
        "and": "and",
        "yes": "yes",
        "checked_by": "Checked by computation:",
        "cover_proven": "cover of the domain proven",
        "covers_proven": "each cover proven",
        "no": "no",
    },
    scopes={
        Scope.GENERAL: "proven in general (for every admissible value of the symbols)",
        Scope.INSTANCE: "checked exactly for the given instance only, not in general",
        Scope.CITED: "proven for every $n$, citing named theorems (each step matched against its theorem's form, "
                     "never taken on trust)",
        Scope.NUMERIC: "numeric evidence only, not a proof",
    },
    methods={
        Kind.RESIDUAL_LADDER: "symbolic reduction of the difference of both sides to $0$",
        Kind.MATRIX_RULES: "matrix calculus for every $n$ (rules valid under the declared facts)",
        Kind.POSITIVE_DEFINITE: "definition of a positive definite matrix",
        Kind.CITED_RULES: "cited theorems",
        Kind.COMPUTED: "computed",
        Kind.DERIVATION: "derivation without steps",
        Kind.CASE_SPLIT: "case split",
        Kind.CERTIFICATE: "sign certificate",
        Kind.EVALUATION: "exact evaluation",
        Kind.SIMPLIFY: "simplification",
        Kind.SCALED_RELATIONS: "relations equivalent up to a positive factor",
        Kind.RELATION: "relation",
        Kind.SHAPE_CHECK: "shape comparison",
        Kind.SIGN_FROM_ASSUMPTIONS: "sign read off the assumptions",
        Kind.CHECK: "computation",
        Kind.PROPORTIONAL: "proportional residuals",
        Kind.SAME_ROOTS: "the same real roots, isolated exactly",
        Kind.SAME_BRACKETS: "the same brackets, endpoints proven equal",
        Kind.RANDOM_POINTS: "random points evaluated at 40 and 80 digits",
        Kind.RANDOM_POINTS_EXACT: "random points, exact evaluation",
        Kind.CERTIFIED_DIGITS: "evaluation with certified digits",
        Kind.RANDOM_MATRICES: "random sizes and matrices respecting the facts, exact",
        Kind.RANDOM_MATRICES_FIXED: "random matrices respecting the facts, exact",
        Kind.STEP_SAMPLED: "a step evaluated at a fixed $n$, generic functions realised at random",
        Kind.STEP_RESAMPLED: "a step evaluated at a fixed $n$",
        Kind.ROOT_OF_ONE: "a root of one equation only",
        Kind.SOLUTION_OF_ONE: "a solution of one equation only",
        Kind.EXACT_INTERVALS: "intervals compared exactly at a point",
        Kind.OPEN_CASE: "one case of the split",
        Kind.STEP: "step",
        Kind.EQUATIONS: "equations",
        Kind.INTERVALS: "intervals",
        Kind.NO_HANDLER: "no method for this kind of statement",
        Kind.EXCEPTION: "an exception raised by SymPy",
        Kind.CRASH: "the proof process stopped",
        Kind.TIMEOUT: "timeout",
    },
    questions={},
    why={
        "derivative_definition": "definition of the derivative",
        "chain_rule": "chain rule",
        "symmetric_H": "$\\boldsymbol{H} = \\boldsymbol{H}^{T}$",
        "weights_and_biases": "weights and biases",
        "chain rule": "chain rule",
        "linearity of d/dr": "linearity of $\\frac{d}{dr}$",
        "product rule": "product rule",
        "derivative as a limit": "derivative as a limit",
        "Taylor": "Taylor, remainder $O(\\lVert r\\boldsymbol{v} \\rVert^2)$",
        "limit of a sum": "limit of a sum",
        "limit of O(r^k)": "$O(r^k) \\to 0$, $k \\geq 1$",
        "constant out of an evaluation": "constant factor",
        "evaluate at r = 0": "at $r = 0$",
        "order arithmetic": "algebra of $O$",
    },
)

WORDING: dict[str, Wording] = {w.lang: w for w in (FR, EN)}
LANGUAGES = tuple(WORDING)


def wording(lang: str, homework: Meta | None = None) -> Wording:
    """The shared phrases of `lang`, with the titles of `homework` (its questions, its audit) when given."""
    try:
        base = WORDING[lang]
    except KeyError:
        raise ValueError(f"no wording for language {lang!r}; available: {', '.join(LANGUAGES)}") from None
    if homework is None:
        return base
    return replace(base, homework=homework, questions=homework.questions.get(lang, {}),
                   phrases={**base.phrases, "audit_title": homework.audit_title.get(lang, "")})
