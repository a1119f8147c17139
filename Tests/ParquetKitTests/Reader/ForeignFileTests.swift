import Foundation
import ParquetKit
import Testing

/// Files written by pyarrow 26.0.1 (v1 pages), embedded as base64, read with ParquetReader:
/// checks the reader against a writer other than our own. Generated with
///
///     t = pa.table({"i32": [1, None, -3, 1, 1, 2**31-1, None, -2**31], "i64": [10, 20, 30, None, 50, 60, 70, -(2**53)-1],
///                   "f64": [1.5, nan, None, -0.0, 2.25, 1e300, -1e-300, 3.0], "str": ["AA", "DL", None, "AA", "é", "", "DL", "AA"]})
///     pq.write_table(t, "pa-dict.parquet", compression="snappy", use_dictionary=True, data_page_version="1.0")
///     pq.write_table(t, "pa-plain.parquet", compression="none", use_dictionary=False, data_page_version="1.0",
///                    write_statistics=False)
struct ForeignFileTests {
    static let dictionarySnappy = """
        UEFSMRUEFSAVJEwVCBUAEgAAEDwBAAAA/f///////38AAACAFQAVFBUYLBUQFRAVBhUGHBgE////fxgEAAAAgBYEKAT///9/GAQA
        AACAEREAAAAKJAIAAAADvQIDBA4VBBVwFVBMFQ4VABIAADgECgAJAQAUCQcEAB4NCAAyDQgAPA0IPEYAAAAAAAAA////////3/8V
        ABUWFRosFRAVEBUGFQYcGAhGAAAAAAAAABgI////////3/8WAigIRgAAAAAAAAAYCP///////9//EREAAAALKAIAAAAD9wMDiMYa
        FQQVcBVgTBUOFQASAAA4AAAFAQT4PwUHCAD4fwkIBACACQhkAkCcdQCIPOQ3flnz+MIfbqWBAAAAAAAACEAVABUWFRosFRAVEBUG
        FQYcGAicdQCIPOQ3fhgIWfP4wh9upYEWAigInHUAiDzkN34YCFnz+MIfbqWBEREAAAALKAIAAAAD+wMDiMYaFQQVLBUuTBUIFQAS
        AAAWFAIAAABBQQEGLERMAgAAAMOpAAAAABUAFRQVGCwVEBUQFQYVBhw2AigCw6kYABERAAAACiQCAAAAA/sCA4QHFQQZXDUAGAZz
        Y2hlbWEVCAAVAiUCGANpMzIAFQQlAhgDaTY0ABUKJQIYA2Y2NAAVDCUCGANzdHIlAEwcAAAAFhAZHBlMJgAcFQIZNQAGEBkYA2kz
        MhUCFhAWrgEWtgEmSCYIHBgE////fxgEAAAAgBYEKAT///9/GAQAAACAEREAGSwVBBUAFQIAFQAVEBUCADwpBhkmBAwAAAAmABwV
        BBk1AAYQGRgDaTY0FQIWEBagAhaEAiaqAia+ARwYCEYAAAAAAAAAGAj////////f/xYCKAhGAAAAAAAAABgI////////3/8REQAZ
        LBUEFQAVAgAVABUQFQIAPCkGGSYCDgAAACYAHBUKGTUABhAZGANmNjQVAhYQFqACFpQCJr4EJsIDHBgInHUAiDzkN34YCFnz+MIf
        bqWBFgIoCJx1AIg85Dd+GAhZ8/jCH26lgRERABksFQQVABUCABUAFRAVAgA8KQYZJgIOAAAAJgAcFQwZNQAGEBkYA3N0chUCFhAW
        lgEWnAEmoAYm1gUcNgIoAsOpGAAREQAZLBUEFQAVAgAVABUQFQIAPBYYGQYZJgIOAAAAFoQHFhAmCBbqBgAZHBgMQVJST1c6c2No
        ZW1hGOwCLy8vLy93Z0JBQUFRQUFBQUFBQUtBQXdBQmdBRkFBZ0FDZ0FBQUFBQkJBQU1BQUFBQ0FBSUFBQUFCQUFJQUFBQUJBQUFB
        QVFBQUFDa0FBQUFaQUFBQURBQUFBQUVBQUFBZlAvLy93QUFBUVVRQUFBQUdBQUFBQVFBQUFBQUFBQUFBd0FBQUhOMGNnQUVBQVFB
        QkFBQUFLVC8vLzhBQUFFREVBQUFBQndBQUFBRUFBQUFBQUFBQUFNQUFBQm1OalFBQUFBR0FBZ0FCZ0FHQUFBQUFBQUNBTlQvLy84
        QUFBRUNFQUFBQUJRQUFBQUVBQUFBQUFBQUFBTUFBQUJwTmpRQXhQLy8vd0FBQUFGQUFBQUFFQUFVQUFnQUJnQUhBQXdBQUFBUUFC
        QUFBQUFBQUFFQ0VBQUFBQndBQUFBRUFBQUFBQUFBQUFNQUFBQnBNeklBQ0FBTUFBZ0FCd0FJQUFBQUFBQUFBU0FBQUFBPQAYIHBh
        cnF1ZXQtY3BwLWFycm93IHZlcnNpb24gMjYuMC4xGUwcAAAcAAAcAAAcAAAAbwMAAFBBUjE=
        """

