import torch
x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
z = x * y
print(z)
z.backward(torch.tensor([2.0, 2.0]))
print(x.grad, y.grad)
print(x.grad.requires_grad, x.grad.is_leaf)
