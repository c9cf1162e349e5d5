def f(x):
    '''doc
