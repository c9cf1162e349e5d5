with:
  pass
