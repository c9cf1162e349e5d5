"""With guess_tangent_strides_as_outputs=False nothing specializes the backward: s21 stays, s69 -> s21."""
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


def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x + y


# PyTorch's intermediate expectation for this test (before the config patch was
# added) starts `forward(self, L_inputs_ : list, s69: "Sym(s21)", L_sizes_0_: "f32[0, s21]")`.
with torch._functorch.config.patch(guess_tangent_strides_as_outputs=False):
    with mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count):
        x = torch.tensor([0.5, 0.5], requires_grad=True)
        y = torch.tensor([0.5, 0.5], requires_grad=True)
        out = torch.compile(fn, backend="aot_eager")(x, y)
        with compiled_autograd._enable(compiler_fn):
            out.backward(torch.tensor([2.0, 2.0]))
        print("x.grad:", x.grad.tolist(), "y.grad:", y.grad.tolist())
        print(normalize_gm(graphs[0].print_readable(False)))
