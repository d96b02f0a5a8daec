"""The district's web console: departments, supervision and district IT in the browser.

Server-rendered HTML (Jinja2) served by the district server itself under
/console, with its own accounts and sessions (never device tokens). See
docs/console.md.
"""
