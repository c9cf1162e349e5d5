import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
a = x * 2
b = x * 3
torch.autograd.backward([a, b], [torch.tensor([1.0, 1.0]), torch.tensor([0.5, 0.5])])
print(x.grad)
torch.autograd.backward((x * x).sum())
print(x.grad)
