import torch
x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
def sq(g):
    return g * g
x.register_hook(sq)
out = x * y
out.backward(torch.tensor([2.0, 2.0]))
print(x.grad, y.grad)
print(torch.tensor([3.0], requires_grad=True).register_hook(sq) is not None)
try:
    torch.tensor([1.0]).register_hook(sq)
except RuntimeError as e:
    print("RuntimeError:", e)
