"""Pure functions over what a bijeenkomst produced."""
