"""Convolution matrices against PyTorch, brute-force symbolic loops, and each other."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
import sympy

from symproof.nn.conv import (
    conv2d_channels_matrix,
    conv2d_matrix,
    conv_output_size,
    conv_transpose2d_matrix,
    conv_transpose_output_size,
    output_size_formula,
    symbolic_image,
    symbolic_kernel,
)

N_FUZZ = 1000


@pytest.fixture
def torch1(torch: ModuleType) -> Iterator[ModuleType]:
    """torch on one thread: on a loaded 2-core machine, intra-op threads spin-wait and make thousands of
    tiny convolutions tens of times slower; the result does not depend on the thread count."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield torch
    finally:
        torch.set_num_threads(threads)


def _pair_or_int(rng: np.random.Generator, low: int, high: int) -> tuple[Any, tuple[int, int]]:
    """A random (h, w) pair, passed as a plain int a fifth of the time to exercise that form too."""
    if rng.random() < 0.2:
        v = int(rng.integers(low, high))
        return v, (v, v)
    pair = (int(rng.integers(low, high)), int(rng.integers(low, high)))
    return pair, pair


def _assert_close(got: np.ndarray, want: np.ndarray, scale: float) -> None:
    assert got.shape == want.shape
    if want.size:
        assert np.max(np.abs(got - want)) <= 1e-12 * max(1.0, scale)


def _sorted_within_rows(a: sp.csr_matrix) -> bool:
    # A fresh matrix from the raw arrays recomputes the flag instead of trusting the builder's.
    return bool(sp.csr_matrix((a.data, a.indices, a.indptr), shape=a.shape).has_sorted_indices)


# --- numeric builders against torch ------------------------------------------------------------------


def test_conv2d_matrix_matches_torch_conv2d_on_random_configurations(torch1: ModuleType) -> None:
    torch = torch1
    rng = np.random.default_rng(20221)
    f = torch.nn.functional
    ran = rejected = 0
    while ran < N_FUZZ:
        _, (kh, kw) = _pair_or_int(rng, 1, 5)
        size, (h, w) = _pair_or_int(rng, 1, 11)
        stride, (sh, sw) = _pair_or_int(rng, 1, 4)
        padding, (ph, pw) = _pair_or_int(rng, 0, 3)
        dilation, (dh, dw) = _pair_or_int(rng, 1, 4)
        kernel = rng.standard_normal((kh, kw))
        x = rng.standard_normal((2, h, w))
        kwargs = {"stride": stride, "padding": padding, "dilation": dilation}
        tx, tk = torch.from_numpy(x[:, None]), torch.from_numpy(kernel[None, None])
        try:
            a = conv2d_matrix(kernel, size, **kwargs)
        except ValueError as err:
            # Our rejection must be torch's: the kernel does not fit the padded input.
            assert "kernel extent" in str(err)
            with pytest.raises(RuntimeError):
                f.conv2d(tx, tk, **kwargs)
            rejected += 1
            continue
        want = f.conv2d(tx, tk, **kwargs)[:, 0].numpy()
        oh, ow = want.shape[1:]
        assert (oh, ow) == (conv_output_size(h, kh, sh, ph, dh), conv_output_size(w, kw, sw, pw, dw))
        assert isinstance(a, sp.csr_matrix) and a.shape == (oh * ow, h * w)
        got = (a @ x.reshape(2, -1).T).T.reshape(2, oh, ow)
        _assert_close(got, want, np.abs(kernel).sum() * np.abs(x).max())
        if ran % 50 == 0:
            assert _sorted_within_rows(a)
        ran += 1
    assert ran >= N_FUZZ
    assert rejected > 0, "the fuzz never hit an invalid configuration: the rejection check ran on nothing"


@pytest.mark.parametrize(("c_in", "c_out", "stride", "padding", "dilation"),
                         [(1, 1, 1, 1, 1), (2, 3, 1, 1, 1), (3, 2, 2, 0, 1), (2, 2, 1, 2, 2)])
