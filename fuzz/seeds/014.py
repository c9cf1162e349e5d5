'''module doc'''
def f():
    """doc"""
    pass
