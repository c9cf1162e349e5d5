"""torch.compile of a function that registers a trace_wrapped hook on its input (seed test 2)."""
import torch
import torch._dynamo
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x * y


for backend in ["eager", "aot_eager", "inductor"]:
    torch._dynamo.reset()
    x = torch.tensor([0.5, 0.5], requires_grad=True)
    y = torch.tensor([0.5, 0.5], requires_grad=True)
    grad_out = torch.tensor([2.0, 2.0])
    fn_opt = torch.compile(fn, backend=backend)
    out = fn_opt(x, y)
    out.backward(grad_out)
    print(backend, "out:", out.tolist(), "x.grad:", x.grad.tolist(), "y.grad:", y.grad.tolist())
    assert x.grad.tolist() == (grad_out * y).tolist()
