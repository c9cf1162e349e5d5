"""make_fx of a function calling trace_wrapped records one opaque self_invoke node (seed test 3)."""
import torch
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped
from torch._dynamo.testing import normalize_gm
from torch.fx.experimental.proxy_tensor import make_fx


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


x = torch.tensor([0.5, 0.5], requires_grad=True)
gm = make_fx(_multiply_invoke)(x)
result = gm(x)
print("gm(x):", result)
assert result.tolist() == [0.25, 0.25]
print(normalize_gm(gm.print_readable(False)))
