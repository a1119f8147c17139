#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A number read from a CSV field: integers without fraction or exponent in the `Int64` range
/// (`-9223372036854775808 … 9223372036854775807`) stay exact integers, everything else is a correctly rounded double.
enum ParsedNumber: Equatable {
    case integer(Int64)
    case double(Double)
    case invalid
}

/// Allocation-free ASCII number parsing for the hot loop.
enum NumberParser {
    /// Powers of ten that are exact in a `Double` (10^0 … 10^22), for Clinger's fast path.
    private static let exactPowers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses `[-+]digits[.digits][(e|E)[-+]digits]`; integers without fraction or exponent stay exact.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> ParsedNumber {
        var (negative, index) = sign(start, count: count)
        let digitsStart = index
        var value: UInt64 = 0
        while index < count {
            let digit = start[index] &- 48
            if digit > 9 { break }
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
        let digitCount = index - digitsStart
        if index == count, digitCount > 0, digitCount <= 18 {
            let signed = Int64(value)
            return .integer(negative ? -signed : signed)
        }
        if index == count, digitCount > 18,
            let exact = exactInteger(start + digitsStart, count: digitCount, negative: negative)
        {
            return .integer(exact)
        }
        return parseDouble(start, count: count)
    }

    /// An integer of 19 or more digits (leading zeros included) that fits `Int64`, or nil: the slow, checked path
    /// that keeps every value from `Int64.min` to `Int64.max` exact.
    static func exactInteger(_ digits: UnsafePointer<UInt8>, count: Int, negative: Bool) -> Int64? {
        var magnitude: UInt64 = 0
        for index in 0..<count {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digits[index] &- 48))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Parses 1…8 ASCII digits at once (Lemire's SWAR method): the digits are right-aligned in a 64-bit word,
    /// left-padded with "0", checked with two masks, then combined with three multiplications.
    /// Reads 8 bytes at `start` (the buffer's slack makes that safe); nil if any byte is not a digit.
    @inline(__always)
    static func eightDigits(_ start: UnsafePointer<UInt8>, count: Int) -> UInt32? {
        let raw = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
        let missing = UInt64(truncatingIfNeeded: 8 &- count) &* 8
        // Little endian: byte 0 is the most significant digit; shift the digits to the top, pad with '0'.
        let word = (UInt64(littleEndian: raw) &<< missing) | (0x3030_3030_3030_3030 & ((1 &<< missing) &- 1))
        let isDigits =
            (word & 0xF0F0_F0F0_F0F0_F0F0) == 0x3030_3030_3030_3030
            && ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) == 0x3030_3030_3030_3030
        guard isDigits else { return nil }
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value &>> 8)
        value =
            (((value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
                &+ (((value &>> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) &>> 32
        return UInt32(truncatingIfNeeded: value)
    }

    /// Reads an optional leading sign: (negative, index of the first digit).
    @inline(__always)
    private static func sign(_ start: UnsafePointer<UInt8>, count: Int) -> (Bool, Int) {
        guard count > 0, start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") else { return (false, 0) }
        return (start[0] == UInt8(ascii: "-"), 1)
    }

    /// The general path: fractions, exponents, and integers too long for the exact fast path.
    static func parseDouble(_ start: UnsafePointer<UInt8>, count: Int) -> ParsedNumber {
        var (negative, index) = sign(start, count: count)
        var mantissa: UInt64 = 0
        var significant = 0
        var digits = 0
        var decimalExponent = 0
        var truncated = false
        while index < count, start[index] &- 48 <= 9 {
            accumulate(start[index] &- 48, &mantissa, &significant, &truncated, &decimalExponent, fraction: false)
            digits += 1
            index += 1
        }
        if index < count, start[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, start[index] &- 48 <= 9 {
                accumulate(start[index] &- 48, &mantissa, &significant, &truncated, &decimalExponent, fraction: true)
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return .invalid }
        if index < count, start[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                exponentNegative = start[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < count, start[index] &- 48 <= 9 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(start[index] &- 48) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return .invalid }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        guard index == count else { return .invalid }
        if !truncated, mantissa <= 1 << 53, abs(decimalExponent) <= 22 {
            var result = Double(mantissa)
            if decimalExponent < 0 {
                result /= exactPowers[-decimalExponent]
            } else {
                result *= exactPowers[decimalExponent]
            }
            return .double(negative ? -result : result)
        }
        // Rare: more than 19 significant digits or a large exponent. The standard library rounds correctly.
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        guard let result = Double(text) else { return .invalid }
        return .double(result)
    }

    @inline(__always)
    private static func accumulate(
        _ digit: UInt8, _ mantissa: inout UInt64, _ significant: inout Int, _ truncated: inout Bool,
        _ exponent: inout Int, fraction: Bool
    ) {
        if significant == 0 && digit == 0 {
            if fraction { exponent -= 1 }
            return
        }
        if significant < 19 {
            mantissa = mantissa * 10 + UInt64(digit)
            significant += 1
            if fraction { exponent -= 1 }
        } else {
            if digit != 0 { truncated = true }
            if !fraction { exponent += 1 }
        }
    }
}
