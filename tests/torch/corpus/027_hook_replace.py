import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x.register_hook(lambda g: g * 2)
x.register_hook(lambda g: None)
x.register_hook(lambda g: g + 1)
(x * 1.0).sum().backward()
print(x.grad)
