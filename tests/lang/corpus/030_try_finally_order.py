def f():
    try:
        print("try")
        return "from try"
    finally:
        print("finally runs before return")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("cleanup", i)
    return "done"
print(g())
def h():
    try:
        raise ValueError("x")
    except ValueError:
        print("handler")
        raise
    finally:
        print("outer finally")
try:
    h()
except ValueError as e:
    print("reraised", e)
def override():
    try:
        return 1
    finally:
        return 2
print(override())
