x = 1 + \
  2
y = (1 +
 2)
z = [1,

  # comment
  2]
