class A:
    @staticmethod
    def s(): pass
    @property
    def p(self): return self._p
    @p.setter
    def p(self, v): self._p = v
