#!/bin/sh
# The README's pictures: page 2 of the compiled submission (Question 1) and every figure, as PNG.
# Run after `symproof build --pdf` from the repository root: sh docs/make_pngs.sh
set -e
pdftoppm -r 110 -png -f 2 -l 2 -singlefile latex_out/main.pdf docs/page-q1
for f in latex_out/figures/*.pdf; do
    pdftoppm -r 150 -png -singlefile "$f" "docs/figure-$(basename "$f" .pdf)"
done
