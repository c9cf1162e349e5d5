import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
z = (x * y).sum()
gx, gy = torch.autograd.grad(z, [x, y])
print(gx, gy)
print(x.grad, y.grad)
w = torch.tensor([1.0], requires_grad=True)
out = (x * 2).sum()
r = torch.autograd.grad(out, [x, w], allow_unused=True)
print(r)
try:
    torch.autograd.grad((x * 2).sum(), [w])
except RuntimeError as e:
    print("RuntimeError:", e)
