"""Compiled autograd re-traces the backward with dynamo, hook inlined (seed test 5, three backends)."""
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


# One AOT counter for the whole loop, starting at 0, as the seed test patches it.
with torch._functorch.config.patch(guess_tangent_strides_as_outputs=True):
    with mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count):
        for backend in ["eager", "aot_eager", "inductor"]:
            torch._dynamo.reset()
            graphs.clear()
            x = torch.tensor([0.5, 0.5], requires_grad=True)
            y = torch.tensor([0.5, 0.5], requires_grad=True)
            out = torch.compile(fn, backend=backend)(x, y)
            grad_out = torch.tensor([2.0, 2.0])
            with compiled_autograd._enable(compiler_fn):
                out.backward(grad_out)
            assert len(graphs) == 1
            assert x.grad.tolist() == (grad_out * grad_out).tolist()
            print("=====", backend, "x.grad:", x.grad.tolist(), "y.grad:", y.grad.tolist())
            print(normalize_gm(graphs[0].print_readable(False)))
