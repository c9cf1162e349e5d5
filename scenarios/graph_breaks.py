"""print() inside a hook re-traced by compiled autograd raises Unsupported (seed test 7)."""
import torch
import torch._dynamo
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _graph_breaking_fn(x):
    print("Boo!")
    return _multiply(x)


def _graph_break_invoke(grad):
    return trace_wrapped(grad, fn=_graph_breaking_fn)


def compiler_fn(gm):
    return torch.compile(gm, backend="inductor", fullgraph=True, dynamic=True)


def fn(x, y):
    x.register_hook(_graph_break_invoke)
    return x + y


for backend in ["eager", "aot_eager", "inductor"]:
    torch._dynamo.reset()
    x = torch.tensor([0.5, 0.5], requires_grad=True)
    y = torch.tensor([0.5, 0.5], requires_grad=True)
    out = torch.compile(fn, backend=backend, fullgraph=True)(x, y)
    try:
        with compiled_autograd._enable(compiler_fn):
            out.backward(torch.tensor([2.0, 2.0]))
        print(backend, "no error")
    except torch._dynamo.exc.Unsupported as e:
        message = str(e)
        print(backend, "Unsupported:", message.splitlines()[0])
        assert "print" in message
