"""Provisioning an instance: creating or upgrading the database and the admin user, the
organization a seed app ships, and loading seed apps with their demo data."""
