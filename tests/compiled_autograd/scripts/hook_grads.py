# Seed test 5's shape: a hook on x squares its gradient through trace_wrapped;
# fn(x, y) is compiled with each backend and the backward runs under compiled
# autograd with an identity compiler. Gradients must equal the eager engine's.
import torch
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def grads(backend, op, use_ca):
    torch._dynamo.reset()
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = torch.tensor([2.0, 3.0], requires_grad=True)

    def fn(x, y):
        x.register_hook(_multiply_invoke)
        return op(x, y)

    if backend is not None:
        fn = torch.compile(fn, backend=backend)
    out = fn(x, y)
    grad_out = torch.tensor([2.0, 2.0])
    if use_ca:
        with compiled_autograd._enable(lambda gm: gm):
            out.backward(grad_out)
    else:
        out.backward(grad_out)
    return x.grad, y.grad


def add(x, y):
    return x + y


def mul(x, y):
    return x * y


for name, op in [("add", add), ("mul", mul)]:
    reference = grads(None, op, False)
    print(name, "eager engine", reference[0], reference[1])
    for backend in ["eager", "aot_eager", "inductor"]:
        got = grads(backend, op, True)
        same = got[0].tolist() == reference[0].tolist() and got[1].tolist() == reference[1].tolist()
        print(name, backend, got[0], got[1], same)
