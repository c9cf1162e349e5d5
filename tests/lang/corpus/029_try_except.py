def risky(kind):
    if kind == 1: raise ValueError("bad value")
    if kind == 2: raise KeyError("key")
    if kind == 3: return {}["missing"]
    if kind == 4: return 1 / 0
    return "ok"
for k in range(6):
    try:
        r = risky(k)
    except ValueError as e:
        print("ValueError", e)
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__, e)
    except Exception as e:
        print("other", type(e).__name__, e)
    else:
        print("no error", r)
    finally:
        print("finally", k)
try:
    [][1]
except:
    print("bare except")
