"""The smallest scenario: prints a greeting, so its dump has only a stdout section."""
print("hello from bwhop")
