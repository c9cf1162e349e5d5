for exc in [ValueError, TypeError, KeyError, IndexError, AttributeError, NameError,
            ZeroDivisionError, RuntimeError, NotImplementedError, AssertionError, StopIteration,
            ImportError, OverflowError, RecursionError]:
    print(exc.__name__, issubclass(exc, Exception), issubclass(exc, BaseException))
print(issubclass(NotImplementedError, RuntimeError), issubclass(RecursionError, RuntimeError))
try:
    raise NotImplementedError
except RuntimeError as e:
    print("caught as RuntimeError:", type(e).__name__)
