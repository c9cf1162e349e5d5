# Snippets whose expected parse (or syntax error) gen_parser_expectations.py
# records from CPython 3.11.

VALID = {'assign_chain': 'a = b = c = d\nx, y = y, x\n',
 'attr': 'a.b.c = 1\nx = a[1:2, ::3, 4][:, None]\ny = a[1:2:3]\nz = a[:]\nw = a[::]\nv = a[1,]\n',
 'bigneg': 'x = -9223372036854775807\ny = 9223372036854775807\n',
 'calls': 'f(a, b, *c, d=1, *e, **g, h=2)\nf(x for x in y)\nf(a)(b)[c].d\nf()\n',
 'classes': '@decorator\n'
            'class A(B, C, metaclass=M):\n'
            '    x = 1\n'
            '    def m(self):\n'
            '        return super().m()\n'
            'class D: pass\n'
            'class E(): pass\n',
 'closures': 'def outer():\n'
             '    x = 1\n'
             '    def inner():\n'
             '        nonlocal x\n'
             '        x += 1\n'
             '        return x\n'
             '    return inner\n',
 'cmp': 'a < b <= c > d >= e == f != g in h not in i is j is not k\n',
 'comments': '# c\n'
             '\n'
             '   # indented comment\n'
             'x = 1  # trailing\n'
             '\n'
             '\n'
             'if x:\n'
             '    # c\n'
             '    y = 2\n'
             '        # deeper comment\n'
             '    z = 3\n',
 'comps': 'a = [x for x in y if x if not x for z in x]\n'
          'b = {x: y for x, y in z}\n'
          'c = {x for x in y}\n'
          'd = (x for x in y)\n'
          'e = [(x, y) for x in a for y in b if x < y]\n',
 'contin': 'x = 1 + \\\n  2\ny = (1 +\n 2)\nz = [1,\n\n  # comment\n  2]\n',
 'control': 'if a:\n'
            '    pass\n'
            'elif b:\n'
            '    pass\n'
            'elif c:\n'
            '    x\n'
            'else:\n'
            '    y\n'
            'for i in range(3):\n'
            '    if i: break\n'
            '    continue\n'
            'else:\n'
            '    pass\n'
            'while x:\n'
            '    x -= 1\n'
            'else:\n'
            '    done()\n'
            'for a, b in c: pass\n'
            'for (a, b) in c: pass\n'
            'for x, in y: pass\n'
            'for *a, b in c: pass\n',
 'decorated_class_method': 'class A:\n'
                           '    @staticmethod\n'
                           '    def s(): pass\n'
                           '    @property\n'
                           '    def p(self): return self._p\n'
                           '    @p.setter\n'
                           '    def p(self, v): self._p = v\n',
 'defs': '@dec\n'
         '@dec2(1, x=2)\n'
         'def f(a, b: int = 1, *args, c, d=2, **kw) -> None:\n'
         "    '''doc'''\n"
         '    return a\n'
         '\n'
         'def g(a, /, b, *, c): pass\n'
         'def h(*, a=1): return\n'
         'def k(): return 1, 2\n',
 'displays': 'x = [1, *a, 2]\n'
             'y = (1,)\n'
             'z = ()\n'
             'w = {1: 2, **d, 3: 4}\n'
             'v = {1, *s}\n'
             'u = {}\n'
             't = (1, 2,)\n'
             's = [\n'
             ' 1,\n'
             ' 2,\n'
             ']\n',
 'docstr': '\'\'\'module doc\'\'\'\ndef f():\n    """doc"""\n    pass\n',
 'edge_cr_only': 'x = 1\ry = 2\r',
 'edge_dedent_eof': 'if x:\n    if y:\n        z',
 'edge_dict_unpack_last': "{**a, 'b': 1, **c}\n",
 'edge_dots': 'from .... import x\n',
 'edge_ellipsis_subscript': 'a[...]\n',
 'edge_empty_lines_ws': '   \n\t\n',
 'edge_ff': '\x0cx = 1\nif x:\n\x0c    y = 2\n',
 'edge_fstr_colon_lambda': "f'{(lambda: 1)()}'\n",
 'edge_fstr_deep': 'f\'{f"{1}"}\'\n',
 'edge_fstr_eq_spec': "f'{x=:>5}'\n",
 'edge_fstr_format_nested': "f'{x:{y}}'\n",
 'edge_fstr_nested_quote': 'f\'{"a"}\'\n',
 'edge_lambda_default': 'lambda a=1: a\n',
 'edge_nested_lambda_default': 'f = lambda x=lambda: 1: x\n',
 'edge_return_tuple_star': 'def f(): return *a, b\n',
 'edge_set_star': '{*a, *b}\n',
 'edge_star_star_call': 'f(**a, **b)\n',
 'edge_subscript_star': 'a[*b]\n',
 'edge_tab_only_indent': 'if x:\n\ty\n\tz\n',
 'edge_trailing_comma_call': 'f(a, b,)\n',
 'edge_unicode_name': 'café = 1\nprint(café)\n',
 'ellipsis': 'x = ...\ndef f(): ...\ny = a[..., 1]\n',
 'empty': '',
 'fstr': "a = f'{x}'\n"
         "b = f'{x!r} {y!s:>10} {z:{w}.{p}}'\n"
         "c = f'a{{b}}c'\n"
         "d = f'{x=}'\n"
         "e = f'{x = !s}' 'tail' f'{y:3}'\n"
         "f = 'pre' f'{a}'\n"
         "g = f''\n"
         "h = f'{x:}'\n"
         'i = f"{\'q\'}"\n'
         "j = F'{a[1]} {b(2)} {c + d}'\n"
         "k = rf'\\n{x}'\n"
         "l = f'{x!r:^{w}}'\n",
 'fstr_multiline': "x = f'''\n{a}\n  {b\n  + c}\n'''\n",
 'genarg': 'sum(x*x for x in range(10))\nf(a, *(b for b in c))\n',
 'is_not': 'a is not b\nnot a in b\na not in b\n',
 'kwonly_defaults': 'def f(a, b=2, *, c=3, d): pass\n',
 'lambda2': 'f = lambda: 0\n'
            'g = lambda *, a: a\n'
            'h = lambda a, b=1, *c, d, e=2, **f: 0\n'
            'k = lambda x: lambda y: x + y\n',
 'longconcat': "x = ('a'\n     'b'\n     f'{c}')\n",
 'matchname': 'match = 1\nmatch.x = 2\nprint(match)\n',
 'nested_fstr': 'x = f"{f\'{y}\'}"\n'
                "z = f'{a!r:{b}}'\n"
                'w = f"{ {\'a\': 1}[\'a\'] }"\n'
                "v = f'{x:>{width}.{prec}f}'\n",
 'noeol': 'x = 1\nif x:\n    y = 2',
 'nums': 'a = 0\n'
         'b = 1_000\n'
         'c = 0x_ff\n'
         'd = 0o17\n'
         'e = 0b1010\n'
         'f = 1.\n'
         'g = .5\n'
         'h = 1e3\n'
         'i = 1_000.5\n'
         'j = 1E-3\n'
         'k = 1.5e+10\n'
         'l = 0.1\n'
         'm = 1e16\n'
         'n = 123456789.123\n'
         'o = 9223372036854775807\n'
         'p = 00\n'
         'q = 0e0\n'
         'r = 1e-5\n'
         's=1e22\n'
         't = 3.14159\n'
         'u = 1e-7\n',
 'onlycomment': '# just a comment',
 'prec1': 'x = -2**2\ny = 2**-1\nz = a**b**c\nw = not a == b\nv = a or b and not c\n',
 'prec2': 'x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m\n',
 'prec3': 'x = 1 if a else 2 if b else 3\n'
          'f = lambda: 1 if x else 2\n'
          'g = lambda x, *a, y=2, **k: (x, a, y, k)\n',
 'semicolons': 'a = 1; b = 2;\nif x: a; b\nwhile y: pass; break\n',
 'slices2': 'a[1:2, 3]\na[b:c:d]\na[:b]\na[::c]\na[a:]\na[x, y:z]\n',
 'star_targets': '*a, b = c\na, *b, c = d\n[*a] = b\n',
 'starcall': "print(*a, sep='')\nf(**{'a': 1})\nf(*a, *b)\n",
 'stmts': 'import a.b.c\n'
          'import a as b, c.d as e\n'
          'from a.b import c, d as e\n'
          'from . import x\n'
          'from .. a import (y, z,)\n'
          'from a import *\n'
          'global g, h\n'
          'del a, b[1], c.d\n'
          'del (a, b), [c]\n'
          'assert x\n'
          "assert x, 'msg'\n"
          'raise\n'
          'raise E\n'
          'raise E from e\n'
          'pass\n'
          'x = y = z\n'
          'a, *b = c\n'
          '[a, b] = c\n'
          '(a, b), c = d\n'
          'x += 1\n'
          'x //= 2\n'
          'x **= 3\n'
          'x @= y\n'
          'x: int\n'
          'x: int = 5\n'
          '(y): int = 1\n'
          "a.b: str = 'x'\n"
          'a[0]: int\n',
 'strings': "a = 'x'\n"
            'b = "y"\n'
            "c = '''t\n"
            "u'''\n"
            "d = r'\\n\\d'\n"
            'e = \'a\' \'b\' "c"\n'
            'f = \'\\n\\t\\\\\\\'\\"\\x41\\u00e9\\101\\0\'\n'
            'h = """\\\n'
            'starts with continuation"""\n',
 'subscript_assign': 'a[1] = 2\na[1:2] = b\na.b.c[d] += 1\nx[()] = 1\n',
 'tabs': 'if x:\n\ty = 1\n\tif z:\n\t\tw = 2\n',
 'try': 'try:\n'
        '    a\n'
        'except E:\n'
        '    b\n'
        'except (E1, E2) as e:\n'
        '    c\n'
        'except:\n'
        '    d\n'
        'else:\n'
        '    e\n'
        'finally:\n'
        '    f\n'
        'try:\n'
        '    pass\n'
        'finally:\n'
        '    pass\n',
 'unary': 'x = -+~a\ny = not not b\nz = - - 1\n',
 'unicode': "s = 'héllo ✓'\nnom = 'ü'\n",
 'walrus': 'if (n := len(a)) > 10: pass\nx = [y := 1, y**2]\n',
 'with': 'with a: pass\n'
         'with a as b, c as (d, e): pass\n'
         'with (a as b, c as d): pass\n'
         'with (a, b): pass\n'
         'with (a): pass\n'
         'with (a) as b: pass\n'
         'with (yield_ as y,): pass\n'}

