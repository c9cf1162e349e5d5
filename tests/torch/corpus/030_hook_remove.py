import torch
x = torch.tensor([1.0, 1.0], requires_grad=True)
h1 = x.register_hook(lambda g: g * 2)
h2 = x.register_hook(lambda g: print("seen", g))
(x * 1.0).sum().backward()
print(x.grad)
h1.remove()
x.grad = None
(x * 1.0).sum().backward()
print(x.grad)
h2.remove()
h2.remove()
x.grad = None
(x * 1.0).sum().backward()
print(x.grad)
