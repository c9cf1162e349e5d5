import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = a * b
c.register_hook(lambda g: g * 0.5)
d = c + a
d.register_hook(lambda g: print("d grad", g))
d.sum().backward()
print(a.grad, b.grad)
