"""The directory: company and expert profiles, the searchable directory of members,
and partner suggestions ("entreprises avec qui travailler")."""
