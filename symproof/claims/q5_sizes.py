"""Questions 5.1 and 5.2: the four Conv-3x3 layers keep the size, and which layers keep every size."""

from __future__ import annotations

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.layers import Conv, output_size
from ..nn.sizes import nested_formula, size_formula, windows_through
from ..prover import AllOf, Scope, eq
from .q4_sizes import LATEX, size_chains

n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
d = sp.Symbol("d", integer=True, positive=True)
k, s = sp.symbols("k s", integer=True, positive=True)

# Four Conv-3x3 layers, stride 1, one pixel of zero padding; 16 intermediate channels do not change any size.
LAYER = Conv(3, 1, 1)
NET = (LAYER,) * 4
APPLICATIONS = ("semantic segmentation (one label per pixel)", "denoising and inpainting",
                "super-resolution on an input first upsampled to the output's size",
                "score / diffusion models (the network predicts a noise or score image of the input's size)",
                "depth and optical-flow estimation")


WRITE_UP_5_1 = WriteUp(
    text={
        "fr": "Une entrée $32 \\times 32$ ressort en $32 \\times 32$ : oui, la taille est conservée (formule couche "
              "par couche, recoupée en comptant les fenêtres ; les $16$ canaux intermédiaires ne changent que la "
              "profondeur des cartes).",
        "en": "A $32 \\times 32$ input comes out $32 \\times 32$: yes, the size is kept (the formula layer by layer, "
              "cross-checked by counting the windows; the $16$ intermediate channels only change the depth of the "
              "maps).",
    },
    recall={
        "fr": "Résolution de sortie du réseau de quatre convolutions $3 \\times 3$ (pas $1$, remplissage $1$) pour "
              "une entrée $32 \\times 32$.",
        "en": "Output resolution of the network of four $3 \\times 3$ convolutions (stride $1$, padding $1$) for a "
              "$32 \\times 32$ input.",
    },
    handin={
        "fr": "Chaque couche a $k = 3$, $s = 1$ et $p = 1$ ; avec la formule de 4.1, une couche conserve la taille, "
              "et les $16$ canaux intermédiaires ne changent que la profondeur des cartes :",
        "en": "Each layer has $k = 3$, $s = 1$ and $p = 1$; by the formula of 4.1, a layer keeps the size, and the "
              "$16$ intermediate channels only change the depth of the maps:",
    },
    answer={
        "fr": "$32 \\times 32$ ; oui, la sortie a la même taille que l'entrée.",
        "en": "$32 \\times 32$; yes, the output has the size of the input.",
    },
    oracles=(
        "tests/claims/test_q5.py::test_q51_torch_net_keeps_32_by_32_and_other_sizes",
    ),
)

@claim("q5.1", "5.1", "four Conv-3x3 layers with stride 1 and padding 1 keep a 32 x 32 input 32 x 32", Scope.INSTANCE,
       role=ANSWER, write_up=WRITE_UP_5_1)
def size_kept() -> Body:
    size = output_size(NET, 32)
    return Body(
        statement=eq(nested_formula(NET, sp.Integer(32)), windows_through(NET, 32)),
        answer=sp.Tuple(sp.Integer(size), sp.Integer(size)),
        steps=size_chains(NET, sp.Integer(32)),
        notes={"channels": "16 intermediate channels change the depth of the maps, not their height or width",
               "latex": LATEX},
        wrong={"padding forgotten: 24 x 24": eq(output_size((Conv(3),) * 4, 32), windows_through(NET, 32))},
    )


WRITE_UP_5_1_GENERAL = WriteUp(
    text={
        "fr": "Une Conv-3x3 de pas $1$ et de remplissage $1$ conserve toute taille $n$, donc les quatre couches "
              "aussi.",
        "en": "A Conv-3x3 with stride $1$ and padding $1$ keeps every size $n$, so the four layers do too.",
    },
)

@claim("q5.1.general", "5.1", "Conv-3x3 with stride 1 and padding 1 keeps every size n, so four of them do too",
       Scope.GENERAL, write_up=WRITE_UP_5_1_GENERAL)
