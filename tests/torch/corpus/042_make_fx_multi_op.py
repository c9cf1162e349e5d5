import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    a = torch.sin(x)
    b = a.cos()
    c = b.view(2, 2).t()
    d = c.sum(0)
    e = d.exp().relu()
    return e.sum()
gm = make_fx(f)(torch.arange(4.0))
print(gm.code)
