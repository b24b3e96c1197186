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
        "yes": "oui",
        "checked_by": "Vérifié par calcul :",
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
        "residual ladder": "réduction symbolique de la différence des deux membres à $0$",
        "matrix rules": "calcul matriciel pour tout $n$ (règles valides sous les hypothèses déclarées)",
        "definition of positive definite": "définition d'une matrice définie positive",
        "cited rules": "théorèmes cités",
        "computed": "calculé",
        "case split": "disjonction de cas",
        "certificate": "certificat de signe",
        "evaluation": "évaluation exacte",
        "simplify": "simplification",
        "relation": "relation",
        "shape check": "comparaison des dimensions",
        "sign from assumptions": "signe lu sur les hypothèses",
        # the checks' own descriptions (Check.how), as the verdicts name them
        "float64 run vs mpmath (50 digits)": "exécution en \\texttt{float64} comparée à mpmath (50 chiffres)",
        "seeded numpy Monte Carlo of z ~ Categorical(pi), y ~ Bernoulli(sigma(w_z^T x))":
            "simulation de Monte-Carlo (NumPy, graine fixée) du processus génératif",
        "products of the conv matrices' sparsity patterns (exact integers)":
            "produit des supports (coefficients non nuls) des matrices de convolution, en entiers exacts",
        "SymPy's diff of the symbolic net's out[0,0] (builder's conv matrices, symbolic kernels and biases, an "
        "undefined activation sigma)":
            "dérivée (SymPy) de la sortie $(0, 0)$ du réseau symbolique : noyaux et biais symboliques, activation "
            "$\\sigma$ quelconque",
        "the symbolic ReLU net run on both images: the two expressions are identical":
            "le réseau ReLU symbolique appliqué aux deux images donne deux expressions identiques",
        "products of the multi-channel sparsity patterns (exact integers)":
            "produit des supports des couches à plusieurs canaux, en entiers exacts",
        "products of the sparsity patterns (exact integers)": "produit des supports, en entiers exacts",
        "the builder's multi-channel conv matrices against J (x) B":
            "matrices de convolution à plusieurs canaux du constructeur comparées à $J \\otimes B$",
        "every placement: receptive_field and I + body sparsity patterns":
            "chaque placement de blocs résiduels : champ récepteur et support de $I + {}$(corps du bloc)",
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
        "q1.4.float64": "En \\texttt{float64}, pour $\\boldsymbol{x} = (1000,\\allowbreak 999,\\allowbreak 998)$ "
                        "et pour $\\boldsymbol{x} = (-1000,\\allowbreak -999,\\allowbreak -1001)$, la formule "
                        "naïve ne donne pas un résultat fini, "
                        "alors que la formule stable coïncide avec un calcul à 50 chiffres (mpmath).",
        "q2": "Pour tous $K$ et $d$ : $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 \\mid z_n = k, "
              "\\boldsymbol{x}_n)\\, p(z_n = k) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, et c'est exactement la sortie d'un réseau sans biais : couche d'entrée "
              "$\\boldsymbol{x}_n$ ($d$ unités) ; une couche cachée de $K$ unités, de poids $W^{(1)} = "
              "[\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K]$ ($d \\times K$) et d'activation sigmoïde, qui "
              "calcule $\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$ ; une couche de sortie à une unité, de "
              "poids $W^{(2)} = \\boldsymbol{\\pi}$, sans activation.",
        "q2.k3": "Le même réseau écrit avec des matrices, pour $K = 3$ et $d = 2$ : $\\sum_k \\pi_k\\, "
                 "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}) = \\boldsymbol{\\pi}^T \\sigma(W^{(1)T} "
                 "\\boldsymbol{x})$, la sigmoïde étant appliquée composante par composante.",
        "q2.prob": "Pour $K = 3$ et tout $d$, quand $\\boldsymbol{\\pi}$ parcourt le simplexe (écrit "
                   "$\\pi_k = q_k / (q_1 + q_2 + q_3)$ avec $q_1 > 0$, $q_2, q_3 \\geq 0$, quitte à renuméroter), "
                   "la sortie du réseau est strictement comprise entre $0$ et $1$ pour tous "
                   "$a_k = \\boldsymbol{w}_k^T \\boldsymbol{x}$ réels : c'est bien une probabilité.",
        "q2.prob.general": "Pour tout $K$ et tout $\\boldsymbol{\\pi}$ du simplexe ouvert ($\\pi_k = q_k / "
                           "\\sum_j q_j$ avec tous les $q_k > 0$), la sortie $\\sum_k \\pi_k\\, \\sigma(a_k)$ est "
                           "strictement comprise entre $0$ et $1$ pour tous $a_k$ réels : c'est une probabilité.",
        "q2.prob.closed": "Pour tout $K$ et tout $\\boldsymbol{\\pi}$ du simplexe fermé ($\\pi_k \\geq 0$, $\\sum_k "
                          "\\pi_k = 1$, certains $\\pi_k$ éventuellement nuls ; écrit $\\pi_k = q_k / \\sum_j q_j$ "
                          "avec $q_1 > 0$ après renumérotation et $q_2, \\dots, q_K \\geq 0$), la sortie $\\sum_k "
                          "\\pi_k\\, \\sigma(a_k)$ est strictement comprise entre $0$ et $1$ pour tous $a_k$ réels : "
                          "c'est une probabilité. Une somme finie de termes positifs ou nuls est positive ou nulle.",
        "q2.montecarlo": "Indice numérique : $10^5$ tirages (graine fixée) du processus génératif $z \\sim "
                         "\\mathrm{Cat}(\\boldsymbol{\\pi})$, $y \\sim \\mathrm{Bernoulli}(\\sigma(\\boldsymbol{w}_z^T "
                         "\\boldsymbol{x}))$, avec $d = 2$, $K = 3$ et $\\boldsymbol{\\pi} = (0{,}2 ; 0{,}5 ; "
                         "0{,}3)$, donnent une fréquence de $y = 1$ à moins de $4$ écarts-types de "
                         "$\\sum_k \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x})$.",
        "q3.1": "Pour $n = 2$ et toute matrice $\\boldsymbol{H} = \\begin{bmatrix} a & b \\\\ b & c \\end{bmatrix}$ "
                "symétrique définie positive (écrite $a > 0$, $D = ac - b^2 > 0$, $c = (b^2 + D)/a$), en notant "
                "$\\boldsymbol{g} = \\nabla f(\\boldsymbol{w}^{(t)})$ et $L$ le modèle quadratique : le gradient de "
                "$L$ s'annule en $\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, "
                "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
                "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ et $\\boldsymbol{u}^T\\boldsymbol{H}"
                "\\boldsymbol{u} > 0$ pour $\\boldsymbol{u} \\neq 0$ : $\\boldsymbol{w}^*$ est l'unique "
                "minimiseur.",
        "q3.1.every_n": "Pour tout $n$ et toute matrice $\\boldsymbol{H}$ symétrique définie positive, en notant "
                        "$\\boldsymbol{g} = \\nabla f(\\boldsymbol{w}_t)$ : $\\nabla L(\\boldsymbol{w}) = "
                        "\\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}_t) = "
                        "\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^*)$ ne s'annule qu'en $\\boldsymbol{w}^* "
                        "= \\boldsymbol{w}_t - \\boldsymbol{H}^{-1}\\boldsymbol{g}$ ; la hessienne de $L$ est "
                        "$\\boldsymbol{H}$ et $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = "
                        "\\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - "
                        "\\boldsymbol{w}^*) > 0$ pour $\\boldsymbol{w} \\neq \\boldsymbol{w}^*$ : "
                        "$\\boldsymbol{w}^*$ est l'unique minimiseur. Le calcul n'utilise que $\\boldsymbol{H}^T = "
                        "\\boldsymbol{H}$ et $\\boldsymbol{H}$ inversible.",
        "q3.3.every_n": "Pour tout $n$, toute fonction $f$ lisse sur $\\mathbb{R}^n$ et chaque coordonnée $i$ ($0 "
                        "\\leq i < n$) : $\\lim_{r \\to 0} (g_i(\\boldsymbol{w} + r\\boldsymbol{v}) - "
                        "g_i(\\boldsymbol{w}))/r = (\\boldsymbol{H}\\boldsymbol{v})_i = \\sum_j \\partial_i "
                        "\\partial_j f(\\boldsymbol{w})\\, v_j$, par la dérivée comme limite de $\\varphi(r) = "
                        "g_i(\\boldsymbol{w} + r\\boldsymbol{v})$ puis la dérivée d'une composée, et à nouveau par "
                        "Taylor et la limite d'une somme.",
        "q3.4.every_n": "Pour tout $n$ et toute fonction $f$ lisse : $(\\boldsymbol{g}(\\boldsymbol{w} + "
                        "r\\boldsymbol{v}) - \\boldsymbol{g}(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + "
                        "O(r)$, par le théorème de Taylor avec un reste $O(\\lVert r\\boldsymbol{v} \\rVert^2)$ ; "
                        "l'erreur n'est pas meilleure en général : pour $f = w_1^3$ le terme en $r$ vaut $(3 v_1^2, "
                        "0) \\neq \\boldsymbol{0}$.",
        "q3.5.every_n": "Pour tout $n$ et toutes fonctions $f$, $g$ dérivables sur $\\mathbb{R}^n$ : "
                        "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = c\\, "
                        "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ et "
                        "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
                        "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} g(\\boldsymbol{w}) + "
                        "f(\\boldsymbol{w}) \\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$, par la "
                        "linéarité et la règle du produit de $\\frac{d}{dr}$ puis $r = 0$.",
        "q3.6.every_n": "Pour tout $n$ et toute fonction $f$ lisse : $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                        "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ : la coordonnée $i$ de "
                        "$\\frac{d}{dr} \\nabla f(\\boldsymbol{w} + r\\boldsymbol{v})$ est $\\sum_j "
                        "\\partial_i\\partial_j f(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$ (dérivée d'une "
                        "composée), qui vaut $(\\boldsymbol{H}\\boldsymbol{v})_i$ en $r = 0$.",
        "q3.1.n": "Pour tout $n$, par calcul matriciel et avec $\\boldsymbol{H}^T = \\boldsymbol{H}$ : "
                  "$\\nabla L(\\boldsymbol{w}) = \\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - "
                  "\\boldsymbol{w}_t)$ s'annule en $\\boldsymbol{w}^* = \\boldsymbol{w}_t - \\boldsymbol{H}^{-1}"
                  "\\boldsymbol{g}$, et $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - "
                  "\\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ ; comme "
                  "$\\boldsymbol{H}$ est définie positive (hypothèse de l'énoncé), $\\boldsymbol{w}^*$ est l'unique "
                  "minimiseur.",
        "q3.1.lr": "Taux d'apprentissage : pour $n = 2$ et $f(\\boldsymbol{w}) = f_t + \\boldsymbol{c}^T "
                   "\\boldsymbol{w} + \\frac{1}{2}\\boldsymbol{w}^T\\boldsymbol{H}\\boldsymbol{w}$ quadratique, un "
                   "seul pas $\\boldsymbol{w} - \\boldsymbol{H}^{-1}\\nabla f(\\boldsymbol{w})$ atteint le "
                   "minimiseur $-\\boldsymbol{H}^{-1}\\boldsymbol{c}$ depuis tout $\\boldsymbol{w}$. La matrice "
                   "$\\boldsymbol{H}^{-1}$ joue le rôle du taux d'apprentissage : un pas adapté à la courbure de "
                   "chaque direction ($1/f''$ en dimension $1$).",
        "q3.2": "Un perceptron de tailles de couches $n_0, \\dots, n_L$ a $P(L) = \\sum_{l=1}^{L} (n_{l-1} + 1)\\, "
                "n_l$ paramètres (biais compris) : démontré par récurrence sur $L$ ($P(1)$ compte $W_1$ et "
                "$\\boldsymbol{b}_1$ ; passer à $L + 1$ ajoute les coefficients de $W_{L+1}$ et "
                "$\\boldsymbol{b}_{L+1}$), et recoupé à la profondeur $3$ par le décompte des formes.",
        "q3.2.mlp": "Pour le perceptron 32--512--512--10 : $N = 33 \\cdot 512 + 513 \\cdot 512 + 513 \\cdot 10 = "
                    "284\\,682$ paramètres, donc $\\boldsymbol{H}$ est de taille $N \\times N$ : $N^2 = "
                    "81\\,043\\,841\\,124$ coefficients, soit $8N^2$ octets (environ $648$~Go) en "
                    "\\texttt{float64}.",
        "q3.2.hessian": "$\\boldsymbol{H}$ a une ligne et une colonne par paramètre : c'est une matrice $N \\times N$ "
                        "avec $N = 284\\,682$, le nombre d'entrées du vecteur de paramètres du modèle, égal à la "
                        "formule fermée.",
        "q3.3": "Pour une fonction $f$ lisse quelconque de $n = 2$ puis $n = 3$ variables ($g = \\nabla f$) : "
                "$\\lim_{r \\to 0} (g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r = "
                "\\boldsymbol{H}\\boldsymbol{v}$. Donc $\\boldsymbol{H}\\boldsymbol{v} \\approx "
                "(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r$ pour $r$ petit, au prix de deux "
                "gradients.",
        "q3.4": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$) : $(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
                "g(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + r\\boldsymbol{E} + o(r)$ avec "
                "$E_i = \\frac{1}{2}\\sum_{j,k} f_{ijk}(\\boldsymbol{w})\\, v_j v_k$, et $\\boldsymbol{E}$ n'est pas "
                "nul en général (pour $f = w_1^3$, $\\boldsymbol{E} = (3v_1^2, 0)$) : l'erreur est en $O(r)$, "
                "pas mieux.",
        "q3.4.central": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$), la différence centrée "
                        "$(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w} - r\\boldsymbol{v}))/(2r)$ a "
                        "une erreur en $O(r^2)$ : son terme d'ordre $1$ est nul et celui en $r^2$ vaut "
                        "$\\frac{1}{6}\\sum_{j,k,l} f_{ijkl}(\\boldsymbol{w})\\, v_j v_k v_l$.",
        "q3.5": "Pour des fonctions lisses quelconques $f$ et $g$ de $n = 2$ puis $n = 3$ variables et tout réel "
                "$c$ : $\\mathcal{R}_{\\boldsymbol{v}}\\{c f\\} = c\\, \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}$, "
                "$\\mathcal{R}_{\\boldsymbol{v}}\\{f g\\} = \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}\\, g + f\\, "
                "\\mathcal{R}_{\\boldsymbol{v}}\\{g\\}$, et $\\mathcal{R}_{\\boldsymbol{v}}\\{f\\} = \\nabla f "
                "\\cdot \\boldsymbol{v}$.",
        "q3.6": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$) : $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ exactement, sans erreur de troncature ; "
                "c'est la limite de la différence finie de la question 3.3.",
        "q4.1": "Une image $32 \\times 32$ ressort en $12 \\times 12$ : $32 \\to 30 \\to 28 \\to 14 \\to 12$ "
                "(formule $\\lfloor (n + 2p - (k - 1) - 1)/s \\rfloor + 1$ couche par couche, recoupée en "
                "comptant une à une les fenêtres ; la ReLU ne change pas la taille).",
        "q4.1.general": "Pour toute entrée $N \\times N$ : le réseau s'applique si et seulement si $N \\geq 10$, "
                        "et la sortie est alors de taille $(\\lfloor N/2 \\rfloor - 4) \\times (\\lfloor N/2 "
                        "\\rfloor - 4)$ ($m - 4$ pour $N = 2m$ comme pour $N = 2m + 1$).",
        "q4.2": "Oui pour ce réseau : après les deux Conv-5x5 la carte est de côté $N - 8$, le réseau s'applique "
                "à toute entrée $N \\times N$ avec $N \\geq 9$, et aucune forme de paramètre ne dépend de $N$ (le "
                "pooling moyen global réduit toute carte à $c_2$ nombres). Non pour un perceptron multicouche : "
                "sa première matrice de poids est de taille $H \\times c_{\\mathrm{in}} N^2$, différente pour "
                "$N = 9$ et $N = 10$ ; il faut redimensionner l'entrée.",
        "q4.2.mlp": "Non : un perceptron multicouche aplatit l'image, sa première matrice de poids est de "
                    "taille $H \\times c_{\\mathrm{in}} N^2$, et un pixel de plus de côté lui ajoute "
                    "$c_{\\mathrm{in}}(2N + 1) > 0$ colonnes, pour tout $N$ : il faut redimensionner "
                    "(ou recadrer) l'entrée à la taille prévue.",
        "q4.3": "Avec un pas de $2$ et un remplissage de $1$, la sortie est $2 \\times 2$ et vaut "
                "$\\operatorname{vec}(Y) = A \\operatorname{vec}(X)$ avec la matrice $A$ ($4 \\times 9$) "
                "ci-dessous, vérifié coefficient par coefficient contre la définition (corrélation croisée, comme "
                "en apprentissage profond ; vectorisation ligne par ligne).",
        "q4.4": "La convolution transposée (pas $2$, sans remplissage) donne une sortie $4 \\times 4$, "
                "$Y = X \\otimes W$ (bloc $(i, j)$ égal à $x_{i,j} W$) ; elle est linéaire : "
                "$\\operatorname{vec}(Y) = T \\operatorname{vec}(X)$ avec $T$ ($16 \\times 4$) ci-dessous, et "
                "$T = A^T$ où $A$ est la matrice de la convolution de pas $2$ sur une entrée $4 \\times 4$.",
        "q5.1": "Une entrée $32 \\times 32$ ressort en $32 \\times 32$ : oui, la taille est conservée (formule "
                "couche par couche, recoupée en comptant les fenêtres ; les $16$ canaux intermédiaires ne changent "
                "que la profondeur des cartes).",
        "q5.1.general": "Une Conv-3x3 de pas $1$ et de remplissage $1$ conserve toute taille $n$, donc les "
                        "quatre couches aussi.",
        "q5.2": "Oui : un noyau impair $k = 2j + 1$ avec un pas de $1$ et un remplissage $p = j = (k - 1)/2$ "
                "(ou $p = dj$ avec une dilatation $d$) conserve toute taille $n$. C'est ce qu'on veut quand la "
                "sortie est une image alignée pixel à pixel sur l'entrée : segmentation sémantique, débruitage, "
                "super-résolution, modèles de diffusion (le réseau prédit un bruit de la taille de l'entrée), "
                "estimation de profondeur ou de flot optique.",
        "q5.3": "Le champ récepteur des caractéristiques finales est $9 \\times 9$ : "
                "$1 + \\sum_{l} (k_l - 1) \\prod_{i < l} s_i = 1 + 4 \\times 2 = 9$, et sur une entrée "
                "$32 \\times 32$ le pixel de sortie $(16, 16)$ lit exactement un carré $9 \\times 9$ de l'entrée.",
        "q5.3.general": "Après $L$ couches de noyaux $k_l$ et de pas $s_l$, le champ récepteur vaut $1 + "
                        "\\sum_{l=1}^{L} (k_l - 1) \\prod_{i<l} s_i$ (par récurrence sur $L$) ; pour des couches "
                        "identiques, $1 + L(k - 1)$ au pas $1$ et $1 + (k - 1)(s^L - 1)/(s - 1)$ au pas $s > 1$.",
        "q5.4": "Non. Sur les images $7 \\times 7$, le pixel de sortie $(0, 0)$ ne dépend pas de $x_{6,6}$ : sa "
                "dérivée par rapport à $x_{6,6}$ est nulle quelle que soit l'activation, son champ s'arrête à la "
                "ligne et à la colonne $4 < 6$, et il en va de même avec $16$ canaux intermédiaires. Deux images "
                "qui ne diffèrent qu'en $x_{6,6}$, l'une aux coins égaux (cible blanche) et l'autre aux coins "
                "différents (cible noire), reçoivent donc la même sortie : l'une des deux est fausse, et 100~\\% "
                "de précision est impossible. Voir les deux coins demande un champ de $2 \\times 7 - 1 = 13$, soit "
                "six couches. Des connexions résiduelles, placées n'importe où sur les quatre couches, ne changent "
                "rien : champ toujours $9 \\times 9$, $x_{6,6}$ toujours hors de portée.",
        "q5.4.every_c": "Pour tous nombres de canaux $C_1, C_2, C_3$ et tous poids, la sortie $(0, 0)$ ne dépend pas "
                        "du pixel d'entrée $(6, 6)$ : une couche de $C_{\\mathrm{in}}$ vers $C_{\\mathrm{out}}$ "
                        "canaux a pour motif de dépendance $J_{C_{\\mathrm{out}} \\times C_{\\mathrm{in}}} \\otimes "
                        "B$ ($B$ : les fenêtres $3 \\times 3$), et le produit des quatre motifs vaut $C_1 C_2 C_3\\, "
                        "(J_{1 \\times 1} \\otimes B^4)$ pour toute matrice $B$ : sa partie en pixels $B^4$ ne "
                        "dépend pas des canaux, et $B^4$ ne relie pas $(0, 0)$ à $(6, 6)$. Les $16$ canaux de "
                        "l'énoncé en sont une instance.",
        "q5.4.rf": "Un champ de taille $2j + 1$ centré sur le pixel $(0, 0)$ atteint le coin opposé "
                   "$(n - 1, n - 1)$ d'une image $n \\times n$ si et seulement si $2j + 1 \\geq 2n - 1$ "
                   "(pour tous $n$ et $j$) : il faut un champ $13 \\times 13$ pour $n = 7$, soit six "
                   "couches Conv-3x3 (pas $1$, remplissage $1$) au lieu de quatre, dont le champ est "
                   "$9 < 13$.",
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
        "yes": "yes",
        "checked_by": "Checked by computation:",
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
        "residual ladder": "symbolic reduction of the difference of both sides to $0$",
        "matrix rules": "matrix calculus for every $n$ (rules valid under the declared facts)",
        "definition of positive definite": "definition of a positive definite matrix",
        "cited rules": "cited theorems",
        "computed": "computed",
        "case split": "case split",
        "certificate": "sign certificate",
        "evaluation": "exact evaluation",
        "simplify": "simplification",
        "relation": "relation",
        "shape check": "shape comparison",
        "sign from assumptions": "sign read off the assumptions",
        # the checks' own descriptions (Check.how), as the verdicts name them
        "float64 run vs mpmath (50 digits)": "\\texttt{float64} run compared with mpmath (50 digits)",
        "seeded numpy Monte Carlo of z ~ Categorical(pi), y ~ Bernoulli(sigma(w_z^T x))":
            "Monte Carlo simulation (NumPy, fixed seed) of the generative process",
        "products of the conv matrices' sparsity patterns (exact integers)":
            "product of the supports (nonzero entries) of the convolution matrices, in exact integers",
        "SymPy's diff of the symbolic net's out[0,0] (builder's conv matrices, symbolic kernels and biases, an "
        "undefined activation sigma)":
            "derivative (SymPy) of output $(0, 0)$ of the symbolic network: symbolic kernels and biases, any "
            "activation $\\sigma$",
        "the symbolic ReLU net run on both images: the two expressions are identical":
            "the symbolic ReLU network run on both images gives two identical expressions",
        "products of the multi-channel sparsity patterns (exact integers)":
            "product of the supports of the multi-channel layers, in exact integers",
        "products of the sparsity patterns (exact integers)": "product of the supports, in exact integers",
        "the builder's multi-channel conv matrices against J (x) B":
            "the builder's multi-channel convolution matrices compared with $J \\otimes B$",
        "every placement: receptive_field and I + body sparsity patterns":
            "every placement of residual blocks: receptive field and support of $I + {}$(the block's body)",
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
        "q1.4.float64": "In \\texttt{float64}, at $\\boldsymbol{x} = (1000,\\allowbreak 999,\\allowbreak 998)$ "
                        "and at $\\boldsymbol{x} = (-1000,\\allowbreak -999,\\allowbreak -1001)$, the naive "
                        "formula is not finite, while the stable "
                        "one agrees with a 50-digit computation (mpmath).",
        "q2": "For every $K$ and $d$: $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 \\mid z_n = k, "
              "\\boldsymbol{x}_n)\\, p(z_n = k) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, which is exactly the output of a network without biases: input layer "
              "$\\boldsymbol{x}_n$ ($d$ units); one hidden layer of $K$ units with weights $W^{(1)} = "
              "[\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K]$ ($d \\times K$) and sigmoid activation, computing "
              "$\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$; an output layer of one unit with weights "
              "$W^{(2)} = \\boldsymbol{\\pi}$ and no activation.",
        "q2.k3": "The same network written with matrices, for $K = 3$ and $d = 2$: $\\sum_k \\pi_k\\, "
                 "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}) = \\boldsymbol{\\pi}^T \\sigma(W^{(1)T} "
                 "\\boldsymbol{x})$, the sigmoid applied entrywise.",
        "q2.prob": "For $K = 3$ and any $d$, as $\\boldsymbol{\\pi}$ ranges over the simplex (written "
                   "$\\pi_k = q_k / (q_1 + q_2 + q_3)$ with $q_1 > 0$, $q_2, q_3 \\geq 0$, after relabelling), the "
                   "network's output lies strictly between $0$ and $1$ for all real $a_k = \\boldsymbol{w}_k^T "
                   "\\boldsymbol{x}$: it is a probability.",
        "q2.prob.general": "For every $K$ and every $\\boldsymbol{\\pi}$ in the open simplex ($\\pi_k = q_k / "
                           "\\sum_j q_j$ with every $q_k > 0$), the output $\\sum_k \\pi_k\\, \\sigma(a_k)$ lies "
                           "strictly between $0$ and $1$ for all real $a_k$: it is a probability.",
        "q2.prob.closed": "For every $K$ and every $\\boldsymbol{\\pi}$ in the closed simplex ($\\pi_k \\geq 0$, "
                          "$\\sum_k \\pi_k = 1$, some $\\pi_k$ possibly $0$; written $\\pi_k = q_k / \\sum_j q_j$ "
                          "with $q_1 > 0$ after relabelling and $q_2, \\dots, q_K \\geq 0$), the output $\\sum_k "
                          "\\pi_k\\, \\sigma(a_k)$ lies strictly between $0$ and $1$ for all real $a_k$: it is a "
                          "probability. A finite sum of nonnegative terms is nonnegative.",
        "q2.montecarlo": "Numeric evidence: $10^5$ draws (fixed seed) of the generative process $z \\sim "
                         "\\mathrm{Cat}(\\boldsymbol{\\pi})$, $y \\sim \\mathrm{Bernoulli}(\\sigma(\\boldsymbol{w}_z^T "
                         "\\boldsymbol{x}))$, with $d = 2$, $K = 3$ and $\\boldsymbol{\\pi} = (0.2, 0.5, 0.3)$, give "
                         "a frequency of $y = 1$ within $4$ standard errors of $\\sum_k \\pi_k\\, "
                         "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x})$.",
        "q3.1": "For $n = 2$ and every symmetric positive definite "
                "$\\boldsymbol{H} = \\begin{bmatrix} a & b \\\\ b & c \\end{bmatrix}$ (written $a > 0$, "
                "$D = ac - b^2 > 0$, $c = (b^2 + D)/a$), with $\\boldsymbol{g} = "
                "\\nabla f(\\boldsymbol{w}^{(t)})$ and $L$ the quadratic model: the gradient of $L$ vanishes at "
                "$\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, "
                "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
                "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ and $\\boldsymbol{u}^T\\boldsymbol{H}"
                "\\boldsymbol{u} > 0$ for $\\boldsymbol{u} \\neq 0$: $\\boldsymbol{w}^*$ is the unique minimiser.",
        "q3.1.every_n": "For every $n$ and every symmetric positive definite $\\boldsymbol{H}$, with "
                        "$\\boldsymbol{g} = \\nabla f(\\boldsymbol{w}_t)$: $\\nabla L(\\boldsymbol{w}) = "
                        "\\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}_t) = "
                        "\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^*)$ vanishes only at $\\boldsymbol{w}^* = "
                        "\\boldsymbol{w}_t - \\boldsymbol{H}^{-1}\\boldsymbol{g}$; the Hessian of $L$ is "
                        "$\\boldsymbol{H}$ and $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = "
                        "\\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - "
                        "\\boldsymbol{w}^*) > 0$ for $\\boldsymbol{w} \\neq \\boldsymbol{w}^*$: $\\boldsymbol{w}^*$ "
                        "is the unique minimiser. The computation uses only $\\boldsymbol{H}^T = \\boldsymbol{H}$ "
                        "and $\\boldsymbol{H}$ invertible.",
        "q3.3.every_n": "For every $n$, every smooth $f$ on $\\mathbb{R}^n$ and each entry $i$ ($0 \\leq i < n$): "
                        "$\\lim_{r \\to 0} (g_i(\\boldsymbol{w} + r\\boldsymbol{v}) - g_i(\\boldsymbol{w}))/r = "
                        "(\\boldsymbol{H}\\boldsymbol{v})_i = \\sum_j \\partial_i \\partial_j f(\\boldsymbol{w})\\, "
                        "v_j$, by the derivative as a limit of $\\varphi(r) = g_i(\\boldsymbol{w} + "
                        "r\\boldsymbol{v})$ and the chain rule, and again by Taylor and the limit of a sum.",
        "q3.4.every_n": "For every $n$ and every smooth $f$: $(\\boldsymbol{g}(\\boldsymbol{w} + r\\boldsymbol{v}) - "
                        "\\boldsymbol{g}(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + O(r)$, by Taylor's "
                        "theorem with an $O(\\lVert r\\boldsymbol{v} \\rVert^2)$ remainder; the error is not better "
                        "in general: for $f = w_1^3$ the $r$ term is $(3 v_1^2, 0) \\neq \\boldsymbol{0}$.",
        "q3.5.every_n": "For every $n$ and all differentiable $f$, $g$ on $\\mathbb{R}^n$: "
                        "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = c\\, "
                        "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ and "
                        "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
                        "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} g(\\boldsymbol{w}) + "
                        "f(\\boldsymbol{w}) \\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$, by linearity "
                        "and the product rule of $\\frac{d}{dr}$, then $r = 0$.",
        "q3.6.every_n": "For every $n$ and every smooth $f$: $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                        "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$: entry $i$ of $\\frac{d}{dr} "
                        "\\nabla f(\\boldsymbol{w} + r\\boldsymbol{v})$ is $\\sum_j \\partial_i\\partial_j "
                        "f(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$ (chain rule), which is "
                        "$(\\boldsymbol{H}\\boldsymbol{v})_i$ at $r = 0$.",
        "q3.1.n": "For every $n$, by matrix calculus and with $\\boldsymbol{H}^T = \\boldsymbol{H}$: "
                  "$\\nabla L(\\boldsymbol{w}) = \\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - "
                  "\\boldsymbol{w}_t)$ vanishes at $\\boldsymbol{w}^* = \\boldsymbol{w}_t - \\boldsymbol{H}^{-1}"
                  "\\boldsymbol{g}$, and $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - "
                  "\\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$; as $\\boldsymbol{H}$ "
                  "is positive definite (the question's assumption), $\\boldsymbol{w}^*$ is the unique minimiser.",
        "q3.1.lr": "Learning rate: for $n = 2$ and a quadratic $f(\\boldsymbol{w}) = f_t + \\boldsymbol{c}^T "
                   "\\boldsymbol{w} + \\frac{1}{2}\\boldsymbol{w}^T\\boldsymbol{H}\\boldsymbol{w}$, one step "
                   "$\\boldsymbol{w} - \\boldsymbol{H}^{-1}\\nabla f(\\boldsymbol{w})$ lands on the minimiser "
                   "$-\\boldsymbol{H}^{-1}\\boldsymbol{c}$ from every $\\boldsymbol{w}$. The matrix "
                   "$\\boldsymbol{H}^{-1}$ plays the part of the learning rate: a step fitted to the curvature of "
                   "each direction ($1/f''$ in dimension $1$).",
        "q3.2": "A perceptron with layer sizes $n_0, \\dots, n_L$ has $P(L) = \\sum_{l=1}^{L} (n_{l-1} + 1)\\, n_l$ "
                "parameters (biases included): proven by induction on $L$ ($P(1)$ counts $W_1$ and "
                "$\\boldsymbol{b}_1$; going to $L + 1$ adds the entries of $W_{L+1}$ and $\\boldsymbol{b}_{L+1}$), "
                "and cross-checked at depth $3$ by counting the shapes.",
        "q3.2.mlp": "For the 32--512--512--10 perceptron: $N = 33 \\cdot 512 + 513 \\cdot 512 + 513 \\cdot 10 = "
                    "284{,}682$ parameters, so $\\boldsymbol{H}$ is $N \\times N$: $N^2 = 81{,}043{,}841{,}124$ "
                    "entries, that is $8N^2$ bytes (about $648$~GB) in \\texttt{float64}.",
        "q3.2.hessian": "$\\boldsymbol{H}$ has one row and one column per parameter: it is an $N \\times N$ matrix "
                        "with $N = 284{,}682$, the number of entries of the model's parameter vector, equal to the "
                        "closed form.",
        "q3.3": "For an arbitrary smooth $f$ of $n = 2$ and of $n = 3$ variables ($g = \\nabla f$): "
                "$\\lim_{r \\to 0} (g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r = "
                "\\boldsymbol{H}\\boldsymbol{v}$. So $\\boldsymbol{H}\\boldsymbol{v} \\approx "
                "(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r$ for small $r$, at the cost of two "
                "gradients.",
        "q3.4": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$): $(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
                "g(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + r\\boldsymbol{E} + o(r)$ with "
                "$E_i = \\frac{1}{2}\\sum_{j,k} f_{ijk}(\\boldsymbol{w})\\, v_j v_k$, and $\\boldsymbol{E}$ is not "
                "zero in general (for $f = w_1^3$, $\\boldsymbol{E} = (3v_1^2, 0)$): the error is $O(r)$, no "
                "better.",
        "q3.4.central": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$), the central difference "
                        "$(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w} - r\\boldsymbol{v}))/(2r)$ has "
                        "an $O(r^2)$ error: its first-order term is zero and its $r^2$ term is "
                        "$\\frac{1}{6}\\sum_{j,k,l} f_{ijkl}(\\boldsymbol{w})\\, v_j v_k v_l$.",
        "q3.5": "For arbitrary smooth $f$ and $g$ of $n = 2$ and of $n = 3$ variables and every real $c$: "
                "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f\\} = c\\, \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}$, "
                "$\\mathcal{R}_{\\boldsymbol{v}}\\{f g\\} = \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}\\, g + f\\, "
                "\\mathcal{R}_{\\boldsymbol{v}}\\{g\\}$, and $\\mathcal{R}_{\\boldsymbol{v}}\\{f\\} = \\nabla f "
                "\\cdot \\boldsymbol{v}$.",
        "q3.6": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$): $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ exactly, with no truncation error; it is "
                "the limit of the finite difference of question 3.3.",
        "q4.1": "A $32 \\times 32$ image comes out $12 \\times 12$: $32 \\to 30 \\to 28 \\to 14 \\to 12$ (the "
                "formula $\\lfloor (n + 2p - (k - 1) - 1)/s \\rfloor + 1$ layer by layer, cross-checked by counting "
                "the windows one by one; ReLU does not change the size).",
        "q4.1.general": "For every $N \\times N$ input: the network runs if and only if $N \\geq 10$, and the "
                        "output is then $(\\lfloor N/2 \\rfloor - 4) \\times (\\lfloor N/2 \\rfloor - 4)$ ($m - 4$ "
                        "for $N = 2m$ as for $N = 2m + 1$).",
        "q4.2": "Yes for this network: after the two Conv-5x5 the map is $N - 8$ wide, the network runs on every "
                "$N \\times N$ input with $N \\geq 9$, and no parameter shape depends on $N$ (the global average "
                "pool turns any map into $c_2$ numbers). No for a multilayer perceptron: its first weight matrix "
                "is $H \\times c_{\\mathrm{in}} N^2$, different for $N = 9$ and $N = 10$; the input must be "
                "resized.",
        "q4.2.mlp": "No: a multilayer perceptron flattens the image, its first weight matrix is "
                    "$H \\times c_{\\mathrm{in}} N^2$, and one more pixel of side adds "
                    "$c_{\\mathrm{in}}(2N + 1) > 0$ columns, for every $N$: the input must be resized "
                    "(or cropped) to the size it was built for.",
        "q4.3": "With stride $2$ and padding $1$ the output is $2 \\times 2$ and $\\operatorname{vec}(Y) = A "
                "\\operatorname{vec}(X)$ with the $4 \\times 9$ matrix $A$ below, checked entry by entry against "
                "the definition (cross-correlation, as in deep learning; row-major flattening).",
        "q4.4": "The transposed convolution (stride $2$, no padding) gives a $4 \\times 4$ output, "
                "$Y = X \\otimes W$ (block $(i, j)$ is $x_{i,j} W$); it is linear: $\\operatorname{vec}(Y) = T "
                "\\operatorname{vec}(X)$ with the $16 \\times 4$ matrix $T$ below, and $T = A^T$ where $A$ is the "
                "matrix of the stride-$2$ convolution on a $4 \\times 4$ input.",
        "q5.1": "A $32 \\times 32$ input comes out $32 \\times 32$: yes, the size is kept (the formula layer by "
                "layer, cross-checked by counting the windows; the $16$ intermediate channels only change the "
                "depth of the maps).",
        "q5.1.general": "A Conv-3x3 with stride $1$ and padding $1$ keeps every size $n$, so the four layers do "
                        "too.",
        "q5.2": "Yes: an odd kernel $k = 2j + 1$ with stride $1$ and padding $p = j = (k - 1)/2$ (or $p = dj$ "
                "with dilation $d$) keeps every size $n$. It is what one wants when the output is an image "
                "aligned pixel for pixel with the input: semantic segmentation, denoising, super-resolution, "
                "diffusion models (the network predicts a noise of the input's size), depth or optical-flow "
                "estimation.",
        "q5.3": "The receptive field of the final features is $9 \\times 9$: $1 + \\sum_{l} (k_l - 1) \\prod_{i < l} "
                "s_i = 1 + 4 \\times 2 = 9$, and on a $32 \\times 32$ input the output pixel $(16, 16)$ reads "
                "exactly a $9 \\times 9$ square of the input.",
        "q5.3.general": "After $L$ layers with kernels $k_l$ and strides $s_l$ the receptive field is $1 + "
                        "\\sum_{l=1}^{L} (k_l - 1) \\prod_{i<l} s_i$ (by induction on $L$); for equal layers, "
                        "$1 + L(k - 1)$ at stride $1$ and $1 + (k - 1)(s^L - 1)/(s - 1)$ at stride $s > 1$.",
        "q5.4": "No. On the $7 \\times 7$ images, output pixel $(0, 0)$ does not depend on $x_{6,6}$: its "
                "derivative with respect to $x_{6,6}$ is zero whatever the activation, its field ends at row and "
                "column $4 < 6$, and the same holds with $16$ intermediate channels. Two images that differ only "
                "at $x_{6,6}$, one with equal corners (white target) and one with different corners (black "
                "target), therefore get the same output: one of them is wrong, and 100\\% accuracy is impossible. "
                "Seeing both corners needs a field of $2 \\times 7 - 1 = 13$, i.e.\\ six layers. Residual "
                "connections placed anywhere over the four layers change nothing: the field is still "
                "$9 \\times 9$ and $x_{6,6}$ still out of reach.",
        "q5.4.every_c": "For all channel counts $C_1, C_2, C_3$ and all weights, output pixel $(0, 0)$ does not "
                        "depend on input pixel $(6, 6)$: a layer from $C_{\\mathrm{in}}$ to $C_{\\mathrm{out}}$ "
                        "channels has the dependency pattern $J_{C_{\\mathrm{out}} \\times C_{\\mathrm{in}}} "
                        "\\otimes B$ ($B$: the $3 \\times 3$ windows), and the product of the four patterns is $C_1 "
                        "C_2 C_3\\, (J_{1 \\times 1} \\otimes B^4)$ for every matrix $B$: its pixel part $B^4$ does "
                        "not depend on the channels, and $B^4$ does not link $(0, 0)$ to $(6, 6)$. The question's "
                        "$16$ channels are one instance.",
        "q5.4.rf": "A field of size $2j + 1$ centred on pixel $(0, 0)$ reaches the opposite corner "
                   "$(n - 1, n - 1)$ of an $n \\times n$ image if and only if $2j + 1 \\geq 2n - 1$ (for "
                   "all $n$ and $j$): a $13 \\times 13$ field is needed for $n = 7$, that is six Conv-3x3 "
                   "layers (stride $1$, padding $1$) instead of four, whose field is $9 < 13$.",
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