def size_kept_general() -> Body:
    return Body(
        statement=AllOf((
            ("one layer: n -> n", eq(size_formula(n, LAYER), n)),
            ("four layers: n -> n", eq(nested_formula(NET, n), n)),
        )),
        answer=output_size(NET, n),
        steps=size_chains(NET, n),
        notes={"latex": LATEX},
        wrong={"no padding keeps the size": eq(size_formula(n, Conv(3)), n),
               "stride 2 with padding 1 keeps the size": eq(size_formula(n, Conv(3, 2, 1)), n)},
    )


WRITE_UP_5_2 = WriteUp(
    text={
        "fr": "Oui : un noyau impair $k = 2j + 1$ avec un pas de $1$ et un remplissage $p = j = (k - 1)/2$ (ou $p = "
              "dj$ avec une dilatation $d$) conserve toute taille $n$. C'est ce qu'on veut quand la sortie est une "
              "image alignée pixel à pixel sur l'entrée : segmentation sémantique, débruitage, super-résolution d'une "
              "entrée d'abord suréchantillonnée, modèles de diffusion (le réseau prédit un bruit de la taille de "
              "l'entrée), estimation de profondeur ou de flot optique.",
        "en": "Yes: an odd kernel $k = 2j + 1$ with stride $1$ and padding $p = j = (k - 1)/2$ (or $p = dj$ with "
              "dilation $d$) keeps every size $n$. It is what one wants when the output is an image aligned pixel "
              "for pixel with the input: semantic segmentation, denoising, super-resolution of an input "
              "first upsampled, diffusion models (the network predicts a noise of the input's size), depth or "
              "optical-flow estimation.",
    },
    recall={
        "fr": "Cas où l'on souhaite une sortie de même résolution que l'entrée.",
        "en": "Cases where one wants an output of the same resolution as the input.",
    },
    handin={
        "fr": "Oui. Avec un noyau impair $k = 2j + 1$, un pas de $1$ et un remplissage $p = j$, toute taille $n$ est "
              "conservée :",
        "en": "Yes. With an odd kernel $k = 2j + 1$, stride $1$ and padding $p = j$, every size $n$ is kept:",
    },
    answer={
        "fr": "oui, par exemple en segmentation sémantique, en débruitage, en estimation de profondeur et dans les "
              "modèles de diffusion.",
        "en": "yes, for example in semantic segmentation, denoising, depth estimation and diffusion models.",
    },
    steps={
        "after": {
            "fr": "C'est ce qu'on veut quand la sortie est une image alignée pixel à pixel sur l'entrée : "
                    "segmentation sémantique (une classe par pixel), débruitage, estimation de profondeur ou de flot "
                    "optique, modèles de diffusion (le réseau prédit un bruit de la taille de l'image). En "
                    "super-résolution, la sortie est plus grande que l'image de départ : on ne garde la taille que "
                    "si l'entrée a d'abord été suréchantillonnée (par exemple par interpolation bicubique).",
            "en": "This is what one wants when the output is an image aligned pixel for pixel with the input: "
                    "semantic segmentation (one class per pixel), denoising, depth or optical-flow estimation, "
                    "diffusion models (the network predicts a noise of the image's size). In super-resolution the "
                    "output is larger than the original image: the size is kept only if the input was first "
                    "upsampled (for example by bicubic interpolation).",
        },
    },
)

@claim("q5.2", "5.2", "an odd kernel k = 2j + 1 with stride 1 and padding (k - 1)/2 keeps every size n (dense "
       "prediction: segmentation, denoising, diffusion)", Scope.GENERAL,
       role=ANSWER, write_up=WRITE_UP_5_2)
def same_size_layers() -> Body:
    same = Conv(2 * j + 1, 1, j)
    return Body(
        statement=AllOf((
            ("k = 2j + 1, p = j: n -> n", eq(size_formula(n, same), n)),
            ("with dilation d, p = d j: n -> n", eq(size_formula(n, Conv(2 * j + 1, 1, d * j, d)), n)),
        )),
        answer=sp.true,
        steps=(Chain((size_formula(n, same), output_size(same, n))),),
        notes={"applications": APPLICATIONS, "padding": (k - 1) / 2, "latex": LATEX,
               "why": "the output is an image aligned pixel for pixel with the input"},
        wrong={"an even kernel k = 2j + 2 with p = j + 1 keeps the size":
                   eq(size_formula(n, Conv(2 * j + 2, 1, j + 1)), n),
               "stride 2 with p = (k - 1)/2 keeps the size": eq(size_formula(n, Conv(2 * j + 1, 2, j)), n)},
    )
