import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x, y):
    a = x.view(2, 3).permute(1, 0)
    b = a.unsqueeze(0).squeeze(0)
    c = b.expand(3, 2).reshape(6)
    return torch.matmul(c.view(3, 2), y)
gm = make_fx(f)(torch.arange(6.0), torch.ones(2))
print(gm.code)
print(gm(torch.arange(6.0), torch.ones(2)))
