if (n := len(a)) > 10: pass
x = [y := 1, y**2]
