import torch
x = torch.tensor([1.0, 4.0], requires_grad=True)
(x ** 3).sum().backward()
print(x.grad)
x.grad = None
(x ** 0.5).sum().backward()
print(x.grad)
x.grad = None
torch.pow(x, 2).sum().backward()
print(x.grad)
