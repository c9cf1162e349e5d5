"""torch.compile(dynamic=True): sizes and ints become symbols, so new shapes reuse the graph."""
import torch


def fn(x, y, offset):
    z = x * y
    n = x.size(0) + offset
    return z + (n - 1)


fn_opt = torch.compile(fn, backend="eager", dynamic=True)
print(fn_opt(torch.ones(3), torch.ones(3), 2).tolist())
# Same graph for other sizes and another int: its guards are symbolic.
print(fn_opt(torch.ones(5), torch.ones(5), 7).tolist())
# x and y were duck-sized to one symbol: different sizes recompile.
print(fn_opt(torch.ones(4), torch.ones(1), 3).tolist())
