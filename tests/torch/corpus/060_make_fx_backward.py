import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    y = (x * x).sum()
    (g,) = torch.autograd.grad(y, [x])
    return g
x = torch.tensor([1.0, 2.0], requires_grad=True)
gm = make_fx(f)(x)
print(gm.code)
