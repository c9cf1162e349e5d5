a = 'x'
b = "y"
c = '''t
u'''
d = r'\n\d'
e = 'a' 'b' "c"
f = '\n\t\\\'\"\x41\u00e9\101\0'
h = """\
starts with continuation"""
