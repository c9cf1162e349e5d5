import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
def h(g):
    print("y hook", g)
    return g * 100
y.register_hook(h)
z = (y * y).sum()
z.backward()
print(x.grad)
print(y.grad)
