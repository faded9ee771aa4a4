"""Members as plugins see them: who is signed in, their company, the member list.

:mod:`.services` builds frozen :class:`~.services.Member` values from the accounts
tables (``ab_user``, ``core_profile``, ``core_company``) in a fixed number of
queries; plugins reach them through ``tremplin.core.api``.
"""
