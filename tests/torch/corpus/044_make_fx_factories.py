import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    a = torch.ones_like(x)
    b = torch.zeros(2)
    c = torch.full((2,), 3.0)
    return a + b + c + x
gm = make_fx(f)(torch.tensor([1.0, 2.0]))
print(gm.code)
