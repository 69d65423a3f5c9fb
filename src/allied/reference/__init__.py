"""The authored reference model: states, treaties, officials, organizations, forums, places."""

from allied.reference.loader import DATA_DIR, Reference, load
from allied.reference.queries import find_officials, parse_date, state_code, treaties_of, treaty

__all__ = ["DATA_DIR", "Reference", "find_officials", "load", "parse_date", "state_code", "treaties_of", "treaty"]
