"""PPID publishing pipeline: the SOP "Pengumuman Informasi Publik" as a git workflow."""

__version__ = "0.1.0"
