"""Fixtures for the deploy tests (defined in kit.py, next to the helpers the tests import)."""

from tests.deploy.kit import blob_server, nginx_for, no_gh_path, sites, world, zips

__all__ = ["blob_server", "nginx_for", "no_gh_path", "sites", "world", "zips"]
