// Placeholder until the Scenario layer lands.
