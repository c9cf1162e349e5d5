import torch
i = torch.tensor([1, 2, 3])
print(i.float(), i.double(), i.to(torch.float32))
f = torch.tensor([1.7, -2.2, 0.0])
print(f.long(), f.int(), f.bool())
print(f.to(torch.float64).dtype, f.to("cpu").dtype, f.to(torch.float32) is f)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.double() * 2
print(y)
y.sum().backward()
print(x.grad)
