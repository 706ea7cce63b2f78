// Placeholder until the ThreadStore layer lands.
