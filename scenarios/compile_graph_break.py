"""print() inside a fullgraph torch.compile raises Unsupported with PyTorch's graph-break message."""
import torch
import torch._dynamo


def _multiply(x):
    return x * x


def _graph_breaking_fn(x):
    print("Boo!")
    return _multiply(x)


x = torch.tensor([0.5, 0.5], requires_grad=True)
fn_opt = torch.compile(_graph_breaking_fn, backend="eager", fullgraph=True)
try:
    fn_opt(x)
    print("no error")
except torch._dynamo.exc.Unsupported as e:
    message = str(e)
    # The graph-break message itself, up to its documentation link.
    print(message[: message.index(".html") + len(".html")])
