#!/bin/sh
# The README's pictures: page 1 of the compiled hand-in (header and question 1.1) and every figure, as PNG.
# Run after `symproof build --pdf` from the repository root: sh docs/make_pngs.sh
set -e
pdftoppm -r 110 -png -f 1 -l 1 -singlefile latex_out/main.pdf docs/page-q1
for f in latex_out/figures/*.pdf; do
    pdftoppm -r 150 -png -singlefile "$f" "docs/figure-$(basename "$f" .pdf)"
done
