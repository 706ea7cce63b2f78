extension RandomStream {
    /// Fills `out` with standard normals, exactly the numbers repeated ``standardNormal()``
    /// calls would give, with the ziggurat tables loaded once: the first step of a copula draw.
    @inlinable
    public mutating func fillStandardNormals(_ out: UnsafeMutableBufferPointer<Double>) {
        var local = self
        let table = NormalZiggurat.table
        for i in out.indices { out[i] = local.standardNormal(table: table) }
        self = local
    }
}
