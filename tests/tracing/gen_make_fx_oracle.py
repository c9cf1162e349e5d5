# Records `make_fx(f)(...).code` from PyTorch 1.13 for the functions that
# test_make_fx_code.cpp re-creates in C++. Run with the torch-enabled Python:
#   /usr/bin/python3 tests/tracing/gen_make_fx_oracle.py
# Each expected/code_<name>.txt holds gm.code exactly (no trailing print newline).
import os
import torch
from torch.fx.experimental.proxy_tensor import make_fx

x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([1.0, 2.0])
c = torch.tensor([3.0, 4.0])


def mul_add(x, y):
    return x * y + 2


def scalar_arg(x, n):
    return x * n


def constant(x):
    return x + c, x * c


def chain(x, y):
    a = x * y
    b = a.sin()
    s = b.sum()
    return [s, a - 1.5]


def in_place(x):
    z = x * 2
    z.add_(y)
    return z


def factory(x):
    o = torch.ones(2)
    return x * o


def sums(x):
    return x.sum(), x.sum(), x.sum([0], keepdim=True)


def backward_in_trace(x):
    z = x * x
    out = (z + z).sum()
    (g,) = torch.autograd.grad(out, [x])
    return g


def identity(x, y):
    return x


def varargs(*args):
    return args[0] + args[1]


def scalars(x):
    return x / 2.0, x**2, -x


def fresh_constant(x):
    c = torch.tensor([1.0, 2.0])
    d = torch.tensor(3)
    return x * c + d


m = torch.arange(6.0).view(2, 3).requires_grad_()


def indexing(m):
    a = m[0]
    b = m[1:]
    c = m[:, 0]
    d = m[:, 1:3:2]
    e = m[-1, -2]
    return a.sum() + b.sum() * 2 + (c * c).sum() + d.sum() + e


def indexing_backward(m):
    return torch.autograd.grad(indexing(m), [m])


def indexing_forms(m):
    return (m[None], m[..., 0], m[-2:], m[:-1], m[0, 1:], m[:, None, 1], m[...], m[::2])


def saved_output(x):
    (g,) = torch.autograd.grad(x.exp().sum(), [x])
    return g


cases = {
    "mul_add": (mul_add, (x, y)),
    "scalar_arg": (scalar_arg, (x, 3)),
    "constant": (constant, (x,)),
    "chain": (chain, (x, y)),
    "in_place": (in_place, (x.detach(),)),
    "factory": (factory, (x,)),
    "sums": (sums, (x,)),
    "backward_in_trace": (backward_in_trace, (x,)),
    "identity": (identity, (x, y)),
    "varargs": (varargs, (x, y)),
    "scalars": (scalars, (x,)),
    "fresh_constant": (fresh_constant, (x,)),
    "indexing": (indexing, (m,)),
    "indexing_backward": (indexing_backward, (m,)),
    "indexing_forms": (indexing_forms, (m.detach(),)),
    "saved_output": (saved_output, (x,)),
}

out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected")
for name, (fn, args) in cases.items():
    with open(os.path.join(out_dir, f"code_{name}.txt"), "w") as f:
        f.write(make_fx(fn)(*args).code)
