import torch
x = torch.tensor([2.0], requires_grad=True)
y = x * x
z = y + x
x.register_hook(lambda g: print("x hook", g))
y.register_hook(lambda g: print("y hook", g))
z.register_hook(lambda g: print("z hook", g))
z.backward()
print("x.grad", x.grad)
