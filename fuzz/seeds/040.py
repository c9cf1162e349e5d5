try:
    a
except E:
    b
except (E1, E2) as e:
    c
except:
    d
else:
    e
finally:
    f
try:
    pass
finally:
    pass
