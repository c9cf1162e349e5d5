print('single', "double", '''triple
single''', """triple
double""")
print("esc: \\ \' \" \t| \x41 \u00e9 \101 |")
print(r"raw \n stays", R'raw2 \t')
print("implicit" ' concat' """ works""")
x = """\
starts after continuation"""
print(x)
print(len("\n"), len(r"\n"), "a\
b")
