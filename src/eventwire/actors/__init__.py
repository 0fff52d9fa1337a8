"""Actor resolution: CAMEO actor codes for mentions, dated by the article date.

- ``resolve_actor(text, date, role=None, tables=None)``: see ``eventwire.actors.resolve``;
- ``ActorTables``: countries (pycountry plus ``actor_country_names.tsv``), IGOs
  (``actor_igos.tsv``), sector agents (``actor_agents.tsv``), user actors and office holders;
- ``read_user_actors(path)``: the user-actors format of ``examples/actors.tsv``;
- named office holders shipped in ``office_holders_phoenix.tsv`` (to 2014, CC BY-SA 3.0) and
  ``office_holders_recent.tsv`` (2015 on), part of ``ActorTables.default()``: see
  ``eventwire.actors.office_holders``;
- ``read_petrarch_actors(path)``, ``read_petrarch_agents(path)``: PETRARCH dictionaries;
  tables built from them (``eventwire.actors.petrarch.petrarch_tables``) combine codes as
  PETRARCH does (agent prefixes and suffixes, "former" -> ELI, dated and compound codes:
  ``ActorCode.members``).
"""

from eventwire.actors.petrarch import read_petrarch_actors, read_petrarch_agents
from eventwire.actors.resolve import ActorCode, resolve_actor
from eventwire.actors.tables import ActorTables, UserActor, default_tables, read_office_holders, read_user_actors

__all__ = [
    "ActorCode", "ActorTables", "UserActor", "default_tables", "read_office_holders",
    "read_petrarch_actors", "read_petrarch_agents", "read_user_actors", "resolve_actor",
]  # fmt: skip
