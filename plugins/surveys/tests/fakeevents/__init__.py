"""A stand-in for the events plugin (built in parallel): it declares and fires
``event_ended`` and answers ``event_participants``, as the contract says."""
