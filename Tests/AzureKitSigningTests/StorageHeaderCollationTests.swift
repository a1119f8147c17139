import AzureKitSigning
import Testing

@Suite("Storage header collation")
struct StorageHeaderCollationTests {
    @Test(
        "Pairs the docs and SDK issues name, in service order",
        arguments: [
            ("x-ms-meta-i_", "x-ms-meta-i0"),  // azure-sdk-for-python#10277
            ("x-ms-meta-foo_bar", "x-ms-meta-foo2_bar"),  // azure-sdk-for-net#41328
            ("x-ms-meta-test_a", "x-ms-meta-test-a"),  // '-' ignored at the first level
            ("x-ms-enabled-protocols", "x-ms-enable-snapshot-virtual-directory-access"),  // azure-sdk-for-go#23359
            ("x-ms-meta-a", "x-ms-meta-a-"),  // shorter wins when only '-' differs
            ("x-ms-meta-a'b", "x-ms-meta-a-b"),  // apostrophe before hyphen
            ("x-ms-blob-type", "x-ms-date"),  // ordinary names: plain alphabetical
            ("x-ms-meta-a9", "x-ms-meta-aa"),  // digits before letters
        ])
    func ordered(first: String, second: String) {
        #expect(StorageHeaderCollation.areInIncreasingOrder(first, second))
        #expect(!StorageHeaderCollation.areInIncreasingOrder(second, first))
    }

    @Test("Equal names are not ordered either way")
    func equal() {
        #expect(!StorageHeaderCollation.areInIncreasingOrder("x-ms-date", "x-ms-date"))
    }

    @Test("Byte order would disagree for '_' and '-': sorted() differs from sorted by bytes")
    func differsFromByteOrder() {
        let names = ["x-ms-meta-i0", "x-ms-meta-i_", "x-ms-meta-test-a", "x-ms-meta-test_a"]
        #expect(
            StorageHeaderCollation.sorted(names) == [
                "x-ms-meta-i_", "x-ms-meta-i0", "x-ms-meta-test_a", "x-ms-meta-test-a",
            ])
        #expect(names.sorted() != StorageHeaderCollation.sorted(names))
    }
}
