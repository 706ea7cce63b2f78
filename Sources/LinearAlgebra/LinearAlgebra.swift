// Placeholder until the LinearAlgebra layer lands.
