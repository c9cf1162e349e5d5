import torch
a = torch.tensor([[1.0], [2.0]], requires_grad=True)
b = torch.tensor([10.0, 20.0, 30.0], requires_grad=True)
(a * b).sum().backward()
print(a.grad)
print(b.grad)
c = torch.tensor(3.0, requires_grad=True)
(c * torch.ones(2, 2)).sum().backward()
print(c.grad)
