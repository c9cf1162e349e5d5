import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
def first(g):
    print("first", g)
def second(g):
    print("second", g)
    return g * 10
def third(g):
    print("third", g)
x.register_hook(first)
x.register_hook(second)
x.register_hook(third)
(x * x).sum().backward()
print("grad", x.grad)
