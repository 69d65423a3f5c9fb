"""Charts and maps drawn from the engines' results (matplotlib); every chart prints its source."""
