"""Without fullgraph a print splits the function: a graph, the print run eagerly, a second graph."""
import torch


def fn(x, y):
    a = x * y
    print("between the graphs:", a.tolist())
    b = a + x
    return b * 2


fn_opt = torch.compile(fn, backend="eager")
x = torch.tensor([1.0, 2.0])
y = torch.tensor([3.0, 4.0])
print(fn_opt(x, y).tolist())
# The second call reuses both graphs; only the print runs eagerly again.
print(fn_opt(x, y).tolist())
print(fn(x, y).tolist())
