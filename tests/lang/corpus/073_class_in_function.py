"""Classes defined inside functions stay alive through their instances."""
def make(counter):
    class Local:
        def __init__(self):
            self.counter = counter

        def bump(self):
            self.counter += 1
            return self.counter

    return Local()


objs = [make(k) for k in range(3)]
print([o.bump() for o in objs], make(10).bump(), type(objs[0]).__name__)


def make_exc():
    class Boom(Exception):
        pass

    return Boom("x")


try:
    raise make_exc()
except Exception as e:
    print(type(e).__name__, e)
