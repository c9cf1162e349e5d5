"""A compiled function is reused while its guards hold and recompiled when a dtype changes."""
import torch


def fn(x, scale):
    y = x * scale
    return y + 1


fn_opt = torch.compile(fn, backend="eager")
print(fn_opt(torch.tensor([1.0, 2.0]), 3).tolist())
print(fn_opt(torch.tensor([3.0, 4.0]), 3).tolist())
print(fn_opt(torch.tensor([1.0, 2.0], dtype=torch.float64), 3).tolist())
