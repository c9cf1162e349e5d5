"""make_fx of a multi-op function: aten node names, scalar constants, reductions and a tuple output."""
import torch
from torch.fx.experimental.proxy_tensor import make_fx


def f(x, y):
    z = x * y + 2
    s = z.sum()
    return s, torch.sin(z) * 2.5, z.relu().mean(0)


x = torch.tensor([[0.5, -1.0], [2.0, 3.0]])
y = torch.tensor([1.0, 2.0])
gm = make_fx(f)(x, y)
print(gm.code.strip())
outs = gm(x, y)
expected = f(x, y)
print("matches eager:", [a.tolist() == b.tolist() for a, b in zip(outs, expected)])
for o in outs:
    print(o)
