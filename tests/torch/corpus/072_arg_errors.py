import torch
x = torch.ones(2)
attempts = [
    lambda: x.sum("a", foo=1),
    lambda: torch.ones(2, "a"),
    lambda: torch.zeros((2, "a")),
    lambda: x.view(2, 1.5),
    lambda: torch.mul(x),
    lambda: x.unsqueeze(dim="a"),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", str(e).splitlines()[0])