def test_conv2d_channels_matrix_matches_torch_conv2d(torch1: ModuleType, c_in: int, c_out: int, stride: int,
                                                      padding: int, dilation: int) -> None:
    rng = np.random.default_rng(c_in * 10 + c_out)
    kernels, x = rng.normal(size=(c_out, c_in, 3, 3)), rng.normal(size=(c_in, 6, 7))
    a = conv2d_channels_matrix(kernels, (6, 7), stride=stride, padding=padding, dilation=dilation)
    expected = torch1.nn.functional.conv2d(torch1.tensor(x)[None], torch1.tensor(kernels), stride=stride,
                                           padding=padding, dilation=dilation)[0]
    assert sp.issparse(a) and a.shape == (expected.numel(), x.size)
    np.testing.assert_allclose(a @ x.ravel(), expected.numpy().ravel(), rtol=1e-12, atol=1e-12)


def test_conv2d_channels_matrix_refuses_a_single_channel_or_symbolic_kernel() -> None:
    with pytest.raises(ValueError, match=r"\(C_out, C_in, kh, kw\) array, got shape \(3, 3\)"):
        conv2d_channels_matrix(np.ones((3, 3)), 5)
    with pytest.raises(ValueError, match="numeric"):
        conv2d_channels_matrix(np.array(symbolic_kernel(2).tolist(), dtype=object)[None, None], 5)


def test_conv_transpose2d_matrix_matches_torch_conv_transpose2d_on_random_configurations(
    torch1: ModuleType,
) -> None:
    torch = torch1
    rng = np.random.default_rng(20222)
    f = torch.nn.functional
    ran = rejected = 0
    while ran < N_FUZZ:
        _, (kh, kw) = _pair_or_int(rng, 1, 5)
        size, (h, w) = _pair_or_int(rng, 1, 9)
        stride, (sh, sw) = _pair_or_int(rng, 1, 4)
        padding, (ph, pw) = _pair_or_int(rng, 0, 4)
        dilation, (dh, dw) = _pair_or_int(rng, 1, 4)
        output_padding = (int(rng.integers(0, max(sh, dh))), int(rng.integers(0, max(sw, dw))))
        kernel = rng.standard_normal((kh, kw))
        x = rng.standard_normal((2, h, w))
        kwargs = {
            "stride": stride,
            "padding": padding,
            "output_padding": output_padding,
            "dilation": dilation,
        }
        tx, tk = torch.from_numpy(x[:, None]), torch.from_numpy(kernel[None, None])
        try:
            a = conv_transpose2d_matrix(kernel, size, **kwargs)
        except ValueError as err:
            assert "crops the whole output" in str(err)
            with pytest.raises(RuntimeError):
                f.conv_transpose2d(tx, tk, **kwargs)
            rejected += 1
            continue
        want = f.conv_transpose2d(tx, tk, **kwargs)[:, 0].numpy()
        oh, ow = want.shape[1:]
        assert (oh, ow) == (
            conv_transpose_output_size(h, kh, sh, ph, output_padding[0], dh),
            conv_transpose_output_size(w, kw, sw, pw, output_padding[1], dw),
        )
        assert isinstance(a, sp.csr_matrix) and a.shape == (oh * ow, h * w)
        got = (a @ x.reshape(2, -1).T).T.reshape(2, oh, ow)
        _assert_close(got, want, np.abs(kernel).sum() * np.abs(x).max())
        if ran % 50 == 0:
            assert _sorted_within_rows(a)
        ran += 1
    assert ran >= N_FUZZ
    assert rejected > 0, "the fuzz never hit an over-cropped configuration"


def test_both_builders_match_torch_on_larger_inputs_with_long_interior_runs(torch1: ModuleType) -> None:
    # The builders treat runs of rows with the same in-bounds taps at once: large inputs make long runs.
    torch, f = torch1, torch1.nn.functional
    rng = np.random.default_rng(20224)
    for _ in range(40):
        kh, kw, sh, sw, dh, dw = (int(v) for v in rng.integers(1, 4, 6))
        ph, pw = (int(v) for v in rng.integers(0, 4, 2))
        h, w = (int(v) for v in rng.integers(20, 61, 2))
        kernel, x = rng.standard_normal((kh, kw)), rng.standard_normal((h, w))
        tx, tk = torch.from_numpy(x[None, None]), torch.from_numpy(kernel[None, None])
        scale = np.abs(kernel).sum() * np.abs(x).max()
        kwargs: dict[str, Any] = {"stride": (sh, sw), "padding": (ph, pw), "dilation": (dh, dw)}
        want = f.conv2d(tx, tk, **kwargs)[0, 0].numpy()
        _assert_close((conv2d_matrix(kernel, (h, w), **kwargs) @ x.ravel()).reshape(want.shape), want, scale)
        kwargs["output_padding"] = (max(sh, dh) - 1, max(sw, dw) - 1)
        want = f.conv_transpose2d(tx, tk, **kwargs)[0, 0].numpy()
        got = conv_transpose2d_matrix(kernel, (h, w), **kwargs) @ x.ravel()
        _assert_close(got.reshape(want.shape), want, scale)


