"""The portal shell: home, dashboard, search, and the site-wide files (sitemap, robots, health)."""
