// Placeholder until the Fitting layer lands.