@pytest.mark.parametrize(("stride", "dilation", "output_padding"), [(1, 1, 1), (2, 1, 2), (2, 3, 3), (1, 2, 2)])
def test_output_padding_not_below_stride_or_dilation_is_rejected_like_torch(
    torch: ModuleType, stride: int, dilation: int, output_padding: int
) -> None:
    kernel = np.ones((2, 2))
    kwargs = {"stride": stride, "dilation": dilation, "output_padding": output_padding}
    with pytest.raises(RuntimeError, match="output padding"):
        torch.nn.functional.conv_transpose2d(
            torch.zeros(1, 1, 3, 3, dtype=torch.float64), torch.from_numpy(kernel[None, None]), **kwargs
        )
    with pytest.raises(ValueError, match="output_padding must be smaller than stride or dilation"):
        conv_transpose2d_matrix(kernel, 3, **kwargs)


def test_output_padding_below_dilation_but_not_stride_is_accepted_like_torch(torch: ModuleType) -> None:
    # torch's rule is output_padding < max(stride, dilation), not < stride alone.
    kernel = np.arange(1.0, 7.0).reshape(2, 3)
    x = np.arange(12.0).reshape(3, 4)
    kwargs = {"stride": 1, "dilation": 3, "output_padding": 2}
    want = torch.nn.functional.conv_transpose2d(
        torch.from_numpy(x[None, None]), torch.from_numpy(kernel[None, None]), **kwargs
    )[0, 0].numpy()
    a = conv_transpose2d_matrix(kernel, (3, 4), **kwargs)
    _assert_close((a @ x.ravel()).reshape(want.shape), want, np.abs(kernel).sum() * np.abs(x).max())


# --- the transposed conv's matrix is the transpose of the forward conv's matrix ----------------------


def test_transposed_conv_matrix_is_transpose_of_conv_matrix_on_random_configurations() -> None:
    rng = np.random.default_rng(20223)
    checked = 0
    while checked < 300:
        kh, kw, sh, sw, dh, dw = (int(v) for v in rng.integers(1, 4, 6))
        ph, pw = (int(v) for v in rng.integers(0, 3, 2))
        h, w = (int(v) for v in rng.integers(1, 10, 2))
        if dh * (kh - 1) + 1 > h + 2 * ph or dw * (kw - 1) + 1 > w + 2 * pw:
            continue
        kernel = rng.standard_normal((kh, kw))
        a = conv2d_matrix(kernel, (h, w), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw))
        oh, ow = conv_output_size(h, kh, sh, ph, dh), conv_output_size(w, kw, sw, pw, dw)
        # output_padding restores the rows the forward conv's floor dropped, so the sizes round-trip.
        op = (
            h - ((oh - 1) * sh - 2 * ph + dh * (kh - 1) + 1),
            w - ((ow - 1) * sw - 2 * pw + dw * (kw - 1) + 1),
        )
        assert 0 <= op[0] < sh and 0 <= op[1] < sw
        t = conv_transpose2d_matrix(
            kernel, (oh, ow), stride=(sh, sw), padding=(ph, pw), output_padding=op, dilation=(dh, dw)
        )
        assert t.shape == a.T.shape
        assert (t != a.T).nnz == 0
        checked += 1


# --- symbolic builders -------------------------------------------------------------------------------


def _brute_conv2d(kernel: sympy.Matrix, x: sympy.Matrix, s: int, p: int, d: int) -> sympy.Matrix:
    """The cross-correlation by its definition, one output pixel and one tap at a time."""
    kh, kw = kernel.shape
    h, w = x.shape
    oh = (h + 2 * p - d * (kh - 1) - 1) // s + 1
    ow = (w + 2 * p - d * (kw - 1) - 1) // s + 1
    out = sympy.zeros(oh, ow)
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    r, c = i * s - p + a * d, j * s - p + b * d
                    if 0 <= r < h and 0 <= c < w:
                        out[i, j] += kernel[a, b] * x[r, c]
    return out


