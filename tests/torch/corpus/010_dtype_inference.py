import torch
for data in [[1, 2], [1.0, 2], [True, False], [True, 1], [1, 2.5, True], 3, 3.0, False, [[1], [2]]]:
    t = torch.tensor(data)
    print(data, t.dtype, t)
print(torch.float32, torch.float, torch.float64, torch.double, torch.int64, torch.long, torch.bool, torch.int32)
print(torch.float32 == torch.float, torch.int64 is torch.long)
print(torch.get_default_dtype())
