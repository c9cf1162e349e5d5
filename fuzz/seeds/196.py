x = [1 for]