def _brute_conv_transpose2d(kernel: sympy.Matrix, x: sympy.Matrix, s: int, p: int) -> sympy.Matrix:
    """The transposed convolution by its scatter definition, one input pixel and one tap at a time."""
    kh, kw = kernel.shape
    h, w = x.shape
    oh, ow = (h - 1) * s - 2 * p + kh, (w - 1) * s - 2 * p + kw
    out = sympy.zeros(oh, ow)
    for i in range(h):
        for j in range(w):
            for a in range(kh):
                for b in range(kw):
                    r, c = i * s - p + a, j * s - p + b
                    if 0 <= r < oh and 0 <= c < ow:
                        out[r, c] += kernel[a, b] * x[i, j]
    return out


def _vec(m: sympy.Matrix) -> sympy.Matrix:
    return m.reshape(m.rows * m.cols, 1)


def _assert_entrywise_equal(got: sympy.Matrix, want: sympy.Matrix) -> None:
    assert got.shape == want.shape
    for g, e in zip(got, want, strict=True):
        assert sympy.expand(g - e) == 0, (g, e)


def test_assignment_conv_3x3_kernel_3x3_input_stride_2_padding_1_is_a_4x9_matrix_of_the_convolution() -> None:
    kernel, x = symbolic_kernel(3), symbolic_image(3)
    a = conv2d_matrix(kernel, 3, stride=2, padding=1)
    assert isinstance(a, sympy.MatrixBase) and a.shape == (4, 9)
    _assert_entrywise_equal(a @ _vec(x), _vec(_brute_conv2d(kernel, x, 2, 1, 1)))


def test_assignment_transposed_conv_2x2_kernel_stride_2_is_the_16x4_transpose_of_the_4x4_conv() -> None:
    kernel, x = symbolic_kernel(2), symbolic_image(2)
    t = conv_transpose2d_matrix(kernel, 2, stride=2, padding=0)
    assert isinstance(t, sympy.MatrixBase) and t.shape == (16, 4)
    _assert_entrywise_equal(t @ _vec(x), _vec(_brute_conv_transpose2d(kernel, x, 2, 0)))
    assert t == conv2d_matrix(kernel, 4, stride=2).T


@pytest.mark.parametrize(
    ("kh", "kw", "h", "w", "s", "p", "d"),
    [(2, 3, 4, 5, 1, 0, 1), (3, 2, 5, 4, 2, 1, 1), (2, 2, 5, 6, 1, 1, 2), (1, 3, 3, 7, 3, 2, 1)],
)
def test_symbolic_conv_matrix_times_symbolic_image_is_the_brute_force_convolution(
    kh: int, kw: int, h: int, w: int, s: int, p: int, d: int
) -> None:
    kernel, x = symbolic_kernel(kh, kw), symbolic_image(h, w)
    a = conv2d_matrix(kernel, (h, w), stride=s, padding=p, dilation=d)
    _assert_entrywise_equal(a @ _vec(x), _vec(_brute_conv2d(kernel, x, s, p, d)))


@pytest.mark.parametrize(("kh", "kw", "h", "w", "s", "p"), [(3, 2, 2, 3, 2, 1), (2, 3, 3, 3, 1, 0), (3, 3, 2, 2, 3, 1)])
def test_symbolic_transposed_conv_matrix_is_the_brute_force_scatter(
    kh: int, kw: int, h: int, w: int, s: int, p: int
) -> None:
    kernel, x = symbolic_kernel(kh, kw), symbolic_image(h, w)
    t = conv_transpose2d_matrix(kernel, (h, w), stride=s, padding=p)
    _assert_entrywise_equal(t @ _vec(x), _vec(_brute_conv_transpose2d(kernel, x, s, p)))


@pytest.mark.parametrize("seed", range(6))
def test_symbolic_builders_equal_numeric_builders_after_substituting_the_kernel(seed: int) -> None:
    rng = np.random.default_rng(seed)
    kh, kw = (int(v) for v in rng.integers(1, 4, 2))
    s, d = (int(v) for v in rng.integers(1, 3, 2))
    h, w = (d * (k - 1) + 1 + int(rng.integers(0, 4)) for k in (kh, kw))
    p = int(rng.integers(0, 2))
    values = rng.standard_normal((kh, kw))
    kernel = symbolic_kernel(kh, kw)
    subs = {kernel[i, j]: sympy.Float(values[i, j], 17) for i in range(kh) for j in range(kw)}

    def numeric(m: sympy.Matrix) -> np.ndarray:
        return np.array(m.xreplace(subs).tolist(), dtype=np.float64)

    kwargs = {"stride": s, "padding": p, "dilation": d}
    np.testing.assert_array_equal(
        numeric(conv2d_matrix(kernel, (h, w), **kwargs)), conv2d_matrix(values, (h, w), **kwargs).toarray()
    )
    kwargs["output_padding"] = max(s, d) - 1
    np.testing.assert_array_equal(
        numeric(conv_transpose2d_matrix(kernel, (h, w), **kwargs)),
        conv_transpose2d_matrix(values, (h, w), **kwargs).toarray(),
    )


