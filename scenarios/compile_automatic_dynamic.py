"""A recompile for a new size makes that size symbolic (automatic dynamic shapes); later sizes reuse it."""
import torch


def fn(x, n):
    return x * 2 + n


fn_opt = torch.compile(fn, backend="eager")
print(fn_opt(torch.ones(2), 1).tolist())
# x's size changed: the second compile gives it a symbol.
print(fn_opt(torch.ones(3), 1).tolist())
print(fn_opt(torch.ones(4), 1).tolist())
# n changed: the third compile makes it a SymInt input.
print(fn_opt(torch.ones(4), 5).tolist())
print(fn_opt(torch.ones(7), 6).tolist())
