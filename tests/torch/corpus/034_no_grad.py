import torch
x = torch.tensor([1.0], requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    y = x * 2
    print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn)
    with torch.enable_grad():
        w = x * 2
        print(torch.is_grad_enabled(), w.requires_grad)
print(torch.is_grad_enabled())
@torch.no_grad()
def f(a):
    return a * 3
r = f(x)
print(r, r.requires_grad)
with torch.set_grad_enabled(False):
    print(torch.is_grad_enabled())
print(torch.is_grad_enabled())
