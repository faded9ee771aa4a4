"""The member's dashboard: widgets from every plugin, arranged per member (order,
hidden), the onboarding checklist and badges earned from activity.

- :mod:`.layout`: which widgets a member sees, in which order; the no-JS actions.
- :mod:`.onboarding`: the checklist assembled from the ``onboarding_steps`` hook.
- :mod:`.badges`: badges declared as data (``register_badges``), awarded from the
  activity log.
"""
