"""Support desk: a knowledge base, members' requests (tickets) worked by support
agents in the back office, satisfaction on close and the accessibility feedback
channel (spec 4.2.7, 7.2.6)."""
