"""String building: formatting, joining, methods."""
parts = []
for k in range(100000):
    parts.append(f"{k}:{k % 13}")
text = ",".join(parts)
pieces = text.split(",")
upper = sum(len(p.upper().replace(":", "-")) for p in pieces)
print(len(text), upper)
