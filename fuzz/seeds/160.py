class A(:
 pass
