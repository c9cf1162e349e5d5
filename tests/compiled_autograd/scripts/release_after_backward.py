# Saved tensors of compiled-autograd backwards are freed unless retain_graph,
# for built-in nodes (eager forward) and AOT nodes (aot_eager forward) alike.
# Expected output: the same script on PyTorch 1.13's eager engine (no compile,
# no compiled autograd): each iteration adds y twice to x.grad.
import torch
from torch._dynamo import compiled_autograd

x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
for backend in ["eager", "aot_eager"]:
    out = torch.compile(lambda a, b: a * b, backend=backend)(x, y)
    with compiled_autograd._enable(lambda gm: gm):
        out.backward(torch.ones(2), retain_graph=True)
        out.backward(torch.ones(2))
        try:
            out.backward(torch.ones(2))
            print(backend, "no error")
        except RuntimeError as e:
            print(backend, str(e)[:50])
print(x.grad.tolist())
