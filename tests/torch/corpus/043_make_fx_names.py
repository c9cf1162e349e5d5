import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    a = x * 2
    b = a * 3
    c = b * a
    s = c.sum()
    t = s.sum()
    return (t, c)
gm = make_fx(f)(torch.tensor([1.0, 2.0]))
print(gm.code)
r = gm(torch.tensor([1.0, 1.0]))
print(r)
