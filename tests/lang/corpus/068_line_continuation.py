total = 1 + \
    2 + \
    3
items = [
    1,
    2,  # trailing comment
    3,
]
call = max(
    4,
    5,
)
s = ("implicit "
     "joining")
print(total, items, call, s)
if (total > 1 and
        call > 1):
    print("multi-line condition")