POSITIONS = {'attr': 'a.b.c = 1\nx = a[1:2, ::3, 4][:, None]\ny = a[1:2:3]\nz = a[:]\nw = a[::]\nv = a[1,]\n',
 'calls': 'f(a, b, *c, d=1, *e, **g, h=2)\nf(x for x in y)\nf(a)(b)[c].d\nf()\n',
 'classes': '@decorator\n'
            'class A(B, C, metaclass=M):\n'
            '    x = 1\n'
            '    def m(self):\n'
            '        return super().m()\n'
            'class D: pass\n'
            'class E(): pass\n',
 'comments': '# c\n'
             '\n'
             '   # indented comment\n'
             'x = 1  # trailing\n'
             '\n'
             '\n'
             'if x:\n'
             '    # c\n'
             '    y = 2\n'
             '        # deeper comment\n'
             '    z = 3\n',
 'comps': 'a = [x for x in y if x if not x for z in x]\n'
          'b = {x: y for x, y in z}\n'
          'c = {x for x in y}\n'
          'd = (x for x in y)\n'
          'e = [(x, y) for x in a for y in b if x < y]\n',
 'contin': 'x = 1 + \\\n  2\ny = (1 +\n 2)\nz = [1,\n\n  # comment\n  2]\n',
 'control': 'if a:\n'
            '    pass\n'
            'elif b:\n'
            '    pass\n'
            'elif c:\n'
            '    x\n'
            'else:\n'
            '    y\n'
            'for i in range(3):\n'
            '    if i: break\n'
            '    continue\n'
            'else:\n'
            '    pass\n'
            'while x:\n'
            '    x -= 1\n'
            'else:\n'
            '    done()\n'
            'for a, b in c: pass\n'
            'for (a, b) in c: pass\n'
            'for x, in y: pass\n'
            'for *a, b in c: pass\n',
 'defs': '@dec\n'
         '@dec2(1, x=2)\n'
         'def f(a, b: int = 1, *args, c, d=2, **kw) -> None:\n'
         "    '''doc'''\n"
         '    return a\n'
         '\n'
         'def g(a, /, b, *, c): pass\n'
         'def h(*, a=1): return\n'
         'def k(): return 1, 2\n',
 'displays': 'x = [1, *a, 2]\n'
             'y = (1,)\n'
             'z = ()\n'
             'w = {1: 2, **d, 3: 4}\n'
             'v = {1, *s}\n'
             'u = {}\n'
             't = (1, 2,)\n'
             's = [\n'
             ' 1,\n'
             ' 2,\n'
             ']\n',
 'docstr': '\'\'\'module doc\'\'\'\ndef f():\n    """doc"""\n    pass\n',
 'fstr_multiline': "x = f'''\n{a}\n  {b\n  + c}\n'''\n",
 'genarg': 'sum(x*x for x in range(10))\nf(a, *(b for b in c))\n',
 'lambda2': 'f = lambda: 0\n'
            'g = lambda *, a: a\n'
            'h = lambda a, b=1, *c, d, e=2, **f: 0\n'
            'k = lambda x: lambda y: x + y\n',
 'noeol': 'x = 1\nif x:\n    y = 2',
 'prec1': 'x = -2**2\ny = 2**-1\nz = a**b**c\nw = not a == b\nv = a or b and not c\n',
 'semicolons': 'a = 1; b = 2;\nif x: a; b\nwhile y: pass; break\n',
 'stmts': 'import a.b.c\n'
          'import a as b, c.d as e\n'
          'from a.b import c, d as e\n'
          'from . import x\n'
          'from .. a import (y, z,)\n'
          'from a import *\n'
          'global g, h\n'
          'del a, b[1], c.d\n'
          'del (a, b), [c]\n'
          'assert x\n'
          "assert x, 'msg'\n"
          'raise\n'
          'raise E\n'
          'raise E from e\n'
          'pass\n'
          'x = y = z\n'
          'a, *b = c\n'
          '[a, b] = c\n'
          '(a, b), c = d\n'
          'x += 1\n'
          'x //= 2\n'
          'x **= 3\n'
          'x @= y\n'
          'x: int\n'
          'x: int = 5\n'
          '(y): int = 1\n'
          "a.b: str = 'x'\n"
          'a[0]: int\n',
 'tabs': 'if x:\n\ty = 1\n\tif z:\n\t\tw = 2\n',
 'try': 'try:\n'
        '    a\n'
        'except E:\n'
        '    b\n'
        'except (E1, E2) as e:\n'
        '    c\n'
        'except:\n'
        '    d\n'
        'else:\n'
        '    e\n'
        'finally:\n'
        '    f\n'
        'try:\n'
        '    pass\n'
        'finally:\n'
        '    pass\n',
 'walrus': 'if (n := len(a)) > 10: pass\nx = [y := 1, y**2]\n',
 'with': 'with a: pass\n'
         'with a as b, c as (d, e): pass\n'
         'with (a as b, c as d): pass\n'
         'with (a, b): pass\n'
         'with (a): pass\n'
         'with (a) as b: pass\n'
         'with (yield_ as y,): pass\n'}

