"""Company verification (spec 6.1.2 to 6.1.7): supporting documents, automated offline
checks, the moderators' queue, decisions, appeals and yearly re-verification."""