    static let plainUncompressed = """
        UEFSMRUAFTwVPCwVEBUAFQYVBhwAAAACAAAAA70BAAAA/f///wEAAAABAAAA////fwAAAIAVABV8FXwsFRAVABUGFQYcAAAAAgAA
        AAP3CgAAAAAAAAAUAAAAAAAAAB4AAAAAAAAAMgAAAAAAAAA8AAAAAAAAAEYAAAAAAAAA////////3/8VABV8FXwsFRAVABUGFQYc
        AAAAAgAAAAP7AAAAAAAA+D8AAAAAAAD4fwAAAAAAAACAAAAAAAAAAkCcdQCIPOQ3flnz+MIfbqWBAAAAAAAACEAVABVcFVwsFRAV
        ABUGFQYcAAAAAgAAAAP7AgAAAEFBAgAAAERMAgAAAEFBAgAAAMOpAAAAAAIAAABETAIAAABBQRUEGVw1ABgGc2NoZW1hFQgAFQIl
        AhgDaTMyABUEJQIYA2k2NAAVCiUCGANmNjQAFQwlAhgDc3RyJQBMHAAAABYQGRwZTCYAHBUCGSUGABkYA2kzMhUAFhAWYhZiJghJ
        HBUAFQAVAgA8KQYZJgQMAAAAJgAcFQQZJQYAGRgDaTY0FQAWEBaiARaiASZqSRwVABUAFQIAPCkGGSYCDgAAACYAHBUKGSUGABkY
        A2Y2NBUAFhAWogEWogEmjAJJHBUAFQAVAgA8KQYZJgIOAAAAJgAcFQwZJQYAGRgDc3RyFQAWEBaCARaCASauA0kcFQAVABUCADwW
        GBkGGSYCDgAAABaoBBYQJggWqAQAGRwYDEFSUk9XOnNjaGVtYRjsAi8vLy8vd2dCQUFBUUFBQUFBQUFLQUF3QUJnQUZBQWdBQ2dB
        QUFBQUJCQUFNQUFBQUNBQUlBQUFBQkFBSUFBQUFCQUFBQUFRQUFBQ2tBQUFBWkFBQUFEQUFBQUFFQUFBQWZQLy8vd0FBQVFVUUFB
        QUFHQUFBQUFRQUFBQUFBQUFBQXdBQUFITjBjZ0FFQUFRQUJBQUFBS1QvLy84QUFBRURFQUFBQUJ3QUFBQUVBQUFBQUFBQUFBTUFB
        QUJtTmpRQUFBQUdBQWdBQmdBR0FBQUFBQUFDQU5ULy8vOEFBQUVDRUFBQUFCUUFBQUFFQUFBQUFBQUFBQU1BQUFCcE5qUUF4UC8v
        L3dBQUFBRkFBQUFBRUFBVUFBZ0FCZ0FIQUF3QUFBQVFBQkFBQUFBQUFBRUNFQUFBQUJ3QUFBQUVBQUFBQUFBQUFBTUFBQUJwTXpJ
        QUNBQU1BQWdBQndBSUFBQUFBQUFBQVNBQUFBQT0AGCBwYXJxdWV0LWNwcC1hcnJvdyB2ZXJzaW9uIDI2LjAuMRlMHAAAHAAAHAAA
        HAAAALsCAABQQVIx
        """

    static let expected: [ParquetColumnValues] = [
        .int32([1, nil, -3, 1, 1, Int32.max, nil, Int32.min]),
        .int64([10, 20, 30, nil, 50, 60, 70, -9_007_199_254_740_993]),
        .double([1.5, .nan, nil, -0.0, 2.25, 1e300, -1e-300, 3.0]),
        .string(["AA", "DL", nil, "AA", "é", "", "DL", "AA"]),
    ]

    @Test(arguments: [dictionarySnappy, plainUncompressed])
    func readsPyarrowFiles(_ base64: String) throws {
        let bytes = try #require(Data(base64Encoded: base64.filter { !$0.isWhitespace }))
        let reader = try ParquetReader(bytes: [UInt8](bytes))
        #expect(reader.schema.columns.map(\.name) == ["i32", "i64", "f64", "str"])
        #expect(reader.schema.columns.map(\.type) == [.int32, .int64, .double, .string])
        #expect(try reader.readAllColumns() == Self.expected)
    }

    @Test func pyarrowDictionaryFileUsesTheEncodingsWeReadBack() throws {
        let bytes = try #require(Data(base64Encoded: Self.dictionarySnappy.filter { !$0.isWhitespace }))
        let reader = try ParquetReader(bytes: [UInt8](bytes))
        let metas = reader.metadata.rowGroups[0].columns.compactMap(\.metaData)
        #expect(metas.allSatisfy { $0.codec == .snappy && $0.encodings.contains(.rleDictionary) })
        #expect(reader.metadata.columnOrders?.count == 4)
    }
}
