import torch
x = torch.arange(6.0, requires_grad=True)
y = x.view(2, 3).t().reshape(6) * torch.arange(6.0)
y.sum().backward()
print(x.grad)
z = torch.tensor([1.0, 2.0], requires_grad=True)
z.unsqueeze(0).expand(3, 2).sum().backward()
print(z.grad)
