// Placeholder: the AirlineAggregation module is filled in by its issue.
