a = 1; b = 2;
if x: a; b
while y: pass; break
