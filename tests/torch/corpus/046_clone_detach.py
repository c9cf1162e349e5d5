import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
c = x.clone()
d = x.detach()
print(c, d)
print(c.requires_grad, c.is_leaf, d.requires_grad)
c.sum().backward()
print(x.grad)
print(torch.clone(d), torch.detach(x))
