"""The guides in the repository that messages point people to."""

STAFF_GUIDE = "PANDUAN-STAF.md"
