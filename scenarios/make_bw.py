"""make_fx of trace_wrapped applied to a gradient produced by backward (seed test 4)."""
import torch
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped
from torch._dynamo.testing import normalize_gm
from torch.fx.experimental.proxy_tensor import make_fx


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def fwd(x):
    z = x * x
    return z + z


x = torch.tensor([0.5, 0.5], requires_grad=True)
res = fwd(x)
res.backward(torch.tensor([1.0, 1.0]))
print("x.grad:", x.grad)
assert x.grad.tolist() == [2.0, 2.0]
gm = make_fx(_multiply_invoke)(x.grad)
result = gm(x.grad)
print("gm(x.grad):", result)
assert result.tolist() == [4.0, 4.0]
print(normalize_gm(gm.print_readable(False)))
