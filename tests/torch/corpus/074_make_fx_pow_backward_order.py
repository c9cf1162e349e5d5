import torch
from torch.fx.experimental.proxy_tensor import make_fx
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 0.0], requires_grad=True)
def pow_scalar_exponent(a, b):
    return (a ** 3 * b).sum()
def pow_float_exponent(a, b):
    return (b * a ** 2.5).sum()
for fn in [pow_scalar_exponent, pow_float_exponent]:
    print(fn.__name__)
    gm = make_fx(lambda a, b: torch.autograd.grad(fn(a, b), (a, b)))(x, y)
    print(gm.code)
    print(gm(x, y))
