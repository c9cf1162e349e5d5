"""Compiled autograd variants: a hook on y too, a third input, x * y, 3-element tensors (aot_eager)."""
import itertools
from unittest import mock

import torch
import torch._dynamo
import torch._functorch.config
from torch._dynamo import compiled_autograd
from torch._dynamo.testing import normalize_gm

from _backward_hooks import _multiply_invoke, recording_compiler_fn


graphs = []
compiler_fn = recording_compiler_fn(graphs)


def hooks_on_both(x, y, z):
    x.register_hook(_multiply_invoke)
    y.register_hook(_multiply_invoke)
    return x + y


def third_input(x, y, z):
    x.register_hook(_multiply_invoke)
    return x + y + z


def product(x, y, z):
    x.register_hook(_multiply_invoke)
    return x * y


def run(name, fn, n):
    torch._dynamo.reset()
    graphs.clear()
    x = torch.full([n], 0.5, requires_grad=True)
    y = torch.full([n], 0.5, requires_grad=True)
    z = torch.full([n], 0.25, requires_grad=True)
    out = torch.compile(fn, backend="aot_eager")(x, y, z)
    grad_out = torch.full([n], 2.0)
    with compiled_autograd._enable(compiler_fn):
        out.backward(grad_out)
    # The same gradients as the eager engine gives.
    ex = torch.full([n], 0.5, requires_grad=True)
    ey = torch.full([n], 0.5, requires_grad=True)
    ez = torch.full([n], 0.25, requires_grad=True)
    fn(ex, ey, ez).backward(grad_out)
    assert x.grad.tolist() == ex.grad.tolist()
    assert y.grad.tolist() == ey.grad.tolist()
    print("=====", name, "x.grad:", x.grad.tolist(), "y.grad:", y.grad.tolist())
    print(normalize_gm(graphs[0].print_readable(False)))


with torch._functorch.config.patch(guess_tangent_strides_as_outputs=True):
    with mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count):
        run("hooks on x and y", hooks_on_both, 2)
        run("a third input", third_input, 2)
        run("x * y", product, 2)
        run("3-element tensors", third_input, 3)
