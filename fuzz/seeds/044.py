with a: pass
with a as b, c as (d, e): pass
with (a as b, c as d): pass
with (a, b): pass
with (a): pass
with (a) as b: pass
with (yield_ as y,): pass
