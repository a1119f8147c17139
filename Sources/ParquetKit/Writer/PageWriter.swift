/// Compresses page payloads and appends `PageHeader` + payload to a chunk,
/// keeping the chunk's size totals (header bytes included, as
/// `total_compressed_size` / `total_uncompressed_size` require).
public struct PageWriter: Sendable {
    public let codec: any ParquetCodec
    /// Column name for error messages.
    public let column: String
    /// Σ (header bytes + uncompressed payload).
    public private(set) var totalUncompressedSize = 0
    /// Σ (header bytes + stored payload).
    public private(set) var totalCompressedSize = 0

    public init(codec: any ParquetCodec, column: String) {
        self.codec = codec
        self.column = column
    }

    /// Appends a DATA_PAGE (v1).
    public mutating func appendDataPage(
        payload: [UInt8], numValues: Int, encoding: ParquetFormat.Encoding, to out: inout [UInt8]
    ) throws(ParquetError) {
        let values = try int32(numValues, "page value count")
        let header = ParquetFormat.DataPageHeader(numValues: values, encoding: encoding)
        try append(type: .dataPage, payload: payload, dataPageHeader: header, dictionaryPageHeader: nil, to: &out)
    }

    /// Appends a DICTIONARY_PAGE.
    public mutating func appendDictionaryPage(
        payload: [UInt8], numValues: Int, encoding: ParquetFormat.Encoding, to out: inout [UInt8]
    ) throws(ParquetError) {
        let values = try int32(numValues, "dictionary entry count")
        let header = ParquetFormat.DictionaryPageHeader(numValues: values, encoding: encoding)
        try append(type: .dictionaryPage, payload: payload, dataPageHeader: nil, dictionaryPageHeader: header, to: &out)
    }

    private mutating func append(
        type: ParquetFormat.PageType, payload: [UInt8], dataPageHeader: ParquetFormat.DataPageHeader?,
        dictionaryPageHeader: ParquetFormat.DictionaryPageHeader?, to out: inout [UInt8]
    ) throws(ParquetError) {
        let stored = try codec.compress(payload)
        let header = ParquetFormat.PageHeader(
            type: type,
            uncompressedPageSize: try int32(payload.count, "uncompressed page size"),
            compressedPageSize: try int32(stored.count, "compressed page size"),
            dataPageHeader: dataPageHeader, dictionaryPageHeader: dictionaryPageHeader)
        let headerBytes = header.thriftBytes()
        out.append(contentsOf: headerBytes)
        out.append(contentsOf: stored)
        totalUncompressedSize += headerBytes.count + payload.count
        totalCompressedSize += headerBytes.count + stored.count
    }

    private func int32(_ value: Int, _ what: String) throws(ParquetError) -> Int32 {
        guard let narrow = Int32(exactly: value) else {
            throw .valueTooLarge(column: column, reason: "\(what) \(value) exceeds the format's Int32 limit")
        }
        return narrow
    }
}
