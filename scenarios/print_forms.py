"""How printed text lands in a dump: sep, end, f-strings, reprs, stderr left out."""
import sys

name = "bwhop"
print("scenario", name, sep=": ")
print(f"{2 + 3} == {5.0!r}", end=" (int and float)\n")
print([1, (2, "three")], {"k": None, "t": True})
print("this line goes to stderr and is not part of the dump", file=sys.stderr)
print("last line without a newline", end="")
