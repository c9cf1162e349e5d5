import torch
x = torch.arange(6.0).view(2, 3).requires_grad_()
print(x[0], x[1:], x[:, 0], x[-1, ::2], x[5:], x[None].shape, x[..., 1])
print(x[0].grad_fn.name(), x[1:].grad_fn.name(), x[:, 0].grad_fn.name(), x[...].grad_fn.name())
y = x[0].sum() + x[1:].sum() * 2 + (x[:, 0] * x[:, 0]).sum() + x[:, 1:3:2].sum() + x[-1, -2]
print(y)
y.backward()
print(x.grad)
for key in [5, -3, (0, 0, 0)]:
    try:
        x[key]
    except IndexError as e:
        print("IndexError", e)
try:
    x[::-1]
except ValueError as e:
    print("ValueError", e)
