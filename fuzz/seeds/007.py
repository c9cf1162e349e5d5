# c

   # indented comment
x = 1  # trailing


if x:
    # c
    y = 2
        # deeper comment
    z = 3
