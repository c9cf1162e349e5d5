import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.add_(1)
print(y, y.grad_fn.name(), y.is_leaf)
y.sum().backward()
print(x.grad)
x.grad = None
z = x * 3
z.fill_(2)
print(z, z.grad_fn.name())
z.sum().backward()
print(x.grad)
x.grad = None
w = torch.zeros(2)
w.add_(x)
print(w, w.grad_fn.name(), w.is_leaf, w.requires_grad)
v = x * 2
v.add_(x, alpha=3)
print(v)
v.sum().backward()
print(x.grad)
u = x.exp()
u.add_(1)
try:
    u.sum().backward()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    x.add_(1)
except RuntimeError as e:
    print("RuntimeError", e)