ERRORS = {'e000': 'x = 1\ny = (1 +\n',
 'e001': 'if True:\n    x = (1 +\n  2',
 'e002': 'x = 1 +\n',
 'e003': 'x = foo bar baz\n',
 'e004': 'if x:\npass\n',
 'e005': 'if x:\n    a\n  b\n',
 'e006': ' x=1\n',
 'e007': 'x = "abc\n',
 'e008': "x = '''abc\n\n",
 'e009': 'x = 1 2\n',
 'e010': 'x = 0x\n',
 'e012': 'x = (]\n',
 'e013': 'x = )\n',
 'e014': 'f(**a, *b)\n',
 'e015': 'def f(:\n',
 'e016': '\tif x:\n        pass\n',
 'e017': 'if x:\n\tif y:\n        pass\n',
 'e018': 'if x:\n    a\n  bcd = 5\n',
 'e019': 'if x:\n        a\n\tbcd = 5\n',
 'e020': "x = '''abc\n\ny",
 'e021': 'x = 1\nif x:\n',
 'e022': 'x = 1\nif x:\n\n\n',
 'e023': 'x = 1\nif x:\n  # foo\n',
 'e024': "def f(x):\n    '''doc\n",
 'e025': 'x = (1,\n 2 3)\n',
 'e026': 'f(a b)\n',
 'e027': 'x = [1 2]\n',
 'e028': '\n\n   \n(\n',
 'e029': 'x = "abc\\\n',
 'e030': 'f"{a!x}"\n',
 'e031': 'f"{}"\n',
 'e032': 'f"{a"\n',
 'e033': 'for x in y:\n  pass\nelse:\nz\n',
 'e034': 'class A:\n\n',
 'e035': 'x = 1__0\n',
 'e036': 'x=1_\n',
 'e037': 'x = 0b2\n',
 'e038': 'x = 09\n',
 'e039': 'x = 1e\n',
 'e040': 'x = `a`\n',
 'e041': 'x = a $ b\n',
 'e042': 'x = a if b\n',
 'e043': 'del f()\n',
 'e044': 'f() = 1\n',
 'e045': 'x += 1, = 2\n',
 'e046': 'a, b += 1\n',
 'e047': 'import a.b as\n',
 'e048': 'def f(a=1, b):\n  pass\n',
 'e049': 'def f(*, **k): pass\n',
 'e050': 'f(x for x in y, 1)\n',
 'e051': 'f(a=1, a=2)\n',
 'e052': 'break\n',
 'e053': 'return 1\n',
 'e054': 'nonlocal x\n',
 'e055': 'if x\n  pass\n',
 'e056': 'def f()\n  pass\n',
 'e057': 'class A\n  pass\n',
 'e058': 'for x in y\n  pass\n',
 'e059': 'while x\n pass\n',
 'e060': 'try\n pass\n',
 'e061': 'try:\n  pass\nx=1\n',
 'e062': 'f(a=1, b)\n',
 'e063': 'f(**a, b)\n',
 'e064': 'def f(**k, a): pass\n',
 'e065': 'def f(*a=1): pass\n',
 'e066': 'x = [1, 2\ny = 3\n',
 'e067': 'with a as f(): pass\n',
 'e068': 'for f() in x: pass\n',
 'e069': '(a, f()) = 1\n',
 'e070': 'None = 1\n',
 'e071': '(*a) = 1\n',
 'e072': '*a = 1\n',
 'e073': 'a, *b, *c = d\n',
 'e074': 'del (a, 1)\n',
 'e075': 'x = *a\n',
 'e076': 'print(*a for a in b)\n',
 'e077': 'f(a.b=1)\n',
 'e078': 'import a.b as c.d\n',
 'e079': 'x = {**a: 1}\n',
 'e080': '\\\\ x\n',
 'e081': 'x = 1 \\ 2\n',
 'e082': 'x = 0_\n',
 'e083': 'x = 0x_\n',
 'e084': 'x = 0o8\n',
 'e085': 'x=.\n',
 'e086': 'x = a if b else\n',
 'e087': 'def f(a, a): pass\n',
 'e088': 'class A:\n  return 1\n',
 'e089': 'while 1:\n  def f():\n    break\n',
 'e090': 'for x in y:\n  pass\nelse:\n  break\n',
 'e091': 'x = [i for i in 1, 2]\n',
 'e092': 'lambda x=1, y: 1\n',
 'e093': 'x = (1 for x in y, 2)\n',
 'e094': 'from a import *\ndef f():\n  from b import *\n',
 'e095': 'x = 1 = 2\n',
 'e096': 'f() += 1\n',
 'e097': 'a if b else c = 1\n',
 'e098': 'not x = 1\n',
 'e099': 'x < y = 1\n',
 'e100': '[x for x in y] = 1\n',
 'e101': 'f"{x!}"\n',
 'e102': 'f"{"\n',
 'e103': 'f"}"\n',
 'e104': 'f"{x:{y:{z}}}"\n',
 'e105': 'f"{#}"\n',
 'e106': 'x = (1 +\n\ny = 2\nz = ]\n',
 'e107': 'x = 1\n  y = 2\n',
 'e108': 'def f():\n    x = 1\n   y = 2\n',
 'e109': "x = 'abc\ny = 2\n",
 'e110': 'if x:\n    pass\n  else:\n    pass\n',
 'e111': 'x = [\n',
 'e112': 'x = {\n  1: 2,\n',
 'e113': "print('a'\n",
 'e114': 'foo(\n  a,\n  b\n',
 'e115': 'x = 1\n)\n',
 'e116': 'class A(:\n pass\n',
 'e117': 'x = 1 +* 2\n',
 'e118': 'else:\n  pass\n',
 'e119': 'x = (1, 2\ny = [3]\n',
 'e120': 'def f(x):\n    return x +\n',
 'e121': 'for in x: pass\n',
 'e131': "x = '\\x4'\n",
 'e133': 'x = 1\n\tif y:\n',
 'e134': 'if x:\n  if y:\n   pass\n  pass\n pass\n',
 'e135': 'x = (\n  1,\n  2\n',
 'e136': "x = f'{a b}'\n",
 'e137': 'x = 1 if 2\n',
 'e138': 'x = a.1\n',
 'e139': 'import\n',
 'e140': 'from x import\n',
 'e141': 'def (): pass\n',
 'e142': 'x = [1, 2,, 3]\n',
 'e143': "print 'hello'\n",
 'e144': 'x ==== 2\n',
 'e145': 'x = 1\ny = 2\nz = (3\n',
 'e146': 'd = {1: 2, 3}\n',
 'e147': 'd = {1, 2: 3}\n',
 'e148': 'f(*)\n',
 'e149': 'def f(*): pass\n',
 'e150': 'x = @\n',
 'e151': '@dec\nx = 1\n',
 'e152': "x = 'a' 1\n",
 'e153': 'global\n',
 'e154': 'assert\n',
 'e155': 'raise from x\n',
 'e156': 'with:\n  pass\n',
 'e157': 'del\n',
 'e158': 'x = (a := 1 := 2)\n',
 'e159': 'if x:\n\n\n',
 'e160': 'x = 1 ; ; y = 2\n',
 'e161': "x = {'a' 1}\n",
 'e162': 'x = [1 for]\n',
 'edge_bs_eof': 'x = 1 \\',
 'edge_bs_eof_nl': 'x = 1 \\\n',
 'edge_colon_eq_top': 'x := 1\n',
 'edge_fstr_open': "f'{'\n",
 'edge_kw_as_name': 'def = 1\n',
 'edge_semi_only': ';\n',
 'edge_star_only': '*\n'}

