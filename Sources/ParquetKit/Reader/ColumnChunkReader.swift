/// Reads the pages of one column chunk back into typed optional values.
public struct ColumnChunkReader: Sendable {
    /// One page: where its header starts, the header, and where its payload lies.
    public struct Page: Sendable, Equatable {
        public let offset: Int
        public let header: ParquetFormat.PageHeader
        public let payload: Range<Int>
    }

    let bytes: [UInt8]
    let metaData: ParquetFormat.ColumnMetaData
    let column: ParquetColumn
    let codec: any ParquetCodec
    let chunk: Range<Int>

    init(
        bytes: [UInt8], dataEnd: Int, metaData: ParquetFormat.ColumnMetaData, column: ParquetColumn,
        rowGroupRows: Int64, codec: any ParquetCodec
    ) throws(ParquetError) {
        self.bytes = bytes
        self.metaData = metaData
        self.column = column
        self.codec = codec
        let start = metaData.dictionaryPageOffset ?? metaData.dataPageOffset
        let size = metaData.totalCompressedSize
        guard start >= 4, size >= 0, start <= Int64(dataEnd), size <= Int64(dataEnd) - start else {
            throw .corruptFile(
                offset: Int(clamping: start),
                reason: "column '\(column.name)': chunk \(start)+\(size) outside the data area 4..<\(dataEnd)")
        }
        guard metaData.type == column.type.physicalType else {
            throw .corruptFile(
                offset: Int(start),
                reason: "column '\(column.name)': chunk type \(metaData.type) differs from the schema")
        }
        guard metaData.numValues == rowGroupRows else {
            throw .corruptFile(
                offset: Int(start),
                reason:
                    "column '\(column.name)': num_values \(metaData.numValues) but the row group has \(rowGroupRows) rows"
            )
        }
        if let dictionaryOffset = metaData.dictionaryPageOffset, dictionaryOffset >= metaData.dataPageOffset {
            throw .corruptFile(
                offset: Int(start),
                reason: "column '\(column.name)': dictionary page offset is not before the data pages")
        }
        chunk = Int(start)..<Int(start + size)
    }

    private func corrupt(_ offset: Int, _ reason: String) -> ParquetError {
        .corruptFile(offset: offset, reason: "column '\(column.name)': \(reason)")
    }

    /// Walks the page headers; the walk must end exactly at the chunk's end.
    public func pages() throws(ParquetError) -> [Page] {
        var result: [Page] = []
        var position = chunk.lowerBound
        while position < chunk.upperBound {
            var thrift = ThriftCompactReader(bytes, range: position..<chunk.upperBound)
            let header: ParquetFormat.PageHeader
            do {
                header = try ParquetFormat.PageHeader(from: &thrift)
            } catch let error as ThriftDecodingError {
                throw corrupt(error.offset, "page header: \(error.reason)")
            } catch {
                throw corrupt(position, "page header: \(error)")
            }
            let payloadStart = thrift.position
            let size = Int(header.compressedPageSize)
            guard size >= 0, header.uncompressedPageSize >= 0, size <= chunk.upperBound - payloadStart else {
                throw corrupt(position, "page of \(size) bytes runs past the chunk end \(chunk.upperBound)")
            }
            result.append(Page(offset: position, header: header, payload: payloadStart..<payloadStart + size))
            position = payloadStart + size
        }
        if let firstData = result.first(where: { $0.header.type != .dictionaryPage }),
            firstData.offset != Int(metaData.dataPageOffset)
        {
            throw corrupt(firstData.offset, "first data page is not at data_page_offset \(metaData.dataPageOffset)")
        }
        return result
    }

