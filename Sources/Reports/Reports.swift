// Placeholder until the Reports layer lands.
