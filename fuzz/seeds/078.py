class A:

