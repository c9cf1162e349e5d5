def inner():
    raise KeyError("inner key")
def outer():
    try:
        inner()
    except KeyError as e:
        raise RuntimeError("outer failure") from e
outer()
