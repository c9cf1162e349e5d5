"""Eager: a hook that calls trace_wrapped runs fn on the gradient during backward (seed test 1)."""
import torch
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x * y


x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
grad_out = torch.tensor([2.0, 2.0])

out = fn(x, y)
print("out:", out)
out.backward(grad_out)
print("x.grad:", x.grad)
print("y.grad:", y.grad)
# The hook squares y * grad_out = 1.0, which stays 1.0.
assert x.grad.tolist() == (y * grad_out).tolist()
# trace_wrapped runs fn under no_grad: its result has no autograd history.
squared = _multiply_invoke(x)
print("eager trace_wrapped:", squared, squared.requires_grad)
assert squared.tolist() == [0.25, 0.25]
assert squared.grad_fn is None
