import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.retain_grad()
z = y * y
print(y.retains_grad, z.retains_grad, x.retains_grad)
z.sum().backward()
print(y.grad)
print(x.grad)
print(y.is_leaf, x.is_leaf, z.is_leaf)
