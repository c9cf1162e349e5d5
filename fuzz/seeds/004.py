@decorator
class A(B, C, metaclass=M):
    x = 1
    def m(self):
        return super().m()
class D: pass
class E(): pass
