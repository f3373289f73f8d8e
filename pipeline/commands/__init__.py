"""One module per subcommand; each has `register(subparsers)` and returns exit codes, never exits."""
