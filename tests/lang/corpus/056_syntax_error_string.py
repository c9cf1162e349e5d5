print("start")
s = "unterminated