    /// Decodes all values of the chunk.
    public func read<Value: ParquetPrimitive>(_ type: Value.Type) throws(ParquetError) -> [Value?] {
        var dictionary: [Value]?
        var values: [Value?] = []
        values.reserveCapacity(Int(clamping: metaData.numValues))
        for page in try pages() {
            let payload = try decompress(page)
            do throws(ParquetError) {
                try payload.withRawBytes { (raw) throws(ParquetError) in
                    switch page.header.type {
                    case .dictionaryPage:
                        guard dictionary == nil, values.isEmpty, let header = page.header.dictionaryPageHeader else {
                            throw .corruptPage(reason: "unexpected or incomplete dictionary page")
                        }
                        guard header.encoding == .plain || header.encoding == .plainDictionary else {
                            throw .unsupportedFeature("dictionary page encoding \(header.encoding)")
                        }
                        var offset = 0
                        dictionary = try PlainDecoder.decode(
                            Value.self, count: Int(header.numValues), from: raw, offset: &offset)
                    case .dataPage:
                        guard let header = page.header.dataPageHeader else {
                            throw .corruptPage(reason: "DATA_PAGE without data_page_header")
                        }
                        try decodeDataPage(header, raw, dictionary: dictionary, into: &values)
                    default:
                        throw .unsupportedFeature("page type \(page.header.type)")
                    }
                }
            } catch {
                throw corrupt(page.offset, "\(page.header.type) page: \(error)")
            }
        }
        guard values.count == Int(clamping: metaData.numValues) else {
            throw corrupt(chunk.lowerBound, "pages hold \(values.count) values, num_values says \(metaData.numValues)")
        }
        return values
    }

    private func decompress(_ page: Page) throws(ParquetError) -> [UInt8] {
        do throws(ParquetError) {
            return try bytes.withRawBytes { (raw) throws(ParquetError) in
                try codec.decompress(
                    UnsafeRawBufferPointer(rebasing: raw[page.payload]),
                    uncompressedSize: Int(page.header.uncompressedPageSize))
            }
        } catch {
            throw corrupt(page.offset, "\(error)")
        }
    }

    private func decodeDataPage<Value: ParquetPrimitive>(
        _ header: ParquetFormat.DataPageHeader, _ raw: UnsafeRawBufferPointer, dictionary: [Value]?,
        into values: inout [Value?]
    ) throws(ParquetError) {
        let count = Int(header.numValues)
        guard count >= 0 else { throw .corruptPage(reason: "negative num_values \(count)") }
        var offset = 0
        var levels: [UInt32]?
        if column.repetition == .optional {
            guard header.definitionLevelEncoding == .rle else {
                throw .unsupportedFeature("definition level encoding \(header.definitionLevelEncoding)")
            }
            guard raw.count >= 4 else { throw .corruptPage(reason: "definition level length truncated") }
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            offset = 4
            guard length <= raw.count - offset else {
                throw .corruptPage(reason: "definition levels of \(length) bytes exceed the page")
            }
            let end = offset + length
            levels = try RLEHybridDecoder.decode(raw, offset: &offset, end: end, bitWidth: 1, count: count)
            offset = end
        }
        let present = levels.map { $0.count { $0 == 1 } } ?? count
        let decoded: [Value]
        if header.encoding == .plain {
            decoded = try PlainDecoder.decode(Value.self, count: present, from: raw, offset: &offset)
        } else if header.encoding.isDictionary {
            guard let dictionary else {
                throw .corruptPage(reason: "dictionary-encoded page without a dictionary page")
            }
            guard offset < raw.count || present == 0 else { throw .corruptPage(reason: "index bit width missing") }
            let bitWidth = present == 0 && offset >= raw.count ? 0 : Int(raw[offset])
            offset += 1
            let indices = try RLEHybridDecoder.decode(
                raw, offset: &offset, end: raw.count, bitWidth: bitWidth, count: present)
            var mapped: [Value] = []
            mapped.reserveCapacity(present)
            for index in indices {
                guard Int(index) < dictionary.count else {
                    throw .corruptPage(
                        reason: "dictionary index \(index) outside the \(dictionary.count)-entry dictionary")
                }
                mapped.append(dictionary[Int(index)])
            }
            decoded = mapped
        } else {
            throw .unsupportedFeature("value encoding \(header.encoding)")
        }
        if let levels {
            var next = decoded.makeIterator()
            for level in levels {
                values.append(level == 1 ? next.next() : nil)
            }
        } else {
            values.append(contentsOf: decoded.lazy.map { Optional($0) })
        }
    }
}
