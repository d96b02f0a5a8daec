"""The reliability and security lab (issue #8): scenarios shared by the CI tests and run.py."""
