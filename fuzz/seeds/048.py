x = foo bar baz
