import torch
x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([3.0, 2.0, 1.0])
print(x == y, x != y)
print(x < y, x <= y)
print(x > y, x >= y)
print(x > 2, x == 2, 2 < x, 2.5 >= x)
print(torch.eq(x, y), torch.gt(x, 1.5), x.lt(y))
print(x == None, x != None)
