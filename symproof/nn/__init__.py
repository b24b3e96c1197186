"""Pure building blocks: activations, convolution matrices, sizes, receptive fields, the MLP and its exact Hv."""
