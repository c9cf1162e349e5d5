"""Tensor hooks: registration order, replacement by a returned tensor, removal, leaf vs non-leaf."""
import torch

calls = []


def record(name, scale=None):
    def hook(grad):
        calls.append((name, grad.tolist()))
        if scale is not None:
            return grad * scale

    return hook


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.register_hook(record("y first", 2.0))
y.register_hook(record("y second"))
x.register_hook(record("x first"))
handle = x.register_hook(record("x removed", 100.0))
handle.remove()
x.register_hook(record("x last", 0.5))
z = (y * y).sum()
z.backward()
for name, grad in calls:
    print(name, grad)
print("x.grad:", x.grad)
print("y.grad_fn:", y.grad_fn.name(), "z.grad_fn:", z.grad_fn.name())
