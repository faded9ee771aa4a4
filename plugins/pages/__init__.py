"""Static pages: about, legal notices, accessibility statement, privacy policy.

French and English content, edited from the back office (Pages menu).
"""
