"""Pure building blocks: activations, convolution matrices, layers, sizes, dependency patterns, the MLP and its Hv.

They know nothing of claims or LaTeX. Names load lazily, so importing one block does not import the others
(scipy.sparse for the convolutions, say).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["Sigmoid", "relu", "swish", "relu_pair", "h", "h_relu", "log_softmax_naive",
                     "log_softmax_stable"], "activations"),
    **dict.fromkeys(["conv2d_matrix", "conv2d_channels_matrix", "conv_transpose2d_matrix", "conv_output_size",
                     "conv_transpose_output_size", "symbolic_kernel", "symbolic_image"], "conv"),
    **dict.fromkeys(["Conv", "MaxPool", "GlobalAvgPool", "Dense", "Residual", "Layer", "WindowLayer", "WholeInput",
                     "Window", "ReceptiveField", "output_size", "receptive_field", "receptive_field_closed_form",
                     "min_input_size", "pattern", "pull_back"], "layers"),
    **dict.fromkeys(["size_formula", "nested_formula", "window_count", "windows_through", "accepts"], "sizes"),
    **dict.fromkeys(["support", "reads", "sees", "channel_pattern", "placements"], "patterns"),
    **dict.fromkeys(["vec", "padded", "direct_conv", "rotated", "scatter", "column_major_rows", "net_pixel",
                     "unevaluated_relu"], "reference"),
    **dict.fromkeys(["MLP", "param_count"], "mlp"),
    **dict.fromkeys(["fd_error_curve", "format_fd_table", "make_problem", "FDCurve", "FDRow"], "finite_diff"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'symproof.nn' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return __all__