def test_zero_entries_of_a_symbolic_kernel_leave_no_entries_in_the_matrix() -> None:
    kernel = sympy.Matrix([[sympy.Symbol("a"), 0], [0, sympy.Symbol("b")]])
    a = conv2d_matrix(kernel, 4)
    # Each output pixel sees exactly the two non-zero taps.
    assert all(sum(1 for e in a.row(r) if e != 0) == 2 for r in range(a.rows))


def test_integer_and_list_kernels_give_float_csr_matrices_equal_to_the_float_kernel() -> None:
    as_float = conv2d_matrix(np.array([[1.0, 2.0], [3.0, 4.0]]), (3, 4), padding=1)
    for kernel in (np.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]]):
        a = conv2d_matrix(kernel, (3, 4), padding=1)
        assert isinstance(a, sp.csr_matrix) and a.dtype == np.float64
        assert (a != as_float).nnz == 0


# --- output sizes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "s", "p", "d"), [(3, 1, 0, 1), (3, 2, 1, 1), (5, 3, 2, 2), (2, 2, 0, 1), (1, 4, 0, 1)])
def test_symbolic_output_sizes_agree_with_integer_ones_for_every_valid_n(k: int, s: int, p: int, d: int) -> None:
    n = sympy.Symbol("n", integer=True, positive=True)
    forward = conv_output_size(n, k, s, p, d)
    assert isinstance(forward, sympy.Expr)
    # A floor appears exactly where a division does.
    assert forward.has(sympy.floor) == (s > 1)
    backward = conv_transpose_output_size(n, k, s, p, 0, d)
    checked = 0
    for v in range(1, 40):
        if d * (k - 1) + 1 <= v + 2 * p:
            assert forward.subs(n, v) == conv_output_size(v, k, s, p, d)
            checked += 1
        if (v - 1) * s - 2 * p + d * (k - 1) + 1 >= 1:
            assert backward.subs(n, v) == conv_transpose_output_size(v, k, s, p, 0, d)
    assert checked > 20


def test_output_size_takes_symbolic_stride_and_kernel() -> None:
    n, k, s = sympy.symbols("n k s", integer=True, positive=True)
    size = conv_output_size(n, k, s)
    assert size.subs({n: 32, k: 3, s: 2}) == conv_output_size(32, 3, 2) == 15


# --- bad parameters ------------------------------------------------------------------------------------

