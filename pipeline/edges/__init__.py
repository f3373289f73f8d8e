"""Edges: file system, GitHub (PyGithub), MkDocs, the clock and the environment."""
