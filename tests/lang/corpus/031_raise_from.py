class AppError(Exception):
    pass
class DetailError(AppError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    try:
        int("x")
    except ValueError as e:
        raise DetailError(7, "wrapped") from e
except AppError as e:
    print(type(e).__name__, e, e.code, type(e.__cause__).__name__)
try:
    raise DetailError(1, "direct")
except Exception as e:
    print(e.args, str(e), repr(e))
e = RuntimeError("a", 1)
print(e.args, str(e), repr(e), repr(ValueError()), str(KeyError("k")))
print(issubclass(DetailError, Exception), issubclass(DetailError, ValueError))
