"""Every sentence of the submission, one table per language (fr, the assignment's language, and en)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..prover.verdict import Scope


@dataclass(frozen=True)
class Wording:
    """The text of one language. Values are LaTeX (text mode; math between $...$)."""

    lang: str
    babel: str
    phrases: Mapping[str, str]
    scopes: Mapping[Scope, str]
    methods: Mapping[str, str]  # the prover's method names (engine.py, ladder.py) -> words
    questions: Mapping[str, str]  # "1" -> title of question 1
    recalls: Mapping[str, str]  # "1.1" -> the sub-question recalled in one line
    claims: Mapping[str, str]  # claim id -> what the claim says
    why: Mapping[str, str]  # Chain.why keys -> the reason printed beside a link
    figures: Mapping[str, str]  # figure name -> caption


FR = Wording(
    lang="fr",
    babel="french",
    phrases={
        "title": "IFT6135-A2022 --- Devoir 2 (partie théorique)",
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
    },
    scopes={
        Scope.GENERAL: "démontré en toute généralité (pour toutes les valeurs admises des symboles)",
        Scope.INSTANCE: "vérifié exactement sur l'instance donnée seulement, pas en toute généralité",
        Scope.NUMERIC: "indice numérique seulement, ce n'est pas une démonstration",
    },
    methods={
        "residual ladder": "réduction symbolique de la différence des deux membres à $0$",
        "case split": "disjonction de cas",
        "certificate": "certificat de signe",
        "evaluation": "évaluation exacte",
        "simplify": "simplification",
        "relation": "relation",
        "shape check": "comparaison des dimensions",
        "sign from assumptions": "signe lu sur les hypothèses",
    },
    questions={
        "1": "Fonctions d'activation",
        "2": "Les modèles de mélange rencontrent les réseaux de neurones",
        "3": "Schémas d'optimisation",
        "4": "Bases de la convolution",
        "5": "Champ récepteur",
    },
    recalls={
        "1.1": "Montrer que $h(x) = x\\,\\sigma(\\beta x)$ approche, pour un $\\beta$ bien choisi, (a) l'activation "
               "linéaire et (b) l'activation $\\operatorname{ReLU}$.",
        "1.2": "Construire avec $\\operatorname{ReLU}$ et les quatre opérations la fonction continue linéaire par "
               "morceaux de pente $a$ pour $x \\geq \\alpha$, $0$ pour $\\beta < x < \\alpha$ (où $h = 0$) et $-b$ "
               "pour $x \\leq \\beta$ ; reconnaître une activation connue.",
        "1.3": "Montrer que le softmax $S(\\boldsymbol{x})_i = e^{x_i} / \\sum_j e^{x_j}$ est invariant par "
               "translation : $S(\\boldsymbol{x} + c) = S(\\boldsymbol{x})$ pour tout $c \\in \\mathbb{R}$.",
        "1.4": "Utiliser cette invariance pour calculer $\\log S(\\boldsymbol{x})_i$ de façon numériquement stable.",
        "2": "Montrer que $p(y_n = 1 \\mid \\boldsymbol{x}_n)$ pour un mélange de $K$ régressions logistiques est la "
             "sortie d'un réseau de neurones ; préciser les couches et les activations.",
        "3.1": "Minimiser l'approximation de Taylor d'ordre $2$ de $f$ en $\\boldsymbol{w}^{(t)}$ "
               "($\\boldsymbol{H}$ définie positive) ; qu'en déduire sur le taux d'apprentissage ?",
        "3.2": "Nombre de paramètres (biais compris) du perceptron 32--512--512--10 et taille de $\\boldsymbol{H}$.",
        "3.3": "Estimer $\\boldsymbol{H}\\boldsymbol{v}$ à partir de $g(\\boldsymbol{w} + \\Delta\\boldsymbol{w}) "
               "\\approx g(\\boldsymbol{w}) + \\boldsymbol{H}\\Delta\\boldsymbol{w}$ avec "
               "$\\Delta\\boldsymbol{w} = r\\boldsymbol{v}$.",
        "3.4": "Ordre de l'erreur de cette estimation quand le reste est en $O(\\|\\Delta\\boldsymbol{w}\\|^2)$.",
        "3.5": "Montrer la linéarité et la règle du produit de l'opérateur $\\mathcal{R}_{\\boldsymbol{v}}\\{f"
               "(\\boldsymbol{w})\\} = \\frac{\\partial}{\\partial r} f(\\boldsymbol{w} + r\\boldsymbol{v})"
               "\\big|_{r=0}$.",
        "3.6": "Calculer exactement $\\boldsymbol{H}\\boldsymbol{v}$ avec l'opérateur "
               "$\\mathcal{R}_{\\boldsymbol{v}}$.",
        "4.1": "Résolution de sortie de Conv3x3--ReLU--Conv3x3--MaxPool2x2--Conv3x3--ReLU pour une image "
               "$32 \\times 32$ (convolutions de pas $1$ sans remplissage, pooling de pas $2$).",
        "4.2": "Cette architecture (Conv5x5, pooling moyen global, couches denses) accepte-t-elle des images de "
               "taille variable ? Et un perceptron multicouche ?",
        "4.3": "Sortie de la convolution de $X$ ($3 \\times 3$) par $W$ ($3 \\times 3$), pas $2$, remplissage $1$ ; "
               "matrice $A$ de cette application linéaire (vectorisation ligne par ligne).",
        "4.4": "Convolution transposée de $X$ ($2 \\times 2$) par $W$ ($2 \\times 2$), pas $2$, sans remplissage : "
               "est-elle linéaire ? Donner sa matrice.",
        "5.1": "Résolution de sortie du réseau de quatre convolutions $3 \\times 3$ (pas $1$, remplissage $1$) pour "
               "une entrée $32 \\times 32$.",
        "5.2": "Cas où l'on souhaite une sortie de même résolution que l'entrée.",
        "5.3": "Champ récepteur des caractéristiques finales de ce réseau.",
        "5.4": "Sur les images $7 \\times 7$ dont la sortie dépend des deux coins opposés, le modèle peut-il "
               "atteindre 100~\\% de précision ? Une connexion résiduelle change-t-elle quelque chose ?",
    },
    claims={
        "q1.1a": "Pour $\\beta = 0$, $h(x) = x\\,\\sigma(0) = x/2$ : c'est une activation linéaire.",
        "q1.1b": "Quand $\\beta \\to +\\infty$, $h(x) \\to \\max(x, 0) = \\operatorname{ReLU}(x)$ pour tout réel $x$ ; "
                 "quand $\\beta \\to -\\infty$, $h(x) \\to \\min(x, 0)$.",
        "q1.1b.rate": "La convergence vers $\\operatorname{ReLU}$ est uniforme en $x$ : l'écart "
                      "$\\operatorname{ReLU}(x) - h(x) = g(|x|) \\geq 0$ atteint son maximum $W(1/e)/\\beta$ "
                      "($W$ : fonction de Lambert), qui tend vers $0$.",
        "q1.2": "Pour $\\beta < \\alpha$, $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + b\\,\\operatorname{ReLU}"
                "(\\beta - x)$ est continue, nulle sur $[\\beta, \\alpha]$, de pente $a$ pour $x > \\alpha$ et $-b$ "
                "pour $x < \\beta$ : elle n'utilise que des $\\operatorname{ReLU}$, des produits et des sommes.",
        "q1.2.leaky": "Avec $\\alpha = \\beta = 0$, $a = 1$ et $b = -1/5$, on obtient $\\max(x, x/5)$ : "
                      "l'activation LeakyReLU.",
        "q1.3": "Le softmax est invariant par translation : $S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ pour "
                "tout $c \\in \\mathbb{R}$ et toute dimension $n$, car le facteur $e^{c}$ se simplifie.",
        "q1.3.n3": "Le même calcul, composante par composante, pour un vecteur de dimension $n = 3$.",
        "q1.4": "Pour tout réel $m$, $\\log S(\\boldsymbol{x})_i = (x_i - m) - \\log \\sum_k e^{x_k - m}$. Avec "
                "$m = \\max_k x_k$, tous les exposants sont $\\leq 0$ (pas de dépassement) et la somme contient "
                "$e^{0} = 1$, donc vaut au moins $1$ (pas de $\\log 0$).",
        "q1.4.float64": "En \\texttt{float64}, pour $\\boldsymbol{x} = (1000, 999, 998)$ et pour "
                        "$\\boldsymbol{x} = (-1000, -999, -1001)$, la formule naïve ne donne pas un résultat fini, "
                        "alors que la formule stable coïncide avec un calcul à 50 chiffres (mpmath) et avec SciPy.",
    },
    why={
        "bernoulli_categorical_pmf": "lois de Bernoulli et catégorielle",
        "sigmoid_definition": "définition de $\\sigma$",
        "W2_is_pi": "$W^{(2)} = \\boldsymbol{\\pi}$",
        "pi_sums_to_one": "$\\sum_k \\pi_k = 1$",
        "sigmoid_symmetry": "$\\sigma(-z) = 1 - \\sigma(z)$",
        "derivative_definition": "définition de la dérivée",
        "chain_rule": "dérivée d'une composée",
        "taylor_second_order": "Taylor à l'ordre $2$",
        "constant_factor": "facteur constant",
        "definition_R": "définition de $\\mathcal{R}_{\\boldsymbol{v}}$",
        "product_rule_in_r": "règle du produit en $r$",
        "evaluate_at_r_0": "en $r = 0$",
        "hessian_entries": "coefficients de $\\boldsymbol{H}$",
        "gradient_of_quadratic": "gradient d'une forme quadratique",
        "symmetric_H": "$\\boldsymbol{H} = \\boldsymbol{H}^{T}$",
        "complete_the_square": "forme canonique",
        "weights_and_biases": "poids et biais",
        "sum_notation": "notation $\\sum$",
        "closed_form": "forme close",
    },
    figures={
        "swish": "$h(x) = x\\,\\sigma(\\beta x)$ pour plusieurs $\\beta$, entre la droite $x/2$ ($\\beta = 0$) et "
                 "$\\operatorname{ReLU}$ ($\\beta \\to +\\infty$).",
        "relu_pieces": "La construction de la question 1.2 ($a = 1$, $b = 1/2$, $\\alpha = 1$, $\\beta = -1$) : "
                       "$a\\,\\operatorname{ReLU}(x - \\alpha)$, $b\\,\\operatorname{ReLU}(\\beta - x)$ et leur "
                       "somme $h$.",
        "finite_difference": "Erreur relative de $\\boldsymbol{H}\\boldsymbol{v}$ estimé par différences finies "
                             "(avant, centrées) en fonction de $r$, sur le vrai réseau 32--512--512--10, comparée "
                             "à l'opérateur $\\mathcal{R}_{\\boldsymbol{v}}$ exact.",
        "receptive_field": "Champ récepteur du pixel de sortie en haut à gauche après quatre convolutions "
                           "$3 \\times 3$ (pas $1$, remplissage $1$) sur la grille $7 \\times 7$ : le coin opposé "
                           "est en dehors.",
    },
)

EN = Wording(
    lang="en",
    babel="english",
    phrases={
        "title": "IFT6135-A2022 --- Homework 2 (theory)",
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
    },
    scopes={
        Scope.GENERAL: "proven in general (for every admissible value of the symbols)",
        Scope.INSTANCE: "checked exactly for the given instance only, not in general",
        Scope.NUMERIC: "numeric evidence only, not a proof",
    },
    methods={
        "residual ladder": "symbolic reduction of the difference of both sides to $0$",
        "case split": "case split",
        "certificate": "sign certificate",
        "evaluation": "exact evaluation",
        "simplify": "simplification",
        "relation": "relation",
        "shape check": "shape comparison",
        "sign from assumptions": "sign read off the assumptions",
    },
    questions={
        "1": "Activation functions",
        "2": "Mixture models meet neural networks",
        "3": "Optimization schemes",
        "4": "Convolution basics",
        "5": "Receptive field",
    },
    recalls={
        "1.1": "Show that $h(x) = x\\,\\sigma(\\beta x)$ approaches, for a suitable $\\beta$, (a) the linear "
               "activation and (b) the $\\operatorname{ReLU}$ activation.",
        "1.2": "Build from $\\operatorname{ReLU}$ and the four operations the continuous piecewise-linear function "
               "of slope $a$ for $x \\geq \\alpha$, $0$ for $\\beta < x < \\alpha$ (where $h = 0$) and $-b$ for "
               "$x \\leq \\beta$; name a popular activation like it.",
        "1.3": "Show that the softmax $S(\\boldsymbol{x})_i = e^{x_i} / \\sum_j e^{x_j}$ is translation invariant: "
               "$S(\\boldsymbol{x} + c) = S(\\boldsymbol{x})$ for every $c \\in \\mathbb{R}$.",
        "1.4": "Use this invariance to compute $\\log S(\\boldsymbol{x})_i$ in a numerically stable way.",
        "2": "Show that $p(y_n = 1 \\mid \\boldsymbol{x}_n)$ for a mixture of $K$ logistic regressions is the "
             "output of a neural network; give its layers and activations.",
        "3.1": "Minimise the second-order Taylor approximation of $f$ at $\\boldsymbol{w}^{(t)}$ "
               "($\\boldsymbol{H}$ positive definite); what does it say about the learning rate?",
        "3.2": "Number of parameters (biases included) of the 32--512--512--10 perceptron, and the size of "
               "$\\boldsymbol{H}$.",
        "3.3": "Estimate $\\boldsymbol{H}\\boldsymbol{v}$ from $g(\\boldsymbol{w} + \\Delta\\boldsymbol{w}) "
               "\\approx g(\\boldsymbol{w}) + \\boldsymbol{H}\\Delta\\boldsymbol{w}$ with "
               "$\\Delta\\boldsymbol{w} = r\\boldsymbol{v}$.",
        "3.4": "Order of the error of this estimate when the remainder is $O(\\|\\Delta\\boldsymbol{w}\\|^2)$.",
        "3.5": "Show linearity and the product rule of the operator $\\mathcal{R}_{\\boldsymbol{v}}\\{f"
               "(\\boldsymbol{w})\\} = \\frac{\\partial}{\\partial r} f(\\boldsymbol{w} + r\\boldsymbol{v})"
               "\\big|_{r=0}$.",
        "3.6": "Compute $\\boldsymbol{H}\\boldsymbol{v}$ exactly with the operator $\\mathcal{R}_{\\boldsymbol{v}}$.",
        "4.1": "Output resolution of Conv3x3--ReLU--Conv3x3--MaxPool2x2--Conv3x3--ReLU on a $32 \\times 32$ image "
               "(stride-$1$ convolutions without padding, stride-$2$ pooling).",
        "4.2": "Can this architecture (Conv5x5, global average pooling, dense layers) take images of variable "
               "size? Can a multilayer perceptron?",
        "4.3": "Output of convolving $X$ ($3 \\times 3$) with $W$ ($3 \\times 3$), stride $2$, padding $1$; the "
               "matrix $A$ of this linear map (row-major flattening).",
        "4.4": "Transposed convolution of $X$ ($2 \\times 2$) with $W$ ($2 \\times 2$), stride $2$, no padding: is "
               "it linear? Give its matrix.",
        "5.1": "Output resolution of the network of four $3 \\times 3$ convolutions (stride $1$, padding $1$) for "
               "a $32 \\times 32$ input.",
        "5.2": "Cases where one wants an output of the same resolution as the input.",
        "5.3": "Receptive field of the final features of this network.",
        "5.4": "On the $7 \\times 7$ images whose output depends on both opposite corners, can the model reach "
               "100\\,\\% accuracy? Does a residual connection change anything?",
    },
    claims={
        "q1.1a": "For $\\beta = 0$, $h(x) = x\\,\\sigma(0) = x/2$: a linear activation.",
        "q1.1b": "As $\\beta \\to +\\infty$, $h(x) \\to \\max(x, 0) = \\operatorname{ReLU}(x)$ for every real $x$; "
                 "as $\\beta \\to -\\infty$, $h(x) \\to \\min(x, 0)$.",
        "q1.1b.rate": "The convergence to $\\operatorname{ReLU}$ is uniform in $x$: the gap "
                      "$\\operatorname{ReLU}(x) - h(x) = g(|x|) \\geq 0$ peaks at $W(1/e)/\\beta$ ($W$: the Lambert "
                      "function), which goes to $0$.",
        "q1.2": "For $\\beta < \\alpha$, $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + b\\,\\operatorname{ReLU}"
                "(\\beta - x)$ is continuous, zero on $[\\beta, \\alpha]$, of slope $a$ for $x > \\alpha$ and $-b$ "
                "for $x < \\beta$: it uses only $\\operatorname{ReLU}$, products and sums.",
        "q1.2.leaky": "With $\\alpha = \\beta = 0$, $a = 1$ and $b = -1/5$ it is $\\max(x, x/5)$: the LeakyReLU "
                      "activation.",
        "q1.3": "The softmax is translation invariant: $S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ for every "
                "$c \\in \\mathbb{R}$ and every dimension $n$, because the factor $e^{c}$ cancels.",
        "q1.3.n3": "The same computation, component by component, for a vector of dimension $n = 3$.",
        "q1.4": "For every real $m$, $\\log S(\\boldsymbol{x})_i = (x_i - m) - \\log \\sum_k e^{x_k - m}$. With "
                "$m = \\max_k x_k$ every exponent is $\\leq 0$ (no overflow) and the sum contains $e^{0} = 1$, so "
                "it is at least $1$ (no $\\log 0$).",
        "q1.4.float64": "In \\texttt{float64}, at $\\boldsymbol{x} = (1000, 999, 998)$ and at "
                        "$\\boldsymbol{x} = (-1000, -999, -1001)$, the naive formula is not finite, while the stable "
                        "one agrees with a 50-digit computation (mpmath) and with SciPy.",
    },
    why={
        "bernoulli_categorical_pmf": "Bernoulli and categorical laws",
        "sigmoid_definition": "definition of $\\sigma$",
        "W2_is_pi": "$W^{(2)} = \\boldsymbol{\\pi}$",
        "pi_sums_to_one": "$\\sum_k \\pi_k = 1$",
        "sigmoid_symmetry": "$\\sigma(-z) = 1 - \\sigma(z)$",
        "derivative_definition": "definition of the derivative",
        "chain_rule": "chain rule",
        "taylor_second_order": "second-order Taylor",
        "constant_factor": "constant factor",
        "definition_R": "definition of $\\mathcal{R}_{\\boldsymbol{v}}$",
        "product_rule_in_r": "product rule in $r$",
        "evaluate_at_r_0": "at $r = 0$",
        "hessian_entries": "entries of $\\boldsymbol{H}$",
        "gradient_of_quadratic": "gradient of a quadratic form",
        "symmetric_H": "$\\boldsymbol{H} = \\boldsymbol{H}^{T}$",
        "complete_the_square": "completing the square",
        "weights_and_biases": "weights and biases",
        "sum_notation": "$\\sum$ notation",
        "closed_form": "closed form",
    },
    figures={
        "swish": "$h(x) = x\\,\\sigma(\\beta x)$ for several $\\beta$, between the line $x/2$ ($\\beta = 0$) and "
                 "$\\operatorname{ReLU}$ ($\\beta \\to +\\infty$).",
        "relu_pieces": "The construction of question 1.2 ($a = 1$, $b = 1/2$, $\\alpha = 1$, $\\beta = -1$): "
                       "$a\\,\\operatorname{ReLU}(x - \\alpha)$, $b\\,\\operatorname{ReLU}(\\beta - x)$ and their "
                       "sum $h$.",
        "finite_difference": "Relative error of $\\boldsymbol{H}\\boldsymbol{v}$ estimated by finite differences "
                             "(forward, central) against $r$, on the real 32--512--512--10 network, compared with "
                             "the exact $\\mathcal{R}_{\\boldsymbol{v}}$ operator.",
        "receptive_field": "Receptive field of the top-left output pixel after four $3 \\times 3$ convolutions "
                           "(stride $1$, padding $1$) on the $7 \\times 7$ grid: the opposite corner lies outside.",
    },
)

WORDING: dict[str, Wording] = {w.lang: w for w in (FR, EN)}
LANGUAGES = tuple(WORDING)


def wording(lang: str) -> Wording:
    try:
        return WORDING[lang]
    except KeyError:
        raise ValueError(f"no wording for language {lang!r}; available: {', '.join(LANGUAGES)}") from None
