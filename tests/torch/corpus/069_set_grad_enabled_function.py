import torch
x = torch.tensor([1.0], requires_grad=True)
torch.set_grad_enabled(False)
print(torch.is_grad_enabled(), (x * 2).requires_grad)
torch.set_grad_enabled(True)
print(torch.is_grad_enabled(), (x * 2).requires_grad)
@torch.enable_grad()
def g(a):
    return a * 2
with torch.no_grad():
    print(g(x).requires_grad)
