total = 0
def add(n):
    global total
    total += n
add(5); add(7)
print(total)
def reads():
    return total * 2
print(reads())
def shadow():
    total = "local"
    return total
print(shadow(), total)
def unbound():
    try:
        print(y)
    except NameError as e:
        print("NameError:", e)
unbound()
def local_before_assign():
    try:
        print(z)
        z = 1
    except UnboundLocalError as e:
        print(type(e).__name__)
local_before_assign()
