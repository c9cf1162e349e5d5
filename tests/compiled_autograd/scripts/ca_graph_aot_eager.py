"""Compiled-autograd graph of seed test 5's aot_eager iteration (x + y, hook on x)."""
import torch
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x + y


x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
out = torch.compile(fn, backend="aot_eager")(x, y)
with compiled_autograd._enable(lambda gm: gm):
    out.backward(torch.tensor([2.0, 2.0]))
print(x.grad, y.grad)
