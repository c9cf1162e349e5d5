"""A hook that mutates a counter: the counter is a SymInt graph input and output (seed test 6)."""
import functools
import itertools
from unittest import mock

import torch
import torch._dynamo
import torch._functorch.config
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped
from torch._dynamo.testing import normalize_gm

from _backward_hooks import _multiply, recording_compiler_fn


def _side_effect_stateful_fn2(x, obj):
    obj.counter = obj.counter + 1
    return _multiply(x)


def _side_effectful_invoke2(grad, fn):
    return trace_wrapped(grad, fn=fn)


graphs = []
compiler_fn = recording_compiler_fn(graphs)


class MyObj:
    def __init__(self):
        self.counter = 0


with torch._functorch.config.patch(guess_tangent_strides_as_outputs=True):
    with mock.patch("torch._functorch.aot_autograd.AOT_COUNTER", new_callable=itertools.count):
        torch._dynamo.reset()
        x = torch.tensor([0.5, 0.5], requires_grad=True)
        y = torch.tensor([0.5, 0.5], requires_grad=True)
        obj = MyObj()
        inner_fn = functools.partial(_side_effect_stateful_fn2, obj=obj)
        hook_fn = functools.partial(_side_effectful_invoke2, fn=inner_fn)
        x.register_hook(hook_fn)

        def fn(x, y):
            return x + y

        fn = torch.compile(fn, backend="inductor", fullgraph=True)
        grad_out = torch.tensor([2.0, 2.0])
        out = fn(x, y)
        with compiled_autograd._enable(compiler_fn):
            out.backward(grad_out)
        print("counter:", obj.counter, "x.grad:", x.grad.tolist())
        assert x.grad.tolist() == (grad_out + grad_out).tolist()
        print(normalize_gm(graphs[0].print_readable(False)))
        # Without compiled autograd the hook runs eagerly and still counts.
        for _ in range(2):
            out = fn(x, y)
            out.backward(grad_out)
            print("counter:", obj.counter, "x.grad:", x.grad.tolist())
        assert obj.counter == 3
