import AzureKitSigning

/// `application/x-www-form-urlencoded` bodies for the token endpoints, encoded by ``PercentEncoding`` (scopes carry
/// `:` and `/`, tokens may carry `+` and `=`). Pairs with an empty value are left out, as the Python SDK's encoder
/// drops them.
enum FormEncoding {
    static func encode(_ pairs: [(String, String?)]) -> String {
        PercentEncoding.query(pairs.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } })
    }
}
