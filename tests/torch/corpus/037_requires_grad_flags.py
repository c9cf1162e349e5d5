import torch
x = torch.tensor([1.0, 2.0])
print(x.requires_grad, x.is_leaf, x.grad_fn)
x.requires_grad_()
print(x.requires_grad, x.is_leaf)
y = x * 2
print(y.requires_grad, y.is_leaf)
d = y.detach()
print(d.requires_grad, d.is_leaf, d)
try:
    y.requires_grad = False
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as e:
    print("RuntimeError:", e)
z = torch.ones(2)
z.requires_grad = True
print(z)
