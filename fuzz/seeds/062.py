if x:
    a
  bcd = 5