K3 = np.ones((3, 3))
BAD: list[tuple[str, Callable[[], object], str]] = [
    ("stride 0", lambda: conv2d_matrix(K3, 5, stride=0), r"^stride must be >= 1, got 0$"),
    ("stride pair", lambda: conv2d_matrix(K3, 5, stride=(1, 0)), r"stride must be >= 1, got \(1, 0\)"),
    ("stride bool", lambda: conv2d_matrix(K3, 5, stride=True), r"stride must be an integer"),
    ("stride float", lambda: conv2d_matrix(K3, 5, stride=1.5), r"stride must be an integer.*1\.5"),
    ("dilation 0", lambda: conv2d_matrix(K3, 5, dilation=0), r"dilation must be >= 1, got 0"),
    ("padding -1", lambda: conv2d_matrix(K3, 5, padding=-1), r"padding must be >= 0, got -1"),
    ("input 0", lambda: conv2d_matrix(K3, 0), r"input_size must be >= 1, got 0"),
    ("input pair 0", lambda: conv2d_matrix(K3, (4, 0)), r"input_size must be >= 1, got \(4, 0\)"),
    ("input float", lambda: conv2d_matrix(K3, 4.5), r"input_size must be an integer.*4\.5"),
    ("input triple", lambda: conv2d_matrix(K3, (4, 4, 4)), r"input_size must be an integer or a pair"),
    ("kernel 1-D", lambda: conv2d_matrix(np.ones(3), 5), r"kernel must be 2-D, got shape \(3,\)"),
    (
        "kernel 3-D",
        lambda: conv2d_matrix(np.ones((1, 3, 3)), 5),
        r"kernel must be 2-D, got shape \(1, 3, 3\)",
    ),
    (
        "kernel empty",
        lambda: conv2d_matrix(np.ones((0, 3)), 5),
        r"kernel must be non-empty, got shape \(0, 3\)",
    ),
    (
        "kernel too big",
        lambda: conv2d_matrix(np.ones((5, 2)), (4, 9)),
        r"kernel extent 5 .*input_size 4.*height",
    ),
    ("kernel dilated", lambda: conv2d_matrix(K3, 6, dilation=(1, 3)), r"kernel extent 7 .*dilation 3.*width"),
    ("kernel on 1x1", lambda: conv2d_matrix(K3, 1), r"kernel extent 3 .*padded input 1"),
    ("t stride 0", lambda: conv_transpose2d_matrix(K3, 3, stride=0), r"stride must be >= 1, got 0"),
    (
        "t output_padding",
        lambda: conv_transpose2d_matrix(K3, 3, stride=2, output_padding=2),
        r"output_padding",
    ),
    (
        "t output_padding<0",
        lambda: conv_transpose2d_matrix(K3, 3, output_padding=-1),
        r"output_padding must be >= 0",
    ),
    ("t crop", lambda: conv_transpose2d_matrix(K3, 1, padding=2), r"padding 2 crops the whole output"),
    ("t input 0", lambda: conv_transpose2d_matrix(K3, 0), r"input_size must be >= 1, got 0"),
    ("size n 0", lambda: conv_output_size(0, 3), r"n must be >= 1, got 0"),
    ("size n float", lambda: conv_output_size(2.5, 1), r"n must be an integer.*2\.5"),
    ("size k 0", lambda: conv_output_size(5, 0), r"k must be >= 1, got 0"),
    ("size s 0", lambda: conv_output_size(5, 3, 0), r"s must be >= 1, got 0"),
    ("size p -1", lambda: conv_output_size(5, 3, 1, -1), r"p must be >= 0, got -1"),
    ("size d 0", lambda: conv_output_size(5, 3, 1, 0, 0), r"d must be >= 1, got 0"),
    ("size n rational", lambda: conv_output_size(sympy.Rational(5, 2), 1), r"n must be an integer.*5/2"),
    ("size k bool", lambda: conv_output_size(5, True), r"k must be an integer or a SymPy expression"),
    ("size too small", lambda: conv_output_size(2, 3), r"kernel extent 3 .*padded input 2"),
    ("tsize op", lambda: conv_transpose_output_size(3, 2, 2, 0, 2, 1), r"output_padding must be smaller"),
    ("tsize crop", lambda: conv_transpose_output_size(1, 1, 1, 1, 0, 1), r"padding 1 crops the whole output"),
]


@pytest.mark.parametrize(("call", "match"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_parameters_raise_a_one_line_value_error_naming_the_parameter(
    call: Callable[[], object], match: str
) -> None:
    with pytest.raises(ValueError, match=match) as info:
        call()
    assert "\n" not in str(info.value)


def test_output_size_formula_agrees_with_conv_output_size_on_random_valid_inputs() -> None:
    rng = np.random.default_rng(6135)
    checked = 0
    for _ in range(N_FUZZ):
        n, k, s, p, d = (int(v) for v in rng.integers([1, 1, 1, 0, 1], [80, 8, 5, 4, 4]))
        if n + 2 * p < d * (k - 1) + 1:  # the kernel does not fit: conv_output_size rejects it
            continue
        assert output_size_formula(n, k, s, p, d) == conv_output_size(n, k, s, p, d), (n, k, s, p, d)
        checked += 1
    assert checked > N_FUZZ // 2
    # and symbolically, with a stride above 1 (a floor) and of 1 (none)
    m = sympy.Symbol("m", integer=True, positive=True)
    assert conv_output_size(m, 3, 2) == output_size_formula(m, 3, 2, 0, 1) == sympy.floor((m - 3) / 2) + 1
    assert conv_output_size(m, 3, 1, 1) == m


def test_a_string_in_an_object_kernel_is_refused_not_parsed() -> None:
    kernel = np.array([[sympy.Symbol("w"), "__import__('os')"]], dtype=object)
    with pytest.raises(ValueError, match="kernel entries must be numbers or SymPy expressions"):
        conv2d_matrix(kernel, 3)
