// Placeholder until the Distributions layer lands.
